// The moderation status of a PeerLoop feed post (CD-013; Boost.MSM, rows in
// feed_post_machine.cc). A post is visible when created; a moderator hides it (out of the feeds,
// restorable) or removes it (final: nobody acts on it any more). posts.moderation_status, an
// addition to the documented columns: readers show visible posts only (docs/peerloop.md).
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(PostModerationStatus, visible, hidden, removed)
EDU_ENUM(PostModerationTrigger, hide, restore, remove)

EDU_DECLARE_MACHINE(PostModerationMachine, PostModerationStatus, PostModerationTrigger)

}  // namespace edu::peerloop
