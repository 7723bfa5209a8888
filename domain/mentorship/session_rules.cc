// The mentorship session decider's shared rules: refusals, who acts, and settling the escrow
// (declared in session_internal.h).
// session_internal.h).
#include "domain/mentorship/session_internal.h"

#include <cmath>
#include <string>

namespace edu::mentorship::session_internal {

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

// ---- settling the escrow -----------------------------------------------------------------------

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

}  // namespace edu::mentorship::session_internal
