// A user's goodwill account (CD-023): lifetime points earned, points spent (given to others or on
// promotions), the "available to help" toggle with its daily bonus, unlocked rewards.
// Invariants at every version: balance == total_earned - spent >= 0; each reward unlocked at most
// once. Cross-account effects (a peer award's receiver, a summon's responder) arrive as
// CreditGoodwill from the peerloop.goodwill reaction, so points are conserved across accounts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"

namespace edu::peerloop {

struct UnlockState {
  Uuid unlock_id;
  int32_t points_threshold = 0;
  bool redeemed = false;
};

struct GoodwillState {
  bool exists = false;
  Uuid user_id;
  int64_t total_earned = 0;
  int64_t spent = 0;
  std::optional<Uuid> last_awarded_to_user_id;
  std::optional<Timestamp> last_awarded_at;
  std::map<Uuid, Timestamp> last_award_to;  // receiver -> when this user last awarded them
  std::set<Uuid> given;                     // award ids this user gave
  std::set<Uuid> credited;                  // award ids credited to this user
  std::map<Uuid, UnlockState> unlocked;     // reward id -> unlock
  bool is_available = false;
  std::optional<Timestamp> last_available_at;
  std::optional<Date> last_bonus_date;
  std::set<Uuid> promotions;                 // promotion ids
  std::map<Uuid, Timestamp> promoted_until;  // post -> end of this user's promotion of it

  int64_t balance() const { return total_earned - spent; }
};

struct GoodwillDecider {
  static constexpr const char* kCategory = kGoodwillCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = GoodwillState;
  using Command =
      std::variant<AwardGoodwill, CreditGoodwill, SetHelpAvailability, PromotePost, RedeemReward>;
  using Event = std::variant<GoodwillGiven, GoodwillAwarded, RewardUnlocked, RewardRedeemed,
                             HelpAvailabilityChanged, PostPromoted>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
