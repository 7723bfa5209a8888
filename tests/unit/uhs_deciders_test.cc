// Specifications of Urban Home School money and lifecycles: people, courses, enrollments with the
// 60/30/10 split, gateway transactions with duplicate callbacks, wallets at their boundaries, saved
// payment methods, and the two MSM lifecycles row by row.
#include <set>

#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/payment_methods.h"
#include "domain/uhs/people.h"
#include "domain/uhs/split.h"
#include "domain/uhs/transaction.h"
#include "domain/uhs/wallet.h"
#include "tests/support/decider_spec.h"
#include "tests/support/machine_spec.h"

namespace edu::uhs {
namespace {

using testing::Admin;
using testing::AsUser;
using testing::Spec;
using testing::System;

const Uuid kParent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kOtherParent = *ParseUuid("11111111-1111-4111-8111-222222222222");
const Uuid kInstructor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kPartner = *ParseUuid("33333333-3333-4333-8333-333333333333");
const Uuid kCourse = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kEnrollment = *ParseUuid("55555555-5555-4555-8555-555555555555");
const Uuid kPayment = *ParseUuid("66666666-6666-4666-8666-666666666666");
const Uuid kMethod = *ParseUuid("77777777-7777-4777-8777-777777777777");
const Uuid kMethod2 = *ParseUuid("77777777-7777-4777-8777-888888888888");
const Uuid kMethod3 = *ParseUuid("77777777-7777-4777-8777-999999999999");
const std::string kAdmission = "UHS/2026/0042";
const Uuid kStudent = StudentIdFor(kAdmission);
const Uuid kStudentUser = StudentUserIdFor(kStudent);
const Timestamp kNow = *ParseIso8601("2026-03-02T08:00:00Z");
const Policy kPolicy;

Money Kes(int64_t minor) { return Money{minor, "KES"}; }

UserRegistered Registered(const Uuid& id, UserRole role, const char* email) {
  UserRegistered e;
  e.user_id = id;
  e.role = role;
  e.email = Personal<std::string>(email);
  e.name = Personal<std::string>("Wanjiku Kamau");
  return e;
}

StudentRegistered Admitted(std::optional<Uuid> parent = kParent) {
  StudentRegistered e;
  e.student_id = kStudent;
  e.user_id = kStudentUser;
  e.parent_id = parent;
  e.admission_number = kAdmission;
  e.grade_level = "Grade 7";
  e.enrollment_date = Date{2026, 1, 5};
  e.email = Personal<std::string>("amani@example.co.ke");
  e.name = Personal<std::string>("Amani Kamau");
  e.county = "Nairobi";
  return e;
}

CourseCreated Created(int64_t price, bool platform = false) {
  CourseCreated e;
  e.course_id = kCourse;
  e.title = "Grade 7 Mathematics";
  e.description = "Integers, fractions and geometry";
  e.grade_levels = {"Grade 7"};
  e.learning_area = "Mathematics";
  if (!platform) e.instructor_id = kInstructor;
  e.is_platform_created = platform;
  e.price = Kes(price);
  e.lessons = {"integers", "fractions", "geometry"};
  return e;
}

EnrollmentStarted Started(int64_t price, std::optional<Uuid> partner = kPartner,
                          bool platform = false) {
  EnrollmentStarted e;
  e.enrollment_id = kEnrollment;
  e.student_id = kStudent;
  e.student_user_id = kStudentUser;
  e.parent_id = kParent;
  e.course_id = kCourse;
  if (!platform) e.instructor_id = kInstructor;
  e.is_platform_created = platform;
  e.partner_id = partner;
  e.price = Kes(price);
  e.status = price == 0 ? EnrollmentStatus::active : EnrollmentStatus::pending_payment;
  if (price > 0) e.payment_due_by = kNow + Hours(48);
  e.lessons = {"integers", "fractions", "geometry"};
  return e;
}

RecordEnrollmentPayment Payment(int64_t amount, PaymentSource source = PaymentSource::gateway,
                                const Uuid& payment_id = kPayment) {
  RecordEnrollmentPayment c;
  c.enrollment_id = kEnrollment;
  c.payment_id = payment_id;
  c.source = source;
  c.payer_user_id = kParent;
  c.amount = Kes(amount);
  if (source == PaymentSource::gateway) c.transaction_reference = "ws_CO_1";
  return c;
}

EnrollmentPaid Paid(int64_t amount, PaymentSource source = PaymentSource::gateway,
                    Timestamp at = kNow) {
  EnrollmentPaid e;
  e.enrollment_id = kEnrollment;
  e.course_id = kCourse;
  e.payment_id = kPayment;
  e.source = source;
  e.payer_user_id = kParent;
  e.amount = Kes(amount);
  if (source == PaymentSource::gateway) e.transaction_reference = "ws_CO_1";
  e.paid_at = at;
  return e;
}

RevenueSplit Split(int64_t amount, int64_t instructor, int64_t platform, int64_t partner,
                   BasisPoints ib, BasisPoints pb, BasisPoints rb, bool with_partner = true,
                   bool with_instructor = true) {
  RevenueSplit e;
  e.enrollment_id = kEnrollment;
  e.payment_id = kPayment;
  e.course_id = kCourse;
  e.amount = Kes(amount);
  if (with_instructor) e.instructor_id = kInstructor;
  e.instructor_share = Kes(instructor);
  e.platform_share = Kes(platform);
  if (with_partner) e.partner_id = kPartner;
  e.partner_share = Kes(partner);
  e.instructor_bps = ib;
  e.platform_bps = pb;
  e.partner_bps = rb;
  e.policy = "uhs-default-v1";
  return e;
}

Spec<EnrollmentDecider> EnrollmentSpec(const Actor& actor = AsUser(kParent, "parent")) {
  Spec<EnrollmentDecider> spec;
  spec.at(kNow).as(actor);
  return spec;
}

// ---- transactions ----

const std::string kRef = "ws_CO_020320260800001";

InitiatePayment Topup(int64_t amount = 500000) {
  InitiatePayment c;
  c.transaction_reference = kRef;
  c.user_id = kParent;
  c.amount = Kes(amount);
  c.gateway = Gateway::mpesa;
  c.purpose = PaymentPurpose::wallet_topup;
  return c;
}

TransactionInitiated Initiated(int64_t amount = 500000,
                               PaymentPurpose purpose = PaymentPurpose::wallet_topup) {
  TransactionInitiated e;
  e.transaction_id = TransactionIdFor(kRef);
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = purpose;
  if (purpose == PaymentPurpose::course_enrollment) e.enrollment_id = kEnrollment;
  return e;
}

TransactionCompleted Completed(int64_t amount = 500000,
                               PaymentPurpose purpose = PaymentPurpose::wallet_topup) {
  TransactionCompleted e;
  e.transaction_id = TransactionIdFor(kRef);
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = purpose;
  if (purpose == PaymentPurpose::course_enrollment) e.enrollment_id = kEnrollment;
  e.gateway_receipt = "QCH7X1Y2Z3";
  e.completed_at = kNow;
  return e;
}

TransactionFailed Failed(int64_t amount = 500000) {
  TransactionFailed e;
  e.transaction_id = TransactionIdFor(kRef);
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = PaymentPurpose::wallet_topup;
  e.reason = "Request cancelled by user";
  e.result_code = "1032";
  return e;
}

Spec<TransactionDecider> GatewaySpec() {
  Spec<TransactionDecider> spec;
  spec.at(kNow).as(Actor{"system:mpesa", "gateway"});
  return spec;
}

// ---- wallets ----

WalletOpened Opened(const Uuid& user = kParent) {
  return WalletOpened{WalletIdFor(user), user, "KES"};
}

WalletCredited Credited(int64_t amount, int64_t balance_after,
                        WalletReason reason = WalletReason::topup, const Uuid& user = kParent) {
  return WalletCredited{WalletIdFor(user), user, Kes(amount), reason, TransactionIdFor(kRef),
                        Kes(balance_after)};
}

Spec<WalletDecider> WalletSpec(int64_t balance, int64_t price) {
  Spec<WalletDecider> spec;
  spec.at(kNow)
      .as(AsUser(kParent, "parent"))
      .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {Started(price)});
  std::vector<WalletDecider::Event> history = {Opened()};
  if (balance > 0) history.push_back(Credited(balance, balance));
  spec.given(history);
  return spec;
}

}  // namespace

