#include "projections/skillspring/skillspring_projection.h"

#include "domain/core/variant_util.h"
#include "domain/privacy/person.h"
#include "domain/skillspring/coupon.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/media.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/qa.h"
#include "domain/skillspring/review.h"
#include "domain/skillspring/wishlist.h"
#include "eventstore/event_codec.h"
#include "projections/skillspring/learning_rows.h"
#include "projections/skillspring/qa_rows.h"
#include "projections/values.h"

namespace edu {
namespace skillspring_ddl {
std::vector<std::string> Statements();
}

namespace {

using namespace skillspring;

using SkillspringEvent = std::variant<
    UserRegistered, MentorRatingRecorded, CategoryCreated, CourseCreated, CourseSubmitted,
    CoursePublished, CourseChangesRequested, CourseArchived, CoursePriceChanged, CourseViewed,
    CouponCreated, CouponRedeemed, CouponReleased, CartOpened, CartItemAdded, CartItemRemoved,
    CouponAttached, CouponDeclined, CartAbandoned, CartCheckedOut, CoursePurchased, LectureWatched,
    CourseCompleted, PurchaseRefunded, ReviewWritten, ReviewVoted, ReviewReported,
    ReviewReportsDismissed, ReviewRemoved, MentorRatingWithdrawn, QuestionAsked, QuestionAnswered,
    AnswerMarkedAsSolution, MediaAssetUploaded, MediaProcessingStarted, MediaAssetReady,
    MediaProcessingFailed, MediaProcessingRetried, WishlistCreated, WishlistItemAdded,
    WishlistItemRemoved, CourseContentEdited>;
static_assert(VariantIncludes<UserDecider::Event, SkillspringEvent>::value, "every user event");
static_assert(VariantIncludes<CategoryDecider::Event, SkillspringEvent>::value,
              "every category event");
static_assert(VariantIncludes<CourseDecider::Event, SkillspringEvent>::value, "every course event");
static_assert(VariantIncludes<CouponDecider::Event, SkillspringEvent>::value, "every coupon event");
static_assert(VariantIncludes<LearnerDecider::Event, SkillspringEvent>::value,
              "every learner event");
static_assert(VariantIncludes<ReviewDecider::Event, SkillspringEvent>::value, "every review event");
static_assert(VariantIncludes<QuestionDecider::Event, SkillspringEvent>::value,
              "every question event");
static_assert(VariantIncludes<AnswerDecider::Event, SkillspringEvent>::value, "every answer event");
static_assert(VariantIncludes<MediaAssetDecider::Event, SkillspringEvent>::value,
              "every media asset event");
static_assert(VariantIncludes<WishlistDecider::Event, SkillspringEvent>::value,
              "every wishlist event");

// courses.meta: "(tags, prerequisites)".
struct CourseMeta {
  std::vector<std::string> tags;
  std::vector<std::string> prerequisites;
  EDU_FIELDS(tags, prerequisites)
};

SqlValue Cents(const Money& m) { return m.minor; }
SqlValue Cents(const std::optional<Money>& m) {
  if (!m) return Null{};
  return m->minor;
}
SqlValue Percentage(BasisPoints bps) { return Decimal{bps, 2}; }  // 10'000 bps = 100.00

void AddToMetrics(Timestamp t, const Uuid& course_id, Columns deltas, RowOps* ops) {
  ops->Increment("course_metrics", {{"course_id", course_id}, {"date", DateOf(t)}},
                 std::move(deltas));
}

class SkillspringProjection : public Projection {
 public:
  std::string name() const override { return "skillspring"; }
  // 2: course_reviews.moderation_status and deleted_at (review moderation).
  // 3: media assets, wishlists, course content edits.
  int version() const override { return 3; }
  std::string schema() const override { return "skillspring"; }
  std::vector<std::string> Ddl() const override { return skillspring_ddl::Statements(); }
  // PersonForgotten feeds no table: erasure reaches personal columns through the key
  // (docs/gdpr.md).
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "skillspring" && e.type != privacy::PersonForgotten::kType;
  }

  Status Apply(const RecordedEvent& r, RowOps* ops) const override {
    SkillspringEvent event;
    EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
    std::visit([&](const auto& e) { On(r, e, ops); }, event);
    return Status::OK();
  }

