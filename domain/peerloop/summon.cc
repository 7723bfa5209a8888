#include "domain/peerloop/summon.h"

#include <algorithm>

#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/goodwill.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"
#include "domain/policies.h"

namespace edu::peerloop {
namespace {

using Event = SummonDecider::Event;

Rejection Missing(const Uuid& id) { return NotFound(codes::kSummonNotFound, "summon", id); }

Rejection Illegal(const SummonState& s, const char* action) {
  return IllegalTransition("summon", s.summon_id, s.status(), action);
}

Decision<Event> Summon(const SummonHelp& c, const SummonState& s, const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kSummonAlreadyExists, "summon {} already exists", ToString(c.summon_id));
  }
  if (!Is(ctx.actor, c.student_id)) {
    return Reject(codes::kNotOwnSummon, "actor {} may summon help only for themselves",
                  ctx.actor.id);
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (!enrollment) return NotFound(codes::kEnrollmentNotFound, "enrollment", c.enrollment_id);
  if (enrollment->student_id != c.student_id || enrollment->course_id != c.course_id) {
    return Reject(codes::kEnrollmentMismatch,
                  "enrollment {} is not student {}'s enrollment in course {}",
                  ToString(c.enrollment_id), ToString(c.student_id), ToString(c.course_id));
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
  return HelpSummoned{c.summon_id, c.student_id,    c.course_id,
                      c.module_id, c.enrollment_id, ctx.now};
}

Decision<Event> Respond(const RespondToSummon& c, const SummonState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.summon_id);
  if (!Is(ctx.actor, c.responder_id)) {
    return Reject(codes::kNotOwnAccount, "actor {} may respond only as themselves", ctx.actor.id);
  }
  if (!s.lifecycle.Allows(SummonTrigger::respond)) return Illegal(s, "responded to");
  if (c.responder_id == s.student_id) {
    return Reject(codes::kSelfResponse, "a student cannot answer their own summon");
  }
  const UserState* responder = ctx.refs->Find<UserState>(UserStream(c.responder_id));
  if (!responder) return NotFound(codes::kResponderNotFound, "user", c.responder_id);
  if (!responder->CertifiedFor(s.course_id)) {
    return Reject(codes::kNotCertifiedForCourse,
                  "user {} is not a certified student-teacher of course {}",
                  ToString(c.responder_id), ToString(s.course_id));
  }
  const GoodwillState* goodwill = ctx.refs->Find<GoodwillState>(GoodwillStream(c.responder_id));
  if (!goodwill || !goodwill->is_available) {
    return Reject(codes::kResponderNotAvailable,
                  "user {} is not available to help (the 'Available to Help' toggle is off)",
                  ToString(c.responder_id));
  }
  return SummonResponded{s.summon_id, c.responder_id, ctx.now};
}

Decision<Event> Complete(const CompleteSummon& c, const SummonState& s,
                         const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (!s.exists) return Missing(c.summon_id);
  if (!Is(ctx.actor, s.student_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnSummon, "only the summoning student closes summon {}",
                  ToString(c.summon_id));
  }
  if (!s.lifecycle.Allows(SummonTrigger::complete)) return Illegal(s, "completed");
  if (c.session_duration_mins < 0 || c.session_duration_mins > 24 * 60) {
    return Reject(codes::kInvalidDuration, "session_duration_mins {} is outside 0..1440",
                  c.session_duration_mins);
  }
  if (!policy.award_points.Contains(c.points) || !policy.summon_help.Contains(c.points)) {
    return Reject(codes::kPointsNotAllowedForReason, "a summon is worth {}-{} points, got {}",
                  policy.summon_help.min, policy.summon_help.max, c.points);
  }
  // Seed 001: session_duration_mins is the "Duration for 5-min minimum check". The server knows
  // when the response came, so the duration is the recorded time from the response to this
  // completion; the client's figure is kept as informative only.
  const Micros elapsed = ctx.now - s.responded_at;
  SummonCompleted e;
  e.summon_id = s.summon_id;
  e.student_id = s.student_id;
  e.responder_id = *s.responder_id;
  e.course_id = s.course_id;
  e.session_duration_mins = static_cast<int32_t>(std::max<Micros>(elapsed, 0) / Minutes(1));
  e.claimed_duration_mins = c.session_duration_mins;
  e.points_requested = c.points;
  e.points_awarded = elapsed >= Minutes(policy.min_summon_minutes) ? c.points : 0;
  e.min_session_minutes = policy.min_summon_minutes;
  e.completed_at = ctx.now;
  return e;
}

Decision<Event> Cancel(const CancelSummon& c, const SummonState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.summon_id);
  bool party = Is(ctx.actor, s.student_id) || (s.responder_id && Is(ctx.actor, *s.responder_id));
  if (!party && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnSummon,
                  "only the summon's student, its responder or staff may cancel it");
  }
  if (!s.lifecycle.Allows(SummonTrigger::cancel)) return Illegal(s, "cancelled");
  return SummonCancelled{s.summon_id, ctx.actor.id, c.reason};
}

