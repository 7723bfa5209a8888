// Skillspring wishlists (seed 003: wishlists, wishlist_items). A student keeps published courses
// they do not own yet in named wishlists: one stream per wishlist, its owner the only one who
// changes it. Created explicitly with a name, or implicitly as 'Favorites' by the first add; each
// course once, at most kMaxWishlistItems courses.
#pragma once

#include <set>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands_learning.h"
#include "domain/skillspring/events_learning.h"

namespace edu::skillspring {

struct WishlistState {
  bool exists = false;
  Uuid wishlist_id;
  Uuid student_id;
  std::string name;
  std::set<Uuid> course_ids;
};

struct WishlistDecider {
  static constexpr const char* kCategory = kWishlistCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = WishlistState;
  using Command = std::variant<CreateWishlist, AddToWishlist, RemoveFromWishlist>;
  using Event = std::variant<WishlistCreated, WishlistItemAdded, WishlistItemRemoved>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