 private:
  // ---- people and catalog
  // --------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const UserRegistered& e, RowOps* ops) {
    ops->Insert("users", {{"id", e.user_id},
                          {"email", PersonalValue(e.email)},
                          {"password_hash", PersonalValue(e.password_hash)},
                          {"role", EnumValue(e.role)},
                          {"status", EnumValue(e.status)},
                          {"first_name", PersonalValue(e.first_name)},
                          {"last_name", PersonalValue(e.last_name)},
                          {"avatar_url", OptionalText(e.avatar_url)},
                          {"bio", PersonalValue(e.bio)},
                          {"timezone", OptionalText(e.timezone)},
                          {"created_at", r.occurred_at},
                          {"updated_at", r.occurred_at}});
    if (e.role == UserRole::mentor) {
      // Upsert: purchases on other partitions may have counted students already.
      ops->Upsert("mentors", {"user_id"},
                  {{"user_id", e.user_id},
                   {"headline", OptionalText(e.headline)},
                   {"about", OptionalText(e.about)},
                   {"experience_years",
                    e.experience_years ? SqlValue(int64_t{*e.experience_years}) : Null{}},
                   {"languages", e.languages}});
    } else if (e.role == UserRole::student) {
      ops->Insert("students", {{"user_id", e.user_id},
                               {"occupation", OptionalText(e.occupation)},
                               {"goals", OptionalText(e.goals)}});
    }
  }

  static void On(const RecordedEvent&, const MentorRatingRecorded& e, RowOps* ops) {
    ops->Update("mentors", {{"user_id", e.mentor_id}},
                {{"average_rating", Decimal{e.average_rating_hundredths, 2}},
                 {"total_reviews", int64_t{e.total_reviews_after}}});
  }

  static void On(const RecordedEvent&, const CategoryCreated& e, RowOps* ops) {
    ops->Insert("categories", {{"id", e.category_id},
                               {"parent_id", OptionalValue(e.parent_id)},
                               {"name", e.name},
                               {"slug", e.slug},
                               {"level", int64_t{e.level}},
                               {"description", OptionalText(e.description)}});
  }

  static void On(const RecordedEvent& r, const CourseCreated& e, RowOps* ops) {
    ops->Insert("courses", {{"id", e.course_id},
                            {"mentor_id", e.mentor_id},
                            {"title", e.title},
                            {"subtitle", OptionalText(e.subtitle)},
                            {"slug", e.slug},
                            {"description", e.description},
                            {"language_code", e.language_code},
                            {"level", EnumValue(e.level)},
                            {"status", EnumValue(CourseStatus::draft)},
                            {"list_price_cents", Cents(e.list_price)},
                            {"sale_price_cents", Cents(e.sale_price)},
                            {"currency", e.list_price.currency},
                            {"total_duration_minutes", int64_t{e.total_duration_minutes}},
                            {"lecture_count", int64_t{e.lecture_count}},
                            {"last_updated_at", r.occurred_at},
                            {"hero_video_url", OptionalText(e.hero_video_url)},
                            {"thumbnail_url", OptionalText(e.thumbnail_url)},
                            {"is_bestseller", false},
                            {"meta", Json{json::Encode(CourseMeta{e.tags, e.prerequisites})}},
                            {"created_at", r.occurred_at}});
    for (const Section& s : e.sections) {
      ops->Insert("course_sections", {{"id", s.section_id},
                                      {"course_id", e.course_id},
                                      {"title", s.title},
                                      {"position", int64_t{s.position}},
                                      {"total_duration_minutes", int64_t{s.total_duration_minutes}},
                                      {"lecture_count", static_cast<int64_t>(s.lectures.size())}});
      for (const Lecture& l : s.lectures) {
        ops->Insert("lectures", {{"id", l.lecture_id},
                                 {"section_id", s.section_id},
                                 {"title", l.title},
                                 {"position", int64_t{l.position}},
                                 {"content_type", EnumValue(l.content_type)},
                                 {"duration_minutes", int64_t{l.duration_minutes}},
                                 {"video_url", OptionalText(l.video_url)},
                                 {"resource_url", OptionalText(l.resource_url)},
                                 {"is_preview", l.is_preview},
                                 {"status", std::string("draft")}});
      }
    }
    for (const std::string& tag : e.tags) {
      // Tags are shared by courses of every stream: Upsert, keyed by the id derived from the name.
      ops->Upsert("course_tags", {"id"}, {{"id", TagIdFor(tag)}, {"name", tag}});
      ops->Insert("course_tag_map", {{"course_id", e.course_id}, {"tag_id", TagIdFor(tag)}});
    }
    for (const Uuid& category : e.category_ids) {
      ops->Insert("course_categories", {{"course_id", e.course_id}, {"category_id", category}});
    }
  }

