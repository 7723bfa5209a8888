// Specifications of the Urban Home School MSM lifecycles (enrollment, transaction), row by row
// against tables written by hand (tests/support/machine_spec.h).
#include "tests/support/machine_spec.h"
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

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
