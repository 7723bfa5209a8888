// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/mentorship/escrow_machine.h"

namespace edu::mentorship {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = EscrowStatus;
using T = EscrowTrigger;

struct EscrowFront : machines::FrontBase<EscrowFront, S> {
  using initial_state = St<S::held>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                 trigger                 to
      Row<St<S::held>,     Ev<T::release>,        St<S::released>>,
      Row<St<S::held>,     Ev<T::refund_in_full>, St<S::refunded>>,
      Row<St<S::held>,     Ev<T::refund_in_part>, St<S::partially_refunded>>,
      Row<St<S::held>,     Ev<T::dispute>,        St<S::disputed>>,
      Row<St<S::disputed>, Ev<T::resolve>,        St<S::resolved>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(EscrowMachine, EscrowFront, EscrowStatus, EscrowTrigger, "escrow")

}  // namespace edu::mentorship
