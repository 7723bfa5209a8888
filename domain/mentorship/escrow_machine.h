// The escrow of a session's payment (Boost.MSM; rows in escrow_machine.cc): the captured money is
// held until the session ends, then released to the mentor and the platform, refunded to the
// student (in full or in part, the rest released), or frozen by a dispute until it is resolved.
// Per payment, at every version: captured == held + released + refunded.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::mentorship {

EDU_ENUM(EscrowStatus, held, released, partially_refunded, refunded, disputed, resolved)
EDU_ENUM(EscrowTrigger, release, refund_in_full, refund_in_part, dispute, resolve)

EDU_DECLARE_MACHINE(EscrowMachine, EscrowStatus, EscrowTrigger)

}  // namespace edu::mentorship
