#include "domain/mentorship/session.h"

#include <algorithm>

#include "domain/mentorship/mentor.h"
#include "domain/mentorship/user.h"
#include "domain/policies.h"

namespace edu::mentorship {

int64_t SessionPrice(int64_t hourly_rate_minor, int32_t minutes) {
  Int128 scaled = static_cast<Int128>(hourly_rate_minor) * minutes;
  return static_cast<int64_t>((scaled + 30) / 60);
}

namespace {

using Event = SessionDecider::Event;

Rejection IllegalTransition(const SessionState& s, const char* action) {
  return Reject(ErrorKind::kConflict, "illegal_transition", "session {} is {}; it cannot be {}",
                ToString(s.session_id), EnumName(s.booking.status()), action);
}

Rejection Missing(const Uuid& session_id) {
  return Reject(ErrorKind::kNotFound, "session_not_found", "session {} does not exist",
                ToString(session_id));
}

bool IsStaff(const Actor& a) { return a.role == "admin" || a.role == "support"; }

Decision<Event> Book(const BookSession& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (s.exists) {
    return Reject(ErrorKind::kConflict, "session_already_exists", "session {} already exists",
                  ToString(c.session_id));
  }
  if (ctx.actor.id != ToString(c.student_id) && !IsStaff(ctx.actor)) {
    return Reject(ErrorKind::kForbidden, "not_own_booking",
                  "actor {} may book sessions only for themselves, not for student {}",
                  ctx.actor.id, ToString(c.student_id));
  }
  const auto& durations = policy.session_durations_minutes;
  if (std::find(durations.begin(), durations.end(), c.duration_minutes) == durations.end()) {
    std::string allowed;
    for (size_t i = 0; i < durations.size(); ++i) {
      allowed += (i ? ", " : "") + std::to_string(durations[i]);
    }
    return Reject(ErrorKind::kInvalid, "invalid_duration",
                  "duration_minutes must be one of {}, got {}", allowed, c.duration_minutes);
  }
  if (!(c.scheduled_at > ctx.now + policy.min_booking_lead)) {
    return Reject(ErrorKind::kInvalid, "session_not_in_future",
                  "scheduled_at {} is not in the future (now {})", FormatIso8601(c.scheduled_at),
                  FormatIso8601(ctx.now));
  }
  if (c.session_language.empty()) {
    return Reject(ErrorKind::kInvalid, "session_language_required",
                  "session_language must not be empty");
  }
  const MentorState* mentor = ctx.refs->Find<MentorState>(MentorStream(c.mentor_id));
  if (!mentor) {
    return Reject(ErrorKind::kNotFound, "mentor_not_found", "mentor {} does not exist",
                  ToString(c.mentor_id));
  }
  if (mentor->verification_status != VerificationStatus::approved) {
    return Reject(ErrorKind::kInvalid, "mentor_not_approved",
                  "mentor {} is {}; only approved mentors can be booked", ToString(c.mentor_id),
                  EnumName(mentor->verification_status));
  }
  if (!mentor->is_active) {
    return Reject(ErrorKind::kInvalid, "mentor_inactive", "mentor {} is not active",
                  ToString(c.mentor_id));
  }
  const UserState* student = ctx.refs->Find<UserState>(UserStream(c.student_id));
  if (!student) {
    return Reject(ErrorKind::kNotFound, "student_not_found", "student {} is not registered",
                  ToString(c.student_id));
  }
  if (student->role != UserRole::student) {
    return Reject(ErrorKind::kInvalid, "not_a_student", "user {} is a {}, not a student",
                  ToString(c.student_id), EnumName(student->role));
  }
  if (student->status != AccountStatus::active) {
    return Reject(ErrorKind::kInvalid, "account_not_active", "student {} is {}",
                  ToString(c.student_id), EnumName(student->status));
  }
  if (!student->academic_level || !mentor->Serves(*student->academic_level)) {
    return Reject(ErrorKind::kInvalid, "level_not_served",
                  "mentor {} does not serve {} students", ToString(c.mentor_id),
                  student->academic_level ? EnumName(*student->academic_level) : "unknown-level");
  }
  if (!mentor->Speaks(c.session_language)) {
    return Reject(ErrorKind::kInvalid, "language_not_spoken",
                  "mentor {} does not hold sessions in {}", ToString(c.mentor_id),
                  c.session_language);
  }
  if (mentor->hourly_rate.currency != policy.currency) {
    return Reject(ErrorKind::kInvalid, "currency_mismatch", "mentor rate is in {}, policy is {}",
                  mentor->hourly_rate.currency, policy.currency);
  }
  SessionBooked e;
  e.session_id = c.session_id;
  e.student_id = c.student_id;
  e.mentor_id = c.mentor_id;
  e.mentor_user_id = mentor->user_id;
  e.scheduled_at = c.scheduled_at;
  e.duration_minutes = c.duration_minutes;
  e.hourly_rate = mentor->hourly_rate;
  e.amount = Money{SessionPrice(mentor->hourly_rate.minor, c.duration_minutes), policy.currency};
  e.session_type = c.session_type;
  e.session_language = c.session_language;
  e.user_questions = c.user_questions;
  return e;
}

Decision<Event> Capture(const CapturePayment& c, const SessionState& s, const DecisionContext&) {
  if (!s.exists) return Missing(c.session_id);
  // A gateway may deliver the same capture twice: the second one changes nothing.
  if (s.payment && s.payment->gateway_payment_id == c.gateway_payment_id &&
      s.payment->payment_id == c.payment_id) {
    return std::vector<Event>{};
  }
  if (!s.booking.Allows(BookingTrigger::pay)) return IllegalTransition(s, "paid");
  if (c.amount.minor <= 0) {
    return Reject(ErrorKind::kInvalid, "invalid_amount", "amount must be positive, got {}",
                  FormatMoney(c.amount));
  }
  if (c.amount != s.amount) {
    return Reject(ErrorKind::kInvalid, "amount_mismatch",
                  "captured {} but session {} costs {}", FormatMoney(c.amount),
                  ToString(c.session_id), FormatMoney(s.amount));
  }
  if (c.gateway_payment_id.empty()) {
    return Reject(ErrorKind::kInvalid, "gateway_payment_id_required",
                  "gateway_payment_id must not be empty");
  }
  PaymentCaptured e;
  e.session_id = c.session_id;
  e.payment_id = c.payment_id;
  e.student_id = s.student_id;
  e.mentor_id = s.mentor_id;
  e.amount = c.amount;
  e.payment_method = c.payment_method;
  e.gateway = c.gateway;
  e.gateway_payment_id = c.gateway_payment_id;
  e.gateway_response = c.gateway_response;
  e.escrow_held_after = c.amount;
  return e;
}

Decision<Event> Complete(const CompleteSession& c, const SessionState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (ctx.actor.id != ToString(s.mentor_user_id) && !IsStaff(ctx.actor) && !ctx.actor.IsSystem()) {
    return Reject(ErrorKind::kForbidden, "not_session_mentor",
                  "only the session's mentor or staff may complete session {}",
                  ToString(c.session_id));
  }
  if (!s.booking.Allows(BookingTrigger::complete)) return IllegalTransition(s, "completed");
  if (ctx.now < s.scheduled_at) {
    return Reject(ErrorKind::kInvalid, "session_not_started",
                  "session {} starts at {}; it cannot be completed before (now {})",
                  ToString(c.session_id), FormatIso8601(s.scheduled_at), FormatIso8601(ctx.now));
  }
  const Policy& policy = ctx.policies->mentorship;
  const PaymentState& p = *s.payment;  // confirmed implies paid
  Money released{p.held, p.captured.currency};
  int64_t fee = ShareOf(released.minor, policy.platform_fee_bps);

  SessionCompleted done;
  done.session_id = c.session_id;
  done.student_id = s.student_id;
  done.mentor_id = s.mentor_id;
  done.completed_at = ctx.now;
  done.mentor_notes = c.mentor_notes;
  done.follow_up_tasks = c.follow_up_tasks;

  EscrowReleased release;
  release.session_id = c.session_id;
  release.payment_id = p.payment_id;
  release.amount = released;
  release.escrow_held_after = Money{0, released.currency};

  PaymentSplit split;
  split.session_id = c.session_id;
  split.payment_id = p.payment_id;
  split.mentor_id = s.mentor_id;
  split.amount = released;
  split.platform_fee = Money{fee, released.currency};
  split.mentor_earnings = Money{released.minor - fee, released.currency};
  split.platform_fee_bps = policy.platform_fee_bps;
  split.mentor_share_bps = kWhole - policy.platform_fee_bps;
  split.policy = policy.name;
  return std::vector<Event>{done, release, split};
}

}  // namespace

Decision<Event> SessionDecider::decide(const Command& command, const State& state,
                                       const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const BookSession& c) { return Book(c, state, ctx); },
                               [&](const CapturePayment& c) { return Capture(c, state, ctx); },
                               [&](const CompleteSession& c) { return Complete(c, state, ctx); }},
                    command);
}

SessionState SessionDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const SessionBooked& e) {
                          s.exists = true;
                          s.session_id = e.session_id;
                          s.student_id = e.student_id;
                          s.mentor_id = e.mentor_id;
                          s.mentor_user_id = e.mentor_user_id;
                          s.scheduled_at = e.scheduled_at;
                          s.duration_minutes = e.duration_minutes;
                          s.amount = e.amount;
                        },
                        [&](const PaymentCaptured& e) {
                          s.booking.Fire(BookingTrigger::pay);
                          PaymentState p;
                          p.payment_id = e.payment_id;
                          p.gateway_payment_id = e.gateway_payment_id;
                          p.captured = e.amount;
                          p.held = e.amount.minor;
                          s.payment = p;
                        },
                        [&](const SessionCompleted&) { s.booking.Fire(BookingTrigger::complete); },
                        [&](const EscrowReleased& e) {
                          s.payment->held -= e.amount.minor;
                          s.payment->released += e.amount.minor;
                        },
                        [&](const PaymentSplit&) {}},
             event);
  return s;
}

}  // namespace edu::mentorship
