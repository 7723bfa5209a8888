// Mentor calendars (issue 12, item 5; seed 002 "Calendar integration, time slots",
// mentors/availability): a mentor publishes weekly availability slots in their own time zone; a
// session's time is held in the mentor's calendar (stream mentorship.mentor_calendar-<mentor id>)
// before it is booked, so that every booking of one mentor writes to one stream and the log's
// expected version serialises them: two overlapping bookings of a mentor can never both be
// accepted. A student's own sessions are mirrored in mentorship.student_calendar-<student id> by
// the calendar reaction (marketplaces/mentorship/calendar.cc), which the hold reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/stream.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/commands.h"

namespace edu::mentorship {

inline constexpr const char* kStudentCalendarCategory = "mentorship.student_calendar";

inline std::string StudentCalendarStream(const Uuid& student_id) {
  return StreamId(kStudentCalendarCategory, student_id);
}

// Why a hold is given back: its booking was refused (a no-op once the session is booked), or the
// booked session was cancelled.
EDU_ENUM(SessionTimeReleaseReason, booking_refused, session_cancelled)

// One weekly slot, in the mentor's local time: day_of_week 0 (Sunday) .. 6, start_time and
// end_time "HH:MM" (end_time may be "24:00"), start before end. A session must fit inside one.
struct WeeklySlot {
  int32_t day_of_week = 0;
  std::string start_time;
  std::string end_time;
  EDU_FIELDS(day_of_week, start_time, end_time)
  EDU_LIMITS(limit::VarChar("start_time", 5), limit::VarChar("end_time", 5))
};

// The mentor (or an admin) publishes the mentor's weekly availability, replacing the previous
// one; sessions already held or booked keep their time. zone_rule is filled by the command
// service from the tz database (whatever a client sends is replaced); empty when the zone is
// unknown.
struct SetMentorAvailability {
  static constexpr const char* kType = "SetMentorAvailability";
  Uuid mentor_id;
  std::string time_zone;  // IANA, e.g. Asia/Kolkata
  std::vector<WeeklySlot> slots;
  std::optional<std::string> zone_rule;  // POSIX TZ of time_zone (domain/mentorship/zone_rule.h)
  EDU_FIELDS(mentor_id, time_zone, slots, zone_rule)
  EDU_LIMITS(limit::VarChar("time_zone", 64), limit::VarChar("zone_rule", 128))
  std::string stream_id() const { return MentorCalendarStream(mentor_id); }
  std::vector<std::string> references() const { return {MentorStream(mentor_id)}; }
};

// A student (or staff for them) holds a session's time in the mentor's calendar before booking
// it. The command service issues it for every BookSession (commands/calendar_booking_service.h).
struct HoldSessionTime {
  static constexpr const char* kType = "HoldSessionTime";
  Uuid mentor_id;
  Uuid session_id;
  Uuid student_id;
  Timestamp start;
  int32_t duration_minutes = 0;
  EDU_FIELDS(mentor_id, session_id, student_id, start, duration_minutes)
  std::string stream_id() const { return MentorCalendarStream(mentor_id); }
  std::vector<std::string> references() const {
    return {MentorStream(mentor_id), StudentCalendarStream(student_id)};
  }
};

// The session was booked: its hold no longer expires.
struct ConfirmSessionTime {
  static constexpr const char* kType = "ConfirmSessionTime";
  Uuid mentor_id;
  Uuid session_id;
  EDU_FIELDS(mentor_id, session_id)
  std::string stream_id() const { return MentorCalendarStream(mentor_id); }
};

// The hold's time is free again (its booking was refused, or the session was cancelled).
struct ReleaseSessionTime {
  static constexpr const char* kType = "ReleaseSessionTime";
  Uuid mentor_id;
  Uuid session_id;
  SessionTimeReleaseReason reason = SessionTimeReleaseReason::booking_refused;
  EDU_FIELDS(mentor_id, session_id, reason)
  std::string stream_id() const { return MentorCalendarStream(mentor_id); }
};

// A rescheduled session's time follows it (the calendar reaction, after SessionRescheduled).
struct MoveSessionTime {
  static constexpr const char* kType = "MoveSessionTime";
  Uuid mentor_id;
  Uuid session_id;
  Timestamp start;
  EDU_FIELDS(mentor_id, session_id, start)
  std::string stream_id() const { return MentorCalendarStream(mentor_id); }
};

// The calendar reaction mirrors a student's booked sessions (role system).
struct RecordStudentSession {
  static constexpr const char* kType = "RecordStudentSession";
  Uuid student_id;
  Uuid session_id;
  Uuid mentor_id;
  Timestamp start;
  int32_t duration_minutes = 0;
  EDU_FIELDS(student_id, session_id, mentor_id, start, duration_minutes)
  std::string stream_id() const { return StudentCalendarStream(student_id); }
};

struct MoveStudentSession {
  static constexpr const char* kType = "MoveStudentSession";
  Uuid student_id;
  Uuid session_id;
  Timestamp start;
  EDU_FIELDS(student_id, session_id, start)
  std::string stream_id() const { return StudentCalendarStream(student_id); }
};

struct DropStudentSession {
  static constexpr const char* kType = "DropStudentSession";
  Uuid student_id;
  Uuid session_id;
  EDU_FIELDS(student_id, session_id)
  std::string stream_id() const { return StudentCalendarStream(student_id); }
};

}  // namespace edu::mentorship
