#include "domain/peerloop/payout.h"

#include "domain/peerloop/rules.h"
#include "domain/policies.h"

namespace edu::peerloop {

int64_t PayoutAccountState::AvailableTotal() const {
  int64_t total = 0;
  for (const auto& [id, split] : available) total += split.amount_cents;
  return total;
}

namespace {

using Event = PayoutAccountDecider::Event;

bool IsPaymentSystem(const Actor& a) { return a.IsSystem() || IsAdmin(a); }

Rejection SystemOnly(const char* what) {
  return Reject(codes::kSystemOnly, "{} is reported by the payment system", what);
}

// The payout the command names, provided `trigger` may move it now; otherwise null and why not.
template <class C>
const PayoutState* Movable(const C& c, const PayoutAccountState& s, PayoutTrigger trigger,
                           const char* action, Rejection* why) {
  auto it = s.payouts.find(c.payout_id);
  if (it == s.payouts.end()) {
    *why = NotFound(codes::kPayoutNotFound, "payout", c.payout_id);
    return nullptr;
  }
  if (!it->second.lifecycle.Allows(trigger)) {
    *why = IllegalTransition("payout", c.payout_id, it->second.status(), action);
    return nullptr;
  }
  return &it->second;
}

// The admin's user id, when the actor is an admin.
std::optional<Uuid> AdminOf(const Actor& actor) {
  if (!IsAdmin(actor)) return std::nullopt;
  return ParseUuid(actor.id);
}

Rejection AdminOnly(const char* what) {
  return Reject(codes::kAdminOnly, "only an admin {} payouts", what);
}

Decision<Event> Credit(const CreditEarnings& c, const PayoutAccountState& s,
                       const DecisionContext& ctx) {
  if (!IsPaymentSystem(ctx.actor)) return SystemOnly("a released split");
  if (c.recipient_id == PlatformAccountId()) {
    return Reject(codes::kPlatformNotPaidOut, "the platform's share is kept, not paid out");
  }
  if (s.credited.count(c.split_id)) {
    return Reject(codes::kSplitAlreadyCredited, "split {} is already credited",
                  ToString(c.split_id));
  }
  if (c.amount.minor <= 0) {
    return Reject(codes::kInvalidAmount, "amount must be positive, got {}", FormatMoney(c.amount));
  }
  if (s.exists && c.amount.currency != s.currency) {
    return Reject(codes::kCurrencyMismatch, "account is in {}, split in {}", s.currency,
                  c.amount.currency);
  }
  EarningsCredited e;
  e.recipient_id = c.recipient_id;
  e.split_id = c.split_id;
  e.enrollment_id = c.enrollment_id;
  e.transaction_id = c.transaction_id;
  e.amount = c.amount;
  e.available_after = Money{s.AvailableTotal() + c.amount.minor, c.amount.currency};
  return e;
}

Decision<Event> Request(const RequestPayout& c, const PayoutAccountState& s,
                        const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.recipient_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "actor {} may request payouts only of their own earnings",
                  ctx.actor.id);
  }
  if (s.payouts.count(c.payout_id)) {
    return Reject(codes::kPayoutAlreadyExists, "payout {} already exists", ToString(c.payout_id));
  }
  if (s.available.empty()) {
    return Reject(codes::kNothingToPayOut,
                  "recipient {} has no released earnings waiting for a payout",
                  ToString(c.recipient_id));
  }
  PayoutRequested e;
  e.payout_id = c.payout_id;
  e.recipient_id = c.recipient_id;
  e.amount = Money{s.AvailableTotal(), s.currency};
  for (const auto& [id, split] : s.available) e.splits.push_back(split);
  e.available_after = Money{0, s.currency};
  return e;
}

Decision<Event> Approve(const ApprovePayout& c, const PayoutAccountState& s,
                        const DecisionContext& ctx) {
  auto admin = AdminOf(ctx.actor);
  if (!admin) return AdminOnly("approves");
  if (*admin == c.recipient_id) {
    return Reject(codes::kSelfApproval, "an admin cannot approve their own payout");
  }
  Rejection why;
  if (!Movable(c, s, PayoutTrigger::approve, "approved", &why)) return why;
  return PayoutApproved{c.payout_id, c.recipient_id, *admin, ctx.now};
}

