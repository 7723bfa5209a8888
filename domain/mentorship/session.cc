#include "domain/mentorship/session.h"

#include <algorithm>
#include <cmath>

#include "domain/mentorship/mentor.h"
#include "domain/mentorship/user.h"
#include "domain/policies.h"

namespace edu::mentorship {

int64_t SessionPrice(int64_t hourly_rate_minor, int32_t minutes) {
  Int128 scaled = static_cast<Int128>(hourly_rate_minor) * minutes;
  return static_cast<int64_t>((scaled + 30) / 60);
}

CancellationTerms CancellationRefund(SessionParty party, Micros notice, const Policy& policy) {
  auto terms = [](BasisPoints bps) {
    RefundPolicy rule = bps >= kWhole ? RefundPolicy::full_refund
                        : bps > 0     ? RefundPolicy::partial_refund
                                      : RefundPolicy::no_refund;
    return CancellationTerms{rule, bps};
  };
  switch (party) {
    case SessionParty::mentor:
      return terms(policy.mentor_cancellation_refund_bps);
    case SessionParty::student:
      if (notice >= policy.full_refund_notice) return terms(kWhole);
      if (notice >= policy.partial_refund_notice) return terms(policy.partial_refund_bps);
      return terms(0);
  }
  return terms(0);
}

Uuid RefundIdFor(const Uuid& payment_id, int n) {
  return DeriveUuid(payment_id, "refund-" + std::to_string(n));
}

const RefundState* PaymentState::FindRefund(const Uuid& refund_id) const {
  for (const auto& r : refunds) {
    if (r.refund_id == refund_id) return &r;
  }
  return nullptr;
}

RefundState* PaymentState::FindRefund(const Uuid& refund_id) {
  for (auto& r : refunds) {
    if (r.refund_id == refund_id) return &r;
  }
  return nullptr;
}

namespace {

using Event = SessionDecider::Event;
using Events = std::vector<Event>;

// ---- refusals ----------------------------------------------------------------------------------

Rejection IllegalTransition(const SessionState& s, const char* action) {
  return Reject(codes::kIllegalTransition, "session {} is {}; it cannot be {}",
                ToString(s.session_id), EnumName(s.booking.status()), action);
}

Rejection Missing(const Uuid& session_id) {
  return Reject(codes::kSessionNotFound, "session {} does not exist", ToString(session_id));
}

Rejection RefundMissing(const SessionState& s, const Uuid& refund_id) {
  return Reject(codes::kRefundNotFound, "session {} has no refund {}", ToString(s.session_id),
                ToString(refund_id));
}

Rejection IllegalRefund(const SessionState& s, const RefundState& r, const char* action) {
  return Reject(codes::kIllegalTransition, "refund {} of session {} is {}; it cannot be {}",
                ToString(r.refund_id), ToString(s.session_id), EnumName(r.machine.status()),
                action);
}

Rejection NotStaff(const char* what) {
  return Reject(codes::kStaffOnly, "only support or an admin may {}", what);
}

Rejection TextRequired(const char* field) {
  return Reject(codes::kReasonRequired, "{} must not be empty", field);
}

Rejection GatewayConflict(const std::string& gateway_id, const char* what) {
  return Reject(codes::kGatewayEventConflict,
                "gateway id {} was already reported {}; the same id cannot report different facts",
                gateway_id, what);
}

bool IsStaff(const Actor& a) { return a.role == "admin" || a.role == "support"; }

std::optional<SessionParty> PartyOf(const SessionState& s, const Actor& a) {
  if (a.id == ToString(s.student_id)) return SessionParty::student;
  if (a.id == ToString(s.mentor_user_id)) return SessionParty::mentor;
  return std::nullopt;
}

// Who acts: the session's own student or mentor, or staff on behalf of one of them.
std::optional<Rejection> ResolveParty(const SessionState& s, const DecisionContext& ctx,
                                      const std::optional<SessionParty>& on_behalf_of,
                                      const char* action, SessionParty* party) {
  if (auto own = PartyOf(s, ctx.actor)) {
    *party = *own;
    return std::nullopt;
  }
  if (!IsStaff(ctx.actor)) {
    return Reject(codes::kNotSessionParty,
                  "only the session's student or mentor (or staff for them) may {} session {}",
                  action, ToString(s.session_id));
  }
  if (!on_behalf_of) {
    return Reject(codes::kOnBehalfOfRequired,
                  "staff {} a session on behalf of someone: set on_behalf_of to {}", action,
                  EnumChoices<SessionParty>());
  }
  *party = *on_behalf_of;
  return std::nullopt;
}

std::optional<Rejection> NotBeforeStart(const SessionState& s, const DecisionContext& ctx,
                                        const char* action) {
  if (ctx.now < s.scheduled_at) return std::nullopt;
  return Reject(codes::kSessionAlreadyStarted,
                "session {} started at {}; it can no longer be {} (now {})", ToString(s.session_id),
                FormatIso8601(s.scheduled_at), action, FormatIso8601(ctx.now));
}

// An amount in the currency of `like`.
Money MoneyLike(int64_t minor, const Money& like) { return Money{minor, like.currency}; }

// A rating 1..5 with at most two decimals, in hundredths.
std::optional<int32_t> RatingHundredths(double rating) {
  double scaled = rating * 100.0;
  if (!std::isfinite(scaled)) return std::nullopt;
  double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6 || rounded < 100 || rounded > 500) return std::nullopt;
  return static_cast<int32_t>(rounded);
}

// ---- settling the escrow
// -------------------------------------------------------------------------

EscrowTrigger TriggerInto(EscrowStatus target) {
  switch (target) {
    case EscrowStatus::released:
      return EscrowTrigger::release;
    case EscrowStatus::refunded:
      return EscrowTrigger::refund_in_full;
    case EscrowStatus::partially_refunded:
      return EscrowTrigger::refund_in_part;
    case EscrowStatus::disputed:
      return EscrowTrigger::dispute;
    case EscrowStatus::resolved:
      return EscrowTrigger::resolve;
    case EscrowStatus::held:
      break;
  }
  return EscrowTrigger::release;  // never asked: nothing moves into `held`
}

// Where the escrow ends once everything held leaves it, `refund` of it to the student.
EscrowStatus SettledStatus(const PaymentState& p, int64_t refund) {
  if (p.escrow.status() == EscrowStatus::disputed) return EscrowStatus::resolved;
  if (refund == 0) return EscrowStatus::released;
  return refund == p.held ? EscrowStatus::refunded : EscrowStatus::partially_refunded;
}

Uuid NextRefundId(const PaymentState& p) {
  return RefundIdFor(p.payment_id, static_cast<int>(p.refunds.size()) + 1);
}

// What leaves escrow when a session is settled: `refund` to the student (approving the refund
// `refund_id`, already requested), the rest released and split between platform and mentor.
struct Settlement {
  int64_t refund = 0;
  Uuid refund_id;
  std::string reason;
  std::string approved_by;
};

// Appends the money events of a settlement, or refuses when the escrow machine does not allow it.
std::optional<Rejection> Settle(const SessionState& s, const Policy& policy,
                                const Settlement& settlement, Events* out) {
  const PaymentState& p = *s.payment;
  const Money& currency = p.captured;
  const EscrowStatus final_status = SettledStatus(p, settlement.refund);
  if (!p.escrow.Allows(TriggerInto(final_status))) {
    return Reject(codes::kIllegalTransition, "the payment of session {} is {}; it cannot become {}",
                  ToString(s.session_id), EnumName(p.escrow.status()), EnumName(final_status));
  }
  const int64_t retained = p.held - settlement.refund;
  if (settlement.refund > 0) {
    RefundApproved approved;
    approved.session_id = s.session_id;
    approved.payment_id = p.payment_id;
    approved.refund_id = settlement.refund_id;
    approved.amount = MoneyLike(settlement.refund, currency);
    approved.reason = settlement.reason;
    approved.approved_by = settlement.approved_by;
    approved.escrow_held_after = MoneyLike(retained, currency);
    approved.refunded_after = MoneyLike(p.refunded + settlement.refund, currency);
    approved.escrow_status_after = retained == 0 ? final_status : p.escrow.status();
    out->push_back(approved);
  }
  if (retained > 0) {
    EscrowReleased release;
    release.session_id = s.session_id;
    release.payment_id = p.payment_id;
    release.amount = MoneyLike(retained, currency);
    release.escrow_held_after = MoneyLike(0, currency);
    release.escrow_status_after = final_status;
    out->push_back(release);
    int64_t fee = ShareOf(retained, policy.platform_fee_bps);
    PaymentSplit split;
    split.session_id = s.session_id;
    split.payment_id = p.payment_id;
    split.mentor_id = s.mentor_id;
    split.amount = MoneyLike(retained, currency);
    split.platform_fee = MoneyLike(fee, currency);
    split.mentor_earnings = MoneyLike(retained - fee, currency);
    split.platform_fee_bps = policy.platform_fee_bps;
    split.mentor_share_bps = kWhole - policy.platform_fee_bps;
    split.policy = policy.name;
    out->push_back(split);
  }
  return std::nullopt;
}

// Releases everything held (a completed session, a student no-show, the end of the hold).
std::optional<Rejection> ReleaseAll(const SessionState& s, const Policy& policy, Events* out) {
  return Settle(s, policy, Settlement{}, out);
}

// ---- booking and payment
// -------------------------------------------------------------------------

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

// ---- the end of a session
// ------------------------------------------------------------------------

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

// ---- disputes
// -------------------------------------------------------------------------------------

Rejection AlreadyReleased(const SessionState& s) {
  return Reject(codes::kPaymentAlreadyReleased,
                "the payment of session {} is {}; a dispute can only freeze money still held "
                "(after the release, rate the session: a low rating opens a quality review)",
                ToString(s.session_id), EnumName(s.payment->escrow.status()));
}

Decision<Event> Dispute(const RaiseDispute& c, const SessionState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  if (ctx.actor.id != ToString(s.student_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotSessionStudent,
                  "only the session's student (or staff for them) may dispute session {}",
                  ToString(s.session_id));
  }
  if (!s.booking.Allows(BookingTrigger::dispute)) return IllegalTransition(s, "disputed");
  if (s.payment->escrow.status() != EscrowStatus::held) return AlreadyReleased(s);
  // The dispute window after the end closes when the hold does, whether or not the scheduler
  // has issued the release yet: the boundary is the recorded due time, not the scheduler's lag.
  if (s.escrow_release_due && ctx.now >= *s.escrow_release_due) {
    return Reject(codes::kDisputeWindowClosed,
                  "the dispute window of session {} closed at {} (now {})", ToString(s.session_id),
                  FormatIso8601(*s.escrow_release_due), FormatIso8601(ctx.now));
  }
  const PaymentState& p = *s.payment;
  const ConflictType type = s.booking.status() == BookingStatus::no_show
                                ? ConflictType::no_show_contested
                                : ConflictType::quality_dispute;
  const int64_t most = type == ConflictType::quality_dispute
                           ? ShareOf(p.held, policy.quality_dispute_max_refund_bps)
                           : p.held;
  int64_t asked = most;
  if (c.refund_requested) {
    if (c.refund_requested->currency != p.captured.currency || c.refund_requested->minor <= 0 ||
        c.refund_requested->minor > most) {
      return Reject(codes::kInvalidRefundRequest,
                    "refund_requested must be a positive {} amount of at most {}, got {}",
                    p.captured.currency, FormatMoney(MoneyLike(most, p.captured)),
                    FormatMoney(*c.refund_requested));
    }
    asked = c.refund_requested->minor;
  }
  Events out;
  OpenDispute(s, ctx, type, SessionParty::student, c.notes, asked, &out);
  return out;
}

Decision<Event> Resolve(const ResolveDispute& c, const SessionState& s,
                        const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!s.exists) return Missing(c.session_id);
  if (!IsStaff(ctx.actor)) return NotStaff("resolve a dispute");
  if (!s.booking.Allows(BookingTrigger::resolve)) return IllegalTransition(s, "resolved");
  const PaymentState& p = *s.payment;
  const ConflictState& conflict = *s.conflict;
  int64_t compensation = 0;
  const char* expectation = nullptr;
  switch (c.resolution_type) {
    case ResolutionType::full_refund:
      compensation = p.held;
      if (c.compensation_amount && c.compensation_amount->minor != p.held)
        expectation = "all that is held";
      break;
    case ResolutionType::partial_refund:
      compensation = c.compensation_amount ? c.compensation_amount->minor : 0;
      if (compensation <= 0 || compensation >= p.held)
        expectation = "more than zero and less than what is held";
      break;
    case ResolutionType::no_refund:
      if (c.compensation_amount && c.compensation_amount->minor != 0) expectation = "zero";
      break;
  }
  if (expectation != nullptr ||
      (c.compensation_amount && c.compensation_amount->currency != p.captured.currency)) {
    return Reject(
        codes::kInvalidCompensation, "a {} resolution compensates {} ({} held), got {}",
        EnumName(c.resolution_type), expectation ? expectation : "in the payment's currency",
        FormatMoney(MoneyLike(p.held, p.captured)),
        c.compensation_amount ? FormatMoney(*c.compensation_amount) : std::string("none"));
  }
  if (conflict.type == ConflictType::quality_dispute &&
      compensation > ShareOf(p.held, policy.quality_dispute_max_refund_bps)) {
    return Reject(
        codes::kCompensationAbovePolicy,
        "policy {} refunds at most {} for a quality dispute, got {}", policy.name,
        FormatMoney(MoneyLike(ShareOf(p.held, policy.quality_dispute_max_refund_bps), p.captured)),
        FormatMoney(MoneyLike(compensation, p.captured)));
  }
  DisputeResolved resolved;
  resolved.session_id = s.session_id;
  resolved.conflict_id = conflict.conflict_id;
  resolved.mentor_id = s.mentor_id;
  resolved.conflict_type = conflict.type;
  resolved.resolution_type = c.resolution_type;
  resolved.compensation_amount = MoneyLike(compensation, p.captured);
  resolved.resolved_by = ctx.actor.id;
  resolved.notes = c.notes;
  resolved.policy = policy.name;
  Events out{resolved};
  // The dispute's refund request is the last one opened.
  const RefundState& request = p.refunds.back();
  if (compensation == 0) {
    out.push_back(RefundRejected{s.session_id, p.payment_id, request.refund_id,
                                 MoneyLike(request.amount, p.captured), ctx.actor.id, c.notes});
  }
  Settlement settlement{compensation, request.refund_id,
                        std::string(EnumName(conflict.type)) +
                            " resolved: " + std::string(EnumName(c.resolution_type)),
                        ctx.actor.id};
  if (auto refused = Settle(s, policy, settlement, &out)) return *refused;
  return out;
}

