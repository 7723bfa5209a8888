// A mentor payout (Boost.MSM; rows in payout_machine.cc): the weekly run proposes it (pending), an
// admin approves it and it is sent to the gateway (processing), which reports it completed or
// failed. An admin may cancel a pending payout. Failed and cancelled payouts return their
// earnings to the mentor's balance, to be paid with the next period.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::mentorship {

EDU_ENUM(PayoutStatus, pending, processing, completed, failed, cancelled)
EDU_ENUM(PayoutTrigger, approve, complete, fail, cancel)

EDU_DECLARE_MACHINE(PayoutMachine, PayoutStatus, PayoutTrigger)

}  // namespace edu::mentorship