Decision<Event> RejectIt(const RejectPayout& c, const PayoutAccountState& s,
                         const DecisionContext& ctx) {
  auto admin = AdminOf(ctx.actor);
  if (!admin) return AdminOnly("rejects");
  Rejection why;
  const PayoutState* p = Movable(c, s, PayoutTrigger::reject, "rejected", &why);
  if (!p) return why;
  if (c.reason.empty()) {
    return Reject(codes::kReasonRequired, "a rejection needs a reason");
  }
  return PayoutRejected{c.payout_id, c.recipient_id,
                        p->amount,   *admin,
                        c.reason,    Money{s.AvailableTotal() + p->amount.minor, s.currency}};
}

Decision<Event> Transfer(const StartPayoutTransfer& c, const PayoutAccountState& s,
                         const DecisionContext& ctx) {
  if (!IsPaymentSystem(ctx.actor)) return SystemOnly("a payout transfer");
  Rejection why;
  if (!Movable(c, s, PayoutTrigger::process, "transferred", &why)) return why;
  if (c.stripe_transfer_id.empty()) {
    return Reject(codes::kStripeTransferIdRequired, "stripe_transfer_id must not be empty");
  }
  return PayoutProcessing{c.payout_id, c.recipient_id, c.stripe_transfer_id};
}

Decision<Event> Complete(const CompletePayout& c, const PayoutAccountState& s,
                         const DecisionContext& ctx) {
  if (!IsPaymentSystem(ctx.actor)) return SystemOnly("a completed payout");
  Rejection why;
  const PayoutState* p = Movable(c, s, PayoutTrigger::complete, "completed", &why);
  if (!p) return why;
  return PayoutCompleted{c.payout_id, c.recipient_id, p->amount, p->splits, ctx.now};
}

Decision<Event> Fail(const FailPayout& c, const PayoutAccountState& s, const DecisionContext& ctx) {
  if (!IsPaymentSystem(ctx.actor)) return SystemOnly("a failed payout");
  Rejection why;
  const PayoutState* p = Movable(c, s, PayoutTrigger::fail, "failed", &why);
  if (!p) return why;
  if (c.reason.empty()) {
    return Reject(codes::kReasonRequired, "a failure needs a reason");
  }
  return PayoutFailed{c.payout_id, c.recipient_id, p->amount, c.reason,
                      Money{s.AvailableTotal() + p->amount.minor, s.currency}};
}

}  // namespace

Decision<Event> PayoutAccountDecider::decide(const Command& command, const State& state,
                                             const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreditEarnings& c) { return Credit(c, state, ctx); },
                 [&](const RequestPayout& c) { return Request(c, state, ctx); },
                 [&](const ApprovePayout& c) { return Approve(c, state, ctx); },
                 [&](const RejectPayout& c) { return RejectIt(c, state, ctx); },
                 [&](const StartPayoutTransfer& c) { return Transfer(c, state, ctx); },
                 [&](const CompletePayout& c) { return Complete(c, state, ctx); },
                 [&](const FailPayout& c) { return Fail(c, state, ctx); }},
      command);
}

PayoutAccountState PayoutAccountDecider::evolve(State s, const Event& event) {
  auto give_back = [&](const Uuid& payout_id) {
    for (const auto& split : s.payouts[payout_id].splits) s.available[split.split_id] = split;
  };
  std::visit(
      Overloaded{[&](const EarningsCredited& e) {
                   s.exists = true;
                   s.recipient_id = e.recipient_id;
                   s.currency = e.amount.currency;
                   s.available[e.split_id] = PaidSplit{e.split_id, e.enrollment_id, e.amount.minor};
                   s.credited.insert(e.split_id);
                   s.credited_total += e.amount.minor;
                 },
                 [&](const PayoutRequested& e) {
                   PayoutState p;
                   p.amount = e.amount;
                   p.splits = e.splits;
                   s.payouts[e.payout_id] = std::move(p);
                   for (const auto& split : e.splits) s.available.erase(split.split_id);
                 },
                 [&](const PayoutApproved& e) {
                   s.payouts[e.payout_id].lifecycle.Fire(PayoutTrigger::approve);
                 },
                 [&](const PayoutRejected& e) {
                   s.payouts[e.payout_id].lifecycle.Fire(PayoutTrigger::reject);
                   give_back(e.payout_id);
                 },
                 [&](const PayoutProcessing& e) {
                   s.payouts[e.payout_id].lifecycle.Fire(PayoutTrigger::process);
                 },
                 [&](const PayoutCompleted& e) {
                   s.payouts[e.payout_id].lifecycle.Fire(PayoutTrigger::complete);
                   s.paid_total += e.amount.minor;
                 },
                 [&](const PayoutFailed& e) {
                   s.payouts[e.payout_id].lifecycle.Fire(PayoutTrigger::fail);
                   give_back(e.payout_id);
                 }},
      event);
  return s;
}

}  // namespace edu::peerloop
