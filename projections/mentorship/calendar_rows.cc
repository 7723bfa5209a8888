#include "projections/mentorship/calendar_rows.h"

#include <variant>

#include "domain/core/variant_util.h"
#include "domain/mentorship/calendar.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::mentorship_rows {
namespace {

using namespace mentorship;

using CalendarEvent = std::variant<MentorAvailabilitySet, SessionTimeHeld, SessionTimeConfirmed,
                                   SessionTimeReleased, SessionTimeMoved, StudentSessionRecorded,
                                   StudentSessionMoved, StudentSessionDropped>;
static_assert(VariantIncludes<MentorCalendarDecider::Event, CalendarEvent>::value,
              "the mentorship projection must list every mentor calendar event");
static_assert(VariantIncludes<StudentCalendarDecider::Event, CalendarEvent>::value,
              "the mentorship projection must list every student calendar event");

// No documented table holds availability, holds or student calendars (calendar_rows.h).
template <class E>
void On(const RecordedEvent&, const E&, RowOps*) {}

}  // namespace

bool IsCalendarEvent(const std::string& type) { return HandlesEventType<CalendarEvent>(type); }

Status ProjectCalendar(const RecordedEvent& r, RowOps* ops) {
  CalendarEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(r, e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::mentorship_rows
