// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/feed_flag_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = FlagStatus;
using T = FlagTrigger;

struct FlagFront : machines::FrontBase<FlagFront, S> {
  using initial_state = St<S::pending>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                   trigger            to
      Row<St<S::pending>,  Ev<T::review>,  St<S::reviewed>>,
      Row<St<S::pending>,  Ev<T::dismiss>, St<S::dismissed>>,
      Row<St<S::pending>,  Ev<T::action>,  St<S::actioned>>,
      Row<St<S::reviewed>, Ev<T::dismiss>, St<S::dismissed>>,
      Row<St<S::reviewed>, Ev<T::action>,  St<S::actioned>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(FlagMachine, FlagFront, FlagStatus, FlagTrigger, "content_flag")

}  // namespace edu::peerloop
