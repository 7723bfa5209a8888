#include "domain/uhs/catalog.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

constexpr size_t kMaxSlug = 100;

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::optional<std::string> OptionalTrimmed(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  std::string t = TrimmedText(*v);
  if (t.empty()) return std::nullopt;
  return t;
}

// ---- categories ----

using CategoryEvent = CategoryDecider::Event;

Decision<CategoryEvent> Create(const CreateCategory& c, const CategoryState& s,
                               const DecisionContext& ctx) {
  if (!IsStaff(ctx.actor))
    return Reject(codes::kStaffOnly, "only an admin or staff creates categories");
  const std::string slug = NormalizeCategorySlug(c.slug);
  if (!IsCategorySlug(slug)) {
    return Reject(codes::kInvalidSlug,
                  "slug '{}' must be 1..{} lowercase letters, digits and single dashes", c.slug,
                  kMaxSlug);
  }
  if (s.exists) return Reject(codes::kSlugTaken, "category slug '{}' is already taken", slug);
  CategoryCreated e;
  e.category_id = CategoryIdFor(slug);
  e.slug = slug;
  e.name = TrimmedText(c.name);
  if (e.name.empty()) return Reject(codes::kNameRequired, "a category needs a name");
  e.description = OptionalTrimmed(c.description);
  e.icon = OptionalTrimmed(c.icon);
  e.image_url = OptionalTrimmed(c.image_url);
  e.display_order = c.display_order;
  if (c.parent_id) {
    if (*c.parent_id == e.category_id) {
      return Reject(codes::kCategoryCycle, "category '{}' cannot be its own parent", slug);
    }
    const CategoryState* parent = ctx.refs->Find<CategoryState>(CategoryStream(*c.parent_id));
    if (parent == nullptr || !parent->exists) {
      return Reject(codes::kCategoryNotFound, "parent category {} does not exist",
                    ToString(*c.parent_id));
    }
    // Parents are fixed at creation and must exist before their children, so a chain of
    // parents always ends at a root; this guards the chain the parent reports all the same.
    if (std::find(parent->ancestors.begin(), parent->ancestors.end(), e.category_id) !=
        parent->ancestors.end()) {
      return Reject(codes::kCategoryCycle, "category '{}' is an ancestor of its parent '{}'", slug,
                    parent->slug);
    }
    if (!parent->is_active) {
      return Reject(codes::kCategoryInactive, "parent category '{}' is not active", parent->slug);
    }
    e.parent_id = parent->category_id;
    e.ancestors.push_back(parent->category_id);
    e.ancestors.insert(e.ancestors.end(), parent->ancestors.begin(), parent->ancestors.end());
  }
  return e;
}

Decision<CategoryEvent> SetActive(const SetCategoryActive& c, const CategoryState& s,
                                  const DecisionContext& ctx) {
  if (!IsStaff(ctx.actor)) {
    return Reject(codes::kStaffOnly, "only an admin or staff shows or hides categories");
  }
  if (!s.exists) {
    return Reject(codes::kCategoryNotFound, "category {} does not exist", ToString(c.category_id));
  }
  if (s.is_active == c.is_active) {
    return Reject(codes::kCategoryActivityUnchanged, "category '{}' is already {}", s.slug,
                  s.is_active ? "active" : "inactive");
  }
  return CategoryActivityChanged{s.category_id, c.is_active};
}

// The course, when it exists and the actor may edit its page (its instructor, an admin, staff).
std::optional<Rejection> CheckEditor(const Uuid& course_id, const DecisionContext& ctx,
                                     bool staff_only) {
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(course_id));
  if (course == nullptr || !course->exists) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(course_id));
  }
  if (IsStaff(ctx.actor)) return std::nullopt;
  if (staff_only) {
    return Reject(codes::kStaffOnly, "only an admin or staff features courses on the homepage");
  }
  if (course->instructor_id && IsUser(ctx.actor, *course->instructor_id)) return std::nullopt;
  return Reject(codes::kNotOwnCourse, "only course {}'s instructor, an admin or staff edits it",
                ToString(course_id));
}

