// Specifications of cancelling and rescheduling a paid session: the refund windows (exactly 24 h
// and exactly 2 h before the start), who may cancel, and free reschedules.
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

TEST_SUITE("mentorship cancellation windows") {
  TEST_CASE("a student cancelling exactly 24 h before gets everything back") {
    Timestamp at = kStart - Hours(24);
    Paid(at, Student())
        .when(CancelSession{kSession, "exam moved", {}})
        .then({Cancelled(SessionParty::student, kStudentId, at, RefundPolicy::full_refund, 10000,
                         120000, 0),
               Requested(1, 120000, RefundPolicy::full_refund, StudentReason(), kStudentId),
               ApprovedRefund(1, 120000, StudentReason(), "policy:" + kPolicy, 0, 120000,
                              EscrowStatus::refunded)});
  }

  TEST_CASE(
      "one microsecond under 24 h, the student gets half; the other half is released and split") {
    Timestamp at = kStart - Hours(24) + 1;
    auto spec = Paid(at, Student());
    spec.when(CancelSession{kSession, "exam moved", {}})
        .then({Cancelled(SessionParty::student, kStudentId, at, RefundPolicy::partial_refund, 5000,
                         60000, 60000),
               Requested(1, 60000, RefundPolicy::partial_refund, StudentReason(), kStudentId),
               ApprovedRefund(1, 60000, StudentReason(), "policy:" + kPolicy, 60000, 60000,
                              EscrowStatus::held),
               Released(60000, EscrowStatus::partially_refunded), Split(60000)});
    const PaymentState& p = *spec.state().payment;
    CHECK(p.escrow.status() == EscrowStatus::partially_refunded);
    CHECK(p.captured.minor == p.held + p.released + p.refunded);
    CHECK(spec.state().booking.status() == BookingStatus::cancelled);
  }

  TEST_CASE("exactly 2 h before is still the 50 % window") {
    Timestamp at = kStart - Hours(2);
    Paid(at, Student())
        .when(CancelSession{kSession, "exam moved", {}})
        .then({Cancelled(SessionParty::student, kStudentId, at, RefundPolicy::partial_refund, 5000,
                         60000, 60000),
               Requested(1, 60000, RefundPolicy::partial_refund, StudentReason(), kStudentId),
               ApprovedRefund(1, 60000, StudentReason(), "policy:" + kPolicy, 60000, 60000,
                              EscrowStatus::held),
               Released(60000, EscrowStatus::partially_refunded), Split(60000)});
  }

  TEST_CASE("one microsecond under 2 h, nothing is refunded and the mentor is paid") {
    Timestamp at = kStart - Hours(2) + 1;
    auto spec = Paid(at, Student());
    spec.when(CancelSession{kSession, "exam moved", {}})
        .then({Cancelled(SessionParty::student, kStudentId, at, RefundPolicy::no_refund, 0, 0,
                         120000),
               Released(120000, EscrowStatus::released), Split(120000)});
    CHECK(spec.state().payment->escrow.status() == EscrowStatus::released);
  }

  TEST_CASE("a mentor cancelling refunds in full, even an hour before") {
    Timestamp at = kStart - Hours(1);
    std::string reason = "cancelled by the mentor: family emergency";
    Paid(at, MentorActor())
        .when(CancelSession{kSession, "family emergency", {}})
        .then({Cancelled(SessionParty::mentor, kMentorUserId, at, RefundPolicy::full_refund, 10000,
                         120000, 0, "family emergency"),
               Requested(1, 120000, RefundPolicy::full_refund, reason, kMentorUserId),
               ApprovedRefund(1, 120000, reason, "policy:" + kPolicy, 0, 120000,
                              EscrowStatus::refunded)});
  }

  TEST_CASE("half of an odd amount: the student's part takes the odd paisa, nothing is lost") {
    Spec<SessionDecider> spec;
    spec.at(kStart - Hours(5)).as(Student()).given({Booked(60, 100001), Captured(100001)});
    spec.when(CancelSession{kSession, "exam moved", {}});
    auto d = spec.decide();
    REQUIRE(d.accepted());
    const auto& cancelled = std::get<SessionCancelled>(d.events()[0]);
    CHECK(cancelled.refund_amount.minor == 50001);
    CHECK(cancelled.retained_amount.minor == 50000);
    const auto& split = std::get<PaymentSplit>(d.events().back());
    CHECK(split.platform_fee.minor + split.mentor_earnings.minor == 50000);
    CHECK(cancelled.refund_amount.minor + split.amount.minor == 100001);
  }

  TEST_CASE("an unpaid booking is cancelled without money") {
    Timestamp at = kStart - Hours(1);
    Spec<SessionDecider>()
        .at(at)
        .as(Student())
        .given({Booked()})
        .when(CancelSession{kSession, "exam moved", {}})
        .then({Cancelled(SessionParty::student, kStudentId, at, std::nullopt, 0, 0, 0)});
  }

  TEST_CASE("the policy's windows are configuration") {
    Policies p;
    p.mentorship.name = "strict";
    p.mentorship.full_refund_notice = Hours(48);
    p.mentorship.partial_refund_bps = 2500;
    auto spec = Paid(kStart - Hours(30), Student());
    spec.with_policies(p).when(CancelSession{kSession, "exam moved", {}});
    auto d = spec.decide();
    REQUIRE(d.accepted());
    const auto& cancelled = std::get<SessionCancelled>(d.events()[0]);
    CHECK(cancelled.refund_policy == RefundPolicy::partial_refund);
    CHECK(cancelled.refund_amount.minor == 30000);
    CHECK(cancelled.policy == "strict");
    CHECK(CancellationRefund(SessionParty::student, Hours(48), p.mentorship).refund_bps == 10000);
  }

  TEST_CASE("who may cancel, when, and why") {
    Timestamp at = kStart - Hours(30);
    Paid(at, AsUser(*ParseUuid("99999999-9999-4999-8999-999999999999"), "student"))
        .when(CancelSession{kSession, "x", {}})
        .then_error("not_session_party", ErrorKind::kForbidden);
    Paid(at, Support()).when(CancelSession{kSession, "x", {}}).then_error("on_behalf_of_required");
    auto staff = Paid(at, Support());
    staff.when(CancelSession{kSession, "mentor unreachable", SessionParty::mentor});
    auto d = staff.decide();
    REQUIRE(d.accepted());
    CHECK(std::get<SessionCancelled>(d.events()[0]).cancelled_by == SessionParty::mentor);
    Paid(at, Student()).when(CancelSession{kSession, "", {}}).then_error("reason_required");
    Paid(kStart, Student())
        .when(CancelSession{kSession, "late", {}})
        .then_error("session_already_started", ErrorKind::kConflict);
    auto done = Paid(kStart + Hours(2), Student());
    done.given(
            {Completed(kStart + Hours(1)), Released(120000, EscrowStatus::released), Split(120000)})
        .at(kStart - Hours(1))
        .when(CancelSession{kSession, "x", {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
    CHECK(done.rejection()->message.find("is completed; it cannot be cancelled") !=
          std::string::npos);
  }
}

TEST_SUITE("mentorship reschedules") {
  SessionRescheduled Moved(Timestamp at, Timestamp to, bool emergency,
                           std::optional<std::string> proof, int count = 1) {
    return SessionRescheduled{kSession,
                              kStudent,
                              kMentor,
                              kStart,
                              to,
                              SessionParty::student,
                              "clash with exam",
                              emergency,
                              proof,
                              (kStart - at) / Minutes(1),
                              count,
                              kPolicy};
  }

  TEST_CASE(
      "24 h or more before the start, a reschedule is free; rescheduled_from keeps the old start") {
    Timestamp at = kStart - Hours(24);
    Timestamp to = kStart + Days(2);
    auto spec = Paid(at, Student());
    spec.when(RescheduleSession{kSession, to, "clash with exam", {}, {}, {}})
        .then({Moved(at, to, false, {})});
    CHECK(spec.state().booking.status() == BookingStatus::rescheduled);
    CHECK(spec.state().scheduled_at == to);
  }

  TEST_CASE("later, only an emergency with proof reschedules for free") {
    Timestamp at = kStart - Hours(24) + 1;
    Timestamp to = kStart + Days(2);
    Paid(at, Student())
        .when(RescheduleSession{kSession, to, "clash with exam", {}, {}, {}})
        .then_error("late_reschedule_requires_emergency", ErrorKind::kInvalid);
    Paid(at, Student())
        .when(RescheduleSession{kSession, to, "clash with exam", true, {}, {}})
        .then_error("emergency_proof_required");
    Paid(at, Student())
        .when(RescheduleSession{
            kSession, to, "clash with exam", true, std::string("s3://proof/hospital.pdf"), {}})
        .then({Moved(at, to, true, std::string("s3://proof/hospital.pdf"))});
  }

  TEST_CASE(
      "a rescheduled session can move again, but not after it started, to the past or nowhere") {
    Timestamp at = kStart - Days(2);
    Timestamp first = kStart + Days(2);
    auto twice = Paid(at, Student());
    twice.given({Moved(at, first, false, {})});
    twice.when(RescheduleSession{kSession, first + Days(1), "clash with exam", {}, {}, {}});
    auto d = twice.decide();
    REQUIRE(d.accepted());
    CHECK(std::get<SessionRescheduled>(d.events()[0]).rescheduled_from == first);
    CHECK(std::get<SessionRescheduled>(d.events()[0]).reschedule_count == 2);
    Paid(kStart + 1, Student())
        .when(RescheduleSession{kSession, kStart + Days(1), "late", {}, {}, {}})
        .then_error("session_already_started");
    Paid(at, Student())
        .when(RescheduleSession{kSession, at - Hours(1), "clash", {}, {}, {}})
        .then_error("session_not_in_future");
    Paid(at, Student())
        .when(RescheduleSession{kSession, kStart, "clash", {}, {}, {}})
        .then_error("same_start");
    Spec<SessionDecider>()
        .at(at)
        .as(Student())
        .given({Booked()})
        .when(RescheduleSession{kSession, first, "clash", {}, {}, {}})
        .then_error("illegal_transition");
  }
}

}  // namespace edu::mentorship
