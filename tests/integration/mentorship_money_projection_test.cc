// The mentorship read tables fed by the money and lifecycle events, projected by a real Projector
// into real PostgreSQL: payments through cancellations, refunds and disputes; session_conflicts;
// quality_reviews; user_progress; mentor_payouts and the payout columns of payments; the
// mentor_verification history and the mentors' figures.
#include "projections/mentorship/mentorship_projection.h"
#include "tests/support/projection_spec.h"
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;
using testing::ProjectionSpec;

namespace {

const std::string kAdminId = "9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f";
const std::string kStudentId = "11111111-1111-4111-8111-111111111111";

SessionCancelled Cancel(int64_t refund, int64_t retained, RefundPolicy rule, BasisPoints bps) {
  return SessionCancelled{
      kSession, kStudent, kMentor, SessionParty::student, kStudentId,    "exam moved", kStart,
      300,      rule,     bps,     INR(refund),           INR(retained), kPolicy};
}

}  // namespace

TEST_SUITE("mentorship money projection") {
  TEST_CASE(
      "a partial refund: the payment reads partially refunded, split and refunded to the paisa") {
    ProjectionSpec spec(MakeMentorshipProjection());
    const std::string reason = "cancelled by the student: exam moved";
    spec.given(
        SessionStream(kSession), Booked(), Captured(),
        Cancel(60000, 60000, RefundPolicy::partial_refund, 5000),
        Requested(1, 60000, RefundPolicy::partial_refund, reason, kStudentId),
        ApprovedRefund(1, 60000, reason, "policy:" + kPolicy, 60000, 60000, EscrowStatus::held),
        Released(60000, EscrowStatus::partially_refunded), Split(60000));
    spec.then_rows(
        "SELECT s.status, s.cancellation_reason, p.status, p.amount, p.refund_amount, "
        "p.refund_reason, "
        "p.platform_fee, p.mentor_earnings, p.refunded_at IS NULL, "
        "p.amount = p.refund_amount + p.platform_fee + p.mentor_earnings "
        "FROM mentorship.sessions s JOIN mentorship.payments p ON p.session_id = s.id",
        {{"cancelled", "by the student: exam moved", "partially_refunded", "1200.00", "600.00",
          reason, "180.00", "420.00", "t", "t"}});
    spec.at(kStart - Hours(3))
        .given(SessionStream(kSession), RefundIssued{kSession,
                                                     kPayment,
                                                     RefundId(1),
                                                     INR(60000),
                                                     PaymentGateway::razorpay,
                                                     "rfnd_1",
                                                     {},
                                                     INR(60000)});
    spec.then_rows("SELECT refunded_at FROM mentorship.payments", {{"2026-03-05 07:00:00+00"}});
  }

  TEST_CASE("a reschedule keeps the old start; the start opens the video room") {
    ProjectionSpec spec(MakeMentorshipProjection());
    spec.given(SessionStream(kSession), Booked(), Captured(),
               SessionRescheduled{kSession,
                                  kStudent,
                                  kMentor,
                                  kStart,
                                  kStart + Days(1),
                                  SessionParty::student,
                                  "clash",
                                  false,
                                  {},
                                  1800,
                                  1,
                                  kPolicy},
               SessionStarted{kSession, kMentor, kStart + Days(1), std::string("zoom-123")});
    spec.then_rows(
        "SELECT status, scheduled_at, rescheduled_from, video_room_id FROM mentorship.sessions",
        {{"in_progress", "2026-03-06 10:00:00+00", "2026-03-05 10:00:00+00", "zoom-123"}});
  }

  TEST_CASE("a mentor no-show: a session_conflicts row, resolved with compensation") {
    ProjectionSpec spec(MakeMentorshipProjection());
    spec.as(Actor{kStudentId, "student"})
        .given(
            SessionStream(kSession), Booked(), Captured(),
            SessionDisputed{kSession, ConflictId(), kPayment, kStudent, kMentor,
                            ConflictType::mentor_no_show, SessionParty::student, kStudentId,
                            std::string("never joined"), INR(120000)},
            Requested(1, 120000, RefundPolicy::dispute_resolution, "mentor_no_show", kStudentId));
    spec.then_rows(
        "SELECT s.status, p.status, c.conflict_type, c.reported_by, c.notes, c.resolution_type "
        "FROM mentorship.sessions s JOIN mentorship.payments p ON p.session_id = s.id "
        "JOIN mentorship.session_conflicts c ON c.session_id = s.id",
        {{"disputed", "disputed", "mentor_no_show", kStudentId, "never joined", "NULL"}});
    spec.given(SessionStream(kSession),
               DisputeResolved{kSession, ConflictId(), kMentor, ConflictType::mentor_no_show,
                               ResolutionType::full_refund, INR(120000), kAdminId,
                               std::string("confirmed"), kPolicy},
               ApprovedRefund(1, 120000, "mentor_no_show resolved: full_refund", kAdminId, 0,
                              120000, EscrowStatus::resolved));
    spec.then_rows(
        "SELECT s.status, s.conflict_resolution, p.status, p.refund_amount, c.resolution_type, "
        "c.resolved_by, c.compensation_amount, c.resolved_at IS NOT NULL "
        "FROM mentorship.sessions s JOIN mentorship.payments p ON p.session_id = s.id "
        "JOIN mentorship.session_conflicts c ON c.session_id = s.id",
        {{"resolved", "full_refund: confirmed", "resolved", "1200.00", "full_refund", kAdminId,
          "1200.00", "t"}});
  }

  TEST_CASE("a completion feeds user_progress; ratings feed sessions and quality_reviews") {
    ProjectionSpec spec(MakeMentorshipProjection());
    SessionCompleted done = Completed(kStart + Hours(1));
    done.mentor_notes = "good start";
    done.follow_up_tasks = {"mock test"};
    done.recording_url = "https://rec/1";
    done.recording_access_expires = kStart + Hours(1) + Days(730);
    spec.given(
        SessionStream(kSession), Booked(), Captured(), done,
        Released(120000, EscrowStatus::released), Split(120000),
        SessionRated{kSession, kStudent, kMentor, SessionParty::student, 340,
                     std::string("rushed")},
        QualityReviewOpened{DeriveUuid(kSession, "quality-review"), kSession, kMentor, kStudent,
                            "low_rating", 340, 350, std::string("rushed"), kPolicy},
        SessionRated{kSession, kStudent, kMentor, SessionParty::mentor, 450, {}});
    spec.then_rows(
        "SELECT status, satisfaction_rating, mentor_rating, recording_url, "
        "recording_access_expires "
        "FROM mentorship.sessions",
        {{"completed", "3.40", "4.50", "https://rec/1", "2028-03-04 11:00:00+00"}});
    spec.then_rows(
        "SELECT user_id, milestone_type, milestone_data->>'session_id', mentor_id, progress_notes, "
        "next_steps "
        "FROM mentorship.user_progress",
        {{kStudentId, "session_completed", ToString(kSession), ToString(kMentor), "good start",
          "{\"mock test\"}"}});
    spec.then_rows(
        "SELECT mentor_id, review_type, reviewer_id, rating, feedback, follow_up_required "
        "FROM mentorship.quality_reviews",
        {{ToString(kMentor), "low_rating", "NULL", "3.40", "rushed", "t"}});
  }

  TEST_CASE("a failed payment attempt is its own payments row") {
    ProjectionSpec spec(MakeMentorshipProjection());
    const Uuid attempt = *ParseUuid("66666666-6666-4666-8666-666666666666");
    spec.given(SessionStream(kSession), Booked(),
               PaymentFailed{kSession, attempt, kStudent, kMentor, INR(120000), PaymentMethod::card,
                             PaymentGateway::razorpay, "pay_f",
                             std::string(R"({"error":"declined"})"), "declined"},
               Captured());
    spec.then_rows(
        "SELECT id, status, gateway_response->>'error' FROM mentorship.payments ORDER BY status",
        {{ToString(attempt), "failed", "declined"}, {ToString(kPayment), "held", "NULL"}});
  }
}

