#include "domain/uhs/transaction.h"

#include "domain/policies.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/payment_methods.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = TransactionDecider::Event;

Rejection Missing(const std::string& reference) {
  return Reject(codes::kTransactionNotFound, "no transaction has the reference '{}'", reference);
}

Rejection IllegalTransition(const TransactionState& s, const char* action) {
  return Reject(codes::kIllegalTransition, "transaction {} is {}; it cannot be {}",
                s.transaction_reference, EnumName(s.status()), action);
}

bool SameInitiation(const InitiatePayment& c, const TransactionState& s) {
  return c.user_id == s.user_id && c.amount == s.amount && c.gateway == s.gateway &&
         c.purpose == s.purpose && c.enrollment_id == s.enrollment_id;
}

std::optional<Rejection> CheckEnrollmentPayment(const InitiatePayment& c,
                                                const DecisionContext& ctx) {
  if (!c.enrollment_id) {
    return Reject(codes::kEnrollmentRequired,
                  "a course_enrollment payment names its enrollment_id");
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(*c.enrollment_id));
  if (!enrollment) {
    return Reject(codes::kEnrollmentNotFound, "enrollment {} does not exist",
                  ToString(*c.enrollment_id));
  }
  bool payer_related = c.user_id == enrollment->student_user_id ||
                       (enrollment->parent_id && c.user_id == *enrollment->parent_id);
  if (!payer_related) {
    return Reject(codes::kNotOwnEnrollment,
                  "user {} is neither the student of enrollment {} nor their parent",
                  ToString(c.user_id), ToString(*c.enrollment_id));
  }
  if (enrollment->status() != EnrollmentStatus::pending_payment) {
    return Reject(codes::kEnrollmentNotAwaitingPayment,
                  "enrollment {} is {}; only a pending_payment enrollment can be paid",
                  ToString(*c.enrollment_id), EnumName(enrollment->status()));
  }
  if (c.amount != enrollment->price) {
    return Reject(codes::kAmountMismatch, "enrollment {} costs {}, not {}",
                  ToString(*c.enrollment_id), FormatMoney(enrollment->price),
                  FormatMoney(c.amount));
  }
  return std::nullopt;
}

Decision<Event> Initiate(const InitiatePayment& c, const TransactionState& s,
                         const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->uhs;
  if (c.transaction_reference.empty() || c.transaction_reference.size() > 255) {
    return Reject(codes::kInvalidTransactionReference,
                  "transaction_reference must have 1..255 characters");
  }
  if (s.exists) {
    // The same initiation reported twice (a retried API call without its Idempotency-Key).
    if (SameInitiation(c, s)) return std::vector<Event>{};
    return Reject(codes::kTransactionReferenceTaken,
                  "reference '{}' already names another transaction", c.transaction_reference);
  }
  if (!IsUser(ctx.actor, c.user_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "actor {} may pay only as themselves, not as user {}",
                  ctx.actor.id, ToString(c.user_id));
  }
  if (auto bad = CheckPositive(c.amount, policy.currency, "amount")) return *bad;
  if (c.amount.minor > policy.max_payment_minor) {
    return Reject(codes::kAmountTooLarge, "a single payment is at most {}, got {}",
                  FormatMoney(Money{policy.max_payment_minor, policy.currency}),
                  FormatMoney(c.amount));
  }
  if (c.purpose == PaymentPurpose::course_enrollment) {
    if (auto bad = CheckEnrollmentPayment(c, ctx)) return *bad;
  } else if (c.enrollment_id) {
    return Reject(codes::kUnexpectedEnrollment, "a wallet top-up does not name an enrollment");
  }
  if (c.payment_method_id) {
    const auto* book = ctx.refs->Find<PaymentMethodsState>(PaymentMethodsStream(c.user_id));
    const SavedMethod* method = book ? book->FindActive(*c.payment_method_id) : nullptr;
    if (!method) {
      return Reject(codes::kPaymentMethodNotFound, "user {} has no active payment method {}",
                    ToString(c.user_id), ToString(*c.payment_method_id));
    }
    if (method->gateway != c.gateway) {
      return Reject(codes::kGatewayMismatch, "payment method {} is a {} method, not {}",
                    ToString(*c.payment_method_id), EnumName(method->gateway), EnumName(c.gateway));
    }
  }
  TransactionInitiated e;
  e.transaction_id = TransactionIdFor(c.transaction_reference);
  e.transaction_reference = c.transaction_reference;
  e.user_id = c.user_id;
  e.amount = c.amount;
  e.gateway = c.gateway;
  e.purpose = c.purpose;
  e.enrollment_id = c.enrollment_id;
  e.payment_method_id = c.payment_method_id;
  return e;
}

