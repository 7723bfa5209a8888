// The rows of mentor and student calendar events (calendar_rows.cc): none. The PRD documents no
// availability table, and mentors.timezone is the application's (MentorApplied upserts it): a
// calendar's stream may sit on another partition than the mentor's, so writing the column from
// MentorAvailabilitySet too would not commute with the application's write, and a rebuild could
// differ from the live table. The slots, holds and student calendars are in the log (audit_logs,
// which every event feeds, records them; `eduledger replay` shows them).
#pragma once

#include <string>

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu::mentorship_rows {

// Whether `type` is a mentor or student calendar event (ProjectCalendar handles it).
bool IsCalendarEvent(const std::string& type);

// The row operations of a calendar event.
Status ProjectCalendar(const RecordedEvent& r, RowOps* ops);

}  // namespace edu::mentorship_rows