  static void SetStatus(const RecordedEvent& r, const Uuid& course_id, CourseStatus status,
                        RowOps* ops) {
    ops->Update("courses", {{"id", course_id}},
                {{"status", EnumValue(status)}, {"last_updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CourseSubmitted& e, RowOps* ops) {
    SetStatus(r, e.course_id, CourseStatus::submitted, ops);
  }

  static void On(const RecordedEvent& r, const CoursePublished& e, RowOps* ops) {
    SetStatus(r, e.course_id, CourseStatus::published, ops);
    for (const Uuid& lecture : e.lecture_ids) {
      ops->Update("lectures", {{"id", lecture}}, {{"status", std::string("published")}});
    }
  }

  static void On(const RecordedEvent& r, const CourseChangesRequested& e, RowOps* ops) {
    SetStatus(r, e.course_id, CourseStatus::draft, ops);
  }

  static void On(const RecordedEvent& r, const CourseArchived& e, RowOps* ops) {
    ops->Update("courses", {{"id", e.course_id}},
                {{"status", EnumValue(CourseStatus::archived)},
                 {"deleted_at", r.occurred_at},
                 {"last_updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CoursePriceChanged& e, RowOps* ops) {
    ops->Update("courses", {{"id", e.course_id}},
                {{"list_price_cents", Cents(e.list_price)},
                 {"sale_price_cents", Cents(e.sale_price)},
                 {"last_updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CourseViewed& e, RowOps* ops) {
    AddToMetrics(r.occurred_at, e.course_id, {{"views", int64_t{1}}}, ops);
  }

  // ---- coupons
  // ---------------------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const CouponCreated& e, RowOps* ops) {
    ops->Insert("coupons", {{"id", e.coupon_id},
                            {"mentor_id", OptionalValue(e.mentor_id)},
                            {"code", e.code},
                            {"discount_percent", int64_t{e.discount_percent}},
                            {"max_redemptions", int64_t{e.max_redemptions}},
                            {"redeemed_count", int64_t{0}},
                            {"starts_at", e.starts_at},
                            {"expires_at", e.expires_at},
                            {"created_at", r.occurred_at}});
  }

  static void On(const RecordedEvent&, const CouponRedeemed& e, RowOps* ops) {
    ops->Update("coupons", {{"id", e.coupon_id}},
                {{"redeemed_count", int64_t{e.redeemed_count_after}}});
  }

  static void On(const RecordedEvent&, const CouponReleased& e, RowOps* ops) {
    ops->Update("coupons", {{"id", e.coupon_id}},
                {{"redeemed_count", int64_t{e.redeemed_count_after}}});
  }

  // ---- carts, purchases, progress
  // --------------------------------------------------------------------

  static void TouchCart(const RecordedEvent& r, const Uuid& cart_id, RowOps* ops) {
    ops->Update("carts", {{"id", cart_id}}, {{"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CartOpened& e, RowOps* ops) {
    ops->Insert("carts", {{"id", e.cart_id},
                          {"student_id", e.student_id},
                          {"status", EnumValue(CartStatus::open)},
                          {"created_at", r.occurred_at},
                          {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CartItemAdded& e, RowOps* ops) {
    ops->Insert("cart_items", {{"cart_id", e.cart_id},
                               {"course_id", e.course_id},
                               {"price_cents", Cents(e.price)},
                               {"currency", e.price.currency},
                               {"added_at", r.occurred_at}});
    TouchCart(r, e.cart_id, ops);
  }

  static void On(const RecordedEvent& r, const CartItemRemoved& e, RowOps* ops) {
    ops->Delete("cart_items", {{"cart_id", e.cart_id}, {"course_id", e.course_id}});
    TouchCart(r, e.cart_id, ops);
  }

  static void On(const RecordedEvent& r, const CouponAttached& e, RowOps* ops) {
    ops->Update("carts", {{"id", e.cart_id}},
                {{"coupon_code", e.code}, {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent&, const CouponDeclined&, RowOps*) {}

  static void On(const RecordedEvent& r, const CartAbandoned& e, RowOps* ops) {
    ops->Update("carts", {{"id", e.cart_id}},
                {{"status", EnumValue(CartStatus::abandoned)}, {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CartCheckedOut& e, RowOps* ops) {
    ops->Update("carts", {{"id", e.cart_id}},
                {{"status", EnumValue(CartStatus::converted)},
                 {"coupon_code", e.coupon_used ? OptionalText(e.coupon_code) : SqlValue(Null{})},
                 {"subtotal_cents", Cents(e.subtotal)},
                 {"discount_cents", Cents(e.discount)},
                 {"total_cents", Cents(e.total)},
                 {"payment_reference", e.payment_reference},
                 {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CoursePurchased& e, RowOps* ops) {
    // Upsert: a course bought again after a refund keeps its enrollment id (one per student and
    // course); every column is written, so nothing of the refunded purchase survives.
    ops->Upsert("enrollments", {"id"},
                {{"id", e.enrollment_id},
                 {"course_id", e.course_id},
                 {"student_id", e.student_id},
                 {"purchase_price_cents", Cents(e.purchase_price)},
                 {"currency", e.purchase_price.currency},
                 {"purchased_at", e.purchased_at},
                 {"progress_percent", Percentage(0)},
                 {"last_watched_lecture", Null{}},
                 {"completed_at", Null{}},
                 {"cart_id", e.cart_id},
                 {"list_price_cents", Cents(e.price)},
                 {"discount_cents", Cents(e.discount)},
                 {"mentor_earnings_cents", Cents(e.mentor_earnings)},
                 {"platform_fee_cents", Cents(e.platform_fee)},
                 {"refunded_at", Null{}},
                 {"refund_cents", Null{}}});
    AddToMetrics(r.occurred_at, e.course_id,
                 {{"enrollments", int64_t{1}}, {"revenue_cents", e.purchase_price.minor}}, ops);
    ops->Increment("mentors", {{"user_id", e.mentor_id}}, {{"total_students", int64_t{1}}});
  }

  static void On(const RecordedEvent&, const LectureWatched& e, RowOps* ops) {
    ops->Update(
        "enrollments", {{"id", e.enrollment_id}},
        {{"progress_percent", Percentage(e.progress_bps)}, {"last_watched_lecture", e.lecture_id}});
  }

  static void On(const RecordedEvent& r, const CourseCompleted& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}}, {{"completed_at", r.occurred_at}});
    AddToMetrics(r.occurred_at, e.course_id, {{"completions", int64_t{1}}}, ops);
  }

  static void On(const RecordedEvent& r, const PurchaseRefunded& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"refunded_at", r.occurred_at}, {"refund_cents", Cents(e.amount)}});
    AddToMetrics(r.occurred_at, e.course_id,
                 {{"refunds", int64_t{1}}, {"refund_cents", e.amount.minor}}, ops);
    ops->Increment("mentors", {{"user_id", e.mentor_id}}, {{"total_students", int64_t{-1}}});
  }

  // ---- reviews
  // ---------------------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const ReviewWritten& e, RowOps* ops) {
    ops->Insert("course_reviews", {{"id", e.review_id},
                                   {"course_id", e.course_id},
                                   {"student_id", e.student_id},
                                   {"rating", int64_t{e.rating}},
                                   {"title", OptionalText(e.title)},
                                   {"body", OptionalText(e.body)},
                                   {"would_recommend", OptionalValue(e.would_recommend)},
                                   {"created_at", r.occurred_at},
                                   {"updated_at", r.occurred_at},
                                   {"is_verified", e.is_verified},
                                   {"helpful_count", int64_t{0}},
                                   {"reported_count", int64_t{0}},
                                   {"moderation_status", EnumValue(ModerationStatus::active)}});
  }

  static void On(const RecordedEvent& r, const ReviewVoted& e, RowOps* ops) {
    ops->Insert("review_helpful_votes", {{"review_id", e.review_id},
                                         {"student_id", e.student_id},
                                         {"vote", EnumValue(e.vote)},
                                         {"created_at", r.occurred_at}});
    ops->Update("course_reviews", {{"id", e.review_id}},
                {{"helpful_count", int64_t{e.helpful_count_after}}, {"updated_at", r.occurred_at}});
  }

  // ---- review moderation, course Q&A (qa_rows.cc)
  // -----------------------------------------------------------------

  static void On(const RecordedEvent& r, const ReviewReported& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  static void On(const RecordedEvent& r, const ReviewReportsDismissed& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  static void On(const RecordedEvent& r, const ReviewRemoved& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  static void On(const RecordedEvent& r, const MentorRatingWithdrawn& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  static void On(const RecordedEvent& r, const QuestionAsked& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  static void On(const RecordedEvent& r, const QuestionAnswered& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  static void On(const RecordedEvent& r, const AnswerMarkedAsSolution& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
  // Media assets, wishlists, course content edits (learning_rows.cc).
  template <class E>
  static void On(const RecordedEvent& r, const E& e, RowOps* ops) {
    skillspring_rows::Project(r, e, ops);
  }
};

}  // namespace

std::unique_ptr<Projection> MakeSkillspringProjection() {
  return std::make_unique<SkillspringProjection>();
}

}  // namespace edu