Decision<Event> Release(const ReleaseEscrow& c, const SessionState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (!ctx.actor.IsSystem() && ctx.actor.role != "admin") {
    return Reject(codes::kSystemOnly, "escrow is released by the scheduler or an admin");
  }
  if (!s.payment || s.payment->escrow.status() != EscrowStatus::held || !s.escrow_release_due ||
      (s.booking.status() != BookingStatus::completed &&
       s.booking.status() != BookingStatus::no_show)) {
    return Reject(codes::kIllegalTransition,
                  "session {} is {} and its payment {}; only a payment held after the session "
                  "ended can be released",
                  ToString(s.session_id), EnumName(s.booking.status()),
                  s.payment ? std::string("is ") + std::string(EnumName(s.payment->escrow.status()))
                            : std::string("was never captured"));
  }
  if (ctx.now < *s.escrow_release_due) {
    return Reject(
        codes::kEscrowNotDue, "the payment of session {} is held until {} for disputes (now {})",
        ToString(s.session_id), FormatIso8601(*s.escrow_release_due), FormatIso8601(ctx.now));
  }
  Events out;
  if (auto refused = ReleaseAll(s, ctx.policies->mentorship, &out)) return *refused;
  return out;
}

// ---- refunds through the gateway ---------------------------------------------------------------

