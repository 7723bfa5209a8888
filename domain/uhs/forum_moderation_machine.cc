// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/uhs/forum_moderation_machine.h"

namespace edu::uhs {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = ForumPostStatus;
using A = ForumModerationAction;

struct ForumModerationFront : machines::FrontBase<ForumModerationFront, S> {
  using initial_state = St<S::visible>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from              action          to
      Row<St<S::visible>, Ev<A::lock>,    St<S::locked>>,
      Row<St<S::locked>,  Ev<A::unlock>,  St<S::visible>>,
      Row<St<S::visible>, Ev<A::hide>,    St<S::hidden>>,
      Row<St<S::locked>,  Ev<A::hide>,    St<S::hidden>>,
      Row<St<S::hidden>,  Ev<A::restore>, St<S::visible>>,
      Row<St<S::visible>, Ev<A::remove>,  St<S::removed>>,
      Row<St<S::locked>,  Ev<A::remove>,  St<S::removed>>,
      Row<St<S::hidden>,  Ev<A::remove>,  St<S::removed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(ForumModerationMachine, ForumModerationFront, ForumPostStatus,
                   ForumModerationAction, "uhs_forum_post_moderation")

}  // namespace edu::uhs
