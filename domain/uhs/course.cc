#include "domain/uhs/course.h"

#include <set>

#include "domain/policies.h"
#include "domain/uhs/people.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

Decision<CourseDecider::Event> Create(const CreateCourse& c, const CourseState& state,
                                      const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->uhs;
  if (state.exists) {
    return Reject(codes::kCourseAlreadyExists, "course {} already exists", ToString(c.course_id));
  }
  if (ctx.actor.role == "instructor" &&
      (!c.instructor_id || !IsUser(ctx.actor, *c.instructor_id))) {
    return Reject(codes::kNotOwnCourse,
                  "an instructor creates courses as their own (instructor_id = {})", ctx.actor.id);
  }
  if (c.instructor_id) {
    const UserState* instructor = ctx.refs->Find<UserState>(UserStream(*c.instructor_id));
    if (!instructor) {
      return Reject(codes::kInstructorNotFound, "instructor {} is not registered",
                    ToString(*c.instructor_id));
    }
    if (instructor->role != UserRole::instructor) {
      return Reject(codes::kNotAnInstructor, "user {} is a {}, not an instructor",
                    ToString(*c.instructor_id), EnumName(instructor->role));
    }
  }
  if (c.title.empty() || c.title.size() > 200) {
    return Reject(codes::kInvalidTitle, "title must have 1..200 characters");
  }
  if (c.learning_area.empty()) {
    return Reject(codes::kLearningAreaRequired, "learning_area must not be empty");
  }
  if (c.grade_levels.empty()) {
    return Reject(codes::kGradeLevelsRequired,
                  "grade_levels must name at least one grade (e.g. 'Grade 7')");
  }
  if (c.price.currency != policy.currency) {
    return Reject(codes::kCurrencyMismatch,
                  "price is in {}, but Urban Home School prices are in {}", c.price.currency,
                  policy.currency);
  }
  if (c.price.minor < 0 || c.price.minor > policy.max_payment_minor) {
    return Reject(codes::kInvalidAmount, "price must be within 0..{}, got {}",
                  FormatMoney(Money{policy.max_payment_minor, policy.currency}),
                  FormatMoney(c.price));
  }
  if (c.lessons.empty()) {
    return Reject(codes::kLessonsRequired, "a course needs at least one lesson");
  }
  std::set<std::string> distinct(c.lessons.begin(), c.lessons.end());
  if (distinct.size() != c.lessons.size() || distinct.count("")) {
    return Reject(codes::kInvalidLessons, "lesson ids must be non-empty and distinct");
  }
  if (c.estimated_duration_hours && *c.estimated_duration_hours <= 0) {
    return Reject(codes::kInvalidDuration, "estimated_duration_hours must be positive, got {}",
                  *c.estimated_duration_hours);
  }
  CourseCreated e;
  e.course_id = c.course_id;
  e.title = c.title;
  e.description = c.description;
  e.grade_levels = c.grade_levels;
  e.learning_area = c.learning_area;
  e.instructor_id = c.instructor_id;
  e.is_platform_created = !c.instructor_id;
  e.price = c.price;
  e.lessons = c.lessons;
  e.estimated_duration_hours = c.estimated_duration_hours;
  return e;
}

Decision<CourseDecider::Event> Publish(const PublishCourse& c, const CourseState& state,
                                       const DecisionContext& ctx) {
  if (!state.exists) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  bool owner = state.instructor_id && IsUser(ctx.actor, *state.instructor_id);
  if (!owner && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnCourse,
                  "only the course's instructor or staff may publish course {}",
                  ToString(c.course_id));
  }
  if (state.is_published) {
    return Reject(codes::kIllegalTransition, "course {} is already published",
                  ToString(c.course_id));
  }
  return CoursePublished{c.course_id};
}

}  // namespace

Decision<CourseDecider::Event> CourseDecider::decide(const Command& command, const State& state,
                                                     const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const CreateCourse& c) { return Create(c, state, ctx); },
                               [&](const PublishCourse& c) { return Publish(c, state, ctx); }},
                    command);
}

CourseState CourseDecider::evolve(State state, const Event& event) {
  std::visit(Overloaded{[&](const CourseCreated& e) {
                          state.exists = true;
                          state.course_id = e.course_id;
                          state.title = e.title;
                          state.instructor_id = e.instructor_id;
                          state.is_platform_created = e.is_platform_created;
                          state.price = e.price;
                          state.lessons = e.lessons;
                        },
                        [&](const CoursePublished&) { state.is_published = true; }},
             event);
  return state;
}

}  // namespace edu::uhs