std::optional<Rejection> CheckRefundReport(const SessionState& s, const Uuid& refund_id,
                                           const std::string& gateway_refund_id,
                                           const RefundState** refund) {
  *refund = s.payment ? s.payment->FindRefund(refund_id) : nullptr;
  if (*refund == nullptr) return RefundMissing(s, refund_id);
  if (gateway_refund_id.empty()) {
    return Reject(codes::kGatewayRefundIdRequired, "gateway_refund_id must not be empty");
  }
  for (const RefundState& other : s.payment->refunds) {
    if (other.refund_id != refund_id && other.reports.count(gateway_refund_id)) {
      return GatewayConflict(gateway_refund_id, "for another refund");
    }
  }
  return std::nullopt;
}

Decision<Event> RefundIssuedReport(const RecordRefundIssued& c, const SessionState& s,
                                   const DecisionContext&) {
  if (!s.exists) return Missing(c.session_id);
  const RefundState* r = nullptr;
  if (auto bad = CheckRefundReport(s, c.refund_id, c.gateway_refund_id, &r)) return *bad;
  if (auto seen = r->reports.find(c.gateway_refund_id); seen != r->reports.end()) {
    if (seen->second.issued && c.amount.minor == seen->second.amount)
      return Events{};  // delivered again
    return GatewayConflict(c.gateway_refund_id, "for this refund");
  }
  if (!r->machine.Allows(RefundTrigger::issue)) return IllegalRefund(s, *r, "issued");
  if (c.amount != MoneyLike(r->amount, s.payment->captured)) {
    return Reject(codes::kAmountMismatch, "the gateway refunded {} but refund {} is {}",
                  FormatMoney(c.amount), ToString(c.refund_id),
                  FormatMoney(MoneyLike(r->amount, s.payment->captured)));
  }
  const PaymentState& p = *s.payment;
  return RefundIssued{s.session_id,       p.payment_id,
                      c.refund_id,        c.amount,
                      c.gateway,          c.gateway_refund_id,
                      c.gateway_response, MoneyLike(p.issued + r->amount, p.captured)};
}