TEST_SUITE("uhs people") {
  TEST_CASE("a parent registers themselves; staff register instructors and partners") {
    RegisterUser c{kParent, UserRole::parent, "wanjiku@example.co.ke", "Wanjiku Kamau", {},
                   {},      std::nullopt};
    UserRegistered e = Registered(kParent, UserRole::parent, "wanjiku@example.co.ke");
    Spec<UserDecider>().as(AsUser(kParent, "parent")).when(c).then({e});

    RegisterUser instructor{
        kInstructor, UserRole::instructor, "otieno@example.co.ke", "Wanjiku Kamau", {}, {}, {}};
    Spec<UserDecider>()
        .as(AsUser(kInstructor, "parent"))
        .when(instructor)
        .then_error("staff_only", ErrorKind::kForbidden);
    Spec<UserDecider>()
        .as(Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "staff"})
        .when(instructor)
        .then({Registered(kInstructor, UserRole::instructor, "otieno@example.co.ke")});
    RegisterUser staff = instructor;
    staff.role = UserRole::staff;
    Spec<UserDecider>()
        .as(Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "staff"})
        .when(staff)
        .then_error("privileged_role_requires_admin", ErrorKind::kForbidden);
  }

  TEST_CASE("students are admitted, not registered; twice is a conflict; emails are checked") {
    RegisterUser c{kParent, UserRole::student, "amani@example.co.ke", "Amani", {}, {}, {}};
    Spec<UserDecider>().as(Admin()).when(c).then_error("students_are_admitted");
    c.role = UserRole::parent;
    Spec<UserDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Registered(kParent, UserRole::parent, "x@example.co.ke")})
        .when(c)
        .then_error("user_already_registered", ErrorKind::kConflict);
    c.email = "wanjiku.example.co.ke";
    Spec<UserDecider>()
        .as(AsUser(kParent, "parent"))
        .when(c)
        .then_error("invalid_email", ErrorKind::kInvalid);
    Spec<UserDecider>().as(AsUser(kOtherParent, "parent")).when(c).then_error("not_own_account");
  }

  TEST_CASE("a parent admits their child; the ids derive from the admission number") {
    RegisterStudent c{"  uhs/2026/0042 ", "Amani Kamau",         "amani@example.co.ke",
                      "Grade 7",          Date{2026, 1, 5},      kParent,
                      std::nullopt,       std::string("Nairobi")};
    Spec<StudentDecider>()
        .as(AsUser(kParent, "parent"))
        .given_stream<UserDecider>(UserStream(kParent),
                                   {Registered(kParent, UserRole::parent, "w@example.co.ke")})
        .when(c)
        .then({Admitted()});
    CHECK(c.stream_id() == StudentStream(kStudent));
  }

  TEST_CASE("an admission number is admitted once, whatever its case or blanks") {
    RegisterStudent c{"UHS/2026/0042",  "Another Child", "other@example.co.ke", "Grade 6",
                      Date{2026, 1, 5}, std::nullopt,    std::nullopt,          std::nullopt};
    CHECK(StudentIdFor("uhs/2026/0042 ") == StudentIdFor("UHS/2026/0042"));
    Spec<StudentDecider>()
        .as(Admin())
        .given({Admitted()})
        .when(c)
        .then_error("admission_number_taken", ErrorKind::kConflict);
  }

  TEST_CASE("a parent admits only their own children, and the parent must be a parent") {
    RegisterStudent c{"UHS/2026/0042",  "Amani Kamau", "amani@example.co.ke", "Grade 7",
                      Date{2026, 1, 5}, kOtherParent,  std::nullopt,          std::nullopt};
    Spec<StudentDecider>()
        .as(AsUser(kParent, "parent"))
        .when(c)
        .then_error("not_own_child", ErrorKind::kForbidden);
    c.parent_id = kInstructor;
    Spec<StudentDecider>()
        .as(Admin())
        .given_stream<UserDecider>(
            UserStream(kInstructor),
            {Registered(kInstructor, UserRole::instructor, "i@example.co.ke")})
        .when(c)
        .then_error("not_a_parent");
    c.parent_id = kOtherParent;
    Spec<StudentDecider>().as(Admin()).when(c).then_error("parent_not_found", ErrorKind::kNotFound);
    c.parent_id.reset();
    c.grade_level = "";
    Spec<StudentDecider>().as(Admin()).when(c).then_error("invalid_grade_level");
  }
}

