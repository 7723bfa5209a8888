// Specifications of Skillspring money and lifecycles: catalog and the course lifecycle, coupons at
// their window edges and redemption limit, carts (one open per student, price snapshots),
// checkout with an exact cart-level discount and the 70/30 split, progress, refunds within the
// window, reviews from enrolled students and helpful votes, and both MSM lifecycles row by row.
#include "domain/skillspring/coupon.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/pricing.h"
#include "domain/skillspring/review.h"
#include "tests/support/decider_spec.h"
#include "tests/support/machine_spec.h"

namespace edu::skillspring {
namespace {

using testing::Admin;
using testing::AsUser;
using testing::Spec;
using testing::System;

const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kOther = *ParseUuid("11111111-1111-4111-8111-222222222222");
const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kMentor2 = *ParseUuid("22222222-2222-4222-8222-333333333333");
const Uuid kCart = *ParseUuid("33333333-3333-4333-8333-333333333333");
const Uuid kCart2 = *ParseUuid("33333333-3333-4333-8333-444444444444");
const Uuid kSection = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kLecture1 = *ParseUuid("55555555-5555-4555-8555-555555555551");
const Uuid kLecture2 = *ParseUuid("55555555-5555-4555-8555-555555555552");
const Uuid kCourse = CourseIdFor("sql-from-zero");
const Uuid kCourse2 = CourseIdFor("pandas-basics");
const Uuid kCourse3 = CourseIdFor("ux-writing");
const Uuid kCoupon = CouponIdFor("SPRING25");
const Timestamp kNow = *ParseIso8601("2026-04-01T10:00:00Z");
const Timestamp kStarts = *ParseIso8601("2026-03-01T00:00:00Z");
const Timestamp kExpires = *ParseIso8601("2026-05-01T00:00:00Z");
const Policy kPolicy;

Money Usd(int64_t cents) { return Money{cents, "USD"}; }
Actor StudentActor(const Uuid& id = kStudent) { return AsUser(id, "student"); }
Actor MentorActor(const Uuid& id = kMentor) { return AsUser(id, "mentor"); }

UserRegistered Registered(const Uuid& id, UserRole role) {
  UserRegistered e;
  e.user_id = id;
  e.role = role;
  e.email = Personal<std::string>("someone@example.com");
  e.first_name = Personal<std::string>("Maya");
  e.last_name = Personal<std::string>("Lopez");
  return e;
}

CourseCreated Created(const Uuid& course = kCourse, const Uuid& mentor = kMentor,
                      int64_t list = 4999, std::optional<int64_t> sale = std::nullopt) {
  CourseCreated e;
  e.course_id = course;
  e.slug = course == kCourse    ? "sql-from-zero"
           : course == kCourse2 ? "pandas-basics"
                                : "ux-writing";
  e.mentor_id = mentor;
  e.title = "SQL from zero";
  e.description = "Queries, joins, indexes";
  e.language_code = "en";
  e.level = CourseLevel::beginner;
  e.list_price = Usd(list);
  if (sale) e.sale_price = Usd(*sale);
  Section section{kSection, "Basics", 1, 25, {}};
  section.lectures.push_back({kLecture1, "SELECT", 1, ContentType::video, 10, true, {}, {}});
  section.lectures.push_back({kLecture2, "JOIN", 2, ContentType::video, 15, false, {}, {}});
  e.sections = {section};
  e.total_duration_minutes = 25;
  e.lecture_count = 2;
  e.tags = {"sql"};
  return e;
}

std::vector<CourseDecider::Event> Published(const Uuid& course = kCourse,
                                            const Uuid& mentor = kMentor, int64_t list = 4999,
                                            std::optional<int64_t> sale = std::nullopt) {
  return {Created(course, mentor, list, sale), CourseSubmitted{course},
          CoursePublished{course, {kLecture1, kLecture2}}};
}

CouponCreated Coupon(int32_t percent = 25, int32_t max = 2,
                     std::optional<Uuid> mentor = std::nullopt) {
  return CouponCreated{kCoupon, "SPRING25", mentor, percent, max, kStarts, kExpires};
}

CartItemAdded Item(const Uuid& course, int64_t price, const Uuid& mentor = kMentor,
                   const Uuid& cart = kCart) {
  return CartItemAdded{cart, kStudent, course, mentor, Usd(price)};
}

CouponAttached Attached(int32_t percent = 25, std::optional<Uuid> mentor = std::nullopt) {
  return CouponAttached{kCart, kStudent, kCoupon, "SPRING25", percent, mentor};
}

Spec<LearnerDecider> Shopper() {
  Spec<LearnerDecider> spec;
  spec.at(kNow).as(StudentActor());
  return spec;
}

CoursePurchased Purchased(const Uuid& course, int64_t price, int64_t discount,
                          const Uuid& mentor = kMentor, Timestamp at = kNow) {
  int64_t paid = price - discount;
  int64_t mentor_share = ShareOf(paid, Percent(70));
  CoursePurchased p;
  p.enrollment_id = EnrollmentIdFor(kStudent, course);
  p.cart_id = kCart;
  p.student_id = kStudent;
  p.course_id = course;
  p.mentor_id = mentor;
  p.price = Usd(price);
  p.discount = Usd(discount);
  p.purchase_price = Usd(paid);
  p.mentor_earnings = Usd(mentor_share);
  p.platform_fee = Usd(paid - mentor_share);
  p.mentor_share_bps = Percent(70);
  p.policy = "skillspring-default-v1";
  p.purchased_at = at;
  return p;
}

CartCheckedOut CheckedOut(int64_t subtotal, int64_t discount, int32_t items,
                          std::optional<std::string> code = {}, bool used = false) {
  return CartCheckedOut{kCart, kStudent, Usd(subtotal), Usd(discount), Usd(subtotal - discount),
                        code,  used,     "pi_3N",       items};
}

// A student who bought kCourse at `at`.
std::vector<LearnerDecider::Event> Bought(Timestamp at = kNow) {
  return {CartOpened{kCart, kStudent}, Item(kCourse, 4999), CheckedOut(4999, 0, 1),
          Purchased(kCourse, 4999, 0, kMentor, at)};
}

}  // namespace

TEST_SUITE("skillspring people and catalog") {
  TEST_CASE("students and mentors register themselves with their own fields") {
    RegisterUser c{kStudent,
                   UserRole::student,
                   "maya@example.com",
                   "Maya",
                   "Lopez",
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   std::string("Analyst"),
                   {}};
    UserRegistered e = Registered(kStudent, UserRole::student);
    e.email = Personal<std::string>("maya@example.com");
    e.occupation = "Analyst";
    Spec<UserDecider>().as(StudentActor()).when(c).then({e});
    c.role = UserRole::mentor;
    Spec<UserDecider>()
        .as(StudentActor())
        .when(c)
        .then_error("role_mismatch", ErrorKind::kForbidden);
    c.role = UserRole::admin;
    c.occupation.reset();
    Spec<UserDecider>().as(StudentActor()).when(c).then_error("privileged_role_requires_admin");
    c.role = UserRole::student;
    c.headline = "Data engineer";
    Spec<UserDecider>().as(StudentActor()).when(c).then_error("mentor_fields_on_non_mentor");
    c.headline.reset();
    c.email = "maya";
    Spec<UserDecider>().as(StudentActor()).when(c).then_error("invalid_email");
    Spec<UserDecider>().as(StudentActor(kOther)).when(c).then_error("not_own_account");
  }

  TEST_CASE("a mentor's rating: each review once, averaged to the hundredth") {
    MentorRatingRecorded first{kMentor, kCart, 5, 1, 5, 500};
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kMentor, UserRole::mentor)})
        .when(RecordMentorRating{kMentor, kCart, 5})
        .then({first});
    MentorRatingRecorded second{kMentor, kCart2, 4, 2, 9, 450};
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kMentor, UserRole::mentor), first})
        .when(RecordMentorRating{kMentor, kCart2, 4})
        .then({second});
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kMentor, UserRole::mentor), first})
        .when(RecordMentorRating{kMentor, kCart, 5})
        .then({});
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kStudent, UserRole::student)})
        .when(RecordMentorRating{kStudent, kCart, 5})
        .then_error("mentor_not_found");
    CHECK(AverageHundredths(14, 3) == 467);  // 4.666..
    CHECK(AverageHundredths(13, 3) == 433);
  }

  TEST_CASE("categories have two levels and unique slugs") {
    Spec<CategoryDecider>()
        .as(Admin())
        .when(CreateCategory{"Data", "Data", {}, {}})
        .then({CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}}});
    Spec<CategoryDecider>()
        .as(Admin())
        .given_stream<CategoryDecider>(
            CategoryStream("data"),
            {CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}}})
        .when(CreateCategory{"sql", "SQL", std::string("data"), {}})
        .then({CategoryCreated{CategoryIdFor("sql"), "sql", "SQL", CategoryIdFor("data"), 1, {}}});
    Spec<CategoryDecider>()
        .as(Admin())
        .given_stream<CategoryDecider>(
            CategoryStream("sql"),
            {CategoryCreated{CategoryIdFor("sql"), "sql", "SQL", CategoryIdFor("data"), 1, {}}})
        .when(CreateCategory{"joins", "Joins", std::string("sql"), {}})
        .then_error("category_too_deep");
    Spec<CategoryDecider>()
        .as(Admin())
        .given({CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}}})
        .when(CreateCategory{"data", "Data", {}, {}})
        .then_error("slug_taken", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .as(MentorActor())
        .when(CreateCategory{"data", "Data", {}, {}})
        .then_error("admin_only");
  }
}

