// mentorship.audit_logs, projected from the history: one row per mentorship event, so the table
// can never disagree with the log (and is rebuilt with it). The columns the seed documents, filled
// from the envelope:
//   id             the event id
//   user_id        the actor, when the actor is a user (NULL for "system:..." and gateways)
//   action_type    the event type (SessionBooked, PaymentSplit, PersonForgotten, ...)
//   resource_type  the aggregate (session, user, mentor, person), resource_id its id
//   old_values     the payload's "previous_*" members (without the prefix), when it has any
//   new_values     the rest of the payload, as read: personal data of a forgotten person is null
//   ip_address, user_agent   from the command's request metadata
//   created_at     when the command was decided (occurred_at)
#pragma once

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu {

// Adds the audit_logs row of one event. Corruption when the payload is not a JSON object.
Status AppendAuditLogRow(const RecordedEvent& event, RowOps* ops);

}  // namespace edu
