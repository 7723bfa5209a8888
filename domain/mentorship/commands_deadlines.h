// Mentorship commands the scheduler issues when a deadline is due (commands/scheduler.h, issue 12).
#pragma once

#include <string>

#include "domain/core/describe.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/commands.h"  // SessionStream

namespace edu::mentorship {

// Nobody started a confirmed session by scheduled start + the policy's no_show_grace (the
// scheduler, or an admin/support). The session does not record who joined, so the domain cannot
// tell who was absent: it records the detection for review (SessionNoShowDetected) and moves no
// money; the parties or staff settle it with ReportNoShow (the existing refund rules), a start,
// a completion or a cancellation.
struct DetectNoShow {
  static constexpr const char* kType = "DetectNoShow";
  Uuid session_id;
  EDU_FIELDS(session_id)
  std::string stream_id() const { return SessionStream(session_id); }
};

// An approved mentor's verification reached MentorVerificationApproved.expiry_date (the scheduler,
// or an admin): the mentor is no longer bookable and must reapply (status reapplication_required).
struct ExpireMentorVerification {
  static constexpr const char* kType = "ExpireMentorVerification";
  Uuid mentor_id;
  EDU_FIELDS(mentor_id)
  std::string stream_id() const { return MentorStream(mentor_id); }
};

// An approved mentor reached the quarterly re-verification date (auto_reverify_date): a
// performance review opens (a quality_reviews row, review_type quarterly_reverification); the
// mentor stays bookable; the next one is due reverify_after_days later.
struct OpenMentorReverification {
  static constexpr const char* kType = "OpenMentorReverification";
  Uuid mentor_id;
  EDU_FIELDS(mentor_id)
  std::string stream_id() const { return MentorStream(mentor_id); }
};

// A session's recording reached the end of its retention (PRD §14.2: 2 years after the session;
// policy recording_retention_days after SessionCompleted.completed_at): the scheduler erases it.
// The event log keeps the recording's URL in SessionCompleted; the read side drops it.
struct EraseSessionRecording {
  static constexpr const char* kType = "EraseSessionRecording";
  Uuid session_id;
  EDU_FIELDS(session_id)
  std::string stream_id() const { return SessionStream(session_id); }
};

}  // namespace edu::mentorship
