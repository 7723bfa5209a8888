// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/skillspring/cart_machine.h"

namespace edu::skillspring {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = CartStatus;
using T = CartTrigger;

struct CartFront : machines::FrontBase<CartFront, S> {
  using initial_state = St<S::open>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from          trigger            to
      Row<St<S::open>, Ev<T::check_out>, St<S::converted>>,
      Row<St<S::open>, Ev<T::abandon>,   St<S::abandoned>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(CartMachine, CartFront, CartStatus, CartTrigger, "skillspring_cart")

}  // namespace edu::skillspring