Decision<Event> Complete(const CompleteTransaction& c, const TransactionState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.transaction_reference);
  if (c.amount != s.amount) {
    return Reject(codes::kAmountMismatch, "the gateway reports {} for '{}', but {} was requested",
                  FormatMoney(c.amount), c.transaction_reference, FormatMoney(s.amount));
  }
  // A duplicate callback: the completion is already known.
  if (s.status() == TransactionStatus::completed || s.status() == TransactionStatus::refunded) {
    return std::vector<Event>{};
  }
  if (!s.machine.Allows(TransactionTrigger::complete)) return IllegalTransition(s, "completed");
  TransactionCompleted e;
  e.transaction_id = s.transaction_id;
  e.transaction_reference = s.transaction_reference;
  e.user_id = s.user_id;
  e.amount = s.amount;
  e.gateway = s.gateway;
  e.purpose = s.purpose;
  e.enrollment_id = s.enrollment_id;
  e.payment_method_id = s.payment_method_id;
  e.gateway_receipt = c.gateway_receipt;
  e.completed_at = ctx.now;
  return e;
}

Decision<Event> Fail(const FailTransaction& c, const TransactionState& s, const DecisionContext&) {
  if (!s.exists) return Missing(c.transaction_reference);
  if (s.status() == TransactionStatus::failed) return std::vector<Event>{};  // duplicate callback
  if (!s.machine.Allows(TransactionTrigger::fail)) return IllegalTransition(s, "failed");
  if (c.reason.empty()) {
    return Reject(codes::kReasonRequired, "a failed payment says why (reason)");
  }
  TransactionFailed e;
  e.transaction_id = s.transaction_id;
  e.transaction_reference = s.transaction_reference;
  e.user_id = s.user_id;
  e.amount = s.amount;
  e.gateway = s.gateway;
  e.purpose = s.purpose;
  e.enrollment_id = s.enrollment_id;
  e.payment_method_id = s.payment_method_id;
  e.reason = c.reason;
  e.result_code = c.result_code;
  return e;
}

Decision<Event> Refund(const RefundTransaction& c, const TransactionState& s,
                       const DecisionContext&) {
  if (!s.exists) return Missing(c.transaction_reference);
  if (s.status() == TransactionStatus::refunded) return std::vector<Event>{};  // redelivered
  if (!s.machine.Allows(TransactionTrigger::refund)) return IllegalTransition(s, "refunded");
  if (s.purpose == PaymentPurpose::wallet_topup) {
    return Reject(codes::kTopupNotRefundable,
                  "top-up '{}' is in the wallet; it is not refunded through the gateway",
                  c.transaction_reference);
  }
  TransactionRefunded e;
  e.transaction_id = s.transaction_id;
  e.transaction_reference = s.transaction_reference;
  e.user_id = s.user_id;
  e.amount = s.amount;
  e.gateway = s.gateway;
  e.purpose = s.purpose;
  e.enrollment_id = s.enrollment_id;
  e.payment_method_id = s.payment_method_id;
  e.gateway_receipt = s.gateway_receipt;
  e.completed_at = s.completed_at;
  e.reason = c.reason;
  return e;
}

}  // namespace

Decision<Event> TransactionDecider::decide(const Command& command, const State& state,
                                           const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const InitiatePayment& c) { return Initiate(c, state, ctx); },
                 [&](const CompleteTransaction& c) { return Complete(c, state, ctx); },
                 [&](const FailTransaction& c) { return Fail(c, state, ctx); },
                 [&](const RefundTransaction& c) { return Refund(c, state, ctx); }},
      command);
}

TransactionState TransactionDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const TransactionInitiated& e) {
                   s.exists = true;
                   s.transaction_id = e.transaction_id;
                   s.transaction_reference = e.transaction_reference;
                   s.user_id = e.user_id;
                   s.amount = e.amount;
                   s.gateway = e.gateway;
                   s.purpose = e.purpose;
                   s.enrollment_id = e.enrollment_id;
                   s.payment_method_id = e.payment_method_id;
                 },
                 [&](const TransactionCompleted& e) {
                   s.machine.Fire(TransactionTrigger::complete);
                   s.gateway_receipt = e.gateway_receipt;
                   s.completed_at = e.completed_at;
                 },
                 [&](const TransactionFailed&) { s.machine.Fire(TransactionTrigger::fail); },
                 [&](const TransactionRefunded&) { s.machine.Fire(TransactionTrigger::refund); }},
      event);
  return s;
}

}  // namespace edu::uhs