TEST_SUITE("uhs courses") {
  TEST_CASE("an instructor creates their course; staff create platform courses") {
    CreateCourse c{kCourse,
                   "Grade 7 Mathematics",
                   "Integers, fractions and geometry",
                   {"Grade 7"},
                   "Mathematics",
                   Kes(250000),
                   kInstructor,
                   {"integers", "fractions", "geometry"},
                   {}};
    Spec<CourseDecider>()
        .as(AsUser(kInstructor, "instructor"))
        .given_stream<UserDecider>(
            UserStream(kInstructor),
            {Registered(kInstructor, UserRole::instructor, "i@example.co.ke")})
        .when(c)
        .then({Created(250000)});
    c.instructor_id.reset();
    Spec<CourseDecider>().as(Admin()).when(c).then({Created(250000, true)});
    Spec<CourseDecider>()
        .as(AsUser(kInstructor, "instructor"))
        .when(c)
        .then_error("not_own_course", ErrorKind::kForbidden);
  }

  TEST_CASE("prices are KES, from 0.00 (free) up to the payment ceiling") {
    CreateCourse c{kCourse, "Grade 7 Mathematics", "",    {"Grade 7"}, "Mathematics",
                   Kes(-1), std::nullopt,          {"a"}, {}};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("invalid_amount", ErrorKind::kInvalid);
    c.price = Kes(kPolicy.max_payment_minor + 1);
    Spec<CourseDecider>().as(Admin()).when(c).then_error("invalid_amount");
    c.price = Money{1000, "USD"};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("currency_mismatch");
    c.price = Kes(0);
    c.lessons = {"a", "a"};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("invalid_lessons");
    c.lessons = {};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("lessons_required");
  }

  TEST_CASE("a course is published once") {
    Spec<CourseDecider>()
        .as(AsUser(kInstructor, "instructor"))
        .given({Created(100)})
        .when(PublishCourse{kCourse})
        .then({CoursePublished{kCourse}});
    Spec<CourseDecider>()
        .as(Admin())
        .given({Created(100), CoursePublished{kCourse}})
        .when(PublishCourse{kCourse})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<CourseDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Created(100)})
        .when(PublishCourse{kCourse})
        .then_error("not_own_course");
  }
}

