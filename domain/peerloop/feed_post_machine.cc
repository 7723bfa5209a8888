// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/feed_post_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = PostModerationStatus;
using T = PostModerationTrigger;

struct PostModerationFront : machines::FrontBase<PostModerationFront, S> {
  using initial_state = St<S::visible>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                  trigger            to
      Row<St<S::visible>, Ev<T::hide>,    St<S::hidden>>,
      Row<St<S::visible>, Ev<T::remove>,  St<S::removed>>,
      Row<St<S::hidden>,  Ev<T::restore>, St<S::visible>>,
      Row<St<S::hidden>,  Ev<T::remove>,  St<S::removed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(PostModerationMachine, PostModerationFront, PostModerationStatus,
                   PostModerationTrigger, "post_moderation")

}  // namespace edu::peerloop
