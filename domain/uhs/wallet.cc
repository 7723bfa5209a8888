#include "domain/uhs/wallet.h"

#include "domain/policies.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = WalletDecider::Event;

WalletOpened Opening(const Uuid& user_id, const Policy& policy) {
  return WalletOpened{WalletIdFor(user_id), user_id, policy.currency};
}

Decision<Event> Open(const OpenWallet& c, const WalletState& s, const DecisionContext& ctx) {
  if (!IsUser(ctx.actor, c.user_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may open only their own wallet, not that of user {}", ctx.actor.id,
                  ToString(c.user_id));
  }
  if (s.opened) {
    return Reject(codes::kWalletAlreadyOpen, "user {} already has wallet {}", ToString(c.user_id),
                  ToString(s.wallet_id));
  }
  return Opening(c.user_id, ctx.policies->uhs);
}

Decision<Event> Credit(const CreditWallet& c, const WalletState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->uhs;
  if (auto bad = CheckPositive(c.amount, policy.currency, "amount")) return *bad;
  if (c.reason == WalletReason::enrollment_payment) {
    return Reject(codes::kInvalidReason, "an enrollment payment is a debit, not a credit");
  }
  int64_t before = s.opened ? s.balance.minor : 0;
  auto after = CheckedAdd(before, c.amount.minor);
  if (!after) {
    return Reject(codes::kBalanceOverflow, "the balance of wallet {} would overflow",
                  ToString(WalletIdFor(c.user_id)));
  }
  std::vector<Event> events;
  if (!s.opened) events.push_back(Opening(c.user_id, policy));
  events.push_back(WalletCredited{WalletIdFor(c.user_id), c.user_id, c.amount, c.reason,
                                  c.source_id, Money{*after, policy.currency}});
  return events;
}

Decision<Event> Pay(const PayEnrollmentFromWallet& c, const WalletState& s,
                    const DecisionContext& ctx) {
  if (!IsUser(ctx.actor, c.user_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may pay only from their own wallet, not from that of user {}",
                  ctx.actor.id, ToString(c.user_id));
  }
  if (!s.opened) {
    return Reject(codes::kWalletNotFound, "user {} has no wallet", ToString(c.user_id));
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (!enrollment) {
    return Reject(codes::kEnrollmentNotFound, "enrollment {} does not exist",
                  ToString(c.enrollment_id));
  }
  if (c.user_id != enrollment->student_user_id &&
      !(enrollment->parent_id && c.user_id == *enrollment->parent_id)) {
    return Reject(codes::kNotOwnEnrollment,
                  "user {} is neither the student of enrollment {} nor their parent",
                  ToString(c.user_id), ToString(c.enrollment_id));
  }
  if (s.paid_enrollments.count(c.enrollment_id)) {
    return Reject(codes::kAlreadyPaid, "wallet {} has already paid enrollment {}",
                  ToString(s.wallet_id), ToString(c.enrollment_id));
  }
  if (enrollment->status() != EnrollmentStatus::pending_payment) {
    return Reject(codes::kEnrollmentNotAwaitingPayment,
                  "enrollment {} is {}; only a pending_payment enrollment can be paid",
                  ToString(c.enrollment_id), EnumName(enrollment->status()));
  }
  const Money& price = enrollment->price;
  if (price.currency != s.balance.currency) {
    return Reject(codes::kCurrencyMismatch, "enrollment costs {}, the wallet holds {}",
                  FormatMoney(price), s.balance.currency);
  }
  if (price.minor > s.balance.minor) {
    return Reject(codes::kInsufficientFunds, "wallet {} holds {}; enrollment {} costs {}",
                  ToString(s.wallet_id), FormatMoney(s.balance), ToString(c.enrollment_id),
                  FormatMoney(price));
  }
  return WalletDebited{s.wallet_id,
                       c.user_id,
                       price,
                       WalletReason::enrollment_payment,
                       c.enrollment_id,
                       DeriveUuid(ctx.command_id, "wallet-payment"),
                       Money{s.balance.minor - price.minor, price.currency}};
}

}  // namespace

Decision<Event> WalletDecider::decide(const Command& command, const State& state,
                                      const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const OpenWallet& c) { return Open(c, state, ctx); },
                 [&](const CreditWallet& c) { return Credit(c, state, ctx); },
                 [&](const PayEnrollmentFromWallet& c) { return Pay(c, state, ctx); }},
      command);
}

WalletState WalletDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const WalletOpened& e) {
                          s.opened = true;
                          s.wallet_id = e.wallet_id;
                          s.user_id = e.user_id;
                          s.balance = Money{0, e.currency};
                        },
                        [&](const WalletCredited& e) { s.balance = e.balance_after; },
                        [&](const WalletDebited& e) {
                          s.balance = e.balance_after;
                          s.paid_enrollments.insert(e.enrollment_id);
                        }},
             event);
  return s;
}

}  // namespace edu::uhs
