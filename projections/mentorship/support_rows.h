// The rows of mentorship support events (support_rows.cc): support_tickets from a ticket's
// stream. Notification events (UserNotified, NotificationRead, NotificationRouted) feed no table:
// the PRD documents none (only audit_logs, which every event feeds, records them).
#pragma once

#include <string>

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu::mentorship_rows {

// Whether `type` is a support ticket or notification event (ProjectSupport handles it).
bool IsSupportEvent(const std::string& type);

// The row operations of a support ticket or notification event.
Status ProjectSupport(const RecordedEvent& r, RowOps* ops);

}  // namespace edu::mentorship_rows
