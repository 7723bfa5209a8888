// The mentorship session decider's steps for the end of a session (completion, no-show,
// cancellation) and its ratings (declared in session_internal.h).
// decider's steps (see session_internal.h).
#include "domain/mentorship/session_internal.h"

#include <string>

namespace edu::mentorship::session_internal {

// ---- the end of a session ----------------------------------------------------------------------

// When the policy holds payments after a session ends, the time they may be released.
std::optional<Timestamp> ReleaseDue(const Policy& policy, Timestamp now) {
  if (policy.escrow_hold_after_completion <= 0) return std::nullopt;
  return now + policy.escrow_hold_after_completion;
}

Decision<Event> Complete(const CompleteSession& c, const SessionState& s,
                         const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  if (ctx.actor.id != ToString(s.mentor_user_id) && !IsStaff(ctx.actor) && !ctx.actor.IsSystem()) {
    return Reject(codes::kNotSessionMentor,
                  "only the session's mentor or staff may complete session {}",
                  ToString(c.session_id));
  }
  if (!s.booking.Allows(BookingTrigger::complete)) return IllegalTransition(s, "completed");
  if (ctx.now < s.scheduled_at) {
    return Reject(codes::kSessionNotStarted,
                  "session {} starts at {}; it cannot be completed before (now {})",
                  ToString(c.session_id), FormatIso8601(s.scheduled_at), FormatIso8601(ctx.now));
  }
  // A mentor who never started the session may close it only once its time is over: until then the
  // student can still report the mentor's absence, which completing would pre-empt by releasing
  // the escrow. (Staff and the system close sessions on someone's behalf.)
  const Timestamp scheduled_end = s.scheduled_at + Minutes(s.duration_minutes);
  if (s.booking.status() != BookingStatus::in_progress && !IsStaff(ctx.actor) &&
      !ctx.actor.IsSystem() && ctx.now < scheduled_end) {
    return Reject(codes::kSessionNotOver,
                  "session {} was never started and runs until {}; start it, or complete it after "
                  "that (now {})",
                  ToString(c.session_id), FormatIso8601(scheduled_end), FormatIso8601(ctx.now));
  }
  SessionCompleted done;
  done.session_id = c.session_id;
  done.student_id = s.student_id;
  done.mentor_id = s.mentor_id;
  done.completed_at = ctx.now;
  done.mentor_notes = c.mentor_notes;
  done.follow_up_tasks = c.follow_up_tasks;
  done.recording_url = c.recording_url;
  if (c.recording_url)
    done.recording_access_expires = ctx.now + Days(policy.recording_retention_days);
  done.escrow_release_due = ReleaseDue(policy, ctx.now);
  Events out{done};
  if (!done.escrow_release_due) {
    if (auto refused = ReleaseAll(s, policy, &out)) return *refused;  // confirmed implies paid
  }
  return out;
}

// Opens a session_conflicts row and asks for `refund` of what is held.
void OpenDispute(const SessionState& s, const DecisionContext& ctx, ConflictType type,
                 SessionParty reporter, const std::optional<std::string>& notes, int64_t refund,
                 Events* out) {
  const PaymentState& p = *s.payment;
  SessionDisputed disputed;
  disputed.session_id = s.session_id;
  disputed.conflict_id =
      DeriveUuid(s.session_id, "conflict-" + std::to_string(s.conflicts_opened + 1));
  disputed.payment_id = p.payment_id;
  disputed.student_id = s.student_id;
  disputed.mentor_id = s.mentor_id;
  disputed.conflict_type = type;
  disputed.reported_by_party = reporter;
  disputed.reported_by = ctx.actor.id;
  disputed.notes = notes;
  disputed.disputed_amount = MoneyLike(p.held, p.captured);
  out->push_back(disputed);
  RefundRequested requested;
  requested.session_id = s.session_id;
  requested.payment_id = p.payment_id;
  requested.refund_id = NextRefundId(p);
  requested.student_id = s.student_id;
  requested.amount = MoneyLike(refund, p.captured);
  requested.refund_policy = RefundPolicy::dispute_resolution;
  requested.reason = std::string(EnumName(type));
  requested.requested_by = ctx.actor.id;
  out->push_back(requested);
}

Decision<Event> NoShow(const ReportNoShow& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  // The absent party's counterpart reports it (or staff).
  const auto reporter = PartyOf(s, ctx.actor);
  const SessionParty expected =
      c.absent == SessionParty::student ? SessionParty::mentor : SessionParty::student;
  if (!(reporter == expected) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotSessionParty,
                  "the {}'s absence is reported by the session's {} (or staff)", EnumName(c.absent),
                  EnumName(expected));
  }
  const BookingTrigger trigger = c.absent == SessionParty::student ? BookingTrigger::student_no_show
                                                                   : BookingTrigger::mentor_no_show;
  if (!s.booking.Allows(trigger)) {
    return Reject(codes::kIllegalTransition,
                  "session {} is {}; the {}'s absence cannot be reported", ToString(s.session_id),
                  EnumName(s.booking.status()), EnumName(c.absent));
  }
  if (ctx.now < s.scheduled_at + policy.no_show_grace) {
    return Reject(codes::kNoShowTooEarly,
                  "session {} starts at {}; an absence can be reported from {} (now {})",
                  ToString(s.session_id), FormatIso8601(s.scheduled_at),
                  FormatIso8601(s.scheduled_at + policy.no_show_grace), FormatIso8601(ctx.now));
  }
  Events out;
  if (c.absent == SessionParty::mentor) {
    OpenDispute(s, ctx, ConflictType::mentor_no_show, SessionParty::student, c.notes,
                ShareOf(s.payment->held, policy.mentor_no_show_refund_bps), &out);
    return out;
  }
  StudentNoShowRecorded e;
  e.session_id = s.session_id;
  e.student_id = s.student_id;
  e.mentor_id = s.mentor_id;
  e.reported_by = ctx.actor.id;
  e.notes = c.notes;
  e.refund_policy = RefundPolicy::no_refund;
  e.escrow_release_due = ReleaseDue(policy, ctx.now);
  e.policy = policy.name;
  out.push_back(e);
  if (!e.escrow_release_due) {
    if (auto refused = ReleaseAll(s, policy, &out)) return *refused;
  }
  return out;
}

