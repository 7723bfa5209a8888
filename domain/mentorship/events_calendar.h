// Mentor and student calendar events (domain/mentorship/commands_calendar.h). Times are UTC
// instants; the weekly slots are the mentor's local wall times in time_zone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/commands_calendar.h"

namespace edu::mentorship {

struct MentorAvailabilitySet {
  static constexpr const char* kType = "MentorAvailabilitySet";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  std::string time_zone;  // IANA, e.g. Asia/Kolkata
  std::string zone_rule;  // the zone's POSIX TZ rule the slots are checked with
  std::vector<WeeklySlot> slots;
  std::string set_by;
  EDU_FIELDS(mentor_id, time_zone, zone_rule, slots, set_by)
};

struct SessionTimeHeld {
  static constexpr const char* kType = "SessionTimeHeld";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  Uuid student_id;
  Timestamp start;
  Timestamp end;
  Timestamp expires_at;  // free again from this instant unless the session is booked
  EDU_FIELDS(mentor_id, session_id, student_id, start, end, expires_at)
};

struct SessionTimeConfirmed {
  static constexpr const char* kType = "SessionTimeConfirmed";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  Uuid student_id;
  Timestamp start;
  Timestamp end;
  EDU_FIELDS(mentor_id, session_id, student_id, start, end)
};

struct SessionTimeReleased {
  static constexpr const char* kType = "SessionTimeReleased";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  Uuid student_id;
  SessionTimeReleaseReason reason = SessionTimeReleaseReason::booking_refused;
  EDU_FIELDS(mentor_id, session_id, student_id, reason)
};

struct SessionTimeMoved {
  static constexpr const char* kType = "SessionTimeMoved";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  Uuid student_id;
  Timestamp moved_from;
  Timestamp start;
  Timestamp end;
  EDU_FIELDS(mentor_id, session_id, student_id, moved_from, start, end)
};

struct StudentSessionRecorded {
  static constexpr const char* kType = "StudentSessionRecorded";
  static constexpr int kSchemaVersion = 1;
  Uuid student_id;
  Uuid session_id;
  Uuid mentor_id;
  Timestamp start;
  Timestamp end;
  EDU_FIELDS(student_id, session_id, mentor_id, start, end)
};

struct StudentSessionMoved {
  static constexpr const char* kType = "StudentSessionMoved";
  static constexpr int kSchemaVersion = 1;
  Uuid student_id;
  Uuid session_id;
  Timestamp start;
  Timestamp end;
  EDU_FIELDS(student_id, session_id, start, end)
};

struct StudentSessionDropped {
  static constexpr const char* kType = "StudentSessionDropped";
  static constexpr int kSchemaVersion = 1;
  Uuid student_id;
  Uuid session_id;
  EDU_FIELDS(student_id, session_id)
};

}  // namespace edu::mentorship
