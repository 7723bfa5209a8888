// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/skillspring/review_moderation_machine.h"

namespace edu::skillspring {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = ModerationStatus;
using T = ModerationTrigger;

struct ModerationFront : machines::FrontBase<ModerationFront, S> {
  using initial_state = St<S::active>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from              trigger          to
      Row<St<S::active>,   Ev<T::report>,  St<S::reported>>,
      Row<St<S::reported>, Ev<T::report>,  St<S::reported>>,
      Row<St<S::reported>, Ev<T::dismiss>, St<S::active>>,
      Row<St<S::reported>, Ev<T::remove>,  St<S::removed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(ModerationMachine, ModerationFront, ModerationStatus, ModerationTrigger,
                   "skillspring_review_moderation")

}  // namespace edu::skillspring