TEST_SUITE("skillspring courses") {
  CreateCourse Creation() {
    CreateCourse c;
    c.slug = "SQL-from-zero";
    c.mentor_id = kMentor;
    c.title = "SQL from zero";
    c.description = "Queries, joins, indexes";
    c.language_code = "en";
    c.level = CourseLevel::beginner;
    c.list_price = Usd(4999);
    c.sections = {
        SectionSpec{kSection,
                    "Basics",
                    {LectureSpec{kLecture1, "SELECT", ContentType::video, 10, true, {}, {}},
                     LectureSpec{kLecture2, "JOIN", ContentType::video, 15, {}, {}, {}}}}};
    c.tags = {"SQL", "sql"};
    return c;
  }

  Spec<CourseDecider> MentorSpec() {
    Spec<CourseDecider> spec;
    spec.as(MentorActor())
        .given_stream<UserDecider>(UserStream(kMentor), {Registered(kMentor, UserRole::mentor)});
    return spec;
  }

  TEST_CASE("a mentor creates a draft: the slug is the key, lectures and durations are counted") {
    CreateCourse c = Creation();
    CHECK(c.stream_id() == CourseStream(kCourse));
    MentorSpec().when(c).then({Created()});
    MentorSpec().given({Created()}).when(c).then_error("slug_taken", ErrorKind::kConflict);
    c.slug = "sql from zero";
    MentorSpec().when(c).then_error("invalid_slug");
    c = Creation();
    c.sale_price = Usd(5000);
    MentorSpec().when(c).then_error("sale_above_list");
    c.sale_price = Usd(1999);
    c.list_price = Money{4999, "EUR"};
    MentorSpec().when(c).then_error("currency_mismatch");
    c = Creation();
    c.sections[0].lectures.clear();
    MentorSpec().when(c).then_error("lectures_required");
    c = Creation();
    c.category_slugs = {"nope"};
    MentorSpec().when(c).then_error("category_not_found", ErrorKind::kNotFound);
    Spec<CourseDecider>()
        .as(MentorActor(kMentor2))
        .when(Creation())
        .then_error("not_own_course", ErrorKind::kForbidden);
  }

  TEST_CASE("draft -> submitted -> published -> archived; admins publish or send back") {
    Spec<CourseDecider>()
        .as(MentorActor())
        .given({Created()})
        .when(SubmitCourse{kCourse})
        .then({CourseSubmitted{kCourse}});
    Spec<CourseDecider>()
        .as(MentorActor())
        .given({Created(), CourseSubmitted{kCourse}})
        .when(PublishCourse{kCourse})
        .then_error("admin_only", ErrorKind::kForbidden);
    auto published = Spec<CourseDecider>();
    published.as(Admin())
        .given({Created(), CourseSubmitted{kCourse}})
        .when(PublishCourse{kCourse})
        .then({CoursePublished{kCourse, {kLecture1, kLecture2}}});
    CHECK(published.state().status() == CourseStatus::published);
    Spec<CourseDecider>()
        .as(Admin())
        .given({Created()})
        .when(PublishCourse{kCourse})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<CourseDecider>()
        .as(Admin())
        .given({Created(), CourseSubmitted{kCourse}})
        .when(RequestCourseChanges{kCourse, "Add exercises"})
        .then({CourseChangesRequested{kCourse, "Add exercises"}});
    Spec<CourseDecider>()
        .as(Admin())
        .given(Published())
        .when(ArchiveCourse{kCourse})
        .then({CourseArchived{kCourse, CourseStatus::published}});
    Spec<CourseDecider>()
        .as(MentorActor())
        .given({Created()})
        .when(ArchiveCourse{kCourse})
        .then({CourseArchived{kCourse, CourseStatus::draft}});
    std::vector<CourseDecider::Event> archived = Published();
    archived.push_back(CourseArchived{kCourse, CourseStatus::published});
    Spec<CourseDecider>()
        .as(Admin())
        .given(archived)
        .when(ArchiveCourse{kCourse})
        .then_error("illegal_transition");
    Spec<CourseDecider>()
        .as(Admin())
        .given(archived)
        .when(ChangeCoursePrice{kCourse, Usd(1), {}})
        .then_error("illegal_transition");
    Spec<CourseDecider>()
        .as(MentorActor(kMentor2))
        .given({Created()})
        .when(SubmitCourse{kCourse})
        .then_error("not_own_course");
  }

  TEST_CASE("views count only for published courses") {
    Spec<CourseDecider>()
        .as(StudentActor())
        .given(Published())
        .when(ViewCourse{kCourse})
        .then({CourseViewed{kCourse}});
    Spec<CourseDecider>()
        .as(StudentActor())
        .given({Created()})
        .when(ViewCourse{kCourse})
        .then_error("course_not_available");
  }
}

