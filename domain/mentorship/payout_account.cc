#include "domain/mentorship/payout_account.h"

#include <algorithm>

#include "domain/mentorship/session.h"
#include "domain/policies.h"

namespace edu::mentorship {

std::optional<std::pair<Timestamp, Timestamp>> PayoutPeriod(const Date& date,
                                                            const Policy& policy) {
  Timestamp midnight = StartOfDay(date);
  if (DayOfWeek(midnight) != 1) return std::nullopt;  // Monday
  Timestamp start = midnight - policy.payout_utc_offset;
  return std::make_pair(start, start + policy.payout_period);
}

Uuid PayoutIdFor(const Uuid& mentor_id, Timestamp period_start) {
  return DeriveUuid(mentor_id, "payout:" + FormatIso8601(period_start));
}

namespace {

using Event = PayoutAccountDecider::Event;
using Events = std::vector<Event>;

Money Of(int64_t minor, const std::string& currency) { return Money{minor, currency}; }

bool IsAdmin(const Actor& a) { return a.role == "admin"; }

Rejection SystemOnly(const char* what) {
  return Reject(codes::kSystemOnly, "{} is the scheduler's or an admin's job", what);
}

Rejection AccountMissing(const Uuid& mentor_id) {
  return Reject(codes::kPayoutAccountNotFound,
                "mentor {} has no payout account yet (no earnings were ever credited)",
                ToString(mentor_id));
}

Rejection IllegalPayout(const PayoutRecord& p, const char* action) {
  return Reject(codes::kIllegalTransition, "payout {} is {}; it cannot be {}",
                ToString(p.payout_id), EnumName(p.machine.status()), action);
}

// The payout a command names, with the usual refusals.
std::optional<Rejection> FindPayout(const PayoutAccountState& s, const Uuid& mentor_id,
                                    const Uuid& payout_id, const PayoutRecord** out) {
  if (!s.exists) return AccountMissing(mentor_id);
  auto it = s.payouts.find(payout_id);
  if (it == s.payouts.end()) {
    return Reject(codes::kPayoutNotFound, "mentor {} has no payout {}", ToString(mentor_id),
                  ToString(payout_id));
  }
  *out = &it->second;
  return std::nullopt;
}

Decision<Event> Credit(const CreditMentorEarnings& c, const PayoutAccountState& s,
                       const DecisionContext& ctx) {
  if (!ctx.actor.IsSystem() && !IsAdmin(ctx.actor)) return SystemOnly("crediting earnings");
  if (s.credits.count(c.payment_id)) return Events{};  // credited once; a redelivery is a no-op
  const SessionState* session = ctx.refs->Find<SessionState>(SessionStream(c.session_id));
  if (session == nullptr || !session->payment || session->payment->payment_id != c.payment_id ||
      session->mentor_id != c.mentor_id) {
    return Reject(codes::kPaymentNotFound, "session {} has no payment {} with mentor {}",
                  ToString(c.session_id), ToString(c.payment_id), ToString(c.mentor_id));
  }
  const PaymentState& p = *session->payment;
  if (!p.split) {
    return Reject(codes::kPaymentNotReleased, "payment {} is {}; only released money is credited",
                  ToString(c.payment_id), EnumName(p.escrow.status()));
  }
  const std::string& currency = p.captured.currency;
  if (s.exists && currency != s.currency) {
    return Reject(codes::kCurrencyMismatch, "payment {} is in {}, the account in {}",
                  ToString(c.payment_id), currency, s.currency);
  }
  MentorEarningsCredited e;
  e.mentor_id = c.mentor_id;
  e.session_id = c.session_id;
  e.payment_id = c.payment_id;
  e.amount = Of(p.split->amount, currency);
  e.platform_fee = Of(p.split->platform_fee, currency);
  e.mentor_earnings = Of(p.split->mentor_earnings, currency);
  e.earned_at = ctx.now;
  e.balance_after = Of(s.balance + p.split->mentor_earnings, currency);
  return e;
}

Decision<Event> Run(const RunMentorPayout& c, const PayoutAccountState& s,
                    const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (!ctx.actor.IsSystem() && !IsAdmin(ctx.actor)) return SystemOnly("a payout run");
  if (!s.exists) return AccountMissing(c.mentor_id);
  auto period = PayoutPeriod(c.period_start, policy);
  if (!period) {
    return Reject(codes::kInvalidPeriodStart, "payout periods start on Mondays; {} is not one",
                  FormatDate(c.period_start));
  }
  const auto [start, end] = *period;
  if (ctx.now < end) {
    return Reject(codes::kPeriodNotEnded, "the period {} .. {} has not ended yet (now {})",
                  FormatIso8601(start), FormatIso8601(end), FormatIso8601(ctx.now));
  }
  for (const auto& [closed_start, closed_end] : s.closed_periods) {
    if (start < closed_end && closed_start < end) {
      return Reject(codes::kPeriodAlreadyRun,
                    "mentor {}'s payout run for {} .. {} overlaps the run of {} .. {}",
                    ToString(c.mentor_id), FormatIso8601(start), FormatIso8601(end),
                    FormatIso8601(closed_start), FormatIso8601(closed_end));
    }
  }
  // Every unpaid credit earned before the period's end: this period's, and what carried over.
  std::vector<std::pair<Timestamp, Uuid>> due;
  for (const auto& [payment_id, credit] : s.credits) {
    if (!credit.payout_id && credit.earned_at < end) due.emplace_back(credit.earned_at, payment_id);
  }
  std::sort(due.begin(), due.end());
  std::vector<Uuid> payment_ids;
  int64_t total = 0, fee = 0, earnings = 0;
  for (const auto& [at, payment_id] : due) {
    const EarningCredit& credit = s.credits.at(payment_id);
    payment_ids.push_back(payment_id);
    total += credit.amount;
    fee += credit.platform_fee;
    earnings += credit.mentor_earnings;
  }
  const int64_t tax = ShareOf(earnings, policy.tax_deduction_bps);
  const int64_t net = earnings - tax;
  if (payment_ids.empty() || net < policy.minimum_payout_minor) {
    return PayoutCarriedOver{c.mentor_id,
                             start,
                             end,
                             payment_ids,
                             Of(earnings, s.currency),
                             Of(net, s.currency),
                             Of(policy.minimum_payout_minor, s.currency),
                             policy.name};
  }
  PayoutScheduled e;
  e.mentor_id = c.mentor_id;
  e.payout_id = PayoutIdFor(c.mentor_id, start);
  e.period_start = start;
  e.period_end = end;
  e.payment_ids = payment_ids;
  e.total_earnings = Of(total, s.currency);
  e.platform_fee = Of(fee, s.currency);
  e.mentor_earnings = Of(earnings, s.currency);
  e.tax_deduction_bps = policy.tax_deduction_bps;
  e.tax_section = policy.tax_deduction_section;
  e.tax_deduction = Of(tax, s.currency);
  e.net_amount = Of(net, s.currency);
  e.minimum_payout = Of(policy.minimum_payout_minor, s.currency);
  e.payout_method = c.payout_method.value_or(PayoutMethod::bank_transfer);
  e.balance_after = Of(s.balance - earnings, s.currency);
  e.policy = policy.name;
  return e;
}

Decision<Event> Approve(const ApprovePayout& c, const PayoutAccountState& s,
                        const DecisionContext& ctx) {
  if (!IsAdmin(ctx.actor)) {
    return Reject(codes::kAdminOnly, "only an admin may approve a payout");
  }
  const PayoutRecord* p = nullptr;
  if (auto refused = FindPayout(s, c.mentor_id, c.payout_id, &p)) return *refused;
  if (!p->machine.Allows(PayoutTrigger::approve)) return IllegalPayout(*p, "approved");
  return PayoutApproved{c.mentor_id, c.payout_id, p->payment_ids, Of(p->net_amount, s.currency),
                        ctx.actor.id};
}

Decision<Event> Cancel(const CancelPayout& c, const PayoutAccountState& s,
                       const DecisionContext& ctx) {
  if (!IsAdmin(ctx.actor)) {
    return Reject(codes::kAdminOnly, "only an admin may cancel a payout");
  }
  const PayoutRecord* p = nullptr;
  if (auto refused = FindPayout(s, c.mentor_id, c.payout_id, &p)) return *refused;
  if (!p->machine.Allows(PayoutTrigger::cancel)) return IllegalPayout(*p, "cancelled");
  if (c.reason.empty()) {
    return Reject(codes::kReasonRequired, "reason must not be empty");
  }
  return PayoutCancelled{c.mentor_id,
                         c.payout_id,
                         p->payment_ids,
                         Of(p->mentor_earnings, s.currency),
                         Of(s.balance + p->mentor_earnings, s.currency),
                         ctx.actor.id,
                         c.reason};
}

// Checks shared by the gateway's payout reports. `duplicate` is set when this exact report was
// already recorded.
std::optional<Rejection> CheckPayoutReport(const PayoutAccountState& s, const Uuid& mentor_id,
                                           const Uuid& payout_id, const std::string& reference,
                                           PayoutStatus reported, const PayoutRecord** p,
                                           bool* duplicate) {
  if (auto refused = FindPayout(s, mentor_id, payout_id, p)) return refused;
  if (reference.empty()) {
    return Reject(codes::kPayoutReferenceRequired, "payout_reference must not be empty");
  }
  *duplicate = (*p)->machine.status() == reported && (*p)->payout_reference == reference;
  if (!*duplicate && !(*p)->payout_reference.empty() && (*p)->payout_reference == reference) {
    return Reject(
        codes::kGatewayEventConflict,
        "gateway id {} already reported payout {} {}; the same id cannot report different facts",
        reference, ToString(payout_id), EnumName((*p)->machine.status()));
  }
  return std::nullopt;
}

Decision<Event> Completed(const RecordPayoutCompleted& c, const PayoutAccountState& s,
                          const DecisionContext&) {
  const PayoutRecord* p = nullptr;
  bool duplicate = false;
  if (auto refused = CheckPayoutReport(s, c.mentor_id, c.payout_id, c.payout_reference,
                                       PayoutStatus::completed, &p, &duplicate)) {
    return *refused;
  }
  if (duplicate) return Events{};  // the gateway's webhook, delivered again
  if (!p->machine.Allows(PayoutTrigger::complete)) return IllegalPayout(*p, "completed");
  PayoutCompleted e;
  e.mentor_id = c.mentor_id;
  e.payout_id = c.payout_id;
  e.payment_ids = p->payment_ids;
  e.net_amount = Of(p->net_amount, s.currency);
  e.gateway = c.gateway;
  e.payout_reference = c.payout_reference;
  e.gateway_response = c.gateway_response;
  e.paid_out_after = Of(s.paid_out + p->mentor_earnings, s.currency);
  return e;
}

Decision<Event> Failed(const RecordPayoutFailed& c, const PayoutAccountState& s,
                       const DecisionContext&) {
  const PayoutRecord* p = nullptr;
  bool duplicate = false;
  if (auto refused = CheckPayoutReport(s, c.mentor_id, c.payout_id, c.payout_reference,
                                       PayoutStatus::failed, &p, &duplicate)) {
    return *refused;
  }
  if (duplicate) return Events{};
  if (!p->machine.Allows(PayoutTrigger::fail)) return IllegalPayout(*p, "reported failed");
  if (c.failure_reason.empty()) {
    return Reject(codes::kReasonRequired, "failure_reason must not be empty");
  }
  PayoutFailed e;
  e.mentor_id = c.mentor_id;
  e.payout_id = c.payout_id;
  e.payment_ids = p->payment_ids;
  e.gateway = c.gateway;
  e.payout_reference = c.payout_reference;
  e.failure_reason = c.failure_reason;
  e.gateway_response = c.gateway_response;
  e.returned = Of(p->mentor_earnings, s.currency);
  e.balance_after = Of(s.balance + p->mentor_earnings, s.currency);
  return e;
}

// A payout leaves the flight and its earnings return to the balance (cancelled or failed).
void ReturnToBalance(PayoutAccountState& s, PayoutRecord& p) {
  for (const Uuid& id : p.payment_ids) s.credits[id].payout_id.reset();
  s.in_flight -= p.mentor_earnings;
  s.balance += p.mentor_earnings;
}

}  // namespace

Decision<Event> PayoutAccountDecider::decide(const Command& command, const State& state,
                                             const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreditMentorEarnings& c) { return Credit(c, state, ctx); },
                 [&](const RunMentorPayout& c) { return Run(c, state, ctx); },
                 [&](const ApprovePayout& c) { return Approve(c, state, ctx); },
                 [&](const CancelPayout& c) { return Cancel(c, state, ctx); },
                 [&](const RecordPayoutCompleted& c) { return Completed(c, state, ctx); },
                 [&](const RecordPayoutFailed& c) { return Failed(c, state, ctx); }},
      command);
}

