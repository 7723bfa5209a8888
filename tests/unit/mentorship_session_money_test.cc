// Specifications of a session's money after the booking: cancellations and the refund windows
// (exactly 24 h and exactly 2 h before the start), reschedules, no-shows, disputes and their
// resolution, escrow held after the end, refunds through the gateway, and ratings.
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

const std::string kStudentId = "11111111-1111-4111-8111-111111111111";
const std::string kMentorUserId = "22222222-2222-4222-8222-222222222222";

SessionCancelled Cancelled(SessionParty by, const std::string& actor, Timestamp at,
                           std::optional<RefundPolicy> rule, BasisPoints bps, int64_t refund,
                           int64_t retained, const std::string& reason = "exam moved") {
  SessionCancelled e;
  e.session_id = kSession;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.cancelled_by = by;
  e.cancelled_by_actor = actor;
  e.reason = reason;
  e.scheduled_at = kStart;
  e.notice_minutes = (kStart - at) / Minutes(1);
  e.refund_policy = rule;
  e.refund_bps = bps;
  e.refund_amount = INR(refund);
  e.retained_amount = INR(retained);
  e.policy = kPolicy;
  return e;
}

std::string StudentReason(const std::string& reason = "exam moved") {
  return "cancelled by the student: " + reason;
}

Policies HoldFor(Micros hold) {
  Policies p;
  p.mentorship.name = "mentorship-hold";
  p.mentorship.escrow_hold_after_completion = hold;
  return p;
}

}  // namespace

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

TEST_SUITE("mentorship session start and completion") {
  TEST_CASE("the mentor starts the session from 15 minutes before, once") {
    Paid(kStart - Minutes(16), MentorActor())
        .when(StartSession{kSession, {}})
        .then_error("too_early_to_start");
    auto spec = Paid(kStart - Minutes(15), MentorActor());
    spec.when(StartSession{kSession, std::string("zoom-88123")})
        .then({SessionStarted{kSession, kMentor, kStart - Minutes(15), std::string("zoom-88123")}});
    CHECK(spec.state().booking.status() == BookingStatus::in_progress);
    Paid(kStart, Student())
        .when(StartSession{kSession, {}})
        .then_error("not_session_mentor", ErrorKind::kForbidden);
    Paid(kStart, MentorActor())
        .given({Started(kStart)})
        .when(StartSession{kSession, {}})
        .then_error("illegal_transition");
  }

  TEST_CASE("under a policy without a hold, completion releases the escrow at once") {
    Timestamp end = kStart + Minutes(60);
    CompleteSession c{kSession, std::string("good"), {"revise"}, std::string("https://rec/1")};
    SessionCompleted done = Completed(end);
    done.mentor_notes = "good";
    done.follow_up_tasks = {"revise"};
    done.recording_url = "https://rec/1";
    done.recording_access_expires = end + Days(730);
    PaymentSplit split = Split(120000);
    split.policy = "mentorship-hold";
    Paid(end, MentorActor())
        .with_policies(HoldFor(0))
        .given({Started(kStart)})
        .when(c)
        .then({done, Released(120000, EscrowStatus::released), split});
  }

  TEST_CASE(
      "by default the escrow stays held 48 h after completion, until the scheduler releases it") {
    Timestamp end = kStart + Minutes(60);
    SessionCompleted done = Completed(end);
    done.escrow_release_due = end + Hours(48);
    auto spec = Paid(end, MentorActor());
    spec.given({Started(kStart)}).when(CompleteSession{kSession, {}, {}, {}}).then({done});
    CHECK(spec.state().payment->escrow.status() == EscrowStatus::held);

    // The release at its boundary: one second before, exactly at it, one second after.
    Paid(end + Hours(48) - Seconds(1), Scheduler())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then_error("escrow_not_due", ErrorKind::kInvalid);
    Paid(end + Hours(48), Scheduler())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then({Released(120000, EscrowStatus::released), Split(120000)});
    Paid(end + Hours(48) + Seconds(1), Scheduler())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then({Released(120000, EscrowStatus::released), Split(120000)});
    Paid(end, Scheduler())
        .when(ReleaseEscrow{kSession})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Paid(end + Days(3), Student())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then_error("system_only");
  }
}

