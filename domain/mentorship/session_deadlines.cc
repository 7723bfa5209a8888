#include "domain/mentorship/session_deadlines.h"

#include "domain/mentorship/session_internal.h"
#include "domain/policies.h"

namespace edu::mentorship::session_internal {

Decision<Event> DetectAbsence(const DetectNoShow& c, const SessionState& s,
                              const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  if (!ctx.actor.IsSystem() && !IsStaff(ctx.actor)) {
    return Reject(codes::kSystemOnly, "no-shows are detected by the scheduler (or staff)");
  }
  const BookingStatus status = s.booking.status();
  if (status != BookingStatus::confirmed && status != BookingStatus::rescheduled) {
    return IllegalTransition(s, "flagged as not started");
  }
  const Timestamp due = s.scheduled_at + policy.no_show_grace;
  if (ctx.now < due) {
    return Reject(codes::kNoShowTooEarly,
                  "session {} starts at {}; it is flagged as not started from {} (now {})",
                  ToString(s.session_id), FormatIso8601(s.scheduled_at), FormatIso8601(due),
                  FormatIso8601(ctx.now));
  }
  if (s.no_show_detected_for && *s.no_show_detected_for == s.scheduled_at) {
    return Reject(codes::kNoShowAlreadyDetected,
                  "session {} was already flagged as not started at {}", ToString(s.session_id),
                  FormatIso8601(s.scheduled_at));
  }
  SessionNoShowDetected e;
  e.session_id = s.session_id;
  e.student_id = s.student_id;
  e.mentor_id = s.mentor_id;
  e.scheduled_at = s.scheduled_at;
  e.detected_at = ctx.now;
  e.grace_minutes = static_cast<int32_t>(policy.no_show_grace / Minutes(1));
  e.policy = policy.name;
  return e;
}

Decision<Event> EraseRecording(const EraseSessionRecording& c, const SessionState& s,
                               const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  if (!ctx.actor.IsSystem()) {
    return Reject(codes::kSystemOnly, "recordings are erased by the scheduler at their retention");
  }
  if (!s.recording_completed_at) {
    return Reject(codes::kSessionHasNoRecording, "session {} has no recording to erase",
                  ToString(s.session_id));
  }
  if (s.recording_erased) {
    return Reject(codes::kSessionRecordingAlreadyErased,
                  "the recording of session {} was already erased", ToString(s.session_id));
  }
  const Timestamp due = *s.recording_completed_at + Days(policy.recording_retention_days);
  if (ctx.now < due) {
    return Reject(codes::kRecordingRetentionNotOver,
                  "the recording of session {} is kept {} days after its completion ({}): until {} "
                  "(now {})",
                  ToString(s.session_id), policy.recording_retention_days,
                  FormatIso8601(*s.recording_completed_at), FormatIso8601(due),
                  FormatIso8601(ctx.now));
  }
  SessionRecordingErased e;
  e.session_id = s.session_id;
  e.mentor_id = s.mentor_id;
  e.completed_at = *s.recording_completed_at;
  e.retention_days = policy.recording_retention_days;
  e.erased_at = ctx.now;
  e.policy = policy.name;
  return e;
}

}  // namespace edu::mentorship::session_internal
