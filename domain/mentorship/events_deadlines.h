// Mentorship events recorded when a deadline of the scheduler is due (commands/scheduler.h).
#pragma once

#include <cstdint>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/types.h"

namespace edu::mentorship {

// A confirmed session nobody started by scheduled_at + grace: flagged for review. No money moves
// and the booking status stays (who was absent is not known); the escrow stays held.
struct SessionNoShowDetected {
  static constexpr const char* kType = "SessionNoShowDetected";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  Timestamp scheduled_at;
  Timestamp detected_at;
  int32_t grace_minutes = 0;
  std::string policy;
  EDU_FIELDS(session_id, student_id, mentor_id, scheduled_at, detected_at, grace_minutes, policy)
};

// The verification's validity ended (expiry_date reached): reapplication_required, not bookable.
struct MentorVerificationExpired {
  static constexpr const char* kType = "MentorVerificationExpired";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  Uuid step_id;  // its mentor_verification history row
  VerificationStatus previous_status = VerificationStatus::approved;
  Date expiry_date;
  Timestamp expired_at;
  EDU_FIELDS(mentor_id, user_id, step_id, previous_status, expiry_date, expired_at)
};

// The quarterly re-verification opened: a quality_reviews row for support to review the mentor.
struct MentorReverificationOpened {
  static constexpr const char* kType = "MentorReverificationOpened";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid review_id;           // derived from the mentor and the date
  Date reverify_date;       // the date it was due
  Date next_reverify_date;  // + reverify_after_days
  Timestamp opened_at;
  std::string policy;
  EDU_FIELDS(mentor_id, review_id, reverify_date, next_reverify_date, opened_at, policy)
};

// A completed session's recording was erased at the end of its retention: sessions.recording_url
// and recording_access_expires become NULL. The URL itself is not repeated here.
struct SessionRecordingErased {
  static constexpr const char* kType = "SessionRecordingErased";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid mentor_id;
  Timestamp completed_at;  // the session's completion, where the retention starts
  int32_t retention_days = 0;
  Timestamp erased_at;
  std::string policy;
  EDU_FIELDS(session_id, mentor_id, completed_at, retention_days, erased_at, policy)
};

}  // namespace edu::mentorship