TEST_SUITE("mentorship dispute window") {
  TEST_CASE(
      "a dispute raised in the 48 h window holds the escrow; at its end the window is closed") {
    Timestamp end = kStart + Minutes(60);
    SessionCompleted done = Completed(end);
    done.escrow_release_due = end + Hours(48);
    auto before = Paid(end + Hours(48) - Seconds(1), Student());
    before.given({done}).when(RaiseDispute{kSession, std::string("unsatisfactory"), {}});
    auto disputed = before.decide();
    REQUIRE(disputed.accepted());
    CHECK(std::holds_alternative<SessionDisputed>(disputed.events()[0]));
    Paid(end + Hours(48), Student())
        .given({done})
        .when(RaiseDispute{kSession, std::string("unsatisfactory"), {}})
        .then_error("dispute_window_closed", ErrorKind::kInvalid);
    Paid(end + Hours(48) + Seconds(1), Student())
        .given({done})
        .when(RaiseDispute{kSession, std::string("unsatisfactory"), {}})
        .then_error("dispute_window_closed", ErrorKind::kInvalid);
  }
}

TEST_SUITE("mentorship no-shows") {
  TEST_CASE("a student who does not come pays: the mentor reports it after the grace period") {
    Timestamp at = kStart + Minutes(15);
    StudentNoShowRecorded absent{kSession,
                                 kStudent,
                                 kMentor,
                                 kMentorUserId,
                                 std::string("waited 15 min"),
                                 RefundPolicy::no_refund,
                                 std::nullopt,
                                 kPolicy};
    StudentNoShowRecorded held = absent;
    held.escrow_release_due = at + Hours(48);  // the default dispute window
    auto spec = Paid(at, MentorActor());
    spec.when(ReportNoShow{kSession, SessionParty::student, std::string("waited 15 min")})
        .then({held});
    CHECK(spec.state().booking.status() == BookingStatus::no_show);
    absent.policy = "mentorship-hold";
    PaymentSplit split = Split(120000);
    split.policy = "mentorship-hold";
    Paid(at, MentorActor())
        .with_policies(HoldFor(0))
        .when(ReportNoShow{kSession, SessionParty::student, std::string("waited 15 min")})
        .then({absent, Released(120000, EscrowStatus::released), split});
    Paid(at - 1, MentorActor())
        .when(ReportNoShow{kSession, SessionParty::student, {}})
        .then_error("no_show_too_early", ErrorKind::kInvalid);
    Paid(at, Student())
        .when(ReportNoShow{kSession, SessionParty::student, {}})
        .then_error("not_session_party", ErrorKind::kForbidden);
  }

  TEST_CASE("a mentor who does not come opens a dispute asking for a full refund") {
    Timestamp at = kStart + Minutes(20);
    auto spec = Paid(at, Student());
    spec.when(ReportNoShow{kSession, SessionParty::mentor, std::string("mentor never joined")})
        .then(
            {SessionDisputed{kSession, ConflictId(), kPayment, kStudent, kMentor,
                             ConflictType::mentor_no_show, SessionParty::student, kStudentId,
                             std::string("mentor never joined"), INR(120000)},
             Requested(1, 120000, RefundPolicy::dispute_resolution, "mentor_no_show", kStudentId)});
    CHECK(spec.state().booking.status() == BookingStatus::disputed);
    CHECK(spec.state().payment->escrow.status() == EscrowStatus::disputed);
    Paid(at, MentorActor())
        .given({Started(kStart)})
        .as(Student())
        .when(ReportNoShow{kSession, SessionParty::mentor, {}})
        .then_error("illegal_transition");
  }
}

