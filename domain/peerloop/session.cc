#include "domain/peerloop/session.h"

#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/rules.h"
#include "domain/policies.h"

namespace edu::peerloop {
namespace {

using Event = SessionDecider::Event;

Rejection Missing(const Uuid& id) { return NotFound(codes::kSessionNotFound, "session", id); }

Rejection Illegal(const SessionState& s, const char* action) {
  return IllegalTransition("session", s.session_id, s.status(), action);
}

bool IsParticipant(const Actor& a, const SessionState& s) {
  return Is(a, s.teacher_id) || Is(a, s.student_id);
}

Decision<Event> Schedule(const ScheduleSession& c, const SessionState& s,
                         const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kSessionAlreadyExists, "session {} already exists",
                  ToString(c.session_id));
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (!enrollment) return NotFound(codes::kEnrollmentNotFound, "enrollment", c.enrollment_id);
  if (!Is(ctx.actor, enrollment->student_id) && !Is(ctx.actor, enrollment->teacher_id) &&
      !IsAdmin(ctx.actor)) {
    return Reject(
        codes::kNotEnrollmentParty,
        "only the enrolled student or their teacher may schedule sessions of enrollment {}",
        ToString(c.enrollment_id));
  }
  EnrollmentStatus status = enrollment->status();
  if (status != EnrollmentStatus::enrolled && status != EnrollmentStatus::in_progress) {
    return Reject(codes::kEnrollmentClosed, "enrollment {} is {}", ToString(c.enrollment_id),
                  EnumName(status));
  }
  if (!enrollment->Paid()) {
    return Reject(codes::kPaymentNotCompleted, "enrollment {} is not paid yet",
                  ToString(c.enrollment_id));
  }
  if (!(c.scheduled_start > ctx.now)) {
    return Reject(codes::kSessionNotInFuture, "scheduled_start {} is not in the future (now {})",
                  FormatIso8601(c.scheduled_start), FormatIso8601(ctx.now));
  }
  if (!(c.scheduled_end > c.scheduled_start) ||
      c.scheduled_end - c.scheduled_start > kMaxSessionLength) {
    return Reject(codes::kInvalidSessionWindow,
                  "scheduled_end {} must be after scheduled_start {} and at most 8 hours later",
                  FormatIso8601(c.scheduled_end), FormatIso8601(c.scheduled_start));
  }
  SessionScheduled e;
  e.session_id = c.session_id;
  e.enrollment_id = c.enrollment_id;
  e.course_id = enrollment->course_id;
  e.teacher_id = enrollment->teacher_id;
  e.student_id = enrollment->student_id;
  e.scheduled_start = c.scheduled_start;
  e.scheduled_end = c.scheduled_end;
  e.bbb_meeting_url = c.bbb_meeting_url;
  return e;
}

Decision<Event> Start(const StartSession& c, const SessionState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (!IsParticipant(ctx.actor, s) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotSessionParty, "only the session's teacher or student may start it");
  }
  if (!s.lifecycle.Allows(SessionTrigger::start)) return Illegal(s, "started");
  if (ctx.now < s.scheduled_start - kSessionEarlyStart) {
    return Reject(codes::kSessionNotDue, "session {} starts at {}; it cannot start before {}",
                  ToString(c.session_id), FormatIso8601(s.scheduled_start),
                  FormatIso8601(s.scheduled_start - kSessionEarlyStart));
  }
  return SessionStarted{s.session_id, s.enrollment_id, ctx.now};
}

Decision<Event> Complete(const CompleteSession& c, const SessionState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (!Is(ctx.actor, s.teacher_id) && !IsAdmin(ctx.actor) && !ctx.actor.IsSystem()) {
    return Reject(codes::kNotSessionTeacher,
                  "only the session's teacher (or staff) may complete session {}",
                  ToString(c.session_id));
  }
  if (!s.lifecycle.Allows(SessionTrigger::complete)) return Illegal(s, "completed");
  SessionCompleted e;
  e.session_id = s.session_id;
  e.enrollment_id = s.enrollment_id;
  e.teacher_id = s.teacher_id;
  e.student_id = s.student_id;
  e.completed_at = ctx.now;
  e.duration_minutes = static_cast<int32_t>((ctx.now - *s.started_at) / Minutes(1));
  e.recording_url = c.recording_url;
  return e;
}

Decision<Event> Cancel(const CancelSession& c, const SessionState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (!IsParticipant(ctx.actor, s) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotSessionParty,
                  "only the session's teacher, its student or staff may cancel it");
  }
  if (!s.lifecycle.Allows(SessionTrigger::cancel)) return Illegal(s, "cancelled");
  if (c.reason.empty()) {
    return Reject(codes::kReasonRequired, "a cancellation needs a reason");
  }
  return SessionCancelled{s.session_id, s.enrollment_id, ctx.actor.id, c.reason};
}

Decision<Event> Assess(const AssessSession& c, const SessionState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (!IsParticipant(ctx.actor, s)) {
    return Reject(codes::kNotSessionParty,
                  "only the session's teacher and student assess each other");
  }
  if (s.status() != SessionStatus::completed) {
    return Reject(codes::kSessionNotCompleted,
                  "session {} is {}; assessments follow a completed session",
                  ToString(c.session_id), EnumName(s.status()));
  }
  if (c.rating < 1 || c.rating > 5) {
    return Reject(codes::kInvalidRating, "rating {} is outside 1..5", c.rating);
  }
  const Uuid assessor = Is(ctx.actor, s.teacher_id) ? s.teacher_id : s.student_id;
  const Uuid assessee = assessor == s.teacher_id ? s.student_id : s.teacher_id;
  if (s.assessed_by.count(assessor)) {
    return Reject(codes::kAlreadyAssessed, "user {} already assessed session {}",
                  ToString(assessor), ToString(c.session_id));
  }
  SessionAssessed e;
  e.assessment_id = DeriveUuid(s.session_id, "assessment/" + ToString(assessor));
  e.session_id = s.session_id;
  e.assessor_id = assessor;
  e.assessee_id = assessee;
  e.rating = c.rating;
  e.comment = c.comment;
  return e;
}

}  // namespace

Decision<Event> SessionDecider::decide(const Command& command, const State& state,
                                       const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const ScheduleSession& c) { return Schedule(c, state, ctx); },
                               [&](const StartSession& c) { return Start(c, state, ctx); },
                               [&](const CompleteSession& c) { return Complete(c, state, ctx); },
                               [&](const CancelSession& c) { return Cancel(c, state, ctx); },
                               [&](const AssessSession& c) { return Assess(c, state, ctx); }},
                    command);
}

SessionState SessionDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const SessionScheduled& e) {
                   s.exists = true;
                   s.session_id = e.session_id;
                   s.enrollment_id = e.enrollment_id;
                   s.course_id = e.course_id;
                   s.teacher_id = e.teacher_id;
                   s.student_id = e.student_id;
                   s.scheduled_start = e.scheduled_start;
                   s.scheduled_end = e.scheduled_end;
                 },
                 [&](const SessionStarted& e) {
                   s.lifecycle.Fire(SessionTrigger::start);
                   s.started_at = e.started_at;
                 },
                 [&](const SessionCompleted&) { s.lifecycle.Fire(SessionTrigger::complete); },
                 [&](const SessionCancelled&) { s.lifecycle.Fire(SessionTrigger::cancel); },
                 [&](const SessionAssessed& e) { s.assessed_by.insert(e.assessor_id); }},
      event);
  return s;
}

}  // namespace edu::peerloop