Decision<Event> RefundFailedReport(const RecordRefundFailed& c, const SessionState& s,
                                   const DecisionContext&) {
  if (!s.exists) return Missing(c.session_id);
  const RefundState* r = nullptr;
  if (auto bad = CheckRefundReport(s, c.refund_id, c.gateway_refund_id, &r)) return *bad;
  if (auto seen = r->reports.find(c.gateway_refund_id); seen != r->reports.end()) {
    // Delivered again, even after a retry moved the refund on: the same failure changes nothing.
    if (!seen->second.issued && c.failure_reason == seen->second.failure_reason) return Events{};
    return GatewayConflict(c.gateway_refund_id, "for this refund");
  }
  if (!r->machine.Allows(RefundTrigger::fail)) return IllegalRefund(s, *r, "reported failed");
  if (c.failure_reason.empty()) return TextRequired("failure_reason");
  const PaymentState& p = *s.payment;
  return RefundFailed{
      s.session_id, p.payment_id,        c.refund_id,      MoneyLike(r->amount, p.captured),
      c.gateway,    c.gateway_refund_id, c.failure_reason, c.gateway_response};
}

Decision<Event> Retry(const RetryRefund& c, const SessionState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.session_id);
  if (!IsStaff(ctx.actor)) return NotStaff("retry a refund");
  const RefundState* r = s.payment ? s.payment->FindRefund(c.refund_id) : nullptr;
  if (r == nullptr) return RefundMissing(s, c.refund_id);
  if (!r->machine.Allows(RefundTrigger::retry)) return IllegalRefund(s, *r, "retried");
  return RefundRetried{s.session_id, s.payment->payment_id, c.refund_id,
                       MoneyLike(r->amount, s.payment->captured), ctx.actor.id};
}