TEST_SUITE("mentorship payouts projection") {
  const Timestamp kWeekStart = *ParseIso8601("2026-03-01T18:30:00Z");

  PayoutScheduled Scheduled() {
    PayoutScheduled e;
    e.mentor_id = kMentor;
    e.payout_id = PayoutIdFor(kMentor, kWeekStart);
    e.period_start = kWeekStart;
    e.period_end = kWeekStart + Days(7);
    e.payment_ids = {kPayment};
    e.total_earnings = INR(120000);
    e.platform_fee = INR(36000);
    e.mentor_earnings = INR(84000);
    e.tax_deduction_bps = 1000;
    e.tax_section = "194J";
    e.tax_deduction = INR(8400);
    e.net_amount = INR(75600);
    e.minimum_payout = INR(50000);
    e.payout_method = PayoutMethod::upi;
    e.balance_after = INR(0);
    e.policy = "small-minimum";
    return e;
  }
  MentorEarningsCredited Credited() {
    return MentorEarningsCredited{kMentor,    kSession,   kPayment,          INR(120000),
                                  INR(36000), INR(84000), kStart + Hours(1), INR(84000)};
  }

  TEST_CASE("a payout proposed, approved and completed: mentor_payouts and the payments it pays") {
    ProjectionSpec spec(MakeMentorshipProjection());
    // The payout account's stream can be projected before the session's (other partition).
    spec.given(PayoutAccountStream(kMentor), Credited(), Scheduled());
    spec.then_rows("SELECT payout_status, amount FROM mentorship.payments", {{"pending", "NULL"}});
    spec.given(SessionStream(kSession), Booked(), Captured(), Completed(kStart + Hours(1)),
               Released(120000, EscrowStatus::released), Split(120000));
    const Uuid payout = PayoutIdFor(kMentor, kWeekStart);
    spec.given(PayoutAccountStream(kMentor),
               PayoutApproved{kMentor, payout, {kPayment}, INR(75600), kAdminId});
    spec.then_rows(
        "SELECT p.payout_id, p.payout_status, p.status, p.mentor_earnings, m.status "
        "FROM mentorship.payments p JOIN mentorship.mentor_payouts m ON m.id = p.payout_id",
        {{ToString(payout), "processing", "released", "840.00", "processing"}});
    spec.at(kWeekStart + Days(8))
        .given(PayoutAccountStream(kMentor), PayoutCompleted{kMentor,
                                                             payout,
                                                             {kPayment},
                                                             INR(75600),
                                                             PaymentGateway::razorpay,
                                                             "pout_1",
                                                             {},
                                                             INR(84000)});
    spec.then_rows(
        "SELECT payout_period_start, payout_period_end, total_earnings, platform_fee, "
        "tax_deduction, "
        "net_amount, payout_method, payout_reference, status, processed_at FROM "
        "mentorship.mentor_payouts",
        {{"2026-03-01 18:30:00+00", "2026-03-08 18:30:00+00", "1200.00", "360.00", "84.00",
          "756.00", "upi", "pout_1", "completed", "2026-03-09 18:30:00+00"}});
    spec.then_rows("SELECT payout_status FROM mentorship.payments", {{"completed"}});
  }

  TEST_CASE("a failed payout: the payments carry over, unassigned") {
    ProjectionSpec spec(MakeMentorshipProjection());
    const Uuid payout = PayoutIdFor(kMentor, kWeekStart);
    spec.given(SessionStream(kSession), Booked(), Captured(), Completed(kStart + Hours(1)),
               Released(120000, EscrowStatus::released), Split(120000));
    spec.given(PayoutAccountStream(kMentor), Credited(), Scheduled(),
               PayoutApproved{kMentor, payout, {kPayment}, INR(75600), kAdminId},
               PayoutFailed{kMentor,
                            payout,
                            {kPayment},
                            PaymentGateway::razorpay,
                            "pout_1",
                            "account closed",
                            {},
                            INR(84000),
                            INR(84000)});
    spec.then_rows("SELECT status, payout_reference FROM mentorship.mentor_payouts",
                   {{"failed", "pout_1"}});
    spec.then_rows("SELECT payout_status, payout_id FROM mentorship.payments",
                   {{"unpaid", "NULL"}});
  }
}

