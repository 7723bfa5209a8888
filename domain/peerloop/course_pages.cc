// The decisions of course pages and of the course's edits, activation and retirement. Who may:
// the course's creator or an admin writes the pages and edits the course; a retired course
// changes no more; a student rates a course once per completed enrollment of it.
#include "domain/peerloop/course_pages.h"

#include <algorithm>

#include "domain/peerloop/course.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/rules.h"

namespace edu::peerloop {
namespace {

using Event = CoursePageDecider::Event;

std::string Trimmed(const std::string& s) {
  const char* kSpace = " \t\n\r\f\v";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

std::optional<std::string> Trimmed(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return Trimmed(*s);
}

Uuid ActorId(const DecisionContext& ctx) { return ParseUuid(ctx.actor.id).value_or(Uuid{}); }

std::optional<Rejection> CheckCreator(const Uuid& course, const CourseState& s,
                                      const DecisionContext& ctx, const char* what) {
  if (!Is(ctx.actor, s.creator_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotCourseCreator, "only the creator of course {} (or an admin) {}",
                  ToString(course), what);
  }
  return std::nullopt;
}

// The course exists, is not retired, and the actor is its creator (or an admin).
std::optional<Rejection> CheckCourseOwner(const Uuid& course, const DecisionContext& ctx,
                                          const char* what) {
  const CourseState* s = ctx.refs->Find<CourseState>(CourseStream(course));
  if (!s || !s->exists) return NotFound(codes::kCourseNotFound, "course", course);
  if (auto refused = CheckCreator(course, *s, ctx, what)) return refused;
  if (s->is_retired) {
    return Reject(codes::kCourseRetired, "course {} is retired; its pages no longer change",
                  ToString(course));
  }
  return std::nullopt;
}

std::optional<Rejection> CheckPositive(const std::optional<int32_t>& v, const char* field) {
  if (v && *v <= 0) return Reject(codes::kInvalidCourseOrder, "{} must be positive", field);
  return std::nullopt;
}

std::optional<Rejection> CheckCount(const std::optional<int32_t>& v, const char* field) {
  if (v && *v < 0) return Reject(codes::kInvalidCourseOrder, "{} must not be negative", field);
  return std::nullopt;
}

// A module's fields, checked and trimmed, as a ModuleEvent (added or edited).
template <class ModuleEvent, class ModuleCommand>
Decision<Event> ModuleFields(const ModuleCommand& c, int32_t module_order) {
  const std::string title = Trimmed(c.title);
  const std::string description = Trimmed(c.description);
  const std::string duration = Trimmed(c.duration);
  if (title.empty() || description.empty() || duration.empty()) {
    return Reject(codes::kCoursePageTextRequired,
                  "a module needs a title, a description and a duration");
  }
  if (auto bad = CheckPositive(c.session_number, "session_number")) return *bad;
  if (auto bad = CheckPositive(c.module_order, "module_order")) return *bad;
  if (auto bad = CheckCount(c.video_count, "video_count")) return *bad;
  if (auto bad = CheckCount(c.reading_count, "reading_count")) return *bad;
  ModuleEvent e;
  e.course_id = c.course_id;
  e.module_id = c.module_id;
  e.session_number = c.session_number;
  e.title = title;
  e.description = description;
  e.duration = duration;
  e.learning_objectives = c.learning_objectives;
  e.topics_covered = c.topics_covered;
  e.hands_on_exercise = c.hands_on_exercise;
  e.video_count = c.video_count;
  e.reading_count = c.reading_count;
  e.has_assessment = c.has_assessment;
  e.module_order = c.module_order.value_or(module_order);
  e.video_url = Trimmed(c.video_url);
  e.document_url = Trimmed(c.document_url);
  return e;
}

Decision<Event> AddModule(const AddCourseModule& c, const CoursePageState& s,
                          const DecisionContext& ctx) {
  if (auto refused = CheckCourseOwner(c.course_id, ctx, "writes its curriculum")) return *refused;
  if (s.HasModule(c.module_id)) {
    return Reject(codes::kCourseModuleAlreadyExists, "course {} already has module {}",
                  ToString(c.course_id), ToString(c.module_id));
  }
  return ModuleFields<CourseModuleAdded>(c, s.last_module_order + 1);
}

Decision<Event> EditModule(const EditCourseModule& c, const CoursePageState& s,
                           const DecisionContext& ctx) {
  if (auto refused = CheckCourseOwner(c.course_id, ctx, "writes its curriculum")) return *refused;
  auto module = s.modules.find(c.module_id);
  if (module == s.modules.end()) {
    return Reject(codes::kCourseModuleNotFound, "course {} has no module {}", ToString(c.course_id),
                  ToString(c.module_id));
  }
  return ModuleFields<CourseModuleEdited>(c, module->second);
}

Decision<Event> AddItem(const AddCoursePageItem& c, const CoursePageState& s,
                        const DecisionContext& ctx) {
  if (auto refused = CheckCourseOwner(c.course_id, ctx, "writes its page")) return *refused;
  if (s.items.count(c.item_id)) {
    return Reject(codes::kCoursePageItemAlreadyExists, "course {} already has page line {}",
                  ToString(c.course_id), ToString(c.item_id));
  }
  const bool prerequisite = c.section == CoursePageSection::prerequisite;
  if (prerequisite != c.prerequisite_type.has_value()) {
    return Reject(codes::kPrerequisiteTypeRequired,
                  prerequisite ? "a prerequisite needs its prerequisite_type"
                               : "prerequisite_type is for prerequisites only, not a {}",
                  EnumName(c.section));
  }
  const std::string text = Trimmed(c.text);
  if (text.empty()) {
    return Reject(codes::kCoursePageTextRequired, "a course page {} needs text",
                  EnumName(c.section));
  }
  if (auto bad = CheckPositive(c.display_order, "display_order")) return *bad;
  auto last = s.last_display_order.find(DisplayOrderKey(c.section, c.prerequisite_type));
  const int32_t next = last == s.last_display_order.end() ? 1 : last->second + 1;
  return CoursePageItemAdded{c.course_id, c.item_id,           c.section,
                             text,        c.prerequisite_type, c.display_order.value_or(next)};
}

Decision<Event> RemoveItem(const RemoveCoursePageItem& c, const CoursePageState& s,
                           const DecisionContext& ctx) {
  if (auto refused = CheckCourseOwner(c.course_id, ctx, "writes its page")) return *refused;
  auto item = s.items.find(c.item_id);
  if (item == s.items.end()) {
    return Reject(codes::kCoursePageItemNotFound, "course {} has no page line {}",
                  ToString(c.course_id), ToString(c.item_id));
  }
  return CoursePageItemRemoved{c.course_id, c.item_id, item->second.section};
}

Decision<Event> Review(const ReviewCourse& c, const CoursePageState& s,
                       const DecisionContext& ctx) {
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course || !course->exists) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (!enrollment || !enrollment->exists) {
    return NotFound(codes::kEnrollmentNotFound, "enrollment", c.enrollment_id);
  }
  if (!Is(ctx.actor, enrollment->student_id)) {
    return Reject(codes::kNotOwnEnrollment, "only the student of enrollment {} rates its course",
                  ToString(c.enrollment_id));
  }
  if (enrollment->course_id != c.course_id) {
    return Reject(codes::kEnrollmentMismatch, "enrollment {} is not in course {}",
                  ToString(c.enrollment_id), ToString(c.course_id));
  }
  if (enrollment->status() != EnrollmentStatus::completed) {
    return Reject(codes::kEnrollmentNotCompleted,
                  "enrollment {} is {}; a course is rated after completing it",
                  ToString(c.enrollment_id), EnumName(enrollment->status()));
  }
  if (s.reviewed_enrollments.count(c.enrollment_id) || s.review_ids.count(c.review_id)) {
    return Reject(codes::kCourseAlreadyReviewed,
                  "enrollment {} already rated course {} (or review {} is taken)",
                  ToString(c.enrollment_id), ToString(c.course_id), ToString(c.review_id));
  }
  if (c.rating < 1 || c.rating > 5) {
    return Reject(codes::kInvalidRating, "rating {} is outside 1..5", c.rating);
  }
  const std::optional<std::string> quote = Trimmed(c.quote);
  const std::optional<std::string> name = Trimmed(c.student_name);
  if (quote && (quote->empty() || !name || name->empty())) {
    return Reject(codes::kTestimonialNameRequired,
                  "a testimonial needs a non-empty quote and the student's name");
  }
  CourseReviewed e;
  e.course_id = c.course_id;
  e.review_id = c.review_id;
  e.enrollment_id = c.enrollment_id;
  e.student_id = enrollment->student_id;
  e.rating = c.rating;
  if (quote) {
    e.quote = quote;
    e.student_name = name;
    e.student_role = Trimmed(c.student_role);
    if (e.student_role && e.student_role->empty()) e.student_role.reset();
  }
  e.rating_count = s.rating_count + 1;
  e.rating_average_x100 = AverageX100(s.rating_sum + c.rating, e.rating_count);
  e.badge = BadgeFor(e.rating_average_x100, e.rating_count);
  e.reviewed_at = ctx.now;
  return e;
}

Decision<Event> Feature(const FeatureTestimonial& c, const CoursePageState& s,
                        const DecisionContext& ctx) {
  if (auto refused = CheckCourseOwner(c.course_id, ctx, "features its testimonials")) {
    return *refused;
  }
  if (!s.testimonials.count(c.review_id)) {
    return Reject(codes::kTestimonialNotFound, "course {} has no testimonial {}",
                  ToString(c.course_id), ToString(c.review_id));
  }
  return TestimonialFeatured{c.course_id, c.review_id, c.is_featured};
}

}  // namespace

std::string DisplayOrderKey(CoursePageSection section,
                            const std::optional<PrerequisiteType>& prerequisite_type) {
  std::string key(EnumName(section));
  if (prerequisite_type) key += "/" + std::string(EnumName(*prerequisite_type));
  return key;
}

int32_t AverageX100(int64_t sum, int32_t count) {
  if (count <= 0) return 0;
  return static_cast<int32_t>((sum * 100 * 2 + count) / (2 * count));
}

std::optional<CourseBadge> BadgeFor(int32_t average_x100, int32_t count) {
  if (count >= kPopularMinRatings && average_x100 >= kPopularMinAverageX100) {
    return CourseBadge::popular;
  }
  return std::nullopt;
}

Decision<Event> CoursePageDecider::decide(const Command& command, const State& state,
                                          const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const AddCourseModule& c) { return AddModule(c, state, ctx); },
                 [&](const EditCourseModule& c) { return EditModule(c, state, ctx); },
                 [&](const AddCoursePageItem& c) { return AddItem(c, state, ctx); },
                 [&](const RemoveCoursePageItem& c) { return RemoveItem(c, state, ctx); },
                 [&](const ReviewCourse& c) { return Review(c, state, ctx); },
                 [&](const FeatureTestimonial& c) { return Feature(c, state, ctx); }},
      command);
}