TEST_SUITE("skillspring coupons") {
  Spec<CouponDecider> ApplySpec(std::vector<CouponDecider::Event> coupon,
                                std::vector<LearnerDecider::Event> learner, Timestamp at = kNow) {
    Spec<CouponDecider> spec;
    spec.at(at)
        .as(StudentActor())
        .given(coupon)
        .given_stream<LearnerDecider>(LearnerStream(kStudent), learner);
    return spec;
  }
  std::vector<LearnerDecider::Event> OpenCartWith(const Uuid& mentor = kMentor) {
    return {CartOpened{kCart, kStudent}, Item(kCourse, 4999, mentor)};
  }
  CouponRedeemed Redeemed(int32_t after, const Uuid& cart = kCart,
                          std::optional<Uuid> mentor = std::nullopt) {
    return CouponRedeemed{kCoupon, "SPRING25", cart, kStudent, 25, mentor, after};
  }

  TEST_CASE("a mentor creates coupons for their own courses; admins create global ones") {
    CreateCoupon c{" spring25", kMentor, 25, 2, kStarts, kExpires};
    Spec<CouponDecider>()
        .as(MentorActor())
        .given_stream<UserDecider>(UserStream(kMentor), {Registered(kMentor, UserRole::mentor)})
        .when(c)
        .then({Coupon(25, 2, kMentor)});
    Spec<CouponDecider>()
        .as(MentorActor(kMentor2))
        .when(c)
        .then_error("not_own_coupon", ErrorKind::kForbidden);
    c.mentor_id.reset();
    Spec<CouponDecider>().as(Admin()).when(c).then({Coupon()});
    Spec<CouponDecider>()
        .as(Admin())
        .given({Coupon()})
        .when(c)
        .then_error("code_taken", ErrorKind::kConflict);
  }

  TEST_CASE("percent 1..100, at least one redemption, a window that ends after it starts") {
    auto admin = [] { return Spec<CouponDecider>().as(Admin()); };
    admin()
        .when(CreateCoupon{"SPRING25", {}, 0, 1, kStarts, kExpires})
        .then_error("invalid_discount");
    admin()
        .when(CreateCoupon{"SPRING25", {}, 101, 1, kStarts, kExpires})
        .then_error("invalid_discount");
    admin()
        .when(CreateCoupon{"SPRING25", {}, 100, 1, kStarts, kExpires})
        .then({CouponCreated{kCoupon, "SPRING25", {}, 100, 1, kStarts, kExpires}});
    admin()
        .when(CreateCoupon{"SPRING25", {}, 1, 0, kStarts, kExpires})
        .then_error("invalid_max_redemptions");
    admin()
        .when(CreateCoupon{"SPRING25", {}, 10, 1, kExpires, kExpires})
        .then_error("invalid_window");
    admin().when(CreateCoupon{"S!", {}, 10, 1, kStarts, kExpires}).then_error("invalid_code");
  }

  TEST_CASE("the window: valid from starts_at exactly, no longer at expires_at exactly") {
    ApplySpec({Coupon()}, OpenCartWith(), kStarts)
        .when(ApplyCoupon{"spring25", kStudent, kCart})
        .then({Redeemed(1)});
    ApplySpec({Coupon()}, OpenCartWith(), kStarts - 1)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_not_started");
    ApplySpec({Coupon()}, OpenCartWith(), kExpires - 1)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then({Redeemed(1)});
    ApplySpec({Coupon()}, OpenCartWith(), kExpires)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_expired", ErrorKind::kInvalid);
  }

  TEST_CASE("redemptions stop exactly at max_redemptions; a release frees one") {
    const Uuid elsewhere = *ParseUuid("99999999-9999-4999-8999-999999999999");
    auto at_last = ApplySpec({Coupon(25, 2), Redeemed(1, elsewhere)}, OpenCartWith());
    at_last.when(ApplyCoupon{"SPRING25", kStudent, kCart}).then({Redeemed(2)});
    CHECK(at_last.state().redeemed_count == 2);
    const Uuid third = *ParseUuid("99999999-9999-4999-8999-000000000003");
    ApplySpec({Coupon(25, 2), Redeemed(1, elsewhere), Redeemed(2, third)}, OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_exhausted", ErrorKind::kInvalid);
    ApplySpec({Coupon(25, 2), Redeemed(1, elsewhere), Redeemed(2, third),
               CouponReleased{kCoupon, "SPRING25", third, "cart abandoned", 1}},
              OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then({Redeemed(2)});
  }

  TEST_CASE(
      "once per cart, on an open cart of the student's own, and a mentor coupon needs their "
      "course") {
    ApplySpec({Coupon(), Redeemed(1)}, OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_already_applied", ErrorKind::kConflict);
    ApplySpec({Coupon()}, {})
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("cart_not_open", ErrorKind::kNotFound);
    ApplySpec({Coupon()}, OpenCartWith())
        .as(StudentActor(kOther))
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("not_own_account");
    ApplySpec({Coupon(25, 2, kMentor2)}, OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_not_applicable");
    ApplySpec({Coupon(25, 2, kMentor2)}, OpenCartWith(kMentor2))
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then({Redeemed(1, kCart, kMentor2)});
    std::vector<LearnerDecider::Event> with_coupon = OpenCartWith();
    with_coupon.push_back(CouponAttached{kCart, kStudent, CouponIdFor("OTHER"), "OTHER", 10, {}});
    ApplySpec({Coupon()}, with_coupon)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("cart_has_coupon");
    Spec<CouponDecider>()
        .as(StudentActor())
        .when(ApplyCoupon{"NOPE", kStudent, kCart})
        .then_error("coupon_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a release gives a cart's redemption back once") {
    Spec<CouponDecider>()
        .as(System())
        .given({Coupon(), Redeemed(1)})
        .when(ReleaseCoupon{"SPRING25", kCart, "cart abandoned"})
        .then({CouponReleased{kCoupon, "SPRING25", kCart, "cart abandoned", 0}});
    Spec<CouponDecider>()
        .as(System())
        .given({Coupon(), Redeemed(1), CouponReleased{kCoupon, "SPRING25", kCart, "x", 0}})
        .when(ReleaseCoupon{"SPRING25", kCart, "again"})
        .then({});
  }
}

TEST_SUITE("skillspring carts") {
  Spec<LearnerDecider> AddSpec(std::vector<LearnerDecider::Event> learner = {},
                               std::vector<CourseDecider::Event> course = Published()) {
    Spec<LearnerDecider> spec = Shopper();
    spec.given(learner)
        .given_stream<UserDecider>(UserStream(kStudent), {Registered(kStudent, UserRole::student)})
        .given_stream<CourseDecider>(CourseStream(kCourse), course);
    return spec;
  }

  TEST_CASE("the first item opens the cart at the course's current (sale) price") {
    AddSpec()
        .when(AddToCart{kStudent, kCart, kCourse})
        .then({CartOpened{kCart, kStudent}, Item(kCourse, 4999)});
    AddSpec({}, Published(kCourse, kMentor, 4999, 1999))
        .when(AddToCart{kStudent, kCart, kCourse})
        .then({CartOpened{kCart, kStudent}, Item(kCourse, 1999)});
  }

  TEST_CASE("one open cart per student; an item once; only published courses; not owned ones") {
    AddSpec({CartOpened{kCart, kStudent}})
        .when(AddToCart{kStudent, kCart2, kCourse})
        .then_error("open_cart_exists", ErrorKind::kConflict);
    AddSpec({CartOpened{kCart, kStudent}, Item(kCourse, 4999)})
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("already_in_cart");
    AddSpec({}, {Created()})
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("course_not_available");
    AddSpec(Bought())
        .when(AddToCart{kStudent, kCart2, kCourse})
        .then_error("already_enrolled", ErrorKind::kConflict);
    AddSpec({CartOpened{kCart, kStudent}, CartAbandoned{kCart, kStudent, {}}})
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<LearnerDecider> mentor = Shopper();
    mentor.given_stream<UserDecider>(UserStream(kStudent), {Registered(kStudent, UserRole::mentor)})
        .given_stream<CourseDecider>(CourseStream(kCourse), Published())
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("student_not_found");
  }

  TEST_CASE("a refunded course can be bought again") {
    std::vector<LearnerDecider::Event> refunded = Bought();
    refunded.push_back(PurchaseRefunded{EnrollmentIdFor(kStudent, kCourse),
                                        kStudent,
                                        kCourse,
                                        kMentor,
                                        Usd(4999),
                                        Usd(3499),
                                        Usd(1500),
                                        {},
                                        "skillspring-default-v1"});
    AddSpec(refunded)
        .when(AddToCart{kStudent, kCart2, kCourse})
        .then({CartOpened{kCart2, kStudent}, Item(kCourse, 4999, kMentor, kCart2)});
  }

  TEST_CASE(
      "items are removed; carts are abandoned (their coupon named for release); closed carts stay "
      "closed") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999)};
    Shopper()
        .given(cart)
        .when(RemoveFromCart{kStudent, kCart, kCourse})
        .then({CartItemRemoved{kCart, kStudent, kCourse}});
    Shopper()
        .given(cart)
        .when(RemoveFromCart{kStudent, kCart, kCourse2})
        .then_error("not_in_cart", ErrorKind::kNotFound);
    auto abandoned = Shopper();
    cart.push_back(Attached());
    abandoned.given(cart)
        .when(AbandonCart{kStudent, kCart})
        .then({CartAbandoned{kCart, kStudent, std::string("SPRING25")}});
    CHECK_FALSE(abandoned.state().cart.has_value());
    CHECK(abandoned.state().closed_carts.at(kCart) == CartStatus::abandoned);
    cart.push_back(CartAbandoned{kCart, kStudent, std::string("SPRING25")});
    Shopper()
        .given(cart)
        .when(AbandonCart{kStudent, kCart})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Shopper()
        .given(cart)
        .when(RemoveFromCart{kStudent, kCart, kCourse})
        .then_error("illegal_transition");
    Shopper()
        .as(System())
        .given({CartOpened{kCart, kStudent}})
        .when(AbandonCart{kStudent, kCart})
        .then({CartAbandoned{kCart, kStudent, {}}});
    Shopper().when(AbandonCart{kStudent, kCart}).then_error("cart_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE(
      "a reserved coupon attaches to its open cart once; otherwise it is declined (and released)") {
    AttachCoupon attach{kStudent, kCart, kCoupon, "SPRING25", 25, {}};
    Shopper().as(System()).given({CartOpened{kCart, kStudent}}).when(attach).then({Attached()});
    Shopper().as(System()).given({CartOpened{kCart, kStudent}, Attached()}).when(attach).then({});
    AttachCoupon other{kStudent, kCart, CouponIdFor("OTHER"), "OTHER", 10, {}};
    Shopper()
        .as(System())
        .given({CartOpened{kCart, kStudent}, Attached()})
        .when(other)
        .then({CouponDeclined{kCart, kStudent, CouponIdFor("OTHER"), "OTHER",
                              "the cart already holds coupon SPRING25"}});
    Shopper()
        .as(System())
        .given({CartOpened{kCart, kStudent}, CartAbandoned{kCart, kStudent, {}}})
        .when(attach)
        .then({CouponDeclined{kCart, kStudent, kCoupon, "SPRING25", "the cart is abandoned"}});
  }
}

TEST_SUITE("skillspring checkout") {
  TEST_CASE("without a coupon: the snapshot prices, 70/30 per course") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999),
                                               Item(kCourse2, 1999)};
    auto spec = Shopper();
    spec.given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(6998), "pi_3N"})
        .then({CheckedOut(6998, 0, 2), Purchased(kCourse, 4999, 0), Purchased(kCourse2, 1999, 0)});
    CHECK(spec.state().closed_carts.at(kCart) == CartStatus::converted);
    CHECK(Purchased(kCourse, 4999, 0).mentor_earnings.minor ==
          3499);  // 3499.3 -> 3499, platform 1500
    CHECK(Purchased(kCourse, 4999, 0).platform_fee.minor == 1500);
  }

  TEST_CASE("a cart-level discount is spread by largest remainder so it sums exactly") {
    // 25 % of 4999 + 1999 + 1 = 6999 -> 1749.75 -> 1750; spread 1249.93 / 499.82 / 0.25 -> 1250 /
    // 500 / 0.
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999),
                                               Item(kCourse2, 1999), Item(kCourse3, 1), Attached()};
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(5249), "pi_3N"})
        .then({CheckedOut(6999, 1750, 3, std::string("SPRING25"), true),
               Purchased(kCourse, 4999, 1250), Purchased(kCourse2, 1999, 500),
               Purchased(kCourse3, 1, 0)});
    CartPrice p = PriceCart({{kCourse, kMentor, 4999, 0, 0},
                             {kCourse2, kMentor, 1999, 0, 0},
                             {kCourse3, kMentor, 1, 0, 0}},
                            CouponTerms{25, {}});
    int64_t sum = 0;
    for (const auto& l : p.lines) {
      sum += l.discount;
      CHECK(l.purchase_price >= 0);
      CHECK(l.discount <= l.price);
    }
    CHECK(sum == p.discount);
    CHECK(p.total == p.subtotal - p.discount);
  }

  TEST_CASE("a mentor's coupon discounts only that mentor's courses") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999),
                                               Item(kCourse2, 2000, kMentor2),
                                               Attached(50, kMentor2)};
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(5999), "pi_3N"})
        .then({CheckedOut(6999, 1000, 2, std::string("SPRING25"), true),
               Purchased(kCourse, 4999, 0), Purchased(kCourse2, 2000, 1000, kMentor2)});
    // Its courses removed before checkout: nothing qualifies, the coupon is unused (and released).
    std::vector<LearnerDecider::Event> none = {
        CartOpened{kCart, kStudent}, Item(kCourse, 4999), Item(kCourse2, 2000, kMentor2),
        Attached(50, kMentor2), CartItemRemoved{kCart, kStudent, kCourse2}};
    Shopper()
        .given(none)
        .when(CheckoutCart{kStudent, kCart, Usd(4999), "pi_3N"})
        .then(
            {CheckedOut(4999, 0, 1, std::string("SPRING25"), false), Purchased(kCourse, 4999, 0)});
  }

  TEST_CASE("100 % off: free enrollments, nothing to split") {
    Shopper()
        .given({CartOpened{kCart, kStudent}, Item(kCourse, 4999), Attached(100)})
        .when(CheckoutCart{kStudent, kCart, Usd(0), "pi_3N"})
        .then({CheckedOut(4999, 4999, 1, std::string("SPRING25"), true),
               Purchased(kCourse, 4999, 4999)});
  }

  TEST_CASE("the total must be the one the student was shown; carts must be open and not empty") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999)};
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(4998), "pi_3N"})
        .then_error("total_mismatch", ErrorKind::kInvalid);
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(4999), ""})
        .then_error("payment_reference_required");
    Shopper()
        .given({CartOpened{kCart, kStudent}})
        .when(CheckoutCart{kStudent, kCart, Usd(0), "pi"})
        .then_error("empty_cart");
    Shopper()
        .given(Bought())
        .when(CheckoutCart{kStudent, kCart, Usd(4999), "pi_3N"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Shopper()
        .as(StudentActor(kOther))
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(4999), "pi"})
        .then_error("not_own_account");
  }
}

