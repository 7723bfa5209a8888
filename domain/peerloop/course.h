// PeerLoop catalog: categories and courses (with their peerloop_features).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"

namespace edu::peerloop {

struct CategoryState {
  bool exists = false;
  Uuid category_id;
  std::string name;
};

struct CategoryDecider {
  static constexpr const char* kCategory = kCategoryCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = CategoryState;
  using Command = std::variant<CreateCategory>;
  using Event = std::variant<CategoryCreated>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct CourseState {
  bool exists = false;
  Uuid course_id;
  Uuid creator_id;
  std::string title;
  Money price;
  int32_t session_count = 1;
  int32_t teacher_commission = 70;
  bool is_active = false;
  struct Tag {
    Uuid tag_id;
    std::string tag;
  };
  std::vector<Tag> tags;
};

struct CourseDecider {
  static constexpr const char* kCategory = kCourseCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = CourseState;
  using Command = std::variant<CreateCourse, TagCourse>;
  using Event = std::variant<CourseCreated, CourseTagged>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
