// The moderation status of a Urban Home School forum post (Boost.MSM; rows in
// forum_moderation_machine.cc). A post is visible when created; moderators (admins, staff) lock it
// (no more replies), hide it (out of the listings, restorable) or remove it (soft delete, final);
// its author may remove it too. Flags and pins are not statuses: they are kept beside it.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::uhs {

EDU_ENUM(ForumPostStatus, visible, locked, hidden, removed)
EDU_ENUM(ForumModerationAction, lock, unlock, hide, restore, remove)

EDU_DECLARE_MACHINE(ForumModerationMachine, ForumPostStatus, ForumModerationAction)

}  // namespace edu::uhs
