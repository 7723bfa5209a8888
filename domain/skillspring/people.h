// Skillspring users (students, mentors, admins; a mentor's rating follows their reviews) and the
// category tree of the catalog.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_qa.h"
#include "domain/skillspring/events.h"
#include "domain/skillspring/events_qa.h"

namespace edu::skillspring {

struct UserState {
  bool exists = false;
  Uuid user_id;
  UserRole role = UserRole::student;
  UserStatus status = UserStatus::active;
  std::set<Uuid> rated_reviews;
  std::set<Uuid> withdrawn_reviews;  // removed reviews that left the rating
  int32_t total_reviews = 0;
  int64_t rating_sum = 0;
};

struct UserDecider {
  static constexpr const char* kCategory = kUserCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = UserState;
  using Command = std::variant<RegisterUser, RecordMentorRating, WithdrawMentorRating>;
  using Event = std::variant<UserRegistered, MentorRatingRecorded, MentorRatingWithdrawn>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct CategoryState {
  bool exists = false;
  Uuid category_id;
  int32_t level = 0;
};

struct CategoryDecider {
  static constexpr const char* kCategory = kCategoryCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = CategoryState;
  using Command = std::variant<CreateCategory>;
  using Event = std::variant<CategoryCreated>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// sum / count in hundredths, rounded half up (4.666.. -> 467).
int32_t AverageHundredths(int64_t sum, int64_t count);

}  // namespace edu::skillspring
