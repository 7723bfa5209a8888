// A recipient's payout account: the splits released to them (credited by the peerloop.teaching
// reaction) and the payouts that pay them, each with its lifecycle (PayoutMachine). A payout
// claims every released split not yet claimed, so no split is ever paid twice; a rejected or
// failed payout gives its splits back.
#pragma once

#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"
#include "domain/peerloop/payout_machine.h"

namespace edu::peerloop {

struct PayoutState {
  PayoutMachine lifecycle;
  Money amount;
  std::vector<PaidSplit> splits;
  PayoutStatus status() const { return lifecycle.status(); }
};

struct PayoutAccountState {
  bool exists = false;
  Uuid recipient_id;
  std::string currency;
  std::map<Uuid, PaidSplit> available;  // released, not claimed by an open or paid payout
  std::set<Uuid> credited;              // every split ever credited
  std::map<Uuid, PayoutState> payouts;
  int64_t credited_total = 0;
  int64_t paid_total = 0;

  int64_t AvailableTotal() const;
};

struct PayoutAccountDecider {
  static constexpr const char* kCategory = kPayoutAccountCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = PayoutAccountState;
  using Command = std::variant<CreditEarnings, RequestPayout, ApprovePayout, RejectPayout,
                               StartPayoutTransfer, CompletePayout, FailPayout>;
  using Event = std::variant<EarningsCredited, PayoutRequested, PayoutApproved, PayoutRejected,
                             PayoutProcessing, PayoutCompleted, PayoutFailed>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
