// The lifecycle of a PeerLoop payout (Boost.MSM; rows in payout_machine.cc): pending -> approved
// (by an admin) -> processing (transfer sent) -> completed | failed; an admin may reject a pending
// payout (failed). payouts.status; 'approved' is an addition to the documented statuses.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(PayoutStatus, pending, approved, processing, completed, failed)
EDU_ENUM(PayoutTrigger, approve, process, complete, fail, reject)

EDU_DECLARE_MACHINE(PayoutMachine, PayoutStatus, PayoutTrigger)

}  // namespace edu::peerloop
