// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/summon_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = SummonStatus;
using T = SummonTrigger;

struct SummonFront : machines::FrontBase<SummonFront, S> {
  using initial_state = St<S::pending>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                    trigger              to
      Row<St<S::pending>,   Ev<T::respond>,  St<S::responded>>,
      Row<St<S::pending>,   Ev<T::cancel>,   St<S::cancelled>>,
      Row<St<S::pending>,   Ev<T::expire>,   St<S::cancelled>>,
      Row<St<S::responded>, Ev<T::complete>, St<S::completed>>,
      Row<St<S::responded>, Ev<T::cancel>,   St<S::cancelled>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(SummonMachine, SummonFront, SummonStatus, SummonTrigger, "help_summon")

}  // namespace edu::peerloop