TEST_SUITE("mentorship disputes") {
  SessionDisputed Disputed(ConflictType type = ConflictType::quality_dispute,
                           int64_t held = 120000) {
    return SessionDisputed{kSession,
                           ConflictId(),
                           kPayment,
                           kStudent,
                           kMentor,
                           type,
                           SessionParty::student,
                           kStudentId,
                           std::string("mentor unprepared"),
                           INR(held)};
  }
  RefundRequested DisputeRefund(int64_t amount, ConflictType type = ConflictType::quality_dispute) {
    return Requested(1, amount, RefundPolicy::dispute_resolution, std::string(EnumName(type)),
                     kStudentId);
  }
  Spec<SessionDecider> InDispute(Actor actor) {
    auto spec = Paid(kStart + Minutes(70), std::move(actor));
    spec.given({Started(kStart), Disputed(), DisputeRefund(120000)});
    return spec;
  }
  std::string Resolution(const char* type) {
    return std::string("quality_dispute resolved: ") + type;
  }

  TEST_CASE("a student disputes a started session's quality before it is completed") {
    auto spec = Paid(kStart + Minutes(50), Student());
    spec.given({Started(kStart)})
        .when(RaiseDispute{kSession, std::string("mentor unprepared"), {}})
        .then({Disputed(), DisputeRefund(120000)});
    CHECK(spec.state().booking.status() == BookingStatus::disputed);
  }

  TEST_CASE("after the release on completion, the money can no longer be disputed") {
    auto spec = Paid(kStart + Hours(2), Student());
    spec.given(
            {Completed(kStart + Hours(1)), Released(120000, EscrowStatus::released), Split(120000)})
        .when(RaiseDispute{kSession, {}, {}})
        .then_error("payment_already_released", ErrorKind::kConflict);
  }

  TEST_CASE("with a hold after completion, a completed session or a no-show can be disputed") {
    SessionCompleted done = Completed(kStart + Hours(1));
    done.escrow_release_due = kStart + Hours(49);
    Paid(kStart + Hours(2), Student())
        .with_policies(HoldFor(Hours(48)))
        .given({done})
        .when(RaiseDispute{kSession, std::string("mentor unprepared"), INR(50000)})
        .then({Disputed(), DisputeRefund(50000)});
    StudentNoShowRecorded absent{
        kSession,           kStudent,         kMentor, kMentorUserId, {}, RefundPolicy::no_refund,
        kStart + Hours(49), "mentorship-hold"};
    auto contested = Paid(kStart + Hours(2), Student());
    contested.with_policies(HoldFor(Hours(48)))
        .given({absent})
        .when(RaiseDispute{kSession, std::string("mentor unprepared"), {}});
    auto d = contested.decide();
    REQUIRE(d.accepted());
    CHECK(std::get<SessionDisputed>(d.events()[0]).conflict_type ==
          ConflictType::no_show_contested);
  }

  TEST_CASE("the refund asked for is positive and within the policy") {
    Policies half;
    half.mentorship.name = "half";
    half.mentorship.quality_dispute_max_refund_bps = 5000;
    Paid(kStart + Minutes(50), Student())
        .with_policies(half)
        .given({Started(kStart)})
        .when(RaiseDispute{kSession, {}, INR(60001)})
        .then_error("invalid_refund_request");
    Paid(kStart + Minutes(50), Student())
        .given({Started(kStart)})
        .when(RaiseDispute{kSession, {}, INR(0)})
        .then_error("invalid_refund_request");
    Paid(kStart + Minutes(50), MentorActor())
        .given({Started(kStart)})
        .when(RaiseDispute{kSession, {}, {}})
        .then_error("not_session_student", ErrorKind::kForbidden);
  }

  TEST_CASE("support resolves with a full refund: everything goes back to the student") {
    auto spec = InDispute(Support());
    spec.when(ResolveDispute{
                  kSession, ResolutionType::full_refund, {}, std::string("no show confirmed")})
        .then({DisputeResolved{kSession, ConflictId(), kMentor, ConflictType::quality_dispute,
                               ResolutionType::full_refund, INR(120000), Support().id,
                               std::string("no show confirmed"), kPolicy},
               ApprovedRefund(1, 120000, Resolution("full_refund"), Support().id, 0, 120000,
                              EscrowStatus::resolved)});
    CHECK(spec.state().booking.status() == BookingStatus::resolved);
    CHECK(spec.state().payment->escrow.status() == EscrowStatus::resolved);
  }

  TEST_CASE("a partial resolution compensates the student and releases the rest to the mentor") {
    auto spec = InDispute(Support());
    spec.when(ResolveDispute{kSession, ResolutionType::partial_refund, INR(30000), {}})
        .then({DisputeResolved{kSession,
                               ConflictId(),
                               kMentor,
                               ConflictType::quality_dispute,
                               ResolutionType::partial_refund,
                               INR(30000),
                               Support().id,
                               {},
                               kPolicy},
               ApprovedRefund(1, 30000, Resolution("partial_refund"), Support().id, 90000, 30000,
                              EscrowStatus::disputed),
               Released(90000, EscrowStatus::resolved), Split(90000)});
    const PaymentState& p = *spec.state().payment;
    CHECK(p.captured.minor == p.held + p.released + p.refunded);
    CHECK(p.refunds[0].machine.status() == RefundStatus::approved);
  }

  TEST_CASE("no refund: the request is rejected and the mentor is paid") {
    auto spec = InDispute(Admin());
    spec.when(ResolveDispute{kSession, ResolutionType::no_refund, {}, {}})
        .then({DisputeResolved{kSession,
                               ConflictId(),
                               kMentor,
                               ConflictType::quality_dispute,
                               ResolutionType::no_refund,
                               INR(0),
                               Admin().id,
                               {},
                               kPolicy},
               RefundRejected{kSession, kPayment, RefundId(1), INR(120000), Admin().id, {}},
               Released(120000, EscrowStatus::resolved), Split(120000)});
    CHECK(spec.state().payment->refunds[0].machine.status() == RefundStatus::rejected);
  }

  TEST_CASE(
      "a resolution's compensation matches its type and the policy; only staff resolve, once") {
    InDispute(Support())
        .when(ResolveDispute{kSession, ResolutionType::partial_refund, {}, {}})
        .then_error("invalid_compensation");
    InDispute(Support())
        .when(ResolveDispute{kSession, ResolutionType::partial_refund, INR(120000), {}})
        .then_error("invalid_compensation");
    InDispute(Support())
        .when(ResolveDispute{kSession, ResolutionType::full_refund, INR(100), {}})
        .then_error("invalid_compensation");
    InDispute(Support())
        .when(ResolveDispute{kSession, ResolutionType::no_refund, INR(1), {}})
        .then_error("invalid_compensation");
    Policies half;
    half.mentorship.name = "half";
    half.mentorship.quality_dispute_max_refund_bps = 5000;
    InDispute(Support())
        .with_policies(half)
        .when(ResolveDispute{kSession, ResolutionType::partial_refund, INR(60001), {}})
        .then_error("compensation_above_policy");
    InDispute(Student())
        .when(ResolveDispute{kSession, ResolutionType::full_refund, {}, {}})
        .then_error("staff_only", ErrorKind::kForbidden);
    Paid(kStart, Support())
        .when(ResolveDispute{kSession, ResolutionType::full_refund, {}, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }
}

TEST_SUITE("mentorship refunds through the gateway") {
  Spec<SessionDecider> RefundApprovedSpec(Actor actor, Timestamp at = kStart - Days(2)) {
    std::string reason = StudentReason();
    Spec<SessionDecider> spec;
    spec.at(at)
        .as(std::move(actor))
        .given({Booked(), Captured(),
                Cancelled(SessionParty::student, kStudentId, kStart - Days(2),
                          RefundPolicy::full_refund, 10000, 120000, 0),
                Requested(1, 120000, RefundPolicy::full_refund, reason, kStudentId),
                ApprovedRefund(1, 120000, reason, "policy:" + kPolicy, 0, 120000,
                               EscrowStatus::refunded)});
    return spec;
  }
  RecordRefundIssued Issued(const std::string& gateway_id = "rfnd_1", int64_t amount = 120000) {
    return RecordRefundIssued{kSession,    RefundId(1),
                              INR(amount), PaymentGateway::razorpay,
                              gateway_id,  std::string(R"({"status":"processed"})")};
  }

  TEST_CASE("the gateway reports the refund paid; the same report again changes nothing") {
    RefundIssued issued{kSession,
                        kPayment,
                        RefundId(1),
                        INR(120000),
                        PaymentGateway::razorpay,
                        "rfnd_1",
                        std::string(R"({"status":"processed"})"),
                        INR(120000)};
    auto spec = RefundApprovedSpec(Gateway());
    spec.when(Issued()).then({issued});
    CHECK(spec.state().payment->refunds[0].machine.status() == RefundStatus::issued);
    RefundApprovedSpec(Gateway()).given({issued}).when(Issued()).then({});
    RefundApprovedSpec(Gateway())
        .given({issued})
        .when(Issued("rfnd_1", 100))
        .then_error("gateway_event_conflict");
    RefundApprovedSpec(Gateway())
        .given({issued})
        .when(Issued("rfnd_2"))
        .then_error("illegal_transition");
  }

  TEST_CASE("a failed refund is still owed: support retries it and the gateway pays it") {
    RefundFailed failed{kSession,
                        kPayment,
                        RefundId(1),
                        INR(120000),
                        PaymentGateway::razorpay,
                        "rfnd_1",
                        "bank account closed",
                        {}};
    RefundApprovedSpec(Gateway())
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "bank account closed", {}})
        .then({failed});
    RefundApprovedSpec(Gateway())
        .given({failed})
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "bank account closed", {}})
        .then({});
    RefundApprovedSpec(Gateway())
        .given({failed})
        .when(Issued("rfnd_2"))
        .then_error("illegal_transition");
    RefundRetried retried{kSession, kPayment, RefundId(1), INR(120000), Support().id};
    RefundApprovedSpec(Support())
        .given({failed})
        .when(RetryRefund{kSession, RefundId(1)})
        .then({retried});
    RefundApprovedSpec(Student())
        .given({failed})
        .when(RetryRefund{kSession, RefundId(1)})
        .then_error("staff_only");
    RefundApprovedSpec(Support())
        .when(RetryRefund{kSession, RefundId(1)})
        .then_error("illegal_transition");
    // The failure's webhook delivered again after the retry: recognised, nothing appended; the same
    // id with another reason is a conflict.
    RefundApprovedSpec(Gateway())
        .given({failed, retried})
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "bank account closed", {}})
        .then({});
    RefundApprovedSpec(Gateway())
        .given({failed, retried})
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "IFSC invalid", {}})
        .then_error("gateway_event_conflict", ErrorKind::kConflict);
    RefundApprovedSpec(Gateway())
        .given({failed, retried})
        .when(Issued("rfnd_1"))
        .then_error("gateway_event_conflict", ErrorKind::kConflict);  // that id reported a failure
    auto spec = RefundApprovedSpec(Gateway());
    spec.given({failed, retried})
        .when(Issued("rfnd_2"))
        .then({RefundIssued{kSession, kPayment, RefundId(1), INR(120000), PaymentGateway::razorpay,
                            "rfnd_2", std::string(R"({"status":"processed"})"), INR(120000)}});
    CHECK(spec.state().payment->issued == 120000);
  }

  TEST_CASE(
      "one gateway refund id reports one refund: reused for another refund it is a conflict") {
    RefundIssued issued{kSession,
                        kPayment,
                        RefundId(1),
                        INR(120000),
                        PaymentGateway::razorpay,
                        "rfnd_1",
                        std::string(R"({"status":"processed"})"),
                        INR(120000)};
    // A second (goodwill) refund on the same payment, approved after the first was paid back.
    auto spec = RefundApprovedSpec(Gateway());
    spec.given(
        {issued, Requested(2, 5000, RefundPolicy::dispute_resolution, "goodwill", kStudentId),
         ApprovedRefund(2, 5000, "goodwill", Support().id, 0, 125000, EscrowStatus::refunded)});
    RecordRefundIssued reused{kSession, RefundId(2), INR(5000), PaymentGateway::razorpay,
                              "rfnd_1", {}};
    spec.when(reused).then_error("gateway_event_conflict", ErrorKind::kConflict);
    CHECK(spec.rejection()->message.find("for another refund") != std::string::npos);
  }

  TEST_CASE("reports must name a known refund, the right amount and the gateway's id") {
    RefundApprovedSpec(Gateway()).when(Issued("rfnd_1", 119999)).then_error("amount_mismatch");
    RefundApprovedSpec(Gateway()).when(Issued("")).then_error("gateway_refund_id_required");
    RecordRefundIssued unknown = Issued();
    unknown.refund_id = RefundId(9);
    RefundApprovedSpec(Gateway()).when(unknown).then_error("refund_not_found",
                                                           ErrorKind::kNotFound);
  }

  TEST_CASE("a refund still requested (a dispute in progress) cannot be issued") {
    Paid(kStart + Hours(1), Gateway())
        .given(
            {Started(kStart),
             SessionDisputed{kSession,
                             ConflictId(),
                             kPayment,
                             kStudent,
                             kMentor,
                             ConflictType::quality_dispute,
                             SessionParty::student,
                             kStudentId,
                             {},
                             INR(120000)},
             Requested(1, 120000, RefundPolicy::dispute_resolution, "quality_dispute", kStudentId)})
        .when(Issued())
        .then_error("illegal_transition", ErrorKind::kConflict);
  }
}

