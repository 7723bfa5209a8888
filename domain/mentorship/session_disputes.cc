// The mentorship session decider's steps for disputes, the escrow release and refunds through
// the gateway (declared in session_internal.h).
// steps (see session_internal.h).
#include "domain/mentorship/session_internal.h"

#include <string>

namespace edu::mentorship::session_internal {

// ---- disputes ----------------------------------------------------------------------------------

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

}  // namespace edu::mentorship::session_internal
