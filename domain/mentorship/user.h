// Mentorship user accounts (students, mentors' user records, admins, support).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/events.h"

namespace edu::mentorship {

struct UserState {
  bool exists = false;
  Uuid user_id;
  UserRole role = UserRole::student;
  std::optional<AcademicLevel> academic_level;
  std::optional<std::string> primary_language;
  std::vector<std::string> languages_spoken;
  AccountStatus status = AccountStatus::active;
};

struct UserDecider {
  static constexpr const char* kCategory = kUserCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = UserState;
  using Command = std::variant<RegisterUser>;
  using Event = std::variant<UserRegistered>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::mentorship
