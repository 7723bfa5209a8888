// A Skillspring coupon (seed: percent, max redemptions, validity window), keyed by its code.
// Redemptions are reserved here, one per cart, so redeemed_count can never exceed
// max_redemptions: ApplyCoupon reserves (within starts_at <= now < expires_at, while redemptions
// remain), the cart takes it through the skillspring-commerce reaction, and a cart that ends
// without using it gives it back (ReleaseCoupon). A mentor's coupon applies only to that mentor's
// courses.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/events.h"

namespace edu::skillspring {

struct CouponState {
  bool exists = false;
  Uuid coupon_id;
  std::string code;
  std::optional<Uuid> mentor_id;
  int32_t discount_percent = 0;
  int32_t max_redemptions = 0;
  int32_t redeemed_count = 0;
  Timestamp starts_at;
  Timestamp expires_at;
  std::set<Uuid> carts;  // carts holding a redemption
};

struct CouponDecider {
  static constexpr const char* kCategory = kCouponCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = CouponState;
  using Command = std::variant<CreateCoupon, ApplyCoupon, ReleaseCoupon>;
  using Event = std::variant<CouponCreated, CouponRedeemed, CouponReleased>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