// ---- ratings
// ------------------------------------------------------------------------------------------

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

// ---- evolving
// ---------------------------------------------------------------------------------------

void MoveEscrowTo(PaymentState& p, std::optional<EscrowStatus> target) {
  if (target && *target != p.escrow.status()) p.escrow.Fire(TriggerInto(*target));
}

}  // namespace

Decision<Event> SessionDecider::decide(const Command& command, const State& state,
                                       const DecisionContext& ctx) {
  if (!state.inconsistency.empty()) {
    return Reject(codes::kStreamInconsistent,
                  "session {} cannot be decided on: its history holds {}",
                  ToString(state.session_id), state.inconsistency);
  }
  return std::visit(
      Overloaded{[&](const BookSession& c) { return Book(c, state, ctx); },
                 [&](const CapturePayment& c) { return Capture(c, state, ctx); },
                 [&](const RecordPaymentFailed& c) { return PaymentFailure(c, state, ctx); },
                 [&](const RescheduleSession& c) { return Reschedule(c, state, ctx); },
                 [&](const StartSession& c) { return Start(c, state, ctx); },
                 [&](const CompleteSession& c) { return Complete(c, state, ctx); },
                 [&](const CancelSession& c) { return Cancel(c, state, ctx); },
                 [&](const ReportNoShow& c) { return NoShow(c, state, ctx); },
                 [&](const RaiseDispute& c) { return Dispute(c, state, ctx); },
                 [&](const ResolveDispute& c) { return Resolve(c, state, ctx); },
                 [&](const ReleaseEscrow& c) { return Release(c, state, ctx); },
                 [&](const RecordRefundIssued& c) { return RefundIssuedReport(c, state, ctx); },
                 [&](const RecordRefundFailed& c) { return RefundFailedReport(c, state, ctx); },
                 [&](const RetryRefund& c) { return Retry(c, state, ctx); },
                 [&](const RateSession& c) { return Rate(c, state, ctx); }},
      command);
}