TEST_SUITE("mentorship verification projection") {
  TEST_CASE("each step is a history row; the mentor follows its status and background check") {
    ProjectionSpec spec(MakeMentorshipProjection());
    MentorVerificationAdvanced docs{kMentor,
                                    VerificationStepId(kMentor, 1),
                                    VerificationStatus::pending,
                                    VerificationStatus::documents_under_review,
                                    "document_review",
                                    kAdminId,
                                    std::string("degree_certificate"),
                                    std::string("s3://docs/d.pdf"),
                                    {},
                                    {},
                                    {}};
    MentorVerificationAdvanced bg{kMentor,
                                  VerificationStepId(kMentor, 2),
                                  VerificationStatus::documents_under_review,
                                  VerificationStatus::background_check_in_progress,
                                  "background_check",
                                  kAdminId,
                                  {},
                                  {},
                                  std::string("in_progress"),
                                  {},
                                  {}};
    spec.given(MentorStream(kMentor), Applied(), docs, bg);
    spec.then_rows(
        "SELECT verification_status, background_check_status, is_active FROM mentorship.mentors",
        {{"background_check_in_progress", "in_progress", "f"}});
    spec.given(MentorStream(kMentor),
               MentorVerificationRejected{kMentor, kMentorUser, VerificationStepId(kMentor, 3),
                                          VerificationStatus::background_check_in_progress,
                                          kAdminId, "record found", std::string("failed")});
    spec.then_rows(
        "SELECT verification_status, background_check_status, rejection_reason FROM "
        "mentorship.mentors",
        {{"rejected", "failed", "record found"}});
    spec.then_rows(
        "SELECT verification_type, verification_status, document_type, reviewed_by, "
        "rejection_reason "
        "FROM mentorship.mentor_verification ORDER BY submitted_at, verification_type",
        {{"application", "pending", "NULL", "NULL", "NULL"},
         {"background_check", "background_check_in_progress", "NULL", kAdminId, "NULL"},
         {"document_review", "documents_under_review", "degree_certificate", kAdminId, "NULL"},
         {"final_review", "rejected", "NULL", kAdminId, "record found"}});
  }

  TEST_CASE(
      "an approval's row carries the expiry and re-verification dates; performance feeds the "
      "mentor") {
    ProjectionSpec spec(MakeMentorshipProjection());
    spec.given(MentorStream(kMentor), Applied(), Approved(),
               MentorPerformanceUpdated{kMentor, kSession, SessionOutcome::rated, 340, 1, 0, 10000,
                                        1, 340, 9250, false, kPolicy});
    spec.then_rows(
        "SELECT expiry_date, auto_reverify_date FROM mentorship.mentor_verification "
        "WHERE verification_type = 'final_review'",
        {{"2027-01-01", "2026-04-01"}});
    spec.then_rows(
        "SELECT verification_status, is_active, avg_rating, performance_score FROM "
        "mentorship.mentors",
        {{"approved", "t", "3.40", "92.50"}});
  }
}

}  // namespace edu::mentorship