TEST_SUITE("uhs enrollments") {
  Spec<EnrollmentDecider> EnrollSpec(int64_t price, bool published = true) {
    Spec<EnrollmentDecider> spec = EnrollmentSpec();
    std::vector<CourseDecider::Event> course = {Created(price)};
    if (published) course.push_back(CoursePublished{kCourse});
    spec.given_stream<StudentDecider>(StudentStream(kStudent), {Admitted()})
        .given_stream<CourseDecider>(CourseStream(kCourse), course)
        .given_stream<UserDecider>(UserStream(kPartner),
                                   {Registered(kPartner, UserRole::partner, "p@example.co.ke")});
    return spec;
  }

  TEST_CASE("a paid course starts pending_payment with a due date; a free one starts active") {
    EnrollSpec(250000)
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, kPartner})
        .then({Started(250000)});
    EnrollSpec(0).when(EnrollInCourse{kEnrollment, kStudent, kCourse, kPartner}).then({Started(0)});
    auto spec = EnrollSpec(0);
    spec.when(EnrollInCourse{kEnrollment, kStudent, kCourse, kPartner}).then({Started(0)});
    CHECK(spec.state().status() == EnrollmentStatus::active);
  }

  TEST_CASE(
      "enrolling needs a published course, the student's family or staff, and a real partner") {
    EnrollSpec(100, false)
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, {}})
        .then_error("course_not_published");
    EnrollSpec(100)
        .as(AsUser(kOtherParent, "parent"))
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, {}})
        .then_error("not_own_student", ErrorKind::kForbidden);
    EnrollSpec(100)
        .as(AsUser(kStudentUser, "student"))
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, {}})
        .then({Started(100, std::nullopt)});
    EnrollSpec(100)
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, kInstructor})
        .then_error("partner_not_found", ErrorKind::kNotFound);
    EnrollSpec(100)
        .given_stream<UserDecider>(
            UserStream(kInstructor),
            {Registered(kInstructor, UserRole::instructor, "i@example.co.ke")})
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, kInstructor})
        .then_error("not_a_partner");
    EnrollSpec(100)
        .given({Started(100)})
        .when(EnrollInCourse{kEnrollment, kStudent, kCourse, {}})
        .then_error("enrollment_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE(
      "a payment activates the enrollment and splits 60/30/10 to instructor, platform, partner") {
    EnrollmentSpec(System())
        .given({Started(250000)})
        .when(Payment(250000))
        .then({Paid(250000), Split(250000, 150000, 75000, 25000, 6000, 3000, 1000)});
  }

  TEST_CASE("without a partner the platform keeps the partner share") {
    EnrollmentSpec(System())
        .given({Started(250000, std::nullopt)})
        .when(Payment(250000))
        .then({Paid(250000), Split(250000, 150000, 100000, 0, 6000, 4000, 0, false)});
  }

  TEST_CASE("a platform-created course: the platform takes the instructor share too") {
    EnrollmentSpec(System())
        .given({Started(250000, kPartner, true)})
        .when(Payment(250000))
        .then({Paid(250000), Split(250000, 0, 225000, 25000, 0, 9000, 1000, true, false)});
    EnrollmentSpec(System())
        .given({Started(250000, std::nullopt, true)})
        .when(Payment(250000))
        .then({Paid(250000), Split(250000, 0, 250000, 0, 0, 10000, 0, false, false)});
  }

  TEST_CASE("odd minor units: the largest remainders take the leftover cents, the sum is exact") {
    // KES 10.01: 600.6 / 300.3 / 100.1 cents -> 601 / 300 / 100.
    EnrollmentSpec(System())
        .given({Started(1001)})
        .when(Payment(1001))
        .then({Paid(1001), Split(1001, 601, 300, 100, 6000, 3000, 1000)});
    // KES 0.01: the whole cent goes to the largest share.
    EnrollmentSpec(System())
        .given({Started(1)})
        .when(Payment(1))
        .then({Paid(1), Split(1, 1, 0, 0, 6000, 3000, 1000)});
    // KES 0.09 without partner: 5.4 / 3.6 -> 5 / 4 (the larger remainder wins).
    EnrollmentSpec(System())
        .given({Started(9, std::nullopt)})
        .when(Payment(9))
        .then({Paid(9), Split(9, 5, 4, 0, 6000, 4000, 0, false)});
    for (int64_t amount : {1, 2, 3, 7, 99, 101, 333, 1001, 99999, 15000000}) {
      for (bool instructor : {true, false}) {
        for (bool partner : {true, false}) {
          SplitShares s = SplitCoursePayment(amount, instructor, partner, kPolicy);
          CHECK(s.instructor + s.platform + s.partner == amount);
          CHECK(s.instructor_bps + s.platform_bps + s.partner_bps == kWhole);
          CHECK((instructor || s.instructor == 0));
          CHECK((partner || s.partner == 0));
        }
      }
    }
  }

  TEST_CASE("a payment delivered twice is recorded once") {
    EnrollmentSpec(System())
        .given({Started(1000), Paid(1000), Split(1000, 600, 300, 100, 6000, 3000, 1000)})
        .when(Payment(1000))
        .then({});
  }

  TEST_CASE("money for an enrollment that cannot take it is declined (and returned), not refused") {
    const Uuid second = *ParseUuid("66666666-6666-4666-8666-000000000002");
    EnrollmentPaymentDeclined late{kEnrollment,
                                   kPayment,
                                   PaymentSource::gateway,
                                   kParent,
                                   Kes(1000),
                                   std::string("ws_CO_1"),
                                   "the enrollment is expired"};
    EnrollmentSpec(System())
        .given({Started(1000), EnrollmentExpired{kEnrollment, kNow + Hours(48)}})
        .when(Payment(1000))
        .then({late});
    EnrollmentPaymentDeclined twice{kEnrollment, second, PaymentSource::wallet,     kParent,
                                    Kes(1000),   {},     "the enrollment is active"};
    EnrollmentSpec(System())
        .given({Started(1000), Paid(1000), Split(1000, 600, 300, 100, 6000, 3000, 1000)})
        .when(Payment(1000, PaymentSource::wallet, second))
        .then({twice});
    EnrollmentPaymentDeclined wrong{kEnrollment,
                                    kPayment,
                                    PaymentSource::gateway,
                                    kParent,
                                    Kes(999),
                                    std::string("ws_CO_1"),
                                    "paid KES 9.99 but the enrollment costs KES 10.00"};
    EnrollmentSpec(System()).given({Started(1000)}).when(Payment(999)).then({wrong});
  }

  TEST_CASE("lessons make progress; the last one completes the enrollment") {
    LessonCompleted first{kEnrollment, "integers", 40, {"integers"}, 40, 3333};
    EnrollmentSpec()
        .given({Started(0)})
        .when(RecordLessonCompleted{kEnrollment, "integers", 40})
        .then({first});
    LessonCompleted last{kEnrollment, "geometry", 30, {"integers", "fractions", "geometry"},
                         100,         10000};
    auto spec = EnrollmentSpec();
    spec.given({Started(0), first,
                LessonCompleted{kEnrollment, "fractions", 30, {"integers", "fractions"}, 70, 6666}})
        .when(RecordLessonCompleted{kEnrollment, "geometry", 30})
        .then({last, EnrollmentCompleted{kEnrollment, kCourse}});
    CHECK(spec.state().status() == EnrollmentStatus::completed);
    EnrollmentSpec()
        .given({Started(0), first})
        .when(RecordLessonCompleted{kEnrollment, "integers", 5})
        .then_error("lesson_already_completed", ErrorKind::kConflict);
    EnrollmentSpec()
        .given({Started(0)})
        .when(RecordLessonCompleted{kEnrollment, "poetry", 5})
        .then_error("lesson_not_in_course");
    EnrollmentSpec()
        .given({Started(100)})
        .when(RecordLessonCompleted{kEnrollment, "integers", 5})
        .then_error("illegal_transition", ErrorKind::kConflict);
    EnrollmentSpec()
        .given({Started(0)})
        .when(RecordLessonCompleted{kEnrollment, "integers", -1})
        .then_error("invalid_minutes");
    EnrollmentSpec(AsUser(kOtherParent, "parent"))
        .given({Started(0)})
        .when(RecordLessonCompleted{kEnrollment, "integers", 5})
        .then_error("not_own_enrollment");
  }

  TEST_CASE("dropping: pending or active enrollments only") {
    EnrollmentSpec()
        .given({Started(100)})
        .when(DropEnrollment{kEnrollment, std::string("moved school")})
        .then({EnrollmentDropped{kEnrollment, EnrollmentStatus::pending_payment,
                                 std::string("moved school")}});
    EnrollmentSpec()
        .given({Started(0)})
        .when(DropEnrollment{kEnrollment, {}})
        .then({EnrollmentDropped{kEnrollment, EnrollmentStatus::active, {}}});
    EnrollmentSpec()
        .given({Started(0), EnrollmentDropped{kEnrollment, EnrollmentStatus::active, {}}})
        .when(DropEnrollment{kEnrollment, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
    EnrollmentSpec()
        .when(DropEnrollment{kEnrollment, {}})
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a refund is possible until exactly the end of the window, not a microsecond later") {
    std::vector<EnrollmentDecider::Event> paid = {Started(1000), Paid(1000),
                                                  Split(1000, 600, 300, 100, 6000, 3000, 1000)};
    EnrollmentRefunded refunded{
        kEnrollment,     kPayment,  PaymentSource::gateway, RefundDestination::original,
        kParent,         Kes(1000), std::string("ws_CO_1"), std::string("wrong grade"),
        "uhs-default-v1"};
    auto spec = EnrollmentSpec();
    spec.given(paid)
        .at(kNow + kPolicy.refund_window)
        .when(
            RefundEnrollment{kEnrollment, RefundDestination::original, std::string("wrong grade")})
        .then({refunded});
    CHECK(spec.state().status() == EnrollmentStatus::dropped);
    EnrollmentSpec()
        .given(paid)
        .at(kNow + kPolicy.refund_window + 1)
        .when(RefundEnrollment{kEnrollment, RefundDestination::original, {}})
        .then_error("refund_window_passed", ErrorKind::kInvalid);
  }

  TEST_CASE(
      "a wallet payment is refunded to the wallet; free and completed enrollments are not "
      "refunded") {
    EnrollmentRefunded to_wallet{
        kEnrollment, kPayment, PaymentSource::wallet, RefundDestination::wallet, kParent, Kes(1000),
        {},          {},       "uhs-default-v1"};
    EnrollmentSpec()
        .given({Started(1000), Paid(1000, PaymentSource::wallet),
                Split(1000, 600, 300, 100, 6000, 3000, 1000)})
        .when(RefundEnrollment{kEnrollment, RefundDestination::original, {}})
        .then({to_wallet});
    EnrollmentSpec()
        .given({Started(0)})
        .when(RefundEnrollment{kEnrollment, RefundDestination::wallet, {}})
        .then_error("nothing_to_refund");
    EnrollmentSpec()
        .given({Started(100)})
        .when(RefundEnrollment{kEnrollment, RefundDestination::wallet, {}})
        .then_error("illegal_transition");
    EnrollmentSpec()
        .given({Started(1000), Paid(1000), Split(1000, 600, 300, 100, 6000, 3000, 1000),
                EnrollmentCompleted{kEnrollment, kCourse}})
        .when(RefundEnrollment{kEnrollment, RefundDestination::wallet, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("an unpaid enrollment expires exactly when its payment window closes") {
    EnrollmentSpec(System())
        .given({Started(1000)})
        .at(kNow + Hours(48) - 1)
        .when(ExpireEnrollment{kEnrollment})
        .then_error("payment_window_open");
    auto spec = EnrollmentSpec(System());
    spec.given({Started(1000)})
        .at(kNow + Hours(48))
        .when(ExpireEnrollment{kEnrollment})
        .then({EnrollmentExpired{kEnrollment, kNow + Hours(48)}});
    CHECK(spec.state().status() == EnrollmentStatus::expired);
    EnrollmentSpec(System())
        .given({Started(0)})
        .at(kNow + Days(9))
        .when(ExpireEnrollment{kEnrollment})
        .then_error("illegal_transition");
    EnrollmentSpec()
        .given({Started(1000)})
        .at(kNow + Days(9))
        .when(ExpireEnrollment{kEnrollment})
        .then_error("staff_only", ErrorKind::kForbidden);
  }
}

TEST_SUITE("uhs transactions") {
  TEST_CASE("a top-up is initiated under the gateway's reference") {
    Spec<TransactionDecider>().as(AsUser(kParent, "parent")).when(Topup()).then({Initiated()});
    CHECK(Topup().stream_id() == StreamId(kTransactionCategory, TransactionIdFor(kRef)));
  }

  TEST_CASE(
      "a reference names one transaction: the same initiation again is a no-op, another is "
      "refused") {
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Initiated()})
        .when(Topup())
        .then({});
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Initiated()})
        .when(Topup(1))
        .then_error("transaction_reference_taken", ErrorKind::kConflict);
  }

  TEST_CASE("amounts: positive KES up to the ceiling; payers pay as themselves") {
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(Topup(0))
        .then_error("invalid_amount");
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(Topup(kPolicy.max_payment_minor))
        .then({Initiated(kPolicy.max_payment_minor)});
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(Topup(kPolicy.max_payment_minor + 1))
        .then_error("amount_too_large");
    Spec<TransactionDecider>()
        .as(AsUser(kOtherParent, "parent"))
        .when(Topup())
        .then_error("not_own_account", ErrorKind::kForbidden);
    InitiatePayment usd = Topup();
    usd.amount = Money{500, "USD"};
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(usd)
        .then_error("currency_mismatch");
  }

  TEST_CASE("a course payment names a pending enrollment of the payer's family, for its price") {
    InitiatePayment c = Topup(250000);
    c.purpose = PaymentPurpose::course_enrollment;
    c.enrollment_id = kEnrollment;
    auto spec = [&](std::vector<EnrollmentDecider::Event> enrollment) {
      Spec<TransactionDecider> s;
      s.as(AsUser(kParent, "parent"))
          .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), enrollment);
      return s;
    };
    spec({Started(250000)}).when(c).then({Initiated(250000, PaymentPurpose::course_enrollment)});
    spec({Started(240000)}).when(c).then_error("amount_mismatch");
    spec({Started(250000), EnrollmentExpired{kEnrollment, kNow}})
        .when(c)
        .then_error("enrollment_not_awaiting_payment", ErrorKind::kConflict);
    InitiatePayment stranger = c;
    stranger.user_id = kOtherParent;
    spec({Started(250000)})
        .as(AsUser(kOtherParent, "parent"))
        .when(stranger)
        .then_error("not_own_enrollment");
    c.enrollment_id.reset();
    spec({}).when(c).then_error("enrollment_required");
  }

  TEST_CASE("a saved method must be the payer's, active, and of the same gateway") {
    InitiatePayment c = Topup();
    c.payment_method_id = kMethod;
    PaymentMethodAdded card{
        kMethod, kParent, Gateway::stripe, MethodType::card, Personal<std::string>("4242"), {},
        true,    {}};
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .given_stream<PaymentMethodsDecider>(PaymentMethodsStream(kParent), {card})
        .when(c)
        .then_error("gateway_mismatch");
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(c)
        .then_error("payment_method_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the gateway completes a pending payment; a duplicate callback changes nothing") {
    CompleteTransaction callback{kRef, Kes(500000), std::string("QCH7X1Y2Z3")};
    auto spec = GatewaySpec();
    spec.given({Initiated()}).when(callback).then({Completed()});
    CHECK(spec.state().status() == TransactionStatus::completed);
    GatewaySpec().given({Initiated(), Completed()}).when(callback).then({});
    GatewaySpec()
        .given({Initiated(), Completed()})
        .when(CompleteTransaction{kRef, Kes(500000), {}})
        .then({});
    GatewaySpec()
        .given({Initiated()})
        .when(CompleteTransaction{kRef, Kes(499999), {}})
        .then_error("amount_mismatch");
    GatewaySpec().when(callback).then_error("transaction_not_found", ErrorKind::kNotFound);
    GatewaySpec()
        .given({Initiated(), Failed()})
        .when(callback)
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("a failed payment: once; never after completion") {
    FailTransaction failure{kRef, "Request cancelled by user", std::string("1032")};
    auto spec = GatewaySpec();
    spec.given({Initiated()}).when(failure).then({Failed()});
    CHECK(spec.state().status() == TransactionStatus::failed);
    GatewaySpec().given({Initiated(), Failed()}).when(failure).then({});
    GatewaySpec()
        .given({Initiated(), Completed()})
        .when(failure)
        .then_error("illegal_transition", ErrorKind::kConflict);
    GatewaySpec()
        .given({Initiated()})
        .when(FailTransaction{kRef, "", {}})
        .then_error("reason_required");
  }

  TEST_CASE("a completed course payment is refunded through the gateway; top-ups are not") {
    TransactionRefunded refunded;
    refunded.transaction_id = TransactionIdFor(kRef);
    refunded.transaction_reference = kRef;
    refunded.user_id = kParent;
    refunded.amount = Kes(250000);
    refunded.gateway = Gateway::mpesa;
    refunded.purpose = PaymentPurpose::course_enrollment;
    refunded.enrollment_id = kEnrollment;
    refunded.gateway_receipt = "QCH7X1Y2Z3";
    refunded.completed_at = kNow;
    refunded.reason = "enrollment refunded";
    std::vector<TransactionDecider::Event> course = {
        Initiated(250000, PaymentPurpose::course_enrollment),
        Completed(250000, PaymentPurpose::course_enrollment)};
    auto spec = GatewaySpec();
    spec.as(System())
        .at(kNow + Days(3))
        .given(course)
        .when(RefundTransaction{kRef, std::string("enrollment refunded")})
        .then({refunded});
    CHECK(spec.state().status() == TransactionStatus::refunded);
    course.push_back(refunded);
    GatewaySpec().as(System()).given(course).when(RefundTransaction{kRef, {}}).then({});
    GatewaySpec()
        .as(System())
        .given({Initiated(), Completed()})
        .when(RefundTransaction{kRef, {}})
        .then_error("topup_not_refundable");
    GatewaySpec()
        .as(System())
        .given({Initiated()})
        .when(RefundTransaction{kRef, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }
}

TEST_SUITE("uhs wallets") {
  TEST_CASE("the first credit opens the wallet; balances are carried by the events") {
    Spec<WalletDecider>()
        .as(System())
        .when(CreditWallet{kParent, Kes(500000), WalletReason::topup, TransactionIdFor(kRef)})
        .then({Opened(), Credited(500000, 500000)});
    Spec<WalletDecider>()
        .as(System())
        .given({Opened(), Credited(500000, 500000)})
        .when(CreditWallet{kParent, Kes(1), WalletReason::topup, TransactionIdFor(kRef)})
        .then({Credited(1, 500001)});
    Spec<WalletDecider>()
        .as(System())
        .when(CreditWallet{kParent, Kes(0), WalletReason::topup, kPayment})
        .then_error("invalid_amount");
    Spec<WalletDecider>()
        .as(System())
        .when(CreditWallet{kParent, Kes(5), WalletReason::enrollment_payment, kPayment})
        .then_error("invalid_reason");
  }

  TEST_CASE("paying exactly the balance empties the wallet to zero") {
    auto spec = WalletSpec(250000, 250000).with_command_id(kPayment);
    spec.when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then({WalletDebited{WalletIdFor(kParent), kParent, Kes(250000),
                             WalletReason::enrollment_payment, kEnrollment,
                             DeriveUuid(kPayment, "wallet-payment"), Kes(0)}});
    CHECK(spec.state().balance.minor == 0);
  }

  TEST_CASE("one minor unit short is refused: a wallet never goes negative") {
    WalletSpec(249999, 250000)
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("insufficient_funds", ErrorKind::kInvalid);
    WalletSpec(0, 1)
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("insufficient_funds");
  }

  TEST_CASE("a wallet pays a pending enrollment of its owner's family, once") {
    auto spec = WalletSpec(500000, 250000);
    spec.when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then({WalletDebited{
            WalletIdFor(kParent), kParent, Kes(250000), WalletReason::enrollment_payment,
            kEnrollment,
            DeriveUuid(*ParseUuid("0d8f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"), "wallet-payment"),
            Kes(250000)}});
    Spec<WalletDecider> again = WalletSpec(500000, 250000);
    again
        .given(
            {WalletDebited{WalletIdFor(kParent), kParent, Kes(250000),
                           WalletReason::enrollment_payment, kEnrollment, kPayment, Kes(250000)}})
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("already_paid", ErrorKind::kConflict);
    Spec<WalletDecider>()
        .as(AsUser(kParent, "parent"))
        .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {Started(0)})
        .given({Opened(), Credited(100, 100)})
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("enrollment_not_awaiting_payment");
    WalletSpec(500000, 100)
        .as(AsUser(kOtherParent, "parent"))
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("not_own_account", ErrorKind::kForbidden);
    Spec<WalletDecider>()
        .as(AsUser(kParent, "parent"))
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("wallet_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a wallet is opened once, by its owner or staff") {
    Spec<WalletDecider>().as(AsUser(kParent, "parent")).when(OpenWallet{kParent}).then({Opened()});
    Spec<WalletDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Opened()})
        .when(OpenWallet{kParent})
        .then_error("wallet_already_open", ErrorKind::kConflict);
    Spec<WalletDecider>()
        .as(AsUser(kOtherParent, "parent"))
        .when(OpenWallet{kParent})
        .then_error("not_own_account");
  }
}

TEST_SUITE("uhs payment methods") {
  PaymentMethodAdded Phone(const Uuid& id, bool is_default, std::optional<Uuid> previous = {}) {
    return PaymentMethodAdded{id,
                              kParent,
                              Gateway::mpesa,
                              MethodType::phone,
                              Personal<std::string>("+254712345678"),
                              std::string("Safaricom"),
                              is_default,
                              previous};
  }

  TEST_CASE("the first method is the default; a later one only when asked, taking the flag") {
    AddPaymentMethod first{kMethod,           kParent,         Gateway::mpesa,
                           MethodType::phone, "+254712345678", std::string("Safaricom"),
                           std::nullopt};
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .when(first)
        .then({Phone(kMethod, true)});
    AddPaymentMethod second = first;
    second.payment_method_id = kMethod2;
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true)})
        .when(second)
        .then({Phone(kMethod2, false)});
    second.make_default = true;
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true)})
        .when(second)
        .then({Phone(kMethod2, true, kMethod)});
  }

  TEST_CASE("one default per user: setting and removing move the flag") {
    std::vector<PaymentMethodsDecider::Event> two = {Phone(kMethod, true), Phone(kMethod2, false),
                                                     Phone(kMethod3, false)};
    auto spec = Spec<PaymentMethodsDecider>();
    spec.as(AsUser(kParent, "parent"))
        .given(two)
        .when(SetDefaultPaymentMethod{kParent, kMethod3})
        .then({DefaultPaymentMethodChanged{kParent, kMethod3, kMethod}});
    CHECK(spec.state().default_method == kMethod3);
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given(two)
        .when(SetDefaultPaymentMethod{kParent, kMethod})
        .then_error("already_default", ErrorKind::kConflict);
    // Removing the default hands the flag to the oldest remaining method.
    auto removed = Spec<PaymentMethodsDecider>();
    removed.as(AsUser(kParent, "parent"))
        .given(two)
        .when(RemovePaymentMethod{kParent, kMethod})
        .then({PaymentMethodRemoved{kParent, kMethod, true, kMethod2}});
    CHECK(removed.state().default_method == kMethod2);
    CHECK(removed.state().ActiveCount() == 2);
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given(two)
        .when(RemovePaymentMethod{kParent, kMethod2})
        .then({PaymentMethodRemoved{kParent, kMethod2, false, {}}});
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true)})
        .when(RemovePaymentMethod{kParent, kMethod})
        .then({PaymentMethodRemoved{kParent, kMethod, true, {}}});
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true), PaymentMethodRemoved{kParent, kMethod, true, {}}})
        .when(SetDefaultPaymentMethod{kParent, kMethod})
        .then_error("payment_method_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("each gateway takes its own kind of account, checked") {
    auto as_parent = [] { return Spec<PaymentMethodsDecider>().as(AsUser(kParent, "parent")); };
    as_parent()
        .when(AddPaymentMethod{kMethod, kParent, Gateway::mpesa, MethodType::card, "4242", {}, {}})
        .then_error("method_type_mismatch");
    as_parent()
        .when(AddPaymentMethod{kMethod, kParent, Gateway::mpesa, MethodType::phone, "0712", {}, {}})
        .then_error("invalid_phone");
    as_parent()
        .when(AddPaymentMethod{
            kMethod, kParent, Gateway::stripe, MethodType::card, "4242424242424242", {}, {}})
        .then_error("invalid_card");
    as_parent()
        .when(AddPaymentMethod{
            kMethod, kParent, Gateway::paypal, MethodType::paypal_account, "nobody", {}, {}})
        .then_error("invalid_email");
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kOtherParent, "parent"))
        .when(AddPaymentMethod{kMethod, kParent, Gateway::stripe, MethodType::card, "4242", {}, {}})
        .then_error("not_own_account", ErrorKind::kForbidden);
  }
}

