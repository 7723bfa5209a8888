// The mentorship read tables, projected by a real Projector into real PostgreSQL.
#include "projections/mentorship/mentorship_projection.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/events.h"
#include "projections/all_projections.h"
#include "tests/support/projection_spec.h"
#include "tests/support/read_schema_check.h"

namespace edu::mentorship {
namespace {

using testing::ProjectionSpec;

const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kMentorUser = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kMentor = *ParseUuid("33333333-3333-4333-8333-333333333333");
const Uuid kSession = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kPayment = *ParseUuid("55555555-5555-4555-8555-555555555555");
const Timestamp kStart = *ParseIso8601("2026-03-05T10:00:00Z");

UserRegistered Student() {
  UserRegistered e;
  e.user_id = kStudent;
  e.role = UserRole::student;
  e.email = Personal<std::string>("asha@example.in");
  e.name = Personal<std::string>("Asha O'Rao");
  e.phone = Personal<std::string>("+91 9000000001");
  e.date_of_birth = Personal<std::string>("2006-07-14");
  e.city = Personal<std::string>("Vijayawada");
  e.state = "Andhra Pradesh";
  e.academic_level = AcademicLevel::college;
  e.institution_name = "Andhra University";
  e.field_of_study = "Computer Science";
  e.graduation_year = 2028;
  e.gpa_score = 8.7;
  e.interests = {"ML", "chess, \"blitz\""};
  e.primary_language = "Telugu";
  e.languages_spoken = {"Telugu", "English"};
  e.onboarding_completed = true;
  return e;
}

MentorApplied Applied() {
  MentorApplied e;
  e.mentor_id = kMentor;
  e.user_id = kMentorUser;
  e.title = "Senior Engineer";
  e.company = "Infosys";
  e.experience_years = 9;
  e.student_levels_served = {AcademicLevel::college, AcademicLevel::school};
  e.hourly_rate = Money{120050, "INR"};
  e.primary_language = "English";
  e.languages_spoken = {"Telugu"};
  e.verification_docs = {"s3://docs/degree.pdf"};
  return e;
}

SessionBooked Booked(int64_t amount) {
  SessionBooked e;
  e.session_id = kSession;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.mentor_user_id = kMentorUser;
  e.scheduled_at = kStart;
  e.duration_minutes = 30;
  e.hourly_rate = Money{120050, "INR"};
  e.amount = Money{amount, "INR"};
  e.session_type = SessionType::exam_prep;
  e.session_language = "Telugu";
  e.user_questions = {"JEE plan?"};
  return e;
}

PaymentCaptured Captured(int64_t amount) {
  PaymentCaptured e;
  e.session_id = kSession;
  e.payment_id = kPayment;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.amount = Money{amount, "INR"};
  e.payment_method = PaymentMethod::card;
  e.gateway = PaymentGateway::razorpay;
  e.gateway_payment_id = "pay_1";
  e.gateway_response = R"({"id":"pay_1","status":"captured"})";
  e.escrow_held_after = e.amount;
  return e;
}

}  // namespace

TEST_SUITE("mentorship projection") {
  TEST_CASE("a registration fills users, user_roles and academic_details") {
    ProjectionSpec spec(MakeMentorshipProjection());
    spec.at(*ParseIso8601("2026-02-01T08:00:00.123456Z"))
        .given(UserStream(kStudent), Student())
        .then_rows(
            "SELECT email, name, phone, date_of_birth, city, academic_level, graduation_year, "
            "gpa_score, "
            "interests, languages_spoken, onboarding_completed, account_status, created_at "
            "FROM mentorship.users",
            {{"asha@example.in", "Asha O'Rao", "+91 9000000001", "2006-07-14", "Vijayawada",
              "college", "2028", "8.70", "{ML,\"chess, \\\"blitz\\\"\"}", "{Telugu,English}", "t",
              "active", "2026-02-01 08:00:00.123456+00"}});
    spec.then_rows(
        "SELECT user_id, role_type, permissions, is_active FROM mentorship.user_roles",
        {{ToString(kStudent), "student", "{view_profile,edit_profile,book_sessions}", "t"}});
    spec.then_rows(
        "SELECT academic_level, university_name, major, cgpa FROM mentorship.academic_details",
        {{"college", "Andhra University", "Computer Science", "8.70"}});
  }

  TEST_CASE("a mentor applies pending and is approved by an admin") {
    ProjectionSpec spec(MakeMentorshipProjection());
    MentorVerificationApproved approved{
        kMentor, kMentorUser, "9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f",
        std::string("interview passed"), VerificationStatus::pending};
    spec.given(MentorStream(kMentor), Applied());
    spec.then_rows(
        "SELECT verification_status, is_active, hourly_rate, currency, student_levels_served FROM "
        "mentorship.mentors",
        {{"pending", "f", "1200.50", "INR", "{college,school}"}});
    spec.given(MentorStream(kMentor), approved)
        .then_rows(
            "SELECT verification_status, is_active, verified_by, verification_notes, "
            "total_sessions "
            "FROM mentorship.mentors",
            {{"approved", "t", "9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "interview passed", "0"}});
    // One history row per step: the application, then the final review.
    spec.then_rows(
        "SELECT verification_type, verification_status, reviewed_by, document_url "
        "FROM mentorship.mentor_verification ORDER BY verification_type",
        {{"application", "pending", "NULL", "s3://docs/degree.pdf"},
         {"final_review", "approved", "9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "NULL"}});
    spec.then_rows("SELECT role_type FROM mentorship.user_roles", {{"mentor"}});
  }

  TEST_CASE("a session's lifecycle: booked, paid into escrow, completed, split to the paisa") {
    ProjectionSpec spec(MakeMentorshipProjection());
    int64_t amount = 60025;  // Rs 600.25: the split cannot be even
    spec.given(MentorStream(kMentor), Applied());
    spec.given(SessionStream(kSession), Booked(amount));
    spec.then_rows(
        "SELECT status, amount, duration, session_type, payment_id FROM mentorship.sessions",
        {{"requested", "600.25", "30", "exam_prep", "NULL"}});
    spec.given(SessionStream(kSession), Captured(amount));
    spec.then_rows(
        "SELECT s.status, p.status, p.amount, p.payment_method, p.gateway_response->>'status', "
        "p.refund_amount "
        "FROM mentorship.sessions s JOIN mentorship.payments p ON p.id = s.payment_id",
        {{"confirmed", "held", "600.25", "card", "captured", "0.00"}});
    spec.given(SessionStream(kSession),
               SessionCompleted{
                   kSession, kStudent, kMentor, kStart + Minutes(31), std::string("ok"), {"read"}},
               EscrowReleased{kSession, kPayment, Money{amount, "INR"}, Money{0, "INR"}},
               PaymentSplit{kSession, kPayment, kMentor, Money{amount, "INR"}, Money{18008, "INR"},
                            Money{42017, "INR"}, 3000, 7000, "mentorship-default-v1"});
    spec.then_rows(
        "SELECT s.status, s.follow_up_tasks, p.status, p.platform_fee, p.mentor_earnings, "
        "p.platform_fee + p.mentor_earnings = p.amount, p.payout_status "
        "FROM mentorship.sessions s JOIN mentorship.payments p ON p.session_id = s.id",
        {{"completed", "{read}", "released", "180.08", "420.17", "t", "NULL"}});
    spec.then_rows("SELECT total_sessions FROM mentorship.mentors", {{"1"}});
    // payout_status belongs to the mentor's payout account: set once the earnings are credited.
    spec.given(PayoutAccountStream(kMentor),
               MentorEarningsCredited{kMentor, kSession, kPayment, Money{amount, "INR"},
                                      Money{18008, "INR"}, Money{42017, "INR"},
                                      kStart + Minutes(31), Money{42017, "INR"}});
    spec.then_rows("SELECT payout_status, payout_id FROM mentorship.payments",
                   {{"unpaid", "NULL"}});
  }

  TEST_CASE("a completed session counted before its mentor's application arrives keeps its count") {
    // Session and mentor streams live on different partitions: the projector may see a
    // completion before the application. The count must survive either order.
    ProjectionSpec spec(MakeMentorshipProjection());
    spec.given(SessionStream(kSession), Booked(60000), Captured(60000),
               SessionCompleted{kSession, kStudent, kMentor, kStart + Minutes(31), {}, {}});
    spec.then_rows("SELECT title, total_sessions FROM mentorship.mentors", {{"NULL", "1"}});
    spec.given(MentorStream(kMentor), Applied());
    spec.then_rows("SELECT title, total_sessions FROM mentorship.mentors",
                   {{"Senior Engineer", "1"}});
  }

  TEST_CASE("a gateway response that is not JSON is kept as a JSON string") {
    ProjectionSpec spec(MakeMentorshipProjection());
    PaymentCaptured captured = Captured(60000);
    captured.gateway_response = "OK \"captured\"\n";
    spec.given(SessionStream(kSession), Booked(60000), captured)
        .then_rows("SELECT gateway_response #>> '{}' FROM mentorship.payments",
                   {{"OK \"captured\""}});
  }

  TEST_CASE("an event that does not decode stops the projector, naming it") {
    ProjectionSpec spec(MakeMentorshipProjection());
    AppendRequest bad;
    bad.stream_id = SessionStream(kSession);
    NewEvent e;
    e.event_id = DeriveUuid(kSession, "bad");
    e.type = "SessionBooked";
    e.marketplace = "mentorship";
    e.payload = R"({"session_id":"not-a-uuid"})";
    bad.events.push_back(e);
    AppendResult r;
    REQUIRE(spec.log().Append(bad, &r).ok());
    spec.then_stops_with("SessionBooked");
  }
}

TEST_SUITE("read schemas") {
  TEST_CASE("every projection's schema is complete against the documented tables") {
    testing::TestDatabase db;
    MemoryEventLog log(2);
    for (const auto& projection : AllProjections()) {
      CAPTURE(projection->schema());
      Projector projector(&log, db.uri(), projection.get());
      REQUIRE(projector.Initialize().ok());
      testing::ReadSchemaReport report = testing::CheckReadSchema(db.uri(), projection->schema());
      std::string problems;
      for (size_t i = 0; i < report.problems.size() && i < 20; ++i)
        problems += "\n  " + report.problems[i];
      CHECK_MESSAGE(report.complete(),
                    "tables " << report.tables_found << "/" << report.tables_expected << " columns "
                              << report.columns_found << "/" << report.columns_expected << " types "
                              << report.types_ok << "/" << report.types_expected << problems);
      CHECK(report.tables_expected > 0);
    }
  }

  TEST_CASE("the checker itself notices a missing column and a wrong type") {
    testing::TestDatabase db;
    db.Exec(
        "CREATE SCHEMA uhs; CREATE TABLE uhs.wallets (id uuid, user_id text, balance numeric, "
        "currency text, created_at timestamptz)");
    testing::ReadSchemaReport report = testing::CheckReadSchema(db.uri(), "uhs");
    CHECK_FALSE(report.complete());
    bool saw_missing = false, saw_type = false;
    for (const auto& p : report.problems) {
      saw_missing = saw_missing || p == "uhs.wallets.updated_at";
      saw_type = saw_type || p.find("uhs.wallets.user_id: documented 'UUID', found 'text'") == 0;
    }
    CHECK(saw_missing);
    CHECK(saw_type);
  }
}

}  // namespace edu::mentorship
