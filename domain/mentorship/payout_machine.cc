// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/mentorship/payout_machine.h"

namespace edu::mentorship {
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
      //  from                   trigger           to
      Row<St<S::pending>,    Ev<T::approve>,  St<S::processing>>,
      Row<St<S::pending>,    Ev<T::cancel>,   St<S::cancelled>>,
      Row<St<S::processing>, Ev<T::complete>, St<S::completed>>,
      Row<St<S::processing>, Ev<T::fail>,     St<S::failed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(PayoutMachine, PayoutFront, PayoutStatus, PayoutTrigger, "payout")

}  // namespace edu::mentorship
