// The lifecycle of a gateway transaction (Boost.MSM; rows in transaction_machine.cc), as the seed
// documents its statuses (§10): pending -> completed | failed; completed -> refunded.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::uhs {

EDU_ENUM(TransactionStatus, pending, completed, failed, refunded)
EDU_ENUM(TransactionTrigger, complete, fail, refund)

EDU_DECLARE_MACHINE(TransactionMachine, TransactionStatus, TransactionTrigger)

}  // namespace edu::uhs
