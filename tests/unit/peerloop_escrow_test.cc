// Specifications of PeerLoop escrow: completed sessions release tranches, completing an enrollment
// releases the rest, cancelling refunds exactly what is still held.
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const std::string kEnrollmentStream = EnrollmentStream(kEnrollment);

// kStudent enrolled (teacher kTeacher), paid, first session started: in progress.
void InProgress(World& w) {
  w.Paid();
  w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
}

}  // namespace

TEST_SUITE("peerloop escrow") {
  TEST_CASE("each completed session releases the next tranche; then escrow is empty") {
    World w;
    InProgress(w);
    const auto lines = w.State<EnrollmentDecider>(kEnrollmentStream).lines;
    auto tranche = [&](int t) {
      std::vector<SplitLine> out;
      for (const auto& l : lines) {
        if (l.tranche == t) out.push_back(l);
      }
      return out;
    };
    EscrowReleased first{kEnrollment,         kTransaction,        kSession, tranche(1),
                         Money{13300, "USD"}, Money{26600, "USD"}, kNow};
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(ReleaseSessionEscrow{kEnrollment, kSession})
        .then({first});
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(ReleaseSessionEscrow{kEnrollment, kSession})
        .then_error("session_already_released", ErrorKind::kConflict);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Teacher())
        .when(ReleaseSessionEscrow{kEnrollment, kSession2})
        .then_error("system_only", ErrorKind::kForbidden);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession2}, System());
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kPost}, System());
    auto s = w.State<EnrollmentDecider>(kEnrollmentStream);
    CHECK(s.transaction->held == 0);
    CHECK(s.transaction->released == 39900);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(ReleaseSessionEscrow{kEnrollment, kSummon})
        .then_error("escrow_empty", ErrorKind::kConflict);
  }

  TEST_CASE("completing the enrollment releases what is still held") {
    World w;
    InProgress(w);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    auto d = w.Decide<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
    REQUIRE(d.accepted());
    REQUIRE(d.events().size() == 2);
    const auto& release = std::get<EscrowReleased>(d.events()[1]);
    CHECK(release.amount == Money{26600, "USD"});
    CHECK(release.escrow_held_after == Money{0, "USD"});
    CHECK(release.lines.size() == 6);
    CHECK_FALSE(release.session_id.has_value());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CompleteEnrollment{kEnrollment})
        .then_error("not_enrollment_teacher", ErrorKind::kForbidden);
  }

  TEST_CASE("an enrollment completes only from in_progress") {
    World w;
    w.Paid();
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Teacher())
        .when(CompleteEnrollment{kEnrollment})
        .then_error("illegal_transition", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(StartEnrollment{kEnrollment})
        .then_error("enrollment_already_started", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(StartEnrollment{kEnrollment})
        .then_error("enrollment_closed", ErrorKind::kConflict);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, "too late"})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("cancelling refunds exactly the tranches still in escrow") {
    World w;
    InProgress(w);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    auto s = w.State<EnrollmentDecider>(kEnrollmentStream);
    RefundIssued refund;
    refund.enrollment_id = kEnrollment;
    refund.transaction_id = kTransaction;
    refund.amount = Money{26600, "USD"};
    for (const auto& l : s.lines) {
      if (l.tranche > 1) refund.refunded_split_ids.push_back(l.split_id);
    }
    refund.stripe_payment_id = kStripe;
    refund.escrow_held_after = Money{0, "USD"};
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, "moving abroad"})
        .then({EnrollmentCancelled{kEnrollment, kStudent, kCourse, Student().id, "moving abroad",
                                   kNow},
               refund});
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, ""})
        .then_error("reason_required");
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student(kStudent2))
        .when(CancelEnrollment{kEnrollment, "x"})
        .then_error("not_own_enrollment", ErrorKind::kForbidden);
    // Paid == held + released + refunded, afterwards too.
    w.Run<EnrollmentDecider>(CancelEnrollment{kEnrollment, "moving abroad"}, Student());
    s = w.State<EnrollmentDecider>(kEnrollmentStream);
    CHECK(s.transaction->held + s.transaction->released + s.transaction->refunded == 39900);
    CHECK(s.transaction->refunded == 26600);
    CHECK(s.transaction->status == TransactionStatus::refunded);
  }

  TEST_CASE("a cancelled enrollment before any session refunds everything") {
    World w;
    w.Paid();
    auto d = w.Decide<EnrollmentDecider>(CancelEnrollment{kEnrollment, "schedule clash"}, Admin());
    REQUIRE(d.accepted());
    CHECK(std::get<RefundIssued>(d.events()[1]).amount == Money{39900, "USD"});
    CHECK(std::get<RefundIssued>(d.events()[1]).refunded_split_ids.size() == 9);
  }

  TEST_CASE("only released splits are marked paid") {
    World w;
    InProgress(w);
    auto lines = w.State<EnrollmentDecider>(kEnrollmentStream).lines;
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(MarkSplitsPaid{kEnrollment, kPayout, {lines[0].split_id}})
        .then_error("split_not_released", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(MarkSplitsPaid{kEnrollment, kPayout, {lines[0].split_id, lines[1].split_id}})
        .then({SplitsPaid{
            kEnrollment, kPayout, {lines[0].split_id, lines[1].split_id}, 9310 + 1995, kNow}});
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(MarkSplitsPaid{kEnrollment, kPayout, {kPost}})
        .then_error("split_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::peerloop