SessionState SessionDecider::evolve(State s, const Event& event) {
  if (!s.inconsistency.empty()) return s;
  // The payment and refund an event is about; null (and the stream marked inconsistent) when the
  // history before it never produced them.
  auto payment = [&s](const char* type) -> PaymentState* {
    if (!s.payment) s.inconsistency = fmt::format("{} without a captured payment before it", type);
    return s.payment ? &*s.payment : nullptr;
  };
  auto refund = [&](const char* type, const Uuid& refund_id) -> RefundState* {
    PaymentState* p = payment(type);
    RefundState* r = p ? p->FindRefund(refund_id) : nullptr;
    if (p && !r) {
      s.inconsistency = fmt::format("{} for refund {}, never requested", type, ToString(refund_id));
    }
    return r;
  };
  std::visit(
      Overloaded{
          [&](const SessionBooked& e) {
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
            s.payment = std::move(p);
          },
          [&](const PaymentFailed& e) { s.failed_attempts[e.gateway_payment_id] = e.payment_id; },
          [&](const SessionRescheduled& e) {
            s.booking.Fire(BookingTrigger::reschedule);
            s.scheduled_at = e.scheduled_at;
            s.reschedule_count = e.reschedule_count;
          },
          [&](const SessionStarted&) { s.booking.Fire(BookingTrigger::start); },
          [&](const SessionCompleted& e) {
            s.booking.Fire(BookingTrigger::complete);
            s.escrow_release_due = e.escrow_release_due;
          },
          [&](const SessionCancelled&) { s.booking.Fire(BookingTrigger::cancel); },
          [&](const StudentNoShowRecorded& e) {
            s.booking.Fire(BookingTrigger::student_no_show);
            s.escrow_release_due = e.escrow_release_due;
          },
          [&](const SessionDisputed& e) {
            s.booking.Fire(e.conflict_type == ConflictType::mentor_no_show
                               ? BookingTrigger::mentor_no_show
                               : BookingTrigger::dispute);
            if (PaymentState* p = payment("SessionDisputed"))
              p->escrow.Fire(EscrowTrigger::dispute);
            s.conflict = ConflictState{e.conflict_id, e.conflict_type, false};
            ++s.conflicts_opened;
          },
          [&](const DisputeResolved&) {
            if (!s.conflict) {
              s.inconsistency = "DisputeResolved without a dispute before it";
              return;
            }
            s.booking.Fire(BookingTrigger::resolve);
            s.conflict->resolved = true;
          },
          [&](const EscrowReleased& e) {
            PaymentState* paid = payment("EscrowReleased");
            if (!paid) return;
            PaymentState& p = *paid;
            p.held -= e.amount.minor;
            p.released += e.amount.minor;
            MoveEscrowTo(p, e.escrow_status_after
                                ? e.escrow_status_after
                                : std::optional<EscrowStatus>(p.held == 0 ? EscrowStatus::released
                                                                          : EscrowStatus::held));
          },
          [&](const PaymentSplit& e) {
            if (!payment("PaymentSplit")) return;
            s.payment->split =
                SplitState{e.amount.minor, e.platform_fee.minor, e.mentor_earnings.minor};
          },
          [&](const RefundRequested& e) {
            RefundState r;
            r.refund_id = e.refund_id;
            r.amount = e.amount.minor;
            if (PaymentState* p = payment("RefundRequested")) p->refunds.push_back(std::move(r));
          },
          [&](const RefundApproved& e) {
            RefundState* approved = refund("RefundApproved", e.refund_id);
            if (!approved) return;
            PaymentState& p = *s.payment;
            RefundState& r = *approved;
            r.machine.Fire(RefundTrigger::approve);
            r.amount = e.amount.minor;
            p.held -= e.amount.minor;
            p.refunded += e.amount.minor;
            MoveEscrowTo(p, e.escrow_status_after);
          },
          [&](const RefundRejected& e) {
            if (RefundState* r = refund("RefundRejected", e.refund_id)) {
              r->machine.Fire(RefundTrigger::reject);
            }
          },
          [&](const RefundIssued& e) {
            RefundState* issued = refund("RefundIssued", e.refund_id);
            if (!issued) return;
            RefundState& r = *issued;
            r.machine.Fire(RefundTrigger::issue);
            r.reports[e.gateway_refund_id] = RefundState::Report{true, e.amount.minor, {}};
            s.payment->issued += e.amount.minor;
          },
          [&](const RefundFailed& e) {
            RefundState* failed = refund("RefundFailed", e.refund_id);
            if (!failed) return;
            RefundState& r = *failed;
            r.machine.Fire(RefundTrigger::fail);
            r.reports[e.gateway_refund_id] = RefundState::Report{false, 0, e.failure_reason};
          },
          [&](const RefundRetried& e) {
            if (RefundState* r = refund("RefundRetried", e.refund_id)) {
              r->machine.Fire(RefundTrigger::retry);
            }
          },
          [&](const SessionRated& e) {
            (e.rated_by == SessionParty::student ? s.satisfaction_rating : s.mentor_rating) =
                e.rating;
          },
          [&](const QualityReviewOpened&) {}},
      event);
  return s;
}

}  // namespace edu::mentorship
