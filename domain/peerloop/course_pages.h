// PeerLoop course pages (seed 001: CD-019, CD-021, CD-022, CD-025): the curriculum
// (course_curriculum: modules grouping live sessions, with video and document links), the page
// lists (course_objectives, course_includes, course_prerequisites by tier,
// course_target_audience), and what students report: ratings (courses.rating, rating_count,
// badge) and testimonials (course_testimonials). One stream per course
// (peerloop.course_page-<course>), written by the course's creator (or an admin), except the
// reviews: by students who completed the course. The course's own edits, activation and
// retirement are decided here too, on the course's stream (course.h, course_edit).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands_learning.h"
#include "domain/peerloop/events_learning.h"

namespace edu::peerloop {

struct CoursePageState {
  std::map<Uuid, int32_t> modules;  // module id -> module_order
  int32_t last_module_order = 0;
  struct Item {
    CoursePageSection section = CoursePageSection::objective;
    std::optional<PrerequisiteType> prerequisite_type;
  };
  std::map<Uuid, Item> items;
  // The highest display_order used per section (per tier for prerequisites), for the next line.
  std::map<std::string, int32_t> last_display_order;
  std::set<Uuid> review_ids;
  std::set<Uuid> reviewed_enrollments;
  std::set<Uuid> testimonials;  // reviews with a quote
  int64_t rating_sum = 0;
  int32_t rating_count = 0;

  bool HasModule(const Uuid& module) const { return modules.count(module) > 0; }
};

struct CoursePageDecider {
  static constexpr const char* kCategory = kCoursePageCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = CoursePageState;
  using Command = std::variant<AddCourseModule, EditCourseModule, AddCoursePageItem,
                               RemoveCoursePageItem, ReviewCourse, FeatureTestimonial>;
  using Event = std::variant<CourseModuleAdded, CourseModuleEdited, CoursePageItemAdded,
                             CoursePageItemRemoved, CourseReviewed, TestimonialFeatured>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The key of a page list's display order: the section, and the tier for prerequisites.
std::string DisplayOrderKey(CoursePageSection section,
                            const std::optional<PrerequisiteType>& prerequisite_type);

// The average of `count` ratings summing to `sum`, in hundredths, rounded half up (0 for none).
int32_t AverageX100(int64_t sum, int32_t count);
// The badge rule (learning_types.h): popular from kPopularMinRatings ratings averaging at least
// kPopularMinAverageX100; none otherwise.
std::optional<CourseBadge> BadgeFor(int32_t average_x100, int32_t count);

}  // namespace edu::peerloop
