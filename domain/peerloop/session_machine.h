// The lifecycle of a PeerLoop 1-on-1 session (Boost.MSM; rows in session_machine.cc): scheduled ->
// in_progress -> completed, or cancelled (who and why) while scheduled or in progress.
// sessions.status.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(SessionStatus, scheduled, in_progress, completed, cancelled)
EDU_ENUM(SessionTrigger, start, complete, cancel)

EDU_DECLARE_MACHINE(SessionMachine, SessionStatus, SessionTrigger)

}  // namespace edu::peerloop