CoursePageState CoursePageDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CourseModuleAdded& e) {
                          s.modules[e.module_id] = e.module_order;
                          s.last_module_order = std::max(s.last_module_order, e.module_order);
                        },
                        [&](const CourseModuleEdited& e) {
                          s.modules[e.module_id] = e.module_order;
                          s.last_module_order = std::max(s.last_module_order, e.module_order);
                        },
                        [&](const CoursePageItemAdded& e) {
                          s.items[e.item_id] = {e.section, e.prerequisite_type};
                          int32_t& last =
                              s.last_display_order[DisplayOrderKey(e.section, e.prerequisite_type)];
                          last = std::max(last, e.display_order);
                        },
                        [&](const CoursePageItemRemoved& e) { s.items.erase(e.item_id); },
                        [&](const CourseReviewed& e) {
                          s.review_ids.insert(e.review_id);
                          s.reviewed_enrollments.insert(e.enrollment_id);
                          if (e.quote) s.testimonials.insert(e.review_id);
                          s.rating_sum += e.rating;
                          s.rating_count = e.rating_count;
                        },
                        [&](const TestimonialFeatured&) {}},
             event);
  return s;
}

// ---- the course's edits, activation and retirement (the course's stream) ----

namespace course_edit {

Decision<CourseDecider::Event> Edit(const EditCourse& c, const CourseState& s,
                                    const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (auto refused = CheckCreator(c.course_id, s, ctx, "edits it")) return *refused;
  if (s.is_retired) {
    return Reject(codes::kCourseRetired, "course {} is retired", ToString(c.course_id));
  }
  if (!c.title && !c.tagline && !c.description && !c.duration && !c.format && !c.thumbnail_url &&
      !c.has_certificate && !c.certificate_name) {
    return Reject(codes::kCourseEditEmpty, "the edit of course {} changes nothing",
                  ToString(c.course_id));
  }
  for (const auto* text : {&c.title, &c.description, &c.duration}) {
    if (*text && Trimmed(**text).empty()) {
      return Reject(codes::kCourseTextRequired,
                    "title, description and duration must not be empty");
    }
  }
  if (c.tagline && CharCount(*c.tagline) > 150) {
    return Reject(codes::kTaglineTooLong, "tagline has {} characters; at most 150",
                  CharCount(*c.tagline));
  }
  CourseEdited e;
  e.course_id = c.course_id;
  e.title = Trimmed(c.title);
  e.tagline = c.tagline;
  e.description = c.description;
  e.duration = Trimmed(c.duration);
  e.format = c.format;
  e.thumbnail_url = c.thumbnail_url;
  e.has_certificate = c.has_certificate;
  e.certificate_name = c.certificate_name;
  e.edited_by = ActorId(ctx);
  e.edited_at = ctx.now;
  return e;
}

Decision<CourseDecider::Event> SetActive(const SetCourseActive& c, const CourseState& s,
                                         const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (auto refused = CheckCreator(c.course_id, s, ctx, "opens or closes it")) return *refused;
  if (s.is_retired) {
    return Reject(codes::kCourseRetired, "course {} is retired", ToString(c.course_id));
  }
  if (c.is_active == s.is_active) {
    return Reject(codes::kCourseActivationUnchanged, "course {} is already {}",
                  ToString(c.course_id), EnumName(s.lifecycle.status()));
  }
  return CourseActivationChanged{c.course_id, c.is_active, ActorId(ctx), ctx.now};
}

Decision<CourseDecider::Event> Retire(const RetireCourse& c, const CourseState& s,
                                      const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (auto refused = CheckCreator(c.course_id, s, ctx, "retires it")) return *refused;
  if (!s.lifecycle.Allows(CourseStatusTrigger::retire)) {
    return Reject(codes::kCourseRetired, "course {} is already retired", ToString(c.course_id));
  }
  return CourseRetired{c.course_id, ActorId(ctx), ctx.now};
}

void Apply(CourseState& s, const CourseEdited& e) {
  if (e.title) s.title = *e.title;
  if (e.has_certificate) s.has_certificate = *e.has_certificate;
}

void Apply(CourseState& s, const CourseActivationChanged& e) {
  s.lifecycle.Fire(e.is_active ? CourseStatusTrigger::activate : CourseStatusTrigger::deactivate);
  s.is_active = s.lifecycle.status() == CourseStatus::active;
}

void Apply(CourseState& s, const CourseRetired&) {
  s.lifecycle.Fire(CourseStatusTrigger::retire);
  s.is_active = false;
  s.is_retired = true;
}

}  // namespace course_edit

}  // namespace edu::peerloop
