// The lifecycle of a content flag (CD-013, content_flags.status; Boost.MSM, rows in
// feed_flag_machine.cc). A flag is pending when a member raises it; a moderator may mark it
// reviewed (seen, the post left up while they decide), then dismisses it (the post stays) or
// actions it (hiding or removing the post actions every open flag on it). dismissed and actioned
// are final.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(FlagStatus, pending, reviewed, dismissed, actioned)
EDU_ENUM(FlagTrigger, review, dismiss, action)

EDU_DECLARE_MACHINE(FlagMachine, FlagStatus, FlagTrigger)

}  // namespace edu::peerloop
