// Specifications of disputes over a session's money: when a session can be disputed, the refund
// asked for, and support's full, partial or no-refund resolutions.
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

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

}  // namespace edu::mentorship