TEST_SUITE("mentorship payment attempts") {
  RecordPaymentFailed Failure(const std::string& gateway_id = "pay_fail_1") {
    return RecordPaymentFailed{kSession,
                               *ParseUuid("66666666-6666-4666-8666-666666666666"),
                               INR(120000),
                               PaymentMethod::card,
                               PaymentGateway::razorpay,
                               gateway_id,
                               "card declined",
                               {}};
  }

  TEST_CASE("a failed attempt is recorded once; the student can still pay") {
    PaymentFailed failed{kSession,
                         *ParseUuid("66666666-6666-4666-8666-666666666666"),
                         kStudent,
                         kMentor,
                         INR(120000),
                         PaymentMethod::card,
                         PaymentGateway::razorpay,
                         "pay_fail_1",
                         {},
                         "card declined"};
    auto spec = Spec<SessionDecider>();
    spec.as(Gateway()).given({Booked()}).when(Failure()).then({failed});
    CHECK(spec.state().booking.status() == BookingStatus::requested);
    Spec<SessionDecider>().as(Gateway()).given({Booked(), failed}).when(Failure()).then({});
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), failed})
        .when(Capture())
        .then({Captured()});
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), Captured()})
        .when(Failure())
        .then_error("illegal_transition");
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), Captured()})
        .when(Failure("pay_N8xQ2"))
        .then_error("gateway_event_conflict");
  }

  TEST_CASE("a capture reported again with other figures is refused") {
    CapturePayment other = Capture();
    other.payment_id = *ParseUuid("66666666-6666-4666-8666-666666666666");
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), Captured()})
        .when(other)
        .then_error("gateway_event_conflict");
  }
}

