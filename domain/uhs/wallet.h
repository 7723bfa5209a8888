// A user's KES wallet (seed §11), one per user: its stream is keyed by the owner. The balance never
// goes below zero: a payment larger than the balance is refused, one exactly equal empties it.
// Credits (top-ups, revenue shares, refunds, returned payments) come from the uhs-money reaction;
// debits pay pending enrollments.
#pragma once

#include <set>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"

namespace edu::uhs {

struct WalletState {
  bool opened = false;
  Uuid wallet_id;
  Uuid user_id;
  Money balance;
  std::set<Uuid> paid_enrollments;
};

struct WalletDecider {
  static constexpr const char* kCategory = kWalletCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = WalletState;
  using Command = std::variant<OpenWallet, CreditWallet, PayEnrollmentFromWallet>;
  using Event = std::variant<WalletOpened, WalletCredited, WalletDebited>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
