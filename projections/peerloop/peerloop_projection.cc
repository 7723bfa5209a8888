#include "projections/peerloop/peerloop_projection.h"

#include "domain/core/variant_util.h"
#include "domain/peerloop/course.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/goodwill.h"
#include "domain/peerloop/payout.h"
#include "domain/peerloop/post.h"
#include "domain/peerloop/session.h"
#include "domain/peerloop/summon.h"
#include "domain/peerloop/user.h"
#include "eventstore/event_codec.h"
#include "projections/peerloop/feed_rows.h"
#include "projections/peerloop/learning_rows.h"
#include "projections/peerloop/messaging_rows.h"
#include "projections/values.h"

namespace edu {
namespace peerloop_ddl {
std::vector<std::string> Statements();
}

namespace {

using namespace peerloop;

using PeerloopEvent =
    std::variant<UserRegistered, StudentTeacherCertified, AvailabilitySlotAdded,
                 AvailabilitySlotRemoved, CategoryCreated, CourseCreated, CourseTagged,
                 EnrollmentCreated, PaymentInitiated, PaymentCompleted, PaymentSplit, PaymentFailed,
                 EnrollmentStarted, EscrowReleased, EnrollmentCompleted, EnrollmentCancelled,
                 RefundIssued, SplitsPaid, SessionScheduled, SessionStarted, SessionCompleted,
                 SessionCancelled, SessionAssessed, EarningsCredited, PayoutRequested,
                 PayoutApproved, PayoutRejected, PayoutProcessing, PayoutCompleted, PayoutFailed,
                 GoodwillGiven, GoodwillAwarded, RewardUnlocked, RewardRedeemed,
                 HelpAvailabilityChanged, PostPromoted, HelpSummoned, SummonResponded,
                 SummonCompleted, SummonCancelled, SummonExpired, PostCreated, PostEdited,
                 PostPinned, PostInteracted, PostInteractionUndone, PostFlagged, PostModerated>;
static_assert(VariantIncludes<UserDecider::Event, PeerloopEvent>::value, "user events");
static_assert(VariantIncludes<CategoryDecider::Event, PeerloopEvent>::value, "category events");
static_assert(peerloop_rows::IncludedInEither<CourseDecider::Event, PeerloopEvent,
                                              peerloop_rows::LearningEvent>::value,
              "course events");
static_assert(VariantIncludes<EnrollmentDecider::Event, PeerloopEvent>::value, "enrollment events");
static_assert(VariantIncludes<SessionDecider::Event, PeerloopEvent>::value, "session events");
static_assert(VariantIncludes<PayoutAccountDecider::Event, PeerloopEvent>::value, "payout events");
static_assert(VariantIncludes<GoodwillDecider::Event, PeerloopEvent>::value, "goodwill events");
static_assert(VariantIncludes<SummonDecider::Event, PeerloopEvent>::value, "summon events");
static_assert(VariantIncludes<PostDecider::Event, PeerloopEvent>::value, "post events");

SqlValue Int(int64_t v) { return v; }
SqlValue OptionalInt(const std::optional<int32_t>& v) { return v ? SqlValue(int64_t{*v}) : Null{}; }
SqlValue OptionalUuid(const std::optional<Uuid>& v) { return v ? SqlValue(*v) : Null{}; }
SqlValue Text(std::string_view status) { return std::string(status); }

// user_goodwill from the figures an event of the user's own goodwill stream carries.
void GoodwillFigures(RowOps* ops, const Uuid& user, int64_t total_earned, int64_t spent,
                     const RecordedEvent& r, Columns extra = {}) {
  Columns row{{"user_id", user},
              {"total_earned", total_earned},
              {"balance", total_earned - spent},
              {"spent", spent},
              {"updated_at", r.occurred_at}};
  for (auto& c : extra) row.push_back(std::move(c));
  ops->Upsert("user_goodwill", {"user_id"}, std::move(row));
}

void SetSplits(RowOps* ops, const std::vector<Uuid>& ids, Columns set) {
  for (const Uuid& id : ids) ops->Update("payment_splits", {{"id", id}}, set);
}

class PeerloopProjection : public Projection {
 public:
  std::string name() const override { return "peerloop"; }
  // 2: posts.moderation_status and moderation_reason, content_flags.review_reason (moderation).
  // 3: course pages, module progress, ratings and certificates; expired summons.
  int version() const override { return 3; }
  std::string schema() const override { return "peerloop"; }
  std::vector<std::string> Ddl() const override { return peerloop_ddl::Statements(); }
  // PersonForgotten feeds no table: erasure reaches them through the key (docs/gdpr.md).
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "peerloop" && e.type != "PersonForgotten";
  }

