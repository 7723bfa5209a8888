// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/uhs/transaction_machine.h"

namespace edu::uhs {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = TransactionStatus;
using T = TransactionTrigger;

struct TransactionFront : machines::FrontBase<TransactionFront, S> {
  using initial_state = St<S::pending>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from               trigger           to
      Row<St<S::pending>,   Ev<T::complete>, St<S::completed>>,
      Row<St<S::pending>,   Ev<T::fail>,     St<S::failed>>,
      Row<St<S::completed>, Ev<T::refund>,   St<S::refunded>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(TransactionMachine, TransactionFront, TransactionStatus, TransactionTrigger,
                   "uhs_transaction")

}  // namespace edu::uhs
