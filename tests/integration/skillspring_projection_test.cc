// The Skillspring read tables, projected by a real Projector into real PostgreSQL: the catalog,
// coupons, carts through checkout, enrollments with their exact prices and split, daily course
// metrics, reviews and votes.
#include "projections/skillspring/skillspring_projection.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/events.h"
#include "tests/support/projection_spec.h"

namespace edu::skillspring {
namespace {

using testing::ProjectionSpec;

const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kOther = *ParseUuid("11111111-1111-4111-8111-222222222222");
const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kCart = *ParseUuid("33333333-3333-4333-8333-333333333333");
const Uuid kCart2 = *ParseUuid("33333333-3333-4333-8333-444444444444");
const Uuid kSection = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kLecture1 = *ParseUuid("55555555-5555-4555-8555-555555555551");
const Uuid kLecture2 = *ParseUuid("55555555-5555-4555-8555-555555555552");
const Uuid kCourse = CourseIdFor("sql-from-zero");
const Uuid kCourse2 = CourseIdFor("pandas-basics");
const Uuid kCoupon = CouponIdFor("SPRING25");
const Uuid kEnrollment = EnrollmentIdFor(kStudent, kCourse);
const Timestamp kDay1 = *ParseIso8601("2026-04-01T10:00:00Z");
const Timestamp kDay2 = *ParseIso8601("2026-04-02T11:00:00Z");

Money Usd(int64_t cents) { return Money{cents, "USD"}; }

CourseCreated Created(const Uuid& id = kCourse, const std::string& slug = "sql-from-zero") {
  CourseCreated e;
  e.course_id = id;
  e.slug = slug;
  e.mentor_id = kMentor;
  e.title = "SQL from zero";
  e.subtitle = "Queries that don't hurt";
  e.description = "Queries, joins, indexes";
  e.language_code = "en";
  e.level = CourseLevel::beginner;
  e.list_price = Usd(4999);
  e.sale_price = Usd(1999);
  Section section{id == kCourse ? kSection : DeriveUuid(id, "s"), "Basics", 1, 25, {}};
  section.lectures.push_back({id == kCourse ? kLecture1 : DeriveUuid(id, "l1"),
                              "SELECT",
                              1,
                              ContentType::video,
                              10,
                              true,
                              {},
                              {}});
  section.lectures.push_back({id == kCourse ? kLecture2 : DeriveUuid(id, "l2"),
                              "JOIN",
                              2,
                              ContentType::article,
                              15,
                              false,
                              {},
                              {}});
  e.sections = {section};
  e.total_duration_minutes = 25;
  e.lecture_count = 2;
  e.tags = {"sql", "data"};
  e.category_ids = {CategoryIdFor("data")};
  e.prerequisites = {"none"};
  return e;
}

CoursePurchased Purchased(const Uuid& course, int64_t price, int64_t discount,
                          const Uuid& cart = kCart) {
  int64_t paid = price - discount;
  int64_t mentor = ShareOf(paid, Percent(70));
  return CoursePurchased{EnrollmentIdFor(kStudent, course),
                         cart,
                         kStudent,
                         course,
                         kMentor,
                         Usd(price),
                         Usd(discount),
                         Usd(paid),
                         Usd(mentor),
                         Usd(paid - mentor),
                         Percent(70),
                         "skillspring-default-v1",
                         kDay1};
}

UserRegistered Registered(const Uuid& id, UserRole role) {
  UserRegistered e;
  e.user_id = id;
  e.role = role;
  e.email = Personal<std::string>("maya@example.com");
  e.first_name = Personal<std::string>("Maya");
  e.last_name = Personal<std::string>("Lopez");
  e.timezone = "America/Bogota";
  if (role == UserRole::mentor) {
    e.headline = "Data engineer";
    e.experience_years = 9;
    e.languages = {"en", "es"};
  } else {
    e.occupation = "Analyst";
  }
  return e;
}

}  // namespace

TEST_SUITE("skillspring projection") {
  TEST_CASE("users, with their mentor or student profile") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(UserStream(kMentor), Registered(kMentor, UserRole::mentor))
        .given(UserStream(kStudent), Registered(kStudent, UserRole::student));
    spec.then_rows(
        "SELECT role, status, email, first_name, timezone FROM skillspring.users ORDER BY role",
        {{"mentor", "active", "maya@example.com", "Maya", "America/Bogota"},
         {"student", "active", "maya@example.com", "Maya", "America/Bogota"}});
    spec.then_rows(
        "SELECT headline, experience_years, languages, total_students, average_rating FROM "
        "skillspring.mentors",
        {{"Data engineer", "9", "{en,es}", "0", "NULL"}});
    spec.then_rows("SELECT occupation FROM skillspring.students", {{"Analyst"}});
  }

