// PeerLoop catalog: categories and courses (with their peerloop_features).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/commands_learning.h"
#include "domain/peerloop/course_status_machine.h"
#include "domain/peerloop/events.h"
#include "domain/peerloop/events_learning.h"

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
  bool is_active = false;  // takes enrollments: lifecycle is active
  bool is_retired = false;
  bool has_certificate = false;
  CourseStatusMachine lifecycle;  // edits, activation, retirement: course_pages.cc
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
  using Command = std::variant<CreateCourse, TagCourse, EditCourse, SetCourseActive, RetireCourse>;
  using Event = std::variant<CourseCreated, CourseTagged, CourseEdited, CourseActivationChanged,
                             CourseRetired>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The course's edits, activation and retirement (decided in course_pages.cc).
namespace course_edit {
Decision<CourseDecider::Event> Edit(const EditCourse& c, const CourseState& s,
                                    const DecisionContext& ctx);
Decision<CourseDecider::Event> SetActive(const SetCourseActive& c, const CourseState& s,
                                         const DecisionContext& ctx);
Decision<CourseDecider::Event> Retire(const RetireCourse& c, const CourseState& s,
                                      const DecisionContext& ctx);
void Apply(CourseState& s, const CourseEdited& e);
void Apply(CourseState& s, const CourseActivationChanged& e);
void Apply(CourseState& s, const CourseRetired& e);
}  // namespace course_edit

}  // namespace edu::peerloop
