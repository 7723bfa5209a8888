// The lifecycle of a help summon (CD-023; Boost.MSM, rows in summon_machine.cc): pending ->
// responded (an available student-teacher took it) -> completed, or cancelled while pending or
// responded; a pending summon nobody answers expires into cancelled (the scheduler, ExpireSummon).
// help_summons.status.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(SummonStatus, pending, responded, completed, cancelled)
EDU_ENUM(SummonTrigger, respond, complete, cancel, expire)

EDU_DECLARE_MACHINE(SummonMachine, SummonStatus, SummonTrigger)

}  // namespace edu::peerloop
