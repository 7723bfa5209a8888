// Urban Home School people: user accounts (parents, instructors, partners, staff, admins) and
// students admitted under an admission number.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"

namespace edu::uhs {

struct UserState {
  bool exists = false;
  Uuid user_id;
  UserRole role = UserRole::parent;
};

struct UserDecider {
  static constexpr const char* kCategory = kUserCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = UserState;
  using Command = std::variant<RegisterUser>;
  using Event = std::variant<UserRegistered>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct StudentState {
  bool exists = false;
  Uuid student_id;
  Uuid user_id;
  std::optional<Uuid> parent_id;
  std::string admission_number;
  std::string grade_level;
  bool is_active = true;
};

struct StudentDecider {
  static constexpr const char* kCategory = kStudentCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = StudentState;
  using Command = std::variant<RegisterStudent>;
  using Event = std::variant<StudentRegistered>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