  Status Apply(const RecordedEvent& r, RowOps* ops) const override {
    if (peerloop_rows::IsMessagingEvent(r.type)) return peerloop_rows::ApplyMessagingEvent(r, ops);
    if (peerloop_rows::IsLearningEvent(r.type)) return peerloop_rows::ApplyLearningEvent(r, ops);
    PeerloopEvent event;
    EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
    std::visit([&](const auto& e) { On(r, e, ops); }, event);
    return Status::OK();
  }

 private:
  // ---- users ----
  static void On(const RecordedEvent& r, const UserRegistered& e, RowOps* ops) {
    ops->Insert("users", {{"id", e.user_id},
                          {"email", PersonalValue(e.email)},
                          {"password_hash", PersonalValue(e.password_hash)},
                          {"name", PersonalValue(e.name)},
                          {"handle", PersonalValue(e.handle)},
                          {"title", OptionalText(e.title)},
                          {"avatar_url", PersonalValue(e.avatar_url)},
                          {"bio", PersonalValue(e.bio)},
                          {"bio_short", PersonalValue(e.bio_short)},
                          {"teaching_philosophy", OptionalText(e.teaching_philosophy)},
                          {"website", PersonalValue(e.website)},
                          {"role", EnumValue(e.role)},
                          {"is_creator", e.is_creator},
                          {"is_student_teacher", e.is_student_teacher},
                          {"is_admin", e.is_admin},
                          {"is_moderator", e.is_moderator},
                          {"privacy_public", e.privacy_public},
                          {"email_verified", e.email_verified},
                          {"created_at", r.occurred_at},
                          {"updated_at", r.occurred_at}});
  }
  static void On(const RecordedEvent& r, const StudentTeacherCertified& e, RowOps* ops) {
    ops->Update("users", {{"id", e.user_id}},
                {{"role", EnumValue(e.role_after)},
                 {"is_student_teacher", true},
                 {"updated_at", r.occurred_at}});
    // students_taught is counted by the enrollments' events (Increment): not written here.
    ops->Upsert("student_teachers", {"id"},
                {{"id", e.certification_id},
                 {"user_id", e.user_id},
                 {"course_id", e.course_id},
                 {"certified_date", e.certified_date},
                 {"is_active", true},
                 {"approved_by", e.approved_by}});
    ops->Upsert("peerloop_features", {"course_id"},
                {{"course_id", e.course_id}, {"certified_teachers", true}});
  }
  static void On(const RecordedEvent&, const AvailabilitySlotAdded& e, RowOps* ops) {
    ops->Insert("availability", {{"id", e.slot_id},
                                 {"user_id", e.user_id},
                                 {"day_of_week", Int(e.day_of_week)},
                                 {"start_time", e.start_time},
                                 {"end_time", e.end_time},
                                 {"timezone", e.timezone},
                                 {"is_recurring", e.is_recurring}});
  }
  static void On(const RecordedEvent&, const AvailabilitySlotRemoved& e, RowOps* ops) {
    ops->Delete("availability", {{"id", e.slot_id}});
  }

  // ---- catalog ----
  static void On(const RecordedEvent&, const CategoryCreated& e, RowOps* ops) {
    ops->Insert("categories", {{"id", e.category_id},
                               {"name", e.name},
                               {"slug", e.slug},
                               {"display_order", Int(e.display_order)}});
  }
  static void On(const RecordedEvent& r, const CourseCreated& e, RowOps* ops) {
    // Upsert: enrollments (other streams) may already have counted students.
    ops->Upsert("courses", {"id"},
                {{"id", e.course_id},
                 {"creator_id", e.creator_id},
                 {"title", e.title},
                 {"slug", e.slug},
                 {"tagline", OptionalText(e.tagline)},
                 {"description", e.description},
                 {"duration", e.duration},
                 {"duration_weeks", OptionalInt(e.duration_weeks)},
                 {"total_duration", OptionalText(e.total_duration)},
                 {"session_count", Int(e.session_count)},
                 {"module_count", OptionalInt(e.module_count)},
                 {"lesson_count", OptionalInt(e.lesson_count)},
                 {"format", OptionalText(e.format)},
                 {"level", EnumValue(e.level)},
                 {"price_cents", e.price.minor},
                 {"currency", e.price.currency},
                 {"thumbnail_url", OptionalText(e.thumbnail_url)},
                 {"category_id", e.category_id},
                 {"lifetime_access", e.lifetime_access},
                 {"has_certificate", e.has_certificate},
                 {"certificate_name", OptionalText(e.certificate_name)},
                 {"is_active", true},
                 {"is_retired", false},
                 {"created_at", r.occurred_at},
                 {"updated_at", r.occurred_at}});
    ops->Upsert("peerloop_features", {"course_id"},
                {{"course_id", e.course_id},
                 {"one_on_one_teaching", e.one_on_one_teaching},
                 {"earn_while_teaching", e.earn_while_teaching},
                 {"teacher_commission", Int(e.teacher_commission)}});
  }
  static void On(const RecordedEvent&, const CourseTagged& e, RowOps* ops) {
    ops->Insert("course_tags", {{"id", e.tag_id}, {"course_id", e.course_id}, {"tag", e.tag}});
  }