Decision<Event> Cancel(const CancelSession& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  SessionParty party = SessionParty::student;
  if (auto refused = ResolveParty(s, ctx, c.on_behalf_of, "cancel", &party)) return *refused;
  if (!s.booking.Allows(BookingTrigger::cancel)) return IllegalTransition(s, "cancelled");
  if (auto started = NotBeforeStart(s, ctx, "cancelled")) return *started;
  if (c.reason.empty()) return TextRequired("reason");
  const Micros notice = s.scheduled_at - ctx.now;
  SessionCancelled e;
  e.session_id = s.session_id;
  e.student_id = s.student_id;
  e.mentor_id = s.mentor_id;
  e.cancelled_by = party;
  e.cancelled_by_actor = ctx.actor.id;
  e.reason = c.reason;
  e.scheduled_at = s.scheduled_at;
  e.notice_minutes = notice / Minutes(1);
  e.refund_amount = MoneyLike(0, s.amount);
  e.retained_amount = MoneyLike(0, s.amount);
  e.policy = policy.name;
  if (!s.payment) return e;  // nothing was paid: nothing to refund

  const PaymentState& p = *s.payment;
  const CancellationTerms terms = CancellationRefund(party, notice, policy);
  const int64_t refund = ShareOf(p.held, terms.refund_bps);
  e.refund_policy = terms.rule;
  e.refund_bps = terms.refund_bps;
  e.refund_amount = MoneyLike(refund, p.captured);
  e.retained_amount = MoneyLike(p.held - refund, p.captured);
  Events out{e};
  Settlement settlement{refund, NextRefundId(p),
                        "cancelled by the " + std::string(EnumName(party)) + ": " + c.reason,
                        "policy:" + policy.name};
  if (refund > 0) {
    RefundRequested requested;
    requested.session_id = s.session_id;
    requested.payment_id = p.payment_id;
    requested.refund_id = settlement.refund_id;
    requested.student_id = s.student_id;
    requested.amount = MoneyLike(refund, p.captured);
    requested.refund_policy = terms.rule;
    requested.reason = settlement.reason;
    requested.requested_by = ctx.actor.id;
    out.push_back(requested);
  }
  if (auto refused = Settle(s, policy, settlement, &out)) return *refused;
  return out;
}

// ---- ratings -----------------------------------------------------------------------------------

Decision<Event> Rate(const RateSession& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  const auto party = PartyOf(s, ctx.actor);
  if (!party) {
    return Reject(codes::kNotSessionParty,
                  "only the session's student or mentor may rate session {}",
                  ToString(s.session_id));
  }
  const BookingStatus status = s.booking.status();
  if (status != BookingStatus::completed && status != BookingStatus::disputed &&
      status != BookingStatus::resolved) {
    return Reject(codes::kSessionNotCompleted,
                  "session {} is {}; only a session that took place can be rated",
                  ToString(s.session_id), EnumName(status));
  }
  // A dispute over a no-show is about a session that never happened (only quality disputes follow
  // a session that took place): a rating would count an absence in the mentor's average.
  if (s.conflict && s.conflict->type != ConflictType::quality_dispute) {
    return Reject(codes::kSessionNotCompleted,
                  "session {} did not take place ({}); it cannot be rated", ToString(s.session_id),
                  EnumName(s.conflict->type));
  }
  const auto& already = *party == SessionParty::student ? s.satisfaction_rating : s.mentor_rating;
  if (already) {
    return Reject(codes::kAlreadyRated, "the {} already rated session {}", EnumName(*party),
                  ToString(s.session_id));
  }
  const auto rating = RatingHundredths(c.rating);
  if (!rating) {
    return Reject(codes::kInvalidRating,
                  "rating must be between 1 and 5 with at most two decimals, got {}", c.rating);
  }
  Events out{SessionRated{s.session_id, s.student_id, s.mentor_id, *party, *rating, c.feedback}};
  if (*party == SessionParty::student && *rating < policy.quality_review_below) {
    out.push_back(QualityReviewOpened{DeriveUuid(s.session_id, "quality-review"), s.session_id,
                                      s.mentor_id, s.student_id, "low_rating", *rating,
                                      policy.quality_review_below, c.feedback, policy.name});
  }
  return out;
}

}  // namespace edu::mentorship::session_internal