  TEST_CASE("the catalog: course, sections, lectures, tags, categories; publishing and archiving") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(CategoryStream("data"),
               CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}})
        .given(CourseStream(kCourse), Created());
    spec.then_rows(
        "SELECT slug, status, level, list_price_cents, sale_price_cents, currency, lecture_count, "
        "total_duration_minutes, meta->'tags'->>1, language_code, deleted_at FROM "
        "skillspring.courses",
        {{"sql-from-zero", "draft", "beginner", "4999", "1999", "USD", "2", "25", "data", "en   ",
          "NULL"}});
    spec.then_rows(
        "SELECT s.title, s.position, s.lecture_count, l.title, l.position, l.content_type, "
        "l.is_preview, l.status "
        "FROM skillspring.course_sections s JOIN skillspring.lectures l ON l.section_id = s.id "
        "ORDER BY l.position",
        {{"Basics", "1", "2", "SELECT", "1", "video", "t", "draft"},
         {"Basics", "1", "2", "JOIN", "2", "article", "f", "draft"}});
    spec.then_rows(
        "SELECT t.name FROM skillspring.course_tags t JOIN skillspring.course_tag_map m ON "
        "m.tag_id = t.id ORDER BY 1",
        {{"data"}, {"sql"}});
    spec.then_rows(
        "SELECT c.slug FROM skillspring.categories c JOIN skillspring.course_categories cc ON "
        "cc.category_id = c.id",
        {{"data"}});
    spec.given(CourseStream(kCourse2), Created(kCourse2, "pandas-basics"));  // shares the tags
    spec.then_rows("SELECT count(*) FROM skillspring.course_tags", {{"2"}});
    spec.at(kDay2).given(CourseStream(kCourse), CourseSubmitted{kCourse},
                         CoursePublished{kCourse, {kLecture1, kLecture2}});
    spec.then_rows(
        "SELECT c.status, count(*) FILTER (WHERE l.status = 'published') FROM skillspring.courses "
        "c "
        "JOIN skillspring.course_sections s ON s.course_id = c.id JOIN skillspring.lectures l ON "
        "l.section_id = s.id "
        "WHERE c.id = '" +
            ToString(kCourse) + "' GROUP BY c.status",
        {{"published", "2"}});
    spec.given(CourseStream(kCourse), CourseArchived{kCourse, CourseStatus::published});
    spec.then_rows(
        "SELECT status, deleted_at FROM skillspring.courses WHERE id = '" + ToString(kCourse) + "'",
        {{"archived", "2026-04-02 11:00:00+00"}});
  }

  TEST_CASE("a cart with a coupon checks out into enrollments, exact to the cent") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(CouponStream("SPRING25"),
               CouponCreated{kCoupon, "SPRING25", {}, 25, 2, kDay1, kDay2},
               CouponRedeemed{kCoupon, "SPRING25", kCart, kStudent, 25, {}, 1})
        .given(LearnerStream(kStudent), CartOpened{kCart, kStudent},
               CartItemAdded{kCart, kStudent, kCourse, kMentor, Usd(4999)},
               CartItemAdded{kCart, kStudent, kCourse2, kMentor, Usd(1999)});
    spec.then_rows("SELECT status, coupon_code FROM skillspring.carts", {{"open", "NULL"}});
    spec.then_rows(
        "SELECT course_id, price_cents, currency FROM skillspring.cart_items ORDER BY price_cents",
        {{ToString(kCourse2), "1999", "USD"}, {ToString(kCourse), "4999", "USD"}});
    spec.then_rows(
        "SELECT code, redeemed_count, max_redemptions, discount_percent FROM skillspring.coupons",
        {{"SPRING25", "1", "2", "25"}});
    // 25 % of 69.98 = 17.495 -> 17.50; spread 12.50 / 5.00. Then a new cart opens at once.
    spec.given(LearnerStream(kStudent),
               CouponAttached{kCart, kStudent, kCoupon, "SPRING25", 25, {}},
               CartCheckedOut{kCart, kStudent, Usd(6998), Usd(1750), Usd(5248),
                              std::string("SPRING25"), true, "pi_3N", 2},
               Purchased(kCourse, 4999, 1250), Purchased(kCourse2, 1999, 500),
               CartOpened{kCart2, kStudent});
    spec.then_rows(
        "SELECT status, coupon_code, subtotal_cents, discount_cents, total_cents, "
        "payment_reference "
        "FROM skillspring.carts ORDER BY status",
        {{"converted", "SPRING25", "6998", "1750", "5248", "pi_3N"},
         {"open", "NULL", "NULL", "NULL", "NULL", "NULL"}});
    spec.then_rows(
        "SELECT purchase_price_cents, list_price_cents, discount_cents, mentor_earnings_cents, "
        "platform_fee_cents, "
        "progress_percent, currency, purchased_at FROM skillspring.enrollments ORDER BY "
        "purchase_price_cents",
        {{"1499", "1999", "500", "1049", "450", "0.00", "USD", "2026-04-01 10:00:00+00"},
         {"3749", "4999", "1250", "2624", "1125", "0.00", "USD", "2026-04-01 10:00:00+00"}});
    spec.then_rows("SELECT sum(purchase_price_cents) FROM skillspring.enrollments", {{"5248"}});
    spec.then_rows(
        "SELECT date, enrollments, revenue_cents FROM skillspring.course_metrics ORDER BY "
        "revenue_cents",
        {{"2026-04-01", "1", "1499"}, {"2026-04-01", "1", "3749"}});
    spec.then_rows("SELECT user_id, total_students, headline FROM skillspring.mentors",
                   {{ToString(kMentor), "2", "NULL"}});
    spec.given(UserStream(kMentor),
               Registered(kMentor, UserRole::mentor));  // arrives after the purchases
    spec.then_rows("SELECT total_students, headline FROM skillspring.mentors",
                   {{"2", "Data engineer"}});
  }

  TEST_CASE("removing items, abandoning, releasing the coupon") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(CouponStream("SPRING25"),
               CouponCreated{kCoupon, "SPRING25", {}, 25, 2, kDay1, kDay2},
               CouponRedeemed{kCoupon, "SPRING25", kCart, kStudent, 25, {}, 1})
        .given(LearnerStream(kStudent), CartOpened{kCart, kStudent},
               CartItemAdded{kCart, kStudent, kCourse, kMentor, Usd(4999)},
               CouponAttached{kCart, kStudent, kCoupon, "SPRING25", 25, {}},
               CartItemRemoved{kCart, kStudent, kCourse});
    spec.then_rows("SELECT count(*) FROM skillspring.cart_items", {{"0"}});
    spec.at(kDay2)
        .given(LearnerStream(kStudent), CartAbandoned{kCart, kStudent, std::string("SPRING25")})
        .given(CouponStream("SPRING25"),
               CouponReleased{kCoupon, "SPRING25", kCart, "cart abandoned", 0});
    spec.then_rows("SELECT status, coupon_code, updated_at FROM skillspring.carts",
                   {{"abandoned", "SPRING25", "2026-04-02 11:00:00+00"}});
    spec.then_rows("SELECT redeemed_count FROM skillspring.coupons", {{"0"}});
  }

  TEST_CASE(
      "progress, completion, refund and a purchase again: one enrollment row per student and "
      "course") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1).given(
        LearnerStream(kStudent), CartOpened{kCart, kStudent},
        CartItemAdded{kCart, kStudent, kCourse, kMentor, Usd(4999)},
        CartCheckedOut{kCart, kStudent, Usd(4999), Usd(0), Usd(4999), {}, false, "pi_1", 1},
        Purchased(kCourse, 4999, 0),
        LectureWatched{kEnrollment, kStudent, kCourse, kLecture1, 1, 2, 5000});
    spec.then_rows(
        "SELECT progress_percent, last_watched_lecture, completed_at FROM skillspring.enrollments",
        {{"50.00", ToString(kLecture1), "NULL"}});
    spec.at(kDay2).given(
        LearnerStream(kStudent),
        PurchaseRefunded{kEnrollment, kStudent, kCourse, kMentor, Usd(4999), Usd(3499), Usd(1500),
                         std::string("changed mind"), "skillspring-default-v1"});
    spec.then_rows("SELECT refunded_at, refund_cents FROM skillspring.enrollments",
                   {{"2026-04-02 11:00:00+00", "4999"}});
    spec.then_rows(
        "SELECT date, enrollments, revenue_cents, refunds, refund_cents FROM "
        "skillspring.course_metrics ORDER BY date",
        {{"2026-04-01", "1", "4999", "0", "0"}, {"2026-04-02", "0", "0", "1", "4999"}});
    CoursePurchased again = Purchased(kCourse, 4999, 0, kCart2);
    again.purchased_at = kDay2;
    spec.given(LearnerStream(kStudent), CartOpened{kCart2, kStudent},
               CartItemAdded{kCart2, kStudent, kCourse, kMentor, Usd(4999)},
               CartCheckedOut{kCart2, kStudent, Usd(4999), Usd(0), Usd(4999), {}, false, "pi_2", 1},
               again, LectureWatched{kEnrollment, kStudent, kCourse, kLecture2, 1, 2, 5000},
               LectureWatched{kEnrollment, kStudent, kCourse, kLecture1, 2, 2, 10000},
               CourseCompleted{kEnrollment, kStudent, kCourse});
    spec.then_rows(
        "SELECT count(*), max(cart_id::text), max(refunded_at::text), max(progress_percent), "
        "max(completed_at::text) "
        "FROM skillspring.enrollments",
        {{"1", ToString(kCart2), "NULL", "100.00", "2026-04-02 11:00:00+00"}});
    spec.then_rows("SELECT completions FROM skillspring.course_metrics WHERE date = '2026-04-02'",
                   {{"1"}});
    spec.then_rows("SELECT total_students FROM skillspring.mentors", {{"1"}});
  }

  TEST_CASE("reviews, helpful votes, views and the mentor's average") {
    ProjectionSpec spec(MakeSkillspringProjection());
    const Uuid review = ReviewIdFor(kStudent, kCourse);
    spec.at(kDay1)
        .given(UserStream(kMentor), Registered(kMentor, UserRole::mentor),
               MentorRatingRecorded{kMentor, review, 5, 1, 5, 500},
               MentorRatingRecorded{kMentor, kCart, 4, 2, 9, 450})
        .given(ReviewStream(review),
               ReviewWritten{review, kCourse, kStudent, kMentor, 5, std::string("Clear"),
                             std::string("Great pace"), true, true},
               ReviewVoted{review, kOther, Vote::helpful, 1},
               ReviewVoted{review, kMentor, Vote::not_helpful, 1})
        .given(CourseStream(kCourse), CourseViewed{kCourse}, CourseViewed{kCourse});
    spec.then_rows(
        "SELECT rating, title, is_verified, helpful_count, reported_count FROM "
        "skillspring.course_reviews",
        {{"5", "Clear", "t", "1", "0"}});
    spec.then_rows("SELECT vote FROM skillspring.review_helpful_votes ORDER BY vote",
                   {{"helpful"}, {"not_helpful"}});
    spec.then_rows("SELECT average_rating, total_reviews FROM skillspring.mentors",
                   {{"4.50", "2"}});
    spec.then_rows("SELECT views FROM skillspring.course_metrics", {{"2"}});
  }

  TEST_CASE("skillspring: the documented constraints are in force") {
    ProjectionSpec spec(MakeSkillspringProjection());
    REQUIRE(spec.Project().ok());
    auto& db = spec.db();
    CHECK_THROWS(
        db.Exec("INSERT INTO skillspring.course_reviews (id, course_id, student_id, rating) VALUES "
                "(gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 6)"));
    db.Exec(
        "INSERT INTO skillspring.course_reviews (id, course_id, student_id, rating) VALUES "
        "(gen_random_uuid(), '" +
        ToString(kCourse) + "', '" + ToString(kStudent) + "', 1)");
    CHECK_THROWS(
        db.Exec("INSERT INTO skillspring.course_reviews (id, course_id, student_id, rating) VALUES "
                "(gen_random_uuid(), '" +
                ToString(kCourse) + "', '" + ToString(kStudent) + "', 2)"));
    CHECK_THROWS(
        db.Exec("INSERT INTO skillspring.coupons (id, code, discount_percent, max_redemptions, "
                "redeemed_count, "
                "starts_at, expires_at) VALUES (gen_random_uuid(), 'X', 10, 1, 2, now(), now() + "
                "interval '1 day')"));
    CHECK_THROWS(
        db.Exec("INSERT INTO skillspring.carts (id, student_id, status) VALUES (gen_random_uuid(), "
                "gen_random_uuid(), 'lost')"));
    db.Exec("INSERT INTO skillspring.carts (id, student_id) VALUES (gen_random_uuid(), '" +
            ToString(kStudent) + "')");
    CHECK_THROWS(
        db.Exec("INSERT INTO skillspring.carts (id, student_id) VALUES (gen_random_uuid(), '" +
                ToString(kStudent) + "')"));
    CHECK(db.Scalar("SELECT column_default FROM information_schema.columns WHERE table_schema = "
                    "'skillspring' AND "
                    "table_name = 'wishlists' AND column_name = 'name'") ==
          "'Favorites'::character varying");
  }
}

}  // namespace edu::skillspring