TEST_SUITE("uhs lifecycles") {
  // Rows written from docs/uhs.md "Lifecycles" and the seed's statuses (004 §7, §10), not from the
  // machines; checked by tests/support/machine_spec.h.
  TEST_CASE(
      "enrollment: pending_payment -> active (pay | admit_free) -> completed, dropped, expired") {
    using S = EnrollmentStatus;
    using T = EnrollmentTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // Paid, or admitted to a free (0.00) course.
        {S::pending_payment, T::pay, S::active},
        {S::pending_payment, T::admit_free, S::active},
        // Dropped before or after paying; from active also with the money back.
        {S::pending_payment, T::drop, S::dropped},
        {S::active, T::drop, S::dropped},
        {S::active, T::refund, S::dropped},
        // Its payment window passed.
        {S::pending_payment, T::expire, S::expired},
        // The last lesson.
        {S::active, T::complete, S::completed},
    };
    testing::CheckMachine<EnrollmentMachine, S, T>(S::pending_payment, lifecycle);
  }

  TEST_CASE("transaction: pending -> completed | failed, completed -> refunded") {
    using S = TransactionStatus;
    using T = TransactionTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::pending, T::complete, S::completed},
        {S::pending, T::fail, S::failed},
        {S::completed, T::refund, S::refunded},
    };
    testing::CheckMachine<TransactionMachine, S, T>(S::pending, lifecycle);
  }
}

}  // namespace edu::uhs
