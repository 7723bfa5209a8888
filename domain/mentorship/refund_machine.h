// A refund of (part of) a session's payment (Boost.MSM; rows in refund_machine.cc): requested by
// a cancellation rule or a dispute, approved (by the policy or by support) or rejected, then
// issued or failed as the payment gateway reports; a failed refund may be retried.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::mentorship {

EDU_ENUM(RefundStatus, requested, approved, rejected, issued, failed)
EDU_ENUM(RefundTrigger, approve, reject, issue, fail, retry)

EDU_DECLARE_MACHINE(RefundMachine, RefundStatus, RefundTrigger)

}  // namespace edu::mentorship