Decision<CategoryEvent> AddCourse(const AddCourseToCategory& c, const CategoryState& s,
                                  const DecisionContext& ctx) {
  if (auto denied = CheckEditor(c.course_id, ctx, false)) return *denied;
  if (!s.exists) {
    return Reject(codes::kCategoryNotFound, "category {} does not exist", ToString(c.category_id));
  }
  if (!s.is_active) return Reject(codes::kCategoryInactive, "category '{}' is not active", s.slug);
  if (s.courses.count(c.course_id) > 0) {
    return Reject(codes::kCourseAlreadyInCategory, "course {} is already in category '{}'",
                  ToString(c.course_id), s.slug);
  }
  return CourseAddedToCategory{s.category_id, c.course_id,
                               static_cast<int32_t>(s.courses.size()) + 1};
}

Decision<CategoryEvent> RemoveCourse(const RemoveCourseFromCategory& c, const CategoryState& s,
                                     const DecisionContext& ctx) {
  if (auto denied = CheckEditor(c.course_id, ctx, false)) return *denied;
  if (!s.exists) {
    return Reject(codes::kCategoryNotFound, "category {} does not exist", ToString(c.category_id));
  }
  if (s.courses.count(c.course_id) == 0) {
    return Reject(codes::kCourseNotInCategory, "course {} is not in category '{}'",
                  ToString(c.course_id), s.slug);
  }
  return CourseRemovedFromCategory{s.category_id, c.course_id,
                                   static_cast<int32_t>(s.courses.size()) - 1};
}

// ---- course page ----

using PageEvent = CourseCatalogDecider::Event;

Decision<PageEvent> Feature(const FeatureCourse& c, const CourseCatalogState& s,
                            const DecisionContext& ctx) {
  if (auto denied = CheckEditor(c.course_id, ctx, true)) return *denied;
  if (s.featured == c.featured) {
    return Reject(codes::kCourseFeaturedUnchanged, "course {} is {}", ToString(c.course_id),
                  s.featured ? "already featured" : "not featured");
  }
  return CourseFeatured{c.course_id, c.featured};
}

Decision<PageEvent> Syllabus(const SetCourseSyllabus& c, const CourseCatalogState&,
                             const DecisionContext& ctx) {
  if (auto denied = CheckEditor(c.course_id, ctx, false)) return *denied;
  if (c.units.empty()) return Reject(codes::kInvalidSyllabus, "a syllabus needs at least one unit");
  CourseSyllabusSet e;
  e.course_id = c.course_id;
  e.overview = TrimmedText(c.overview);
  std::set<std::string> titles;
  for (const SyllabusUnit& raw : c.units) {
    SyllabusUnit unit;
    unit.title = TrimmedText(raw.title);
    if (unit.title.empty()) return Reject(codes::kInvalidSyllabus, "a syllabus unit needs a title");
    if (!titles.insert(Lower(unit.title)).second) {
      return Reject(codes::kInvalidSyllabus, "unit '{}' is given twice", unit.title);
    }
    for (const std::string& topic : raw.topics) {
      std::string t = TrimmedText(topic);
      if (t.empty()) {
        return Reject(codes::kInvalidSyllabus, "unit '{}' has an empty topic", unit.title);
      }
      unit.topics.push_back(t);
    }
    e.units.push_back(std::move(unit));
  }
  return e;
}

Decision<PageEvent> Competencies(const SetCourseCompetencies& c, const CourseCatalogState&,
                                 const DecisionContext& ctx) {
  if (auto denied = CheckEditor(c.course_id, ctx, false)) return *denied;
  CourseCompetenciesSet e;
  e.course_id = c.course_id;
  std::set<std::string> seen;
  for (const std::string& raw : c.competencies) {
    std::string competency = TrimmedText(raw);
    if (competency.empty()) return Reject(codes::kInvalidCompetencies, "a competency is empty");
    if (!seen.insert(Lower(competency)).second) {
      return Reject(codes::kInvalidCompetencies, "competency '{}' is given twice", competency);
    }
    e.competencies.push_back(competency);
  }
  return e;
}

