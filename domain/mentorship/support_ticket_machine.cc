// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/mentorship/support_ticket_machine.h"

namespace edu::mentorship {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = SupportTicketStatus;
using T = SupportTicketTrigger;

struct SupportTicketFront : machines::FrontBase<SupportTicketFront, S> {
  using initial_state = St<S::open>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                  trigger          to
      Row<St<S::open>,      Ev<T::assign>,   St<S::assigned>>,
      Row<St<S::open>,      Ev<T::escalate>, St<S::escalated>>,
      Row<St<S::open>,      Ev<T::close>,    St<S::closed>>,
      Row<St<S::assigned>,  Ev<T::assign>,   St<S::assigned>>,
      Row<St<S::assigned>,  Ev<T::escalate>, St<S::escalated>>,
      Row<St<S::assigned>,  Ev<T::resolve>,  St<S::resolved>>,
      Row<St<S::assigned>,  Ev<T::close>,    St<S::closed>>,
      Row<St<S::escalated>, Ev<T::assign>,   St<S::escalated>>,
      Row<St<S::escalated>, Ev<T::resolve>,  St<S::resolved>>,
      Row<St<S::escalated>, Ev<T::close>,    St<S::closed>>,
      Row<St<S::resolved>,  Ev<T::reopen>,   St<S::assigned>>,
      Row<St<S::resolved>,  Ev<T::close>,    St<S::closed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(SupportTicketMachine, SupportTicketFront, SupportTicketStatus,
                   SupportTicketTrigger, "support_ticket")

}  // namespace edu::mentorship
