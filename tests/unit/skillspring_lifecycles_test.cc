// Specifications of the Skillspring MSM lifecycles (course, cart) row by row against tables written
// by hand (tests/support/machine_spec.h), and of doctored histories.
#include "tests/support/machine_spec.h"
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {

using namespace fixtures;

TEST_SUITE("skillspring doctored histories") {
  // Only a log edited by hand holds a cart event with no open cart before it: folding it must not
  // read the missing cart (it crashed the process), and no command is decided on the stream.
  TEST_CASE("a cart abandoned or filled with no open cart makes the stream inconsistent") {
    Shopper()
        .given({CartAbandoned{kCart, kStudent, std::nullopt}})
        .when(AbandonCart{kStudent, kCart})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
    Shopper()
        .given({Attached()})
        .when(AbandonCart{kStudent, kCart})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
  }
}

TEST_SUITE("skillspring lifecycles") {
  // Rows written from docs/skillspring.md "Lifecycles" and the seed's statuses (003), not from the
  // machines; checked by tests/support/machine_spec.h.
  TEST_CASE(
      "course: draft -> submitted -> published -> archived, changes requested back to draft") {
    using S = CourseStatus;
    using T = CourseTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::draft, T::submit, S::submitted},
        // An admin publishes a submitted course or sends it back to draft.
        {S::submitted, T::publish, S::published},
        {S::submitted, T::request_changes, S::draft},
        // Any course can be archived (status 'archived' + deleted_at).
        {S::draft, T::archive, S::archived},
        {S::submitted, T::archive, S::archived},
        {S::published, T::archive, S::archived},
    };
    testing::CheckMachine<CourseMachine, S, T>(S::draft, lifecycle);
  }

  TEST_CASE("cart: open -> converted | abandoned") {
    using S = CartStatus;
    using T = CartTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::open, T::check_out, S::converted},
        {S::open, T::abandon, S::abandoned},
    };
    testing::CheckMachine<CartMachine, S, T>(S::open, lifecycle);
  }
}

}  // namespace edu::skillspring