TEST_SUITE("mentorship ratings") {
  Spec<SessionDecider> Done(Actor actor) {
    auto spec = Paid(kStart + Hours(2), std::move(actor));
    spec.given(
        {Completed(kStart + Hours(1)), Released(120000, EscrowStatus::released), Split(120000)});
    return spec;
  }

  TEST_CASE("the student's satisfaction rating; under 3.5 it opens a quality review") {
    Done(Student())
        .when(RateSession{kSession, 4.5, std::string("very clear")})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 450,
                            std::string("very clear")}});
    Done(Student())
        .when(RateSession{kSession, 3.5, {}})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 350, {}}});
    Done(Student())
        .when(RateSession{kSession, 3.49, std::string("rushed")})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 349,
                            std::string("rushed")},
               QualityReviewOpened{DeriveUuid(kSession, "quality-review"), kSession, kMentor,
                                   kStudent, "low_rating", 349, 350, std::string("rushed"),
                                   kPolicy}});
  }

  TEST_CASE("the mentor's rating of the session never opens a review") {
    Done(MentorActor())
        .when(RateSession{kSession, 2, {}})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::mentor, 200, {}}});
  }

  TEST_CASE("once each, 1 to 5 with two decimals, by the session's people, after it took place") {
    Done(Student())
        .given({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 450, {}}})
        .when(RateSession{kSession, 4, {}})
        .then_error("already_rated", ErrorKind::kConflict);
    Done(Student()).when(RateSession{kSession, 5.01, {}}).then_error("invalid_rating");
    Done(Student()).when(RateSession{kSession, 0.99, {}}).then_error("invalid_rating");
    Done(Student()).when(RateSession{kSession, 3.333, {}}).then_error("invalid_rating");
    Done(Support())
        .when(RateSession{kSession, 4, {}})
        .then_error("not_session_party", ErrorKind::kForbidden);
    Paid(kStart - Hours(1), Student())
        .when(RateSession{kSession, 4, {}})
        .then_error("session_not_completed");
    // A mentor no-show is disputed, but the session never took place: nothing to rate.
    Paid(kStart + Minutes(20), Student())
        .given({SessionDisputed{kSession, ConflictId(), kPayment, kStudent, kMentor,
                                ConflictType::mentor_no_show, SessionParty::student, kStudentId,
                                std::string("mentor never joined"), INR(120000)}})
        .when(RateSession{kSession, 1, {}})
        .then_error("session_not_completed", ErrorKind::kConflict);
  }
}

TEST_SUITE("mentorship doctored histories") {
  // Only a log edited by hand holds these streams: folding them must not read a payment or a
  // refund that was never recorded (it crashed the process), and no command is decided on them.
  TEST_CASE("a release before any captured payment makes the stream inconsistent, not a crash") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(Scheduler())
        .given({Booked(), Released(120000, EscrowStatus::released)})
        .when(ReleaseEscrow{kSession})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
  }
  TEST_CASE("refund reports for a refund never requested, and a resolution without a dispute") {
    RefundIssued issued;
    issued.session_id = kSession;
    issued.payment_id = kPayment;
    issued.refund_id = RefundId(1);
    issued.amount = INR(100);
    Paid(kNow, Gateway())
        .given({issued})
        .when(RetryRefund{kSession, RefundId(1)})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
    DisputeResolved resolved;
    resolved.session_id = kSession;
    Paid(kNow, Support())
        .given({resolved})
        .when(ReleaseEscrow{kSession})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
  }
}

}  // namespace edu::mentorship