  // ---- enrollments and money ----
  static void On(const RecordedEvent&, const EnrollmentCreated& e, RowOps* ops) {
    ops->Insert("enrollments", {{"id", e.enrollment_id},
                                {"student_id", e.student_id},
                                {"course_id", e.course_id},
                                {"student_teacher_id", OptionalUuid(e.student_teacher_id)},
                                {"status", Text("enrolled")},
                                {"enrolled_at", e.enrolled_at}});
    ops->Increment("courses", {{"id", e.course_id}}, {{"student_count", Int(1)}});
    // The first enrollment with an instructor grants their feed (CD-024): the earliest wins.
    ops->Least("instructor_followers",
               {{"id", DeriveUuid(e.creator_id, "follower/" + ToString(e.student_id))}},
               {{"instructor_id", e.creator_id},
                {"follower_id", e.student_id},
                {"first_enrollment_at", e.enrolled_at},
                {"created_at", e.enrolled_at}});
  }
  static void On(const RecordedEvent& r, const PaymentInitiated& e, RowOps* ops) {
    ops->Insert("transactions", {{"id", e.transaction_id},
                                 {"enrollment_id", e.enrollment_id},
                                 {"amount_cents", e.amount.minor},
                                 {"stripe_payment_id", e.stripe_payment_id},
                                 {"status", Text("pending")},
                                 {"created_at", r.occurred_at}});
  }
  static void On(const RecordedEvent&, const PaymentCompleted& e, RowOps* ops) {
    ops->Update("transactions", {{"id", e.transaction_id}},
                {{"status", Text("completed")}, {"paid_at", e.paid_at}});
  }
  static void On(const RecordedEvent&, const PaymentSplit& e, RowOps* ops) {
    for (const SplitLine& l : e.lines) {
      ops->Insert("payment_splits", {{"id", l.split_id},
                                     {"transaction_id", e.transaction_id},
                                     {"recipient_id", l.recipient_id},
                                     {"recipient_type", EnumValue(l.recipient_type)},
                                     {"amount_cents", l.amount_cents},
                                     {"percentage", Int(l.percentage)},
                                     {"status", Text("pending")}});
    }
  }
  static void On(const RecordedEvent&, const PaymentFailed& e, RowOps* ops) {
    ops->Update("transactions", {{"id", e.transaction_id}}, {{"status", Text("failed")}});
  }
  static void On(const RecordedEvent&, const EnrollmentStarted& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}}, {{"status", Text("in_progress")}});
  }
  static void On(const RecordedEvent&, const EscrowReleased& e, RowOps* ops) {
    std::vector<Uuid> ids;
    for (const auto& l : e.lines) ids.push_back(l.split_id);
    SetSplits(ops, ids, {{"status", Text("released")}, {"released_at", e.released_at}});
  }
  static void On(const RecordedEvent&, const EnrollmentCompleted& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"status", Text("completed")}, {"completed_at", e.completed_at}});
    if (e.student_teacher_id) {
      ops->Increment(
          "student_teachers",
          {{"id", DeriveUuid(*e.student_teacher_id, "student_teacher/" + ToString(e.course_id))}},
          {{"students_taught", Int(1)}});
    }
  }
  static void On(const RecordedEvent&, const EnrollmentCancelled& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"status", Text("cancelled")},
                 {"cancelled_at", e.cancelled_at},
                 {"cancel_reason", e.reason}});
    ops->Increment("courses", {{"id", e.course_id}}, {{"student_count", Int(-1)}});
  }
  static void On(const RecordedEvent&, const RefundIssued& e, RowOps* ops) {
    ops->Update("transactions", {{"id", e.transaction_id}}, {{"status", Text("refunded")}});
    SetSplits(ops, e.refunded_split_ids, {{"status", Text("refunded")}});
  }
  static void On(const RecordedEvent&, const SplitsPaid& e, RowOps* ops) {
    SetSplits(ops, e.split_ids, {{"status", Text("paid")}, {"paid_at", e.paid_at}});
  }

  // ---- sessions ----
  static void On(const RecordedEvent& r, const SessionScheduled& e, RowOps* ops) {
    ops->Insert("sessions", {{"id", e.session_id},
                             {"enrollment_id", e.enrollment_id},
                             {"teacher_id", e.teacher_id},
                             {"student_id", e.student_id},
                             {"scheduled_start", e.scheduled_start},
                             {"scheduled_end", e.scheduled_end},
                             {"status", Text("scheduled")},
                             {"bbb_meeting_url", OptionalText(e.bbb_meeting_url)},
                             {"created_at", r.occurred_at}});
  }
  static void On(const RecordedEvent&, const SessionStarted& e, RowOps* ops) {
    ops->Update("sessions", {{"id", e.session_id}}, {{"status", Text("in_progress")}});
  }
  static void On(const RecordedEvent&, const SessionCompleted& e, RowOps* ops) {
    ops->Update("sessions", {{"id", e.session_id}},
                {{"status", Text("completed")}, {"recording_url", OptionalText(e.recording_url)}});
  }
  static void On(const RecordedEvent&, const SessionCancelled& e, RowOps* ops) {
    ops->Update("sessions", {{"id", e.session_id}},
                {{"status", Text("cancelled")},
                 {"cancelled_by", ActorUserValue(e.cancelled_by)},
                 {"cancel_reason", e.cancel_reason}});
  }
  static void On(const RecordedEvent& r, const SessionAssessed& e, RowOps* ops) {
    ops->Insert("session_assessments", {{"id", e.assessment_id},
                                        {"session_id", e.session_id},
                                        {"assessor_id", e.assessor_id},
                                        {"assessee_id", e.assessee_id},
                                        {"rating", Int(e.rating)},
                                        {"comment", OptionalText(e.comment)},
                                        {"created_at", r.occurred_at}});
  }

  // ---- payouts ----
  static void On(const RecordedEvent&, const EarningsCredited&, RowOps*) {
    // The payout account's own bookkeeping; payment_splits already shows the line released.
  }
  static void On(const RecordedEvent& r, const PayoutRequested& e, RowOps* ops) {
    ops->Insert("payouts", {{"id", e.payout_id},
                            {"recipient_id", e.recipient_id},
                            {"amount_cents", e.amount.minor},
                            {"status", Text("pending")},
                            {"created_at", r.occurred_at}});
  }
  static void On(const RecordedEvent&, const PayoutApproved& e, RowOps* ops) {
    ops->Update("payouts", {{"id", e.payout_id}},
                {{"status", Text("approved")},
                 {"approved_by", e.approved_by},
                 {"approved_at", e.approved_at}});
  }
  static void On(const RecordedEvent&, const PayoutRejected& e, RowOps* ops) {
    ops->Update("payouts", {{"id", e.payout_id}}, {{"status", Text("failed")}});
  }
  static void On(const RecordedEvent&, const PayoutProcessing& e, RowOps* ops) {
    ops->Update("payouts", {{"id", e.payout_id}},
                {{"status", Text("processing")}, {"stripe_transfer_id", e.stripe_transfer_id}});
  }
  static void On(const RecordedEvent&, const PayoutCompleted& e, RowOps* ops) {
    ops->Update("payouts", {{"id", e.payout_id}},
                {{"status", Text("completed")}, {"paid_at", e.paid_at}});
  }
  static void On(const RecordedEvent&, const PayoutFailed& e, RowOps* ops) {
    ops->Update("payouts", {{"id", e.payout_id}}, {{"status", Text("failed")}});
  }

  // ---- goodwill ----
  static void On(const RecordedEvent& r, const GoodwillGiven& e, RowOps* ops) {
    GoodwillFigures(ops, e.from_user_id, e.balance_after + e.spent_after, e.spent_after, r,
                    {{"last_awarded_to_user_id", e.to_user_id}, {"last_awarded_at", e.given_at}});
  }
  static void On(const RecordedEvent& r, const GoodwillAwarded& e, RowOps* ops) {
    GoodwillFigures(ops, e.to_user_id, e.total_earned_after, e.total_earned_after - e.balance_after,
                    r);
    ops->Insert("goodwill_transactions", {{"id", e.award_id},
                                          {"from_user_id", OptionalUuid(e.from_user_id)},
                                          {"to_user_id", e.to_user_id},
                                          {"points", Int(e.points)},
                                          {"reason", EnumValue(e.reason)},
                                          {"course_id", OptionalUuid(e.course_id)},
                                          {"summon_id", OptionalUuid(e.summon_id)},
                                          {"created_at", e.awarded_at}});
  }
  static void On(const RecordedEvent&, const RewardUnlocked& e, RowOps* ops) {
    ops->Upsert("goodwill_rewards", {"id"},
                {{"id", e.reward_id},
                 {"points_threshold", Int(e.points_threshold)},
                 {"reward_type", EnumValue(e.reward_type)},
                 {"reward_value", e.reward_value},
                 {"description", e.description}});
    ops->Insert("user_reward_unlocks", {{"id", e.unlock_id},
                                        {"user_id", e.user_id},
                                        {"reward_id", e.reward_id},
                                        {"unlocked_at", e.unlocked_at}});
  }
  static void On(const RecordedEvent&, const RewardRedeemed& e, RowOps* ops) {
    ops->Update("user_reward_unlocks", {{"id", e.unlock_id}}, {{"redeemed_at", e.redeemed_at}});
  }
  static void On(const RecordedEvent&, const HelpAvailabilityChanged& e, RowOps* ops) {
    ops->Upsert("user_availability", {"user_id"},
                {{"user_id", e.user_id},
                 {"is_available", e.is_available},
                 {"last_available_at", OptionalValue(e.last_available_at)},
                 {"updated_at", e.changed_at}});
  }
  static void On(const RecordedEvent& r, const PostPromoted& e, RowOps* ops) {
    GoodwillFigures(ops, e.promoted_by, e.balance_after + e.spent_after, e.spent_after, r);
    ops->Insert("promoted_posts", {{"id", e.promotion_id},
                                   {"post_id", e.post_id},
                                   {"promoted_by", e.promoted_by},
                                   {"points_spent", Int(e.points_spent)},
                                   {"promoted_at", e.promoted_at},
                                   {"expires_at", OptionalValue(e.expires_at)}});
  }

  // ---- help summons ----
  static void On(const RecordedEvent& r, const HelpSummoned& e, RowOps* ops) {
    ops->Insert("help_summons", {{"id", e.summon_id},
                                 {"student_id", e.student_id},
                                 {"course_id", e.course_id},
                                 {"module_id", OptionalUuid(e.module_id)},
                                 {"status", Text("pending")},
                                 {"created_at", r.occurred_at}});
  }
  static void On(const RecordedEvent&, const SummonResponded& e, RowOps* ops) {
    ops->Update("help_summons", {{"id", e.summon_id}},
                {{"status", Text("responded")},
                 {"responder_id", e.responder_id},
                 {"responded_at", e.responded_at}});
  }
  static void On(const RecordedEvent&, const SummonCompleted& e, RowOps* ops) {
    ops->Update("help_summons", {{"id", e.summon_id}},
                {{"status", Text("completed")},
                 {"completed_at", e.completed_at},
                 {"points_awarded", Int(e.points_awarded)},
                 {"session_duration_mins", Int(e.session_duration_mins)}});
  }
  static void On(const RecordedEvent&, const SummonCancelled& e, RowOps* ops) {
    ops->Update("help_summons", {{"id", e.summon_id}}, {{"status", Text("cancelled")}});
  }
  // The seed's status enum has no expired: an unanswered summon reads cancelled.
  static void On(const RecordedEvent&, const SummonExpired& e, RowOps* ops) {
    ops->Update("help_summons", {{"id", e.summon_id}}, {{"status", Text("cancelled")}});
  }

  // ---- feed ----
  static void On(const RecordedEvent& r, const PostCreated& e, RowOps* ops) {
    ops->Insert("posts", {{"id", e.post_id},
                          {"author_id", e.author_id},
                          {"course_id", OptionalUuid(e.course_id)},
                          {"content", e.content},
                          {"post_type", EnumValue(e.post_type)},
                          {"is_pinned", false},
                          {"parent_id", OptionalUuid(e.parent_id)},
                          {"created_at", r.occurred_at}});
  }
  // Edits, pins, interactions, flags and moderation: projections/peerloop/feed_rows.cc.
  template <class FeedEvent>
  static auto On(const RecordedEvent& r, const FeedEvent& e, RowOps* ops)
      -> decltype(peerloop_rows::OnFeed(r, e, ops)) {
    peerloop_rows::OnFeed(r, e, ops);
  }
};

}  // namespace

std::unique_ptr<Projection> MakePeerloopProjection() {
  return std::make_unique<PeerloopProjection>();
}

}  // namespace edu
