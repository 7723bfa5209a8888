// Specifications of Urban Home School enrollments: pending payment or free start, the 60/30/10
// split with its largest remainders, duplicate and declined payments, lessons and completion,
// dropping, the refund window and expiry at the end of the payment window.
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

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

}  // namespace edu::uhs
