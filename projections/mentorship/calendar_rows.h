// The rows of mentor and student calendar events (calendar_rows.cc). The PRD documents no
// availability table: MentorAvailabilitySet fills the documented mentors.timezone (the zone the
// mentor's slots are in); the slots, holds and student calendars feed no table (only audit_logs,
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