TEST_SUITE("skillspring learning and refunds") {
  Spec<LearnerDecider> Learner(std::vector<LearnerDecider::Event> history) {
    Spec<LearnerDecider> spec = Shopper();
    spec.given(history).given_stream<CourseDecider>(CourseStream(kCourse), Published());
    return spec;
  }

  TEST_CASE("progress by distinct lectures; the last one completes the course") {
    const Uuid enrollment = EnrollmentIdFor(kStudent, kCourse);
    LectureWatched first{enrollment, kStudent, kCourse, kLecture1, 1, 2, 5000};
    Learner(Bought()).when(RecordLectureProgress{kStudent, kCourse, kLecture1}).then({first});
    std::vector<LearnerDecider::Event> halfway = Bought();
    halfway.push_back(first);
    Learner(halfway)
        .when(RecordLectureProgress{kStudent, kCourse, kLecture1})
        .then({first});  // rewatched
    auto done = Learner(halfway);
    done.when(RecordLectureProgress{kStudent, kCourse, kLecture2})
        .then({LectureWatched{enrollment, kStudent, kCourse, kLecture2, 2, 2, 10000},
               CourseCompleted{enrollment, kStudent, kCourse}});
    CHECK(done.state().purchases.at(kCourse).completed);
    Learner(Bought())
        .when(RecordLectureProgress{kStudent, kCourse, kSection})
        .then_error("lecture_not_in_course");
    Learner({})
        .when(RecordLectureProgress{kStudent, kCourse, kLecture1})
        .then_error("not_enrolled");
  }

  TEST_CASE("a refund within 30 days reverses the split exactly; not a microsecond later") {
    PurchaseRefunded refunded{EnrollmentIdFor(kStudent, kCourse),
                              kStudent,
                              kCourse,
                              kMentor,
                              Usd(4999),
                              Usd(3499),
                              Usd(1500),
                              std::string("not for me"),
                              "skillspring-default-v1"};
    auto spec = Learner(Bought(kNow));
    spec.at(kNow + kPolicy.refund_window)
        .when(RefundPurchase{kStudent, kCourse, std::string("not for me")})
        .then({refunded});
    CHECK(spec.state().Owned(kCourse) == nullptr);
    Learner(Bought(kNow))
        .at(kNow + kPolicy.refund_window + 1)
        .when(RefundPurchase{kStudent, kCourse, {}})
        .then_error("refund_window_passed", ErrorKind::kInvalid);
    std::vector<LearnerDecider::Event> again = Bought();
    again.push_back(refunded);
    Learner(again).when(RefundPurchase{kStudent, kCourse, {}}).then_error("not_enrolled");
    std::vector<LearnerDecider::Event> completed = Bought();
    completed.push_back(CourseCompleted{EnrollmentIdFor(kStudent, kCourse), kStudent, kCourse});
    Learner(completed).when(RefundPurchase{kStudent, kCourse, {}}).then_error("course_completed");
    std::vector<LearnerDecider::Event> free = {
        CartOpened{kCart, kStudent}, Item(kCourse, 4999), Attached(100),
        CheckedOut(4999, 4999, 1, std::string("SPRING25"), true), Purchased(kCourse, 4999, 4999)};
    Learner(free).when(RefundPurchase{kStudent, kCourse, {}}).then_error("nothing_to_refund");
  }
}