Decision<PageEvent> Review(const ReviewCourse& c, const CourseCatalogState& s,
                           const DecisionContext& ctx) {
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (course == nullptr || !course->exists) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (enrollment == nullptr || !enrollment->exists) {
    return Reject(codes::kEnrollmentNotFound, "enrollment {} does not exist",
                  ToString(c.enrollment_id));
  }
  if (enrollment->course_id != c.course_id) {
    return Reject(codes::kEnrollmentMismatch, "enrollment {} is not in course {}",
                  ToString(c.enrollment_id), ToString(c.course_id));
  }
  const bool own = IsUser(ctx.actor, enrollment->student_user_id) ||
                   (enrollment->parent_id && IsUser(ctx.actor, *enrollment->parent_id));
  if (!own) {
    return Reject(codes::kNotOwnEnrollment,
                  "only the enrolled student (or their parent) reviews the course");
  }
  const EnrollmentStatus status = enrollment->status();
  if (status != EnrollmentStatus::active && status != EnrollmentStatus::completed) {
    return Reject(codes::kEnrollmentNotReviewable, "enrollment {} is {}; it cannot review",
                  ToString(c.enrollment_id), EnumName(status));
  }
  if (c.rating < 1 || c.rating > 5) {
    return Reject(codes::kInvalidRating, "a rating is 1..5, got {}", c.rating);
  }
  if (s.ratings.count(c.enrollment_id) > 0) {
    return Reject(codes::kReviewAlreadyExists, "enrollment {} already reviewed the course",
                  ToString(c.enrollment_id));
  }
  CourseReviewed e;
  e.course_id = c.course_id;
  e.enrollment_id = c.enrollment_id;
  e.student_id = enrollment->student_user_id;
  e.enrollment_student_id = enrollment->student_id;
  e.rating = c.rating;
  e.review = OptionalTrimmed(c.review);
  e.total_reviews_after = static_cast<int32_t>(s.ratings.size()) + 1;
  e.rating_sum_after = s.rating_sum + c.rating;
  e.average_rating_hundredths = AverageHundredths(e.rating_sum_after, e.total_reviews_after);
  return e;
}

}  // namespace

std::string NormalizeCategorySlug(const std::string& slug) { return Lower(TrimmedText(slug)); }

bool IsCategorySlug(const std::string& slug) {
  if (slug.empty() || slug.size() > kMaxSlug || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (size_t i = 0; i < slug.size(); ++i) {
    const char ch = slug[i];
    if (ch == '-') {
      if (slug[i - 1] == '-') return false;
    } else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
      return false;
    }
  }
  return true;
}

Uuid CategoryIdFor(const std::string& slug) {
  return DeriveUuid(UhsNamespace(), "category-slug:" + NormalizeCategorySlug(slug));
}

int64_t AverageHundredths(int64_t rating_sum, int64_t total) {
  if (total <= 0) return 0;
  return (rating_sum * 200 + total) / (2 * total);
}

Decision<CategoryDecider::Event> CategoryDecider::decide(const Command& command, const State& state,
                                                         const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreateCategory& c) { return Create(c, state, ctx); },
                 [&](const SetCategoryActive& c) { return SetActive(c, state, ctx); },
                 [&](const AddCourseToCategory& c) { return AddCourse(c, state, ctx); },
                 [&](const RemoveCourseFromCategory& c) { return RemoveCourse(c, state, ctx); }},
      command);
}

CategoryState CategoryDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CategoryCreated& e) {
                          s.exists = true;
                          s.category_id = e.category_id;
                          s.slug = e.slug;
                          s.ancestors = e.ancestors;
                        },
                        [&](const CategoryActivityChanged& e) { s.is_active = e.is_active; },
                        [&](const CourseAddedToCategory& e) { s.courses.insert(e.course_id); },
                        [&](const CourseRemovedFromCategory& e) { s.courses.erase(e.course_id); }},
             event);
  return s;
}

Decision<CourseCatalogDecider::Event> CourseCatalogDecider::decide(const Command& command,
                                                                   const State& state,
                                                                   const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const FeatureCourse& c) { return Feature(c, state, ctx); },
                 [&](const SetCourseSyllabus& c) { return Syllabus(c, state, ctx); },
                 [&](const SetCourseCompetencies& c) { return Competencies(c, state, ctx); },
                 [&](const ReviewCourse& c) { return Review(c, state, ctx); }},
      command);
}

CourseCatalogState CourseCatalogDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CourseFeatured& e) {
                          s.course_id = e.course_id;
                          s.featured = e.featured;
                        },
                        [&](const CourseSyllabusSet& e) { s.course_id = e.course_id; },
                        [&](const CourseCompetenciesSet& e) { s.course_id = e.course_id; },
                        [&](const CourseReviewed& e) {
                          s.course_id = e.course_id;
                          s.ratings[e.enrollment_id] = e.rating;
                          s.rating_sum = e.rating_sum_after;
                        }},
             event);
  return s;
}

}  // namespace edu::uhs
