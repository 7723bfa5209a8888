// The mentorship session decider's steps for booking, payment reports, schedule changes and
// the start (declared in session_internal.h).
// (see session_internal.h).
#include "domain/mentorship/session_internal.h"

#include <algorithm>
#include <string>

#include "domain/mentorship/calendar.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/user.h"

namespace edu::mentorship::session_internal {

// ---- booking and payment -----------------------------------------------------------------------

Decision<Event> Book(const BookSession& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (s.exists) {
    return Reject(codes::kSessionAlreadyExists, "session {} already exists",
                  ToString(c.session_id));
  }
  if (ctx.actor.id != ToString(c.student_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnBooking,
                  "actor {} may book sessions only for themselves, not for student {}",
                  ctx.actor.id, ToString(c.student_id));
  }
  const auto& durations = policy.session_durations_minutes;
  if (std::find(durations.begin(), durations.end(), c.duration_minutes) == durations.end()) {
    std::string allowed;
    for (size_t i = 0; i < durations.size(); ++i) {
      allowed += (i ? ", " : "") + std::to_string(durations[i]);
    }
    return Reject(codes::kInvalidDuration, "duration_minutes must be one of {}, got {}", allowed,
                  c.duration_minutes);
  }
  if (!(c.scheduled_at > ctx.now + policy.min_booking_lead)) {
    return Reject(codes::kSessionNotInFuture, "scheduled_at {} is not in the future (now {})",
                  FormatIso8601(c.scheduled_at), FormatIso8601(ctx.now));
  }
  if (c.session_language.empty()) {
    return Reject(codes::kSessionLanguageRequired, "session_language must not be empty");
  }
  const MentorState* mentor = ctx.refs->Find<MentorState>(MentorStream(c.mentor_id));
  if (!mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} does not exist", ToString(c.mentor_id));
  }
  if (mentor->verification_status() != VerificationStatus::approved) {
    return Reject(codes::kMentorNotApproved, "mentor {} is {}; only approved mentors can be booked",
                  ToString(c.mentor_id), EnumName(mentor->verification_status()));
  }
  if (!mentor->is_active) {
    return Reject(codes::kMentorInactive, "mentor {} is not active", ToString(c.mentor_id));
  }
  const UserState* student = ctx.refs->Find<UserState>(UserStream(c.student_id));
  if (!student) {
    return Reject(codes::kStudentNotFound, "student {} is not registered", ToString(c.student_id));
  }
  if (student->role != UserRole::student) {
    return Reject(codes::kNotAStudent, "user {} is a {}, not a student", ToString(c.student_id),
                  EnumName(student->role));
  }
  if (student->status != AccountStatus::active) {
    return Reject(codes::kAccountNotActive, "student {} is {}", ToString(c.student_id),
                  EnumName(student->status));
  }
  if (!student->academic_level || !mentor->Serves(*student->academic_level)) {
    return Reject(codes::kLevelNotServed, "mentor {} does not serve {} students",
                  ToString(c.mentor_id),
                  student->academic_level ? EnumName(*student->academic_level) : "unknown-level");
  }
  if (!mentor->Speaks(c.session_language)) {
    return Reject(codes::kLanguageNotSpoken, "mentor {} does not hold sessions in {}",
                  ToString(c.mentor_id), c.session_language);
  }
  if (mentor->hourly_rate.currency != policy.currency) {
    return Reject(codes::kCurrencyMismatch, "mentor rate is in {}, policy is {}",
                  mentor->hourly_rate.currency, policy.currency);
  }
  // The mentor's calendar serialises the mentor's bookings: this student must hold this time.
  const MentorCalendarState* calendar =
      ctx.refs->Find<MentorCalendarState>(MentorCalendarStream(c.mentor_id));
  if (!calendar || !calendar->has_availability) {
    return Reject(codes::kMentorHasNoAvailability, "mentor {} has published no weekly availability",
                  ToString(c.mentor_id));
  }
  if (!HoldsTime(*calendar, c.session_id, c.student_id, c.scheduled_at,
                 c.scheduled_at + Minutes(c.duration_minutes), ctx.now)) {
    return Reject(codes::kSessionTimeNotHeld,
                  "student {} holds no live time {} ({} min) for session {} in mentor {}'s "
                  "calendar (HoldSessionTime first)",
                  ToString(c.student_id), FormatIso8601(c.scheduled_at), c.duration_minutes,
                  ToString(c.session_id), ToString(c.mentor_id));
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

// Checks shared by the gateway's payment reports (captured or failed).
std::optional<Rejection> CheckPaymentReport(const SessionState& s, const Money& amount,
                                            const std::string& gateway_payment_id) {
  if (amount.minor <= 0) {
    return Reject(codes::kInvalidAmount, "amount must be positive, got {}", FormatMoney(amount));
  }
  if (amount != s.amount) {
    return Reject(codes::kAmountMismatch, "captured {} but session {} costs {}",
                  FormatMoney(amount), ToString(s.session_id), FormatMoney(s.amount));
  }
  if (gateway_payment_id.empty()) {
    return Reject(codes::kGatewayPaymentIdRequired, "gateway_payment_id must not be empty");
  }
  return std::nullopt;
}

Decision<Event> Capture(const CapturePayment& c, const SessionState& s, const DecisionContext&) {
  if (!s.exists) return Missing(c.session_id);
  // A gateway may deliver the same capture twice: the second one changes nothing.
  if (s.payment && s.payment->gateway_payment_id == c.gateway_payment_id) {
    if (s.payment->payment_id == c.payment_id && s.payment->captured == c.amount) return Events{};
    return GatewayConflict(c.gateway_payment_id, "as another capture");
  }
  if (!s.booking.Allows(BookingTrigger::pay)) return IllegalTransition(s, "paid");
  if (auto bad = CheckPaymentReport(s, c.amount, c.gateway_payment_id)) return *bad;
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

Decision<Event> PaymentFailure(const RecordPaymentFailed& c, const SessionState& s,
                               const DecisionContext&) {
  if (!s.exists) return Missing(c.session_id);
  auto seen = s.failed_attempts.find(c.gateway_payment_id);
  if (seen != s.failed_attempts.end()) {
    if (seen->second == c.payment_id) return Events{};  // the same failure, delivered again
    return GatewayConflict(c.gateway_payment_id, "as a failure of another payment");
  }
  if (s.payment && s.payment->gateway_payment_id == c.gateway_payment_id) {
    return GatewayConflict(c.gateway_payment_id, "as captured");
  }
  if (!s.booking.Allows(BookingTrigger::pay)) {
    return Reject(codes::kIllegalTransition,
                  "session {} is {}; it is no longer waiting for a payment", ToString(s.session_id),
                  EnumName(s.booking.status()));
  }
  if (auto bad = CheckPaymentReport(s, c.amount, c.gateway_payment_id)) return *bad;
  if (c.failure_reason.empty()) return TextRequired("failure_reason");
  PaymentFailed e;
  e.session_id = c.session_id;
  e.payment_id = c.payment_id;
  e.student_id = s.student_id;
  e.mentor_id = s.mentor_id;
  e.amount = c.amount;
  e.payment_method = c.payment_method;
  e.gateway = c.gateway;
  e.gateway_payment_id = c.gateway_payment_id;
  e.gateway_response = c.gateway_response;
  e.failure_reason = c.failure_reason;
  return e;
}

// ---- schedule changes ------------------------------------------------------------------------

Decision<Event> Reschedule(const RescheduleSession& c, const SessionState& s,
                           const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  SessionParty party = SessionParty::student;
  if (auto refused = ResolveParty(s, ctx, c.on_behalf_of, "reschedule", &party)) return *refused;
  if (!s.booking.Allows(BookingTrigger::reschedule)) return IllegalTransition(s, "rescheduled");
  if (auto started = NotBeforeStart(s, ctx, "rescheduled")) return *started;
  if (c.reason.empty()) return TextRequired("reason");
  if (!(c.scheduled_at > ctx.now + policy.min_booking_lead)) {
    return Reject(codes::kSessionNotInFuture, "the new start {} is not in the future (now {})",
                  FormatIso8601(c.scheduled_at), FormatIso8601(ctx.now));
  }
  if (c.scheduled_at == s.scheduled_at) {
    return Reject(codes::kSameStart, "session {} already starts at {}", ToString(s.session_id),
                  FormatIso8601(s.scheduled_at));
  }
  const Micros notice = s.scheduled_at - ctx.now;
  const bool emergency = c.emergency.value_or(false);
  if (notice < policy.free_reschedule_notice && !emergency) {
    return Reject(codes::kLateRescheduleRequiresEmergency,
                  "session {} starts in {} min; under {} h a reschedule is free only for an "
                  "emergency with proof (set emergency and proof_url), otherwise cancel it",
                  ToString(s.session_id), notice / Minutes(1),
                  policy.free_reschedule_notice / Hours(1));
  }
  if (emergency && (!c.proof_url || c.proof_url->empty())) {
    return Reject(codes::kEmergencyProofRequired,
                  "an emergency reschedule needs proof (proof_url)");
  }
  SessionRescheduled e;
  e.session_id = s.session_id;
  e.student_id = s.student_id;
  e.mentor_id = s.mentor_id;
  e.rescheduled_from = s.scheduled_at;
  e.scheduled_at = c.scheduled_at;
  e.requested_by = party;
  e.reason = c.reason;
  e.emergency = emergency;
  e.proof_url = c.proof_url;
  e.notice_minutes = notice / Minutes(1);
  e.reschedule_count = s.reschedule_count + 1;
  e.policy = policy.name;
  return e;
}

Decision<Event> Start(const StartSession& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  if (ctx.actor.id != ToString(s.mentor_user_id) && !IsStaff(ctx.actor) && !ctx.actor.IsSystem()) {
    return Reject(codes::kNotSessionMentor,
                  "only the session's mentor, staff or the video integration may start session {}",
                  ToString(c.session_id));
  }
  if (!s.booking.Allows(BookingTrigger::start)) return IllegalTransition(s, "started");
  if (ctx.now < s.scheduled_at - policy.early_start) {
    return Reject(codes::kTooEarlyToStart,
                  "session {} starts at {}; it can be started from {} (now {})",
                  ToString(s.session_id), FormatIso8601(s.scheduled_at),
                  FormatIso8601(s.scheduled_at - policy.early_start), FormatIso8601(ctx.now));
  }
  return SessionStarted{s.session_id, s.mentor_id, ctx.now, c.video_room_id};
}

}  // namespace edu::mentorship::session_internal
