// Urban Home School courses: created by an instructor (or by staff, platform-created), then
// published. Price in KES; 0.00 is a free course.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"

namespace edu::uhs {

struct CourseState {
  bool exists = false;
  Uuid course_id;
  std::string title;
  std::optional<Uuid> instructor_id;
  bool is_platform_created = false;
  Money price;
  std::vector<std::string> lessons;
  bool is_published = false;
};

struct CourseDecider {
  static constexpr const char* kCategory = kCourseCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = CourseState;
  using Command = std::variant<CreateCourse, PublishCourse>;
  using Event = std::variant<CourseCreated, CoursePublished>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
