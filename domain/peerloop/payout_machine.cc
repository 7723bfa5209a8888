// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/payout_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = PayoutStatus;
using T = PayoutTrigger;

struct PayoutFront : machines::FrontBase<PayoutFront, S> {
  using initial_state = St<S::pending>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                    trigger              to
      Row<St<S::pending>,    Ev<T::approve>,  St<S::approved>>,
      Row<St<S::pending>,    Ev<T::reject>,   St<S::failed>>,
      Row<St<S::approved>,   Ev<T::process>,  St<S::processing>>,
      Row<St<S::processing>, Ev<T::complete>, St<S::completed>>,
      Row<St<S::processing>, Ev<T::fail>,     St<S::failed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(PayoutMachine, PayoutFront, PayoutStatus, PayoutTrigger, "peerloop_payout")

}  // namespace edu::peerloop