TEST_SUITE("skillspring reviews") {
  Spec<ReviewDecider> ReviewSpec(std::vector<LearnerDecider::Event> learner) {
    Spec<ReviewDecider> spec;
    spec.at(kNow).as(StudentActor()).given_stream<LearnerDecider>(LearnerStream(kStudent), learner);
    return spec;
  }
  ReviewWritten Written(int32_t rating = 5) {
    return ReviewWritten{ReviewIdFor(kStudent, kCourse), kCourse, kStudent, kMentor, rating,
                         std::string("Clear"),           {},      true,     true};
  }

  TEST_CASE("only an enrolled student reviews, once per course, rating 1..5") {
    WriteReview c{kStudent, kCourse, 5, std::string("Clear"), {}, true};
    ReviewSpec(Bought()).when(c).then({Written()});
    ReviewSpec({}).when(c).then_error("not_enrolled", ErrorKind::kInvalid);
    ReviewSpec(Bought())
        .given({Written()})
        .when(c)
        .then_error("review_already_exists", ErrorKind::kConflict);
    for (int32_t rating : {0, 6}) {
      c.rating = rating;
      ReviewSpec(Bought()).when(c).then_error("invalid_rating");
    }
    for (int32_t rating : {1, 5}) {
      c.rating = rating;
      ReviewSpec(Bought()).when(c).then({Written(rating)});
    }
    c.rating = 4;
    ReviewSpec(Bought())
        .as(StudentActor(kOther))
        .when(c)
        .then_error("not_own_review", ErrorKind::kForbidden);
  }

  TEST_CASE("one helpful vote per review and student, never on one's own review") {
    const Uuid review = ReviewIdFor(kStudent, kCourse);
    auto spec = Spec<ReviewDecider>();
    spec.as(StudentActor(kOther))
        .given({Written()})
        .when(VoteReview{review, kOther, Vote::helpful})
        .then({ReviewVoted{review, kOther, Vote::helpful, 1}});
    Spec<ReviewDecider>()
        .as(StudentActor(kOther))
        .given({Written()})
        .when(VoteReview{review, kOther, Vote::not_helpful})
        .then({ReviewVoted{review, kOther, Vote::not_helpful, 0}});
    Spec<ReviewDecider>()
        .as(StudentActor(kOther))
        .given({Written(), ReviewVoted{review, kOther, Vote::helpful, 1}})
        .when(VoteReview{review, kOther, Vote::not_helpful})
        .then_error("already_voted", ErrorKind::kConflict);
    Spec<ReviewDecider>()
        .as(StudentActor())
        .given({Written()})
        .when(VoteReview{review, kStudent, Vote::helpful})
        .then_error("own_review");
    Spec<ReviewDecider>()
        .as(StudentActor(kOther))
        .when(VoteReview{review, kOther, Vote::helpful})
        .then_error("review_not_found");
  }
}

