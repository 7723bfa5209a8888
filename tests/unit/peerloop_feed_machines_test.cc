// PeerLoop's feed machines, each exactly its lifecycle: the rows are written here from the seed
// (001: content_flags.status "pending, reviewed, dismissed, actioned"; posts moderated by
// moderators) and docs/peerloop.md, never read from the machines, and checked by
// tests/support/machine_spec.h.
#include <doctest/doctest.h>

#include "domain/peerloop/feed_flag_machine.h"
#include "domain/peerloop/feed_post_machine.h"
#include "tests/support/machine_spec.h"

namespace edu::peerloop {

TEST_SUITE("peerloop feed machines") {
  TEST_CASE("content flag: pending -> reviewed, then dismissed or actioned; both final") {
    using S = FlagStatus;
    using T = FlagTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // A moderator looks at it and leaves the post up while deciding.
        {S::pending, T::review, S::reviewed},
        // Dismissed (the post stays) or actioned (the post hidden or removed), seen or not.
        {S::pending, T::dismiss, S::dismissed},
        {S::pending, T::action, S::actioned},
        {S::reviewed, T::dismiss, S::dismissed},
        {S::reviewed, T::action, S::actioned},
    };
    testing::CheckMachine<FlagMachine, S, T>(S::pending, lifecycle);
  }

  TEST_CASE("post moderation: visible -> hidden <-> visible, removed from either, final") {
    using S = PostModerationStatus;
    using T = PostModerationTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::visible, T::hide, S::hidden},
        {S::hidden, T::restore, S::visible},
        {S::visible, T::remove, S::removed},
        {S::hidden, T::remove, S::removed},
    };
    testing::CheckMachine<PostModerationMachine, S, T>(S::visible, lifecycle);
  }
}

}  // namespace edu::peerloop
