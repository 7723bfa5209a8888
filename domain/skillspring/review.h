// A course review (seed: only from enrolled students, is_verified; one per student and course by
// its id; rating 1..5) and its helpful votes (one per review and student).
#pragma once

#include <set>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/events.h"

namespace edu::skillspring {

struct ReviewState {
  bool exists = false;
  Uuid review_id;
  Uuid student_id;
  std::set<Uuid> voters;
  int32_t helpful_count = 0;
};

struct ReviewDecider {
  static constexpr const char* kCategory = kReviewCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = ReviewState;
  using Command = std::variant<WriteReview, VoteReview>;
  using Event = std::variant<ReviewWritten, ReviewVoted>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