// The scheduler (or an admin) expires a summon still pending once the policy's window has passed
// since it was summoned. A summon recorded without its time (before issue 12) may expire any time.
Decision<Event> Expire(const ExpireSummon& c, const SummonState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (!s.exists) return Missing(c.summon_id);
  if (!ctx.actor.IsSystem() && !IsAdmin(ctx.actor)) {
    return Reject(codes::kSystemOnly, "summons are expired by the scheduler (or an admin)");
  }
  if (!s.lifecycle.Allows(SummonTrigger::expire)) return Illegal(s, "expired");
  if (policy.summon_expires_after <= 0) {
    return Reject(codes::kSummonNotExpired, "summons do not expire under policy {}", policy.name);
  }
  if (s.summoned_at && ctx.now < *s.summoned_at + policy.summon_expires_after) {
    return Reject(
        codes::kSummonNotExpired, "summon {} expires at {} (now {})", ToString(c.summon_id),
        FormatIso8601(*s.summoned_at + policy.summon_expires_after), FormatIso8601(ctx.now));
  }
  SummonExpired e;
  e.summon_id = s.summon_id;
  e.student_id = s.student_id;
  e.course_id = s.course_id;
  e.summoned_at = s.summoned_at;
  e.expired_at = ctx.now;
  e.expires_after_minutes = static_cast<int32_t>(policy.summon_expires_after / Minutes(1));
  e.policy = policy.name;
  return e;
}

}  // namespace

Decision<Event> SummonDecider::decide(const Command& command, const State& state,
                                      const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const SummonHelp& c) { return Summon(c, state, ctx); },
                               [&](const RespondToSummon& c) { return Respond(c, state, ctx); },
                               [&](const CompleteSummon& c) { return Complete(c, state, ctx); },
                               [&](const CancelSummon& c) { return Cancel(c, state, ctx); },
                               [&](const ExpireSummon& c) { return Expire(c, state, ctx); }},
                    command);
}

SummonState SummonDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const HelpSummoned& e) {
                          s.exists = true;
                          s.summon_id = e.summon_id;
                          s.student_id = e.student_id;
                          s.course_id = e.course_id;
                          s.summoned_at = e.summoned_at;
                        },
                        [&](const SummonResponded& e) {
                          s.lifecycle.Fire(SummonTrigger::respond);
                          s.responder_id = e.responder_id;
                          s.responded_at = e.responded_at;
                        },
                        [&](const SummonCompleted& e) {
                          s.lifecycle.Fire(SummonTrigger::complete);
                          s.points_awarded = e.points_awarded;
                        },
                        [&](const SummonCancelled&) { s.lifecycle.Fire(SummonTrigger::cancel); },
                        [&](const SummonExpired&) { s.lifecycle.Fire(SummonTrigger::expire); }},
             event);
  return s;
}

}  // namespace edu::peerloop
