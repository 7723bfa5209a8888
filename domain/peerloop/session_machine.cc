// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/session_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = SessionStatus;
using T = SessionTrigger;

struct SessionFront : machines::FrontBase<SessionFront, S> {
  using initial_state = St<S::scheduled>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                    trigger              to
      Row<St<S::scheduled>,   Ev<T::start>,    St<S::in_progress>>,
      Row<St<S::scheduled>,   Ev<T::cancel>,   St<S::cancelled>>,
      Row<St<S::in_progress>, Ev<T::complete>, St<S::completed>>,
      Row<St<S::in_progress>, Ev<T::cancel>,   St<S::cancelled>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(SessionMachine, SessionFront, SessionStatus, SessionTrigger, "peerloop_session")

}  // namespace edu::peerloop