PayoutAccountState PayoutAccountDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const MentorEarningsCredited& e) {
                          s.exists = true;
                          s.mentor_id = e.mentor_id;
                          s.currency = e.mentor_earnings.currency;
                          s.credits[e.payment_id] =
                              EarningCredit{e.session_id,         e.amount.minor,
                                            e.platform_fee.minor, e.mentor_earnings.minor,
                                            e.earned_at,          {}};
                          s.credited += e.mentor_earnings.minor;
                          s.balance += e.mentor_earnings.minor;
                        },
                        [&](const PayoutScheduled& e) {
                          PayoutRecord p;
                          p.payout_id = e.payout_id;
                          p.period_start = e.period_start;
                          p.period_end = e.period_end;
                          p.payment_ids = e.payment_ids;
                          p.mentor_earnings = e.mentor_earnings.minor;
                          p.net_amount = e.net_amount.minor;
                          for (const Uuid& id : e.payment_ids)
                            s.credits[id].payout_id = e.payout_id;
                          s.balance -= p.mentor_earnings;
                          s.in_flight += p.mentor_earnings;
                          s.closed_periods.emplace_back(e.period_start, e.period_end);
                          s.payouts[e.payout_id] = std::move(p);
                        },
                        [&](const PayoutCarriedOver& e) {
                          s.closed_periods.emplace_back(e.period_start, e.period_end);
                        },
                        [&](const PayoutApproved& e) {
                          s.payouts[e.payout_id].machine.Fire(PayoutTrigger::approve);
                        },
                        [&](const PayoutCancelled& e) {
                          PayoutRecord& p = s.payouts[e.payout_id];
                          p.machine.Fire(PayoutTrigger::cancel);
                          ReturnToBalance(s, p);
                        },
                        [&](const PayoutCompleted& e) {
                          PayoutRecord& p = s.payouts[e.payout_id];
                          p.machine.Fire(PayoutTrigger::complete);
                          p.payout_reference = e.payout_reference;
                          s.in_flight -= p.mentor_earnings;
                          s.paid_out += p.mentor_earnings;
                        },
                        [&](const PayoutFailed& e) {
                          PayoutRecord& p = s.payouts[e.payout_id];
                          p.machine.Fire(PayoutTrigger::fail);
                          p.payout_reference = e.payout_reference;
                          ReturnToBalance(s, p);
                        }},
             event);
  return s;
}

}  // namespace edu::mentorship
