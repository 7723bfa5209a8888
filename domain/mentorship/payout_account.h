// A mentor's payout account (stream mentorship.payout_account-<mentor id>): the mentor's share of
// every released payment is credited here (by the mentor_earnings reaction), and the weekly run
// turns the unpaid balance into a payout (PayoutMachine) once its net amount reaches the policy's
// minimum; smaller balances carry over to the next period.
// Invariant, at every version: credited == balance + in_flight + paid_out (mentor earnings), and
// none of them is ever negative.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/events.h"
#include "domain/mentorship/payout_machine.h"
#include "domain/mentorship/policy.h"

namespace edu::mentorship {

struct EarningCredit {
  Uuid session_id;
  int64_t amount = 0;
  int64_t platform_fee = 0;
  int64_t mentor_earnings = 0;
  Timestamp earned_at;
  std::optional<Uuid> payout_id;  // the payout it is in (pending, processing or completed)
};

struct PayoutRecord {
  Uuid payout_id;
  PayoutMachine machine;
  Timestamp period_start;
  Timestamp period_end;
  std::vector<Uuid> payment_ids;
  int64_t mentor_earnings = 0;  // net + tax: what leaves the balance
  int64_t net_amount = 0;
  std::string payout_reference;  // the gateway's, once reported
};

struct PayoutAccountState {
  bool exists = false;
  Uuid mentor_id;
  std::string currency;
  std::map<Uuid, EarningCredit> credits;  // by payment id
  std::map<Uuid, PayoutRecord> payouts;   // by payout id
  std::vector<std::pair<Timestamp, Timestamp>> closed_periods;
  int64_t credited = 0;   // mentor earnings credited in all
  int64_t balance = 0;    // not in any payout
  int64_t in_flight = 0;  // in pending or processing payouts
  int64_t paid_out = 0;   // in completed payouts
};

struct PayoutAccountDecider {
  static constexpr const char* kCategory = kPayoutAccountCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = PayoutAccountState;
  using Command = std::variant<CreditMentorEarnings, RunMentorPayout, ApprovePayout, CancelPayout,
                               RecordPayoutCompleted, RecordPayoutFailed>;
  using Event = std::variant<MentorEarningsCredited, PayoutScheduled, PayoutCarriedOver,
                             PayoutApproved, PayoutCancelled, PayoutCompleted, PayoutFailed>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The payout period that starts on `date` (00:00 at the policy's UTC offset). nullopt unless the
// date is a Monday.
std::optional<std::pair<Timestamp, Timestamp>> PayoutPeriod(const Date& date, const Policy& policy);

// The payout id of a mentor's period: the same run decides the same id.
Uuid PayoutIdFor(const Uuid& mentor_id, Timestamp period_start);

}  // namespace edu::mentorship
