// Mentor calendars and student calendars (issue 12, item 5; commands_calendar.h).
//
// MentorCalendarDecider (stream mentorship.mentor_calendar-<mentor id>): the mentor's weekly
// availability in their zone, and every session time held or booked with the mentor. A hold is
// refused when the mentor published no availability, when the session is not inside one weekly
// slot (checked in the mentor's zone, DST included), when it overlaps another live hold or booked
// session of the mentor, when it overlaps another session of the student, or when it is not in
// the future. Intervals are half-open [start, end): sessions touching end-to-start do not
// overlap. A hold not yet booked expires at expires_at: from that instant (the command's "now")
// the decider treats its time as free, so no timer is needed. BookSession is refused unless
// this student holds this session's time (session_booking.cc), and since every hold of a mentor
// appends to this one stream, concurrent bookings of one slot accept exactly one.
//
// StudentCalendarDecider (stream mentorship.student_calendar-<student id>): the student's booked
// sessions, mirrored by the calendar reaction from SessionBooked, SessionRescheduled and
// SessionCancelled; the hold reads it to refuse a student's overlapping sessions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/commands_calendar.h"
#include "domain/mentorship/events_calendar.h"
#include "domain/mentorship/zone_rule.h"

namespace edu::mentorship {

// How long an unbooked hold keeps its time.
inline constexpr Micros kSessionHoldDuration = Minutes(15);
// At most this many weekly slots per mentor (four a day).
inline constexpr size_t kMaxAvailabilitySlots = 28;

struct HeldTime {
  Uuid session_id;
  Uuid student_id;
  Timestamp start;
  Timestamp end;
  Timestamp expires_at;
  bool confirmed = false;  // booked: never expires
  bool LiveAt(Timestamp now) const { return confirmed || now < expires_at; }
};

// A weekly slot in seconds of the local day.
struct SlotSeconds {
  int32_t day_of_week = 0;
  int32_t start = 0;
  int32_t end = 0;
};

struct MentorCalendarState {
  bool has_availability = false;
  Uuid mentor_id;
  std::string time_zone;
  std::optional<ZoneRule> zone;
  std::vector<WeeklySlot> slots;
  std::vector<SlotSeconds> slot_seconds;
  std::map<std::string, HeldTime> held;  // by session id

  const HeldTime* Find(const Uuid& session_id) const;
  // The live hold or booked session (other than `except`) overlapping [start, end), if any.
  const HeldTime* Overlapping(Timestamp start, Timestamp end, Timestamp now,
                              const Uuid& except) const;
};

struct MentorCalendarDecider {
  static constexpr const char* kCategory = kMentorCalendarCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = MentorCalendarState;
  using Command = std::variant<SetMentorAvailability, HoldSessionTime, ConfirmSessionTime,
                               ReleaseSessionTime, MoveSessionTime>;
  using Event = std::variant<MentorAvailabilitySet, SessionTimeHeld, SessionTimeConfirmed,
                             SessionTimeReleased, SessionTimeMoved>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct StudentSessionTime {
  Uuid mentor_id;
  Timestamp start;
  Timestamp end;
};

struct StudentCalendarState {
  Uuid student_id;
  std::map<std::string, StudentSessionTime> sessions;  // by session id
};

struct StudentCalendarDecider {
  static constexpr const char* kCategory = kStudentCalendarCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = StudentCalendarState;
  using Command = std::variant<RecordStudentSession, MoveStudentSession, DropStudentSession>;
  using Event = std::variant<StudentSessionRecorded, StudentSessionMoved, StudentSessionDropped>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// "HH:MM" (00:00 .. 24:00) as seconds since midnight; nullopt when malformed.
std::optional<int32_t> ParseClockTime(const std::string& text);

// Whether [start, start + duration) lies inside one weekly slot, in the zone's local time.
bool InsideSlot(const std::vector<SlotSeconds>& slots, const ZoneRule& zone, Timestamp start,
                Micros duration);

// Whether the booking `session_id` of `student_id` at [start, end) holds its time, live at now.
bool HoldsTime(const MentorCalendarState& calendar, const Uuid& session_id, const Uuid& student_id,
               Timestamp start, Timestamp end, Timestamp now);

}  // namespace edu::mentorship
