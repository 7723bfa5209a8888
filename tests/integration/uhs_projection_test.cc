// The Urban Home School read tables, projected by a real Projector into real PostgreSQL: money
// columns exact to the cent, statuses through their lifecycles, commuting aggregates.
#include "projections/uhs/uhs_projection.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"
#include "tests/support/projection_spec.h"

namespace edu::uhs {
namespace {

using testing::ProjectionSpec;

const Uuid kParent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kInstructor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kPartner = *ParseUuid("33333333-3333-4333-8333-333333333333");
const Uuid kCourse = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kEnrollment = *ParseUuid("55555555-5555-4555-8555-555555555555");
const Uuid kMethod = *ParseUuid("77777777-7777-4777-8777-777777777777");
const Uuid kMethod2 = *ParseUuid("77777777-7777-4777-8777-888888888888");
const Uuid kStudent = StudentIdFor("UHS/2026/0042");
const Uuid kStudentUser = StudentUserIdFor(kStudent);
const std::string kRef = "ws_CO_0203202608000";
const Uuid kTransaction = TransactionIdFor(kRef);
const Timestamp kDay1 = *ParseIso8601("2026-03-02T08:00:00Z");
const Timestamp kDay5 = *ParseIso8601("2026-03-06T09:30:00Z");

Money Kes(int64_t minor) { return Money{minor, "KES"}; }

StudentRegistered Admitted() {
  StudentRegistered e;
  e.student_id = kStudent;
  e.user_id = kStudentUser;
  e.parent_id = kParent;
  e.admission_number = "UHS/2026/0042";
  e.grade_level = "Grade 7";
  e.enrollment_date = Date{2026, 1, 5};
  e.email = Personal<std::string>("amani@example.co.ke");
  e.name = Personal<std::string>("Amani O'Kamau");
  e.county = "Kisumu";
  return e;
}

CourseCreated Created(int64_t price) {
  CourseCreated e;
  e.course_id = kCourse;
  e.title = "Grade 7 Mathematics";
  e.description = "Integers, fractions and geometry";
  e.grade_levels = {"Grade 7", "Grade 8"};
  e.learning_area = "Mathematics";
  e.instructor_id = kInstructor;
  e.price = Kes(price);
  e.lessons = {"integers", "fractions", "geometry"};
  return e;
}

EnrollmentStarted Started(int64_t price) {
  EnrollmentStarted e;
  e.enrollment_id = kEnrollment;
  e.student_id = kStudent;
  e.student_user_id = kStudentUser;
  e.parent_id = kParent;
  e.course_id = kCourse;
  e.instructor_id = kInstructor;
  e.partner_id = kPartner;
  e.price = Kes(price);
  e.status = EnrollmentStatus::pending_payment;
  e.payment_due_by = kDay1 + Hours(48);
  e.lessons = {"integers", "fractions", "geometry"};
  return e;
}

TransactionInitiated Initiated(int64_t amount) {
  TransactionInitiated e;
  e.transaction_id = kTransaction;
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = PaymentPurpose::course_enrollment;
  e.enrollment_id = kEnrollment;
  return e;
}

TransactionCompleted Completed(int64_t amount) {
  TransactionCompleted e;
  e.transaction_id = kTransaction;
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = PaymentPurpose::course_enrollment;
  e.enrollment_id = kEnrollment;
  e.gateway_receipt = "QCH7X1Y2Z3";
  e.completed_at = kDay1;
  return e;
}

EnrollmentPaid Paid(int64_t amount) {
  return EnrollmentPaid{kEnrollment, kCourse,     kTransaction, PaymentSource::gateway,
                        kParent,     Kes(amount), kRef,         kDay1};
}

RevenueSplit Split(int64_t amount, int64_t instructor, int64_t platform, int64_t partner) {
  RevenueSplit e;
  e.enrollment_id = kEnrollment;
  e.payment_id = kTransaction;
  e.course_id = kCourse;
  e.amount = Kes(amount);
  e.instructor_id = kInstructor;
  e.instructor_share = Kes(instructor);
  e.platform_share = Kes(platform);
  e.partner_id = kPartner;
  e.partner_share = Kes(partner);
  e.instructor_bps = 6000;
  e.platform_bps = 3000;
  e.partner_bps = 1000;
  e.policy = "uhs-default-v1";
  return e;
}

}  // namespace

TEST_SUITE("uhs projection") {
  TEST_CASE("a parent and an admitted student: users with profile_data, students with the link") {
    ProjectionSpec spec(MakeUhsProjection());
    UserRegistered parent{kParent,
                          UserRole::parent,
                          Personal<std::string>("wanjiku@example.co.ke"),
                          Personal<std::string>("Wanjiku Kamau"),
                          Personal<std::string>("+254712345678"),
                          {},
                          std::string("Kisumu")};
    spec.at(kDay1).given(UserStream(kParent), parent).given(StudentStream(kStudent), Admitted());
    spec.then_rows(
        "SELECT role, email, profile_data->>'name', profile_data->>'phone', is_active, is_verified "
        "FROM uhs.users ORDER BY role",
        {{"parent", "wanjiku@example.co.ke", "Wanjiku Kamau", "+254712345678", "t", "f"},
         {"student", "amani@example.co.ke", "Amani O'Kamau", "NULL", "t", "f"}});
    spec.then_rows(
        "SELECT s.admission_number, s.grade_level, s.enrollment_date, s.parent_id, u.role, "
        "u.profile_data->>'admission_number' FROM uhs.students s JOIN uhs.users u ON u.id = "
        "s.user_id",
        {{"UHS/2026/0042", "Grade 7", "2026-01-05", ToString(kParent), "student",
          "UHS/2026/0042"}});
  }

  TEST_CASE(
      "a course payment: transaction, enrollment with its exact split, course count, revenue") {
    ProjectionSpec spec(MakeUhsProjection());
    int64_t amount = 250001;  // KES 2,500.01
    spec.at(kDay1)
        .given(CourseStream(kCourse), Created(amount), CoursePublished{kCourse})
        .given(EnrollmentStream(kEnrollment), Started(amount))
        .given(TransactionStream(kRef), Initiated(amount));
    spec.then_rows(
        "SELECT status, payment_amount, progress_percentage, payment_id, payment_due_by FROM "
        "uhs.enrollments",
        {{"pending_payment", "0.00", "0.00", "NULL", "2026-03-04 08:00:00+00"}});
    spec.then_rows(
        "SELECT status, amount, gateway, transaction_metadata->>'purpose' FROM uhs.transactions",
        {{"pending", "2500.01", "mpesa", "course_enrollment"}});
    spec.given(TransactionStream(kRef), Completed(amount))
        .given(EnrollmentStream(kEnrollment), Paid(amount), Split(amount, 150001, 75000, 25000));
    spec.then_rows(
        "SELECT t.status, t.transaction_metadata->>'gateway_receipt', e.status, e.payment_amount, "
        "e.instructor_share, e.platform_share, e.partner_share, e.payment_source "
        "FROM uhs.transactions t JOIN uhs.enrollments e ON e.payment_id = t.id",
        {{"completed", "QCH7X1Y2Z3", "active", "2500.01", "1500.01", "750.00", "250.00",
          "gateway"}});
    spec.then_rows(
        "SELECT enrollment_count, price, is_published, grade_levels, lessons->1->>'id' FROM "
        "uhs.courses",
        {{"1", "2500.01", "t", "{\"Grade 7\",\"Grade 8\"}", "fractions"}});
    spec.then_rows(
        "SELECT metric_date, period_type, total_revenue, net_revenue, refund_amount, "
        "course_payments, "
        "transaction_count FROM uhs.revenue_metrics ORDER BY period_type",
        {{"2026-03-02", "daily", "2500.01", "2500.01", "0.00", "2500.01", "1"},
         {"2026-03-01", "monthly", "2500.01", "2500.01", "0.00", "2500.01", "1"}});
    spec.then_rows(
        "SELECT total_transactions, successful_transactions, mpesa_transactions, mrr, churn_rate "
        "FROM uhs.payment_analytics",
        {{"1", "1", "1", "0.00", "0.00"}});
  }

  TEST_CASE(
      "a refund days later counts against the day the money came in, so no day goes negative") {
    ProjectionSpec spec(MakeUhsProjection());
    spec.at(kDay1)
        .given(EnrollmentStream(kEnrollment), Started(1000), Paid(1000), Split(1000, 600, 300, 100))
        .given(TransactionStream(kRef), Initiated(1000), Completed(1000));
    TransactionRefunded refunded;
    refunded.transaction_id = kTransaction;
    refunded.transaction_reference = kRef;
    refunded.user_id = kParent;
    refunded.amount = Kes(1000);
    refunded.purpose = PaymentPurpose::course_enrollment;
    refunded.enrollment_id = kEnrollment;
    refunded.gateway_receipt = "QCH7X1Y2Z3";
    refunded.completed_at = kDay1;
    refunded.reason = "wrong grade";
    spec.at(kDay5)
        .given(EnrollmentStream(kEnrollment),
               EnrollmentRefunded{kEnrollment, kTransaction, PaymentSource::gateway,
                                  RefundDestination::original, kParent, Kes(1000), kRef,
                                  std::string("wrong grade"), "uhs-default-v1"})
        .given(TransactionStream(kRef), refunded);
    spec.then_rows(
        "SELECT metric_date, period_type, total_revenue, net_revenue, refund_amount, refund_count "
        "FROM uhs.revenue_metrics ORDER BY period_type",
        {{"2026-03-02", "daily", "10.00", "0.00", "10.00", "1"},
         {"2026-03-01", "monthly", "10.00", "0.00", "10.00", "1"}});
    spec.then_rows(
        "SELECT e.status, e.refund_amount, e.refunded_at, t.status, "
        "t.transaction_metadata->>'refund_reason' "
        "FROM uhs.enrollments e JOIN uhs.transactions t ON t.id = e.payment_id",
        {{"dropped", "10.00", "2026-03-06 09:30:00+00", "refunded", "wrong grade"}});
    // The payer is told through their inbox (uhs-notifications reaction), not by this projection.
    spec.then_rows("SELECT count(*) FROM uhs.notifications", {{"0"}});
  }

  TEST_CASE("a failed payment: status, reason and analytics (the payer is told by the inbox)") {
    ProjectionSpec spec(MakeUhsProjection());
    TransactionInitiated topup = Initiated(50000);
    topup.purpose = PaymentPurpose::wallet_topup;
    topup.enrollment_id.reset();
    topup.gateway = Gateway::paypal;
    TransactionFailed failed{kTransaction,
                             kRef,
                             kParent,
                             Kes(50000),
                             Gateway::paypal,
                             PaymentPurpose::wallet_topup,
                             {},
                             {},
                             "INSTRUMENT_DECLINED",
                             std::string("422")};
    spec.at(kDay1).given(TransactionStream(kRef), topup, failed);
    spec.then_rows(
        "SELECT status, transaction_metadata->>'failure_reason', "
        "transaction_metadata->>'result_code' "
        "FROM uhs.transactions",
        {{"failed", "INSTRUMENT_DECLINED", "422"}});
    spec.then_rows(
        "SELECT total_transactions, failed_transactions, successful_transactions, "
        "paypal_transactions "
        "FROM uhs.payment_analytics",
        {{"1", "1", "0", "1"}});
    spec.then_rows("SELECT count(*) FROM uhs.revenue_metrics", {{"0"}});
    spec.then_rows("SELECT count(*) FROM uhs.notifications", {{"0"}});  // the inbox tells
  }

  TEST_CASE("wallet balances are written exactly from the events' balances after") {
    ProjectionSpec spec(MakeUhsProjection());
    const Uuid wallet = WalletIdFor(kParent);
    spec.at(kDay1).given(
        WalletStream(kParent), WalletOpened{wallet, kParent, "KES"},
        WalletCredited{wallet, kParent, Kes(500001), WalletReason::topup, kTransaction,
                       Kes(500001)},
        WalletDebited{wallet, kParent, Kes(250001), WalletReason::enrollment_payment, kEnrollment,
                      kEnrollment, Kes(250000)});
    spec.then_rows("SELECT user_id, balance, currency FROM uhs.wallets",
                   {{ToString(kParent), "2500.00", "KES"}});
    spec.given(WalletStream(kParent),
               WalletDebited{wallet, kParent, Kes(250000), WalletReason::enrollment_payment,
                             kCourse, kCourse, Kes(0)});
    spec.then_rows("SELECT balance FROM uhs.wallets", {{"0.00"}});
    spec.then_rows("SELECT count(*) FROM uhs.notifications", {{"0"}});  // the inbox tells
  }

  TEST_CASE("payment methods: one default per user as the flag moves") {
    ProjectionSpec spec(MakeUhsProjection());
    PaymentMethodAdded phone{kMethod,
                             kParent,
                             Gateway::mpesa,
                             MethodType::phone,
                             Personal<std::string>("+254712345678"),
                             std::string("Safaricom"),
                             true,
                             {}};
    PaymentMethodAdded card{
        kMethod2, kParent, Gateway::stripe, MethodType::card, Personal<std::string>("4242"),
        {},       true,    kMethod};
    spec.at(kDay1).given(PaymentMethodsStream(kParent), phone, card);
    spec.then_rows(
        "SELECT method_type, details->>'account', is_default, is_active FROM uhs.payment_methods "
        "ORDER BY method_type",
        {{"card", "4242", "t", "t"}, {"phone", "+254712345678", "f", "t"}});
    spec.given(PaymentMethodsStream(kParent),
               DefaultPaymentMethodChanged{kParent, kMethod, kMethod2},
               PaymentMethodRemoved{kParent, kMethod, true, kMethod2});
    spec.then_rows(
        "SELECT method_type, is_default, is_active FROM uhs.payment_methods ORDER BY method_type",
        {{"card", "t", "t"}, {"phone", "f", "f"}});
    spec.then_rows("SELECT count(*) FROM uhs.payment_methods WHERE is_default", {{"1"}});
  }

  TEST_CASE("lessons and completion: progress to the hundredth, completed with its time") {
    ProjectionSpec spec(MakeUhsProjection());
    EnrollmentStarted free = Started(0);
    free.status = EnrollmentStatus::active;
    free.payment_due_by.reset();
    spec.at(kDay1).given(EnrollmentStream(kEnrollment), free,
                         LessonCompleted{kEnrollment, "integers", 40, {"integers"}, 40, 3333});
    spec.then_rows(
        "SELECT status, progress_percentage, completed_lessons, total_time_spent_minutes FROM "
        "uhs.enrollments",
        {{"active", "33.33", "[\"integers\"]", "40"}});
    spec.at(kDay5).given(
        EnrollmentStream(kEnrollment),
        LessonCompleted{
            kEnrollment, "geometry", 20, {"integers", "fractions", "geometry"}, 90, 10000},
        EnrollmentCompleted{kEnrollment, kCourse});
    spec.then_rows(
        "SELECT status, progress_percentage, is_completed, completed_at FROM uhs.enrollments",
        {{"completed", "100.00", "t", "2026-03-06 09:30:00+00"}});
    spec.then_rows("SELECT enrollment_count, title FROM uhs.courses",
                   {{"1", "NULL"}});  // counted before the course arrived
    spec.given(CourseStream(kCourse), Created(0));
    spec.then_rows("SELECT enrollment_count, title FROM uhs.courses",
                   {{"1", "Grade 7 Mathematics"}});
  }

  TEST_CASE("uhs: the documented constraints are in force") {
    ProjectionSpec spec(MakeUhsProjection());
    REQUIRE(spec.Project().ok());
    auto& db = spec.db();
    CHECK_THROWS(
        db.Exec("INSERT INTO uhs.revenue_metrics (metric_date, period_type, net_revenue) VALUES "
                "('2026-01-01', 'daily', -1)"));
    CHECK_THROWS(
        db.Exec("INSERT INTO uhs.payment_analytics (metric_date, period_type, churn_rate) VALUES "
                "('2026-01-01', 'daily', 100.01)"));
    db.Exec(
        "INSERT INTO uhs.payment_analytics (metric_date, period_type, churn_rate) VALUES "
        "('2026-01-01', 'daily', 100)");
    CHECK_THROWS(
        db.Exec("INSERT INTO uhs.payment_analytics (metric_date, period_type) VALUES "
                "('2026-01-01', 'daily')"));
    CHECK_THROWS(
        db.Exec("INSERT INTO uhs.wallets (id, user_id, balance) VALUES (gen_random_uuid(), "
                "gen_random_uuid(), -0.01)"));
    CHECK_THROWS(db.Exec(
        "INSERT INTO uhs.transactions (id, user_id, amount, gateway, transaction_reference) VALUES "
        "(gen_random_uuid(), gen_random_uuid(), 1, 'cash', 'r1')"));
    db.Exec(
        "INSERT INTO uhs.transactions (id, user_id, amount, gateway, transaction_reference) VALUES "
        "(gen_random_uuid(), gen_random_uuid(), 1, 'mpesa', 'r1')");
    CHECK_THROWS(db.Exec(
        "INSERT INTO uhs.transactions (id, user_id, amount, gateway, transaction_reference) VALUES "
        "(gen_random_uuid(), gen_random_uuid(), 1, 'mpesa', 'r1')"));
    CHECK(
        db.Scalar(
            "SELECT column_default FROM information_schema.columns WHERE table_schema = 'uhs' AND "
            "table_name = 'transactions' AND column_name = 'currency'") ==
        "'KES'::character varying");
  }
}

}  // namespace edu::uhs
