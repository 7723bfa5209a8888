// Urban Home School catalog: nested categories (categories; admins and staff create them, a parent
// must exist and be active, a category is never its own parent) with the courses listed in them
// (categories.course_count), and a course's page beside the course (CourseCatalogStream):
// featuring, syllabus, competencies and the students' reviews
// (enrollments.rating/review/reviewed_at, courses.average_rating/total_reviews).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/uhs/commands_catalog.h"

namespace edu::uhs {

struct CategoryState {
  bool exists = false;
  Uuid category_id;
  std::string slug;
  std::vector<Uuid> ancestors;  // parent first
  bool is_active = true;
  std::set<Uuid> courses;  // listed in it
};

struct CategoryDecider {
  static constexpr const char* kCategory = kCategoryCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = CategoryState;
  using Command = std::variant<CreateCategory, SetCategoryActive, AddCourseToCategory,
                               RemoveCourseFromCategory>;
  using Event = std::variant<CategoryCreated, CategoryActivityChanged, CourseAddedToCategory,
                             CourseRemovedFromCategory>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct CourseCatalogState {
  Uuid course_id;
  bool featured = false;
  std::map<Uuid, int32_t> ratings;  // enrollment id -> rating
  int64_t rating_sum = 0;
};

struct CourseCatalogDecider {
  static constexpr const char* kCategory = kCourseCatalogCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = CourseCatalogState;
  using Command =
      std::variant<FeatureCourse, SetCourseSyllabus, SetCourseCompetencies, ReviewCourse>;
  using Event =
      std::variant<CourseFeatured, CourseSyllabusSet, CourseCompetenciesSet, CourseReviewed>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// A category slug: lower-cased and trimmed; valid when 1..100 of a-z, 0-9 and single inner dashes.
std::string NormalizeCategorySlug(const std::string& slug);
bool IsCategorySlug(const std::string& slug);

// rating_sum * 100 / total, rounded half up (0 without reviews).
int64_t AverageHundredths(int64_t rating_sum, int64_t total);

}  // namespace edu::uhs
