// Feed posts (CD-013), as far as goodwill needs them: a post exists, and belongs to a course feed
// or to the main feed.
#pragma once

#include <optional>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"

namespace edu::peerloop {

struct PostState {
  bool exists = false;
  Uuid post_id;
  Uuid author_id;
  std::optional<Uuid> course_id;
  std::optional<Uuid> parent_id;
};

struct PostDecider {
  static constexpr const char* kCategory = kPostCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = PostState;
  using Command = std::variant<CreatePost>;
  using Event = std::variant<PostCreated>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