TEST_SUITE("skillspring doctored histories") {
  // Only a log edited by hand holds a cart event with no open cart before it: folding it must not
  // read the missing cart (it crashed the process), and no command is decided on the stream.
  TEST_CASE("a cart abandoned or filled with no open cart makes the stream inconsistent") {
    Shopper()
        .given({CartAbandoned{kCart, kStudent, std::nullopt}})
        .when(AbandonCart{kStudent, kCart})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
    Shopper()
        .given({Attached()})
        .when(AbandonCart{kStudent, kCart})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
  }
}

TEST_SUITE("skillspring lifecycles") {
  // Rows written from docs/skillspring.md "Lifecycles" and the seed's statuses (003), not from the
  // machines; checked by tests/support/machine_spec.h.
  TEST_CASE(
      "course: draft -> submitted -> published -> archived, changes requested back to draft") {
    using S = CourseStatus;
    using T = CourseTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::draft, T::submit, S::submitted},
        // An admin publishes a submitted course or sends it back to draft.
        {S::submitted, T::publish, S::published},
        {S::submitted, T::request_changes, S::draft},
        // Any course can be archived (status 'archived' + deleted_at).
        {S::draft, T::archive, S::archived},
        {S::submitted, T::archive, S::archived},
        {S::published, T::archive, S::archived},
    };
    testing::CheckMachine<CourseMachine, S, T>(S::draft, lifecycle);
  }

  TEST_CASE("cart: open -> converted | abandoned") {
    using S = CartStatus;
    using T = CartTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::open, T::check_out, S::converted},
        {S::open, T::abandon, S::abandoned},
    };
    testing::CheckMachine<CartMachine, S, T>(S::open, lifecycle);
  }
}

}  // namespace edu::skillspring
