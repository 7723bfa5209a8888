// PeerLoop's four lifecycle machines, each exactly its documented lifecycle: the rows are written
// here from docs/peerloop.md, the seed (001: enrollments, sessions, payouts, help_summons statuses,
// "pending -> responded -> completed (or cancelled)") and the machine headers, never read from the
// machines, and checked by tests/support/machine_spec.h.
#include <doctest/doctest.h>

#include "domain/peerloop/enrollment_machine.h"
#include "domain/peerloop/payout_machine.h"
#include "domain/peerloop/session_machine.h"
#include "domain/peerloop/summon_machine.h"
#include "tests/support/machine_spec.h"

namespace edu::peerloop {

TEST_SUITE("peerloop machines") {
  TEST_CASE("enrollment: enrolled -> in_progress -> completed, cancelled before completion") {
    using S = EnrollmentStatus;
    using T = EnrollmentTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // Its first session started (the peerloop.teaching reaction), then completed.
        {S::enrolled, T::start, S::in_progress},
        {S::in_progress, T::complete, S::completed},
        // Cancelled (by the student, or a failed payment) while enrolled or in progress.
        {S::enrolled, T::cancel, S::cancelled},
        {S::in_progress, T::cancel, S::cancelled},
    };
    testing::CheckMachine<EnrollmentMachine, S, T>(S::enrolled, lifecycle);
  }

  TEST_CASE("session: scheduled -> in_progress -> completed, cancelled before completion") {
    using S = SessionStatus;
    using T = SessionTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::scheduled, T::start, S::in_progress},
        {S::in_progress, T::complete, S::completed},
        {S::scheduled, T::cancel, S::cancelled},
        {S::in_progress, T::cancel, S::cancelled},
    };
    testing::CheckMachine<SessionMachine, S, T>(S::scheduled, lifecycle);
  }

  TEST_CASE("payout: pending -> approved -> processing -> completed | failed, or rejected") {
    using S = PayoutStatus;
    using T = PayoutTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // An admin approves it, the transfer is sent, and it completes or fails.
        {S::pending, T::approve, S::approved},
        {S::approved, T::process, S::processing},
        {S::processing, T::complete, S::completed},
        {S::processing, T::fail, S::failed},
        // An admin may reject a pending payout: failed, its splits given back.
        {S::pending, T::reject, S::failed},
    };
    testing::CheckMachine<PayoutMachine, S, T>(S::pending, lifecycle);
  }

  TEST_CASE("help summon: pending -> responded -> completed, cancelled before completion") {
    using S = SummonStatus;
    using T = SummonTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // An available, certified student-teacher responds; the student completes it.
        {S::pending, T::respond, S::responded},
        {S::responded, T::complete, S::completed},
        {S::pending, T::cancel, S::cancelled},
        {S::responded, T::cancel, S::cancelled},
        // Nobody answered within the policy's window (the scheduler).
        {S::pending, T::expire, S::cancelled},
    };
    testing::CheckMachine<SummonMachine, S, T>(S::pending, lifecycle);
  }
}

}  // namespace edu::peerloop
