// A Skillspring course: created as a draft by its mentor with sections and lectures, submitted,
// published by an admin, archived (CourseMachine). Prices in cents of the marketplace currency.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_learning.h"
#include "domain/skillspring/course_machine.h"
#include "domain/skillspring/events.h"
#include "domain/skillspring/events_learning.h"

namespace edu::skillspring {

struct CourseState {
  bool exists = false;
  CourseMachine machine;
  Uuid course_id;
  Uuid mentor_id;
  Money list_price;
  std::optional<Money> sale_price;
  std::vector<Uuid> lecture_ids;

  CourseStatus status() const { return machine.status(); }
  // What a buyer pays now: the sale price when there is one.
  const Money& current_price() const { return sale_price ? *sale_price : list_price; }
};

struct CourseDecider {
  static constexpr const char* kCategory = kCourseCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = CourseState;
  using Command = std::variant<CreateCourse, SubmitCourse, PublishCourse, RequestCourseChanges,
                               ArchiveCourse, ChangeCoursePrice, ViewCourse, EditCourseContent>;
  using Event =
      std::variant<CourseCreated, CourseSubmitted, CoursePublished, CourseChangesRequested,
                   CourseArchived, CoursePriceChanged, CourseViewed, CourseContentEdited>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
