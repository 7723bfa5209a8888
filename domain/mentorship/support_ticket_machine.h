// A support ticket's lifecycle (Boost.MSM; rows in support_ticket_machine.cc), seed 002 §4.1
// "support/tickets" (create, assign, escalate, close): opened (open), assigned to support staff
// (assigned; reassigning keeps it there), escalated (escalated; from open or assigned, assignable
// again), resolved by staff (from assigned or escalated), reopened by its opener while resolved
// (back to assigned, to the same assignee), and closed from any status but closed: by the opener
// (withdrawn, or accepting the resolution) or by staff. Closed is final; the opener rates it then.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::mentorship {

EDU_ENUM(SupportTicketStatus, open, assigned, escalated, resolved, closed)
EDU_ENUM(SupportTicketTrigger, assign, escalate, resolve, reopen, close)

EDU_DECLARE_MACHINE(SupportTicketMachine, SupportTicketStatus, SupportTicketTrigger)

}  // namespace edu::mentorship
