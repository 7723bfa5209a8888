// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/mentorship/refund_machine.h"

namespace edu::mentorship {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = RefundStatus;
using T = RefundTrigger;

struct RefundFront : machines::FrontBase<RefundFront, S> {
  using initial_state = St<S::requested>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                  trigger          to
      Row<St<S::requested>, Ev<T::approve>, St<S::approved>>,
      Row<St<S::requested>, Ev<T::reject>,  St<S::rejected>>,
      Row<St<S::approved>,  Ev<T::issue>,   St<S::issued>>,
      Row<St<S::approved>,  Ev<T::fail>,    St<S::failed>>,
      Row<St<S::failed>,    Ev<T::retry>,   St<S::approved>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(RefundMachine, RefundFront, RefundStatus, RefundTrigger, "refund")

}  // namespace edu::mentorship
