#include "domain/peerloop/course.h"

#include <cctype>

#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"
#include "domain/policies.h"

namespace edu::peerloop {
namespace {

Decision<CategoryDecider::Event> Create(const CreateCategory& c, const CategoryState& s,
                                        const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kCategoryAlreadyExists, "category {} already exists",
                  ToString(c.category_id));
  }
  if (!IsStaff(ctx.actor)) {
    return Reject(codes::kStaffOnly, "only staff manage course categories");
  }
  if (c.name.empty() || c.slug.empty()) {
    return Reject(codes::kNameRequired, "a category needs a name and a slug");
  }
  return CategoryCreated{c.category_id, c.name, c.slug, c.display_order.value_or(0)};
}

bool Positive(const std::optional<int32_t>& v) { return !v || *v > 0; }

Decision<CourseDecider::Event> Create(const CreateCourse& c, const CourseState& s,
                                      const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (s.exists) {
    return Reject(codes::kCourseAlreadyExists, "course {} already exists", ToString(c.course_id));
  }
  if (!Is(ctx.actor, c.creator_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnCourse,
                  "actor {} may create courses only as themselves, not for creator {}",
                  ctx.actor.id, ToString(c.creator_id));
  }
  const UserState* creator = ctx.refs->Find<UserState>(UserStream(c.creator_id));
  if (!creator) return NotFound(codes::kCreatorNotFound, "user", c.creator_id);
  if (!creator->is_creator) {
    return Reject(codes::kNotACreator, "user {} is a {}, not a creator", ToString(c.creator_id),
                  EnumName(creator->role));
  }
  if (!ctx.refs->Find<CategoryState>(CategoryStream(c.category_id))) {
    return NotFound(codes::kCategoryNotFound, "category", c.category_id);
  }
  if (c.title.empty() || c.slug.empty() || c.description.empty() || c.duration.empty()) {
    return Reject(codes::kCourseTextRequired,
                  "title, slug, description and duration must not be empty");
  }
  if (c.tagline && CharCount(*c.tagline) > 150) {
    return Reject(codes::kTaglineTooLong, "tagline has {} characters; at most 150",
                  CharCount(*c.tagline));
  }
  if (c.price.currency != policy.currency) {
    return Reject(codes::kCurrencyMismatch, "price is in {} but PeerLoop sells in {}",
                  c.price.currency, policy.currency);
  }
  if (c.price.minor <= 0) {
    return Reject(codes::kInvalidAmount, "price must be positive, got {}", FormatMoney(c.price));
  }
  if (!Positive(c.session_count) || !Positive(c.duration_weeks) || !Positive(c.module_count) ||
      !Positive(c.lesson_count)) {
    return Reject(codes::kInvalidCount,
                  "session_count, duration_weeks, module_count and lesson_count must be positive");
  }
  if (c.session_count && *c.session_count > 100) {
    return Reject(codes::kInvalidCount, "session_count {} is above 100", *c.session_count);
  }
  const int32_t commission = c.teacher_commission.value_or(policy.default_teacher_commission);
  const int32_t max_commission = 100 - policy.platform_fee_bps / 100;
  if (commission < 0 || commission > max_commission) {
    return Reject(codes::kInvalidTeacherCommission,
                  "teacher_commission {}% is outside 0..{}% (the platform keeps {}%)", commission,
                  max_commission, policy.platform_fee_bps / 100);
  }
  CourseCreated e;
  e.course_id = c.course_id;
  e.creator_id = c.creator_id;
  e.category_id = c.category_id;
  e.title = c.title;
  e.slug = c.slug;
  e.tagline = c.tagline;
  e.description = c.description;
  e.duration = c.duration;
  e.duration_weeks = c.duration_weeks;
  e.total_duration = c.total_duration;
  e.session_count = c.session_count.value_or(1);
  e.module_count = c.module_count;
  e.lesson_count = c.lesson_count;
  e.format = c.format;
  e.level = c.level;
  e.price = c.price;
  e.thumbnail_url = c.thumbnail_url;
  e.lifetime_access = c.lifetime_access.value_or(true);
  e.has_certificate = c.has_certificate.value_or(false);
  e.certificate_name = c.certificate_name;
  e.one_on_one_teaching = true;
  e.earn_while_teaching = c.earn_while_teaching.value_or(true);
  e.teacher_commission = commission;
  return e;
}

std::string Trimmed(const std::string& s) {
  const char* kSpace = " \t\n\r\f\v";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

bool SameTag(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

Decision<CourseDecider::Event> Tag(const TagCourse& c, const CourseState& s,
                                   const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (!Is(ctx.actor, s.creator_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotCourseCreator, "only the creator of course {} (or an admin) tags it",
                  ToString(c.course_id));
  }
  const std::string tag = Trimmed(c.tag);
  if (tag.empty()) return Reject(codes::kCourseTagRequired, "a course tag must not be empty");
  for (const CourseState::Tag& t : s.tags) {
    if (t.tag_id == c.tag_id) {
      return Reject(codes::kCourseTagIdTaken, "course {} already has tag {}", ToString(c.course_id),
                    ToString(c.tag_id));
    }
    if (SameTag(t.tag, tag)) {
      return Reject(codes::kCourseTagAlreadyExists, "course {} is already tagged '{}'",
                    ToString(c.course_id), t.tag);
    }
  }
  return CourseTagged{c.course_id, c.tag_id, tag};
}

}  // namespace

Decision<CategoryDecider::Event> CategoryDecider::decide(const Command& command, const State& state,
                                                         const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const CreateCategory& c) { return Create(c, state, ctx); }},
                    command);
}

CategoryState CategoryDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CategoryCreated& e) {
               s.exists = true;
               s.category_id = e.category_id;
               s.name = e.name;
             }},
             event);
  return s;
}

Decision<CourseDecider::Event> CourseDecider::decide(const Command& command, const State& state,
                                                     const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreateCourse& c) { return Create(c, state, ctx); },
                 [&](const TagCourse& c) { return Tag(c, state, ctx); },
                 [&](const EditCourse& c) { return course_edit::Edit(c, state, ctx); },
                 [&](const SetCourseActive& c) { return course_edit::SetActive(c, state, ctx); },
                 [&](const RetireCourse& c) { return course_edit::Retire(c, state, ctx); }},
      command);
}

CourseState CourseDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CourseCreated& e) {
                          s.exists = true;
                          s.course_id = e.course_id;
                          s.creator_id = e.creator_id;
                          s.title = e.title;
                          s.price = e.price;
                          s.session_count = e.session_count;
                          s.teacher_commission = e.teacher_commission;
                          s.is_active = true;
                          s.has_certificate = e.has_certificate;
                        },
                        [&](const CourseTagged& e) {
                          s.tags.push_back({e.tag_id, e.tag});
                        },
                        [&](const CourseEdited& e) { course_edit::Apply(s, e); },
                        [&](const CourseActivationChanged& e) { course_edit::Apply(s, e); },
                        [&](const CourseRetired& e) { course_edit::Apply(s, e); }},
             event);
  return s;
}

}  // namespace edu::peerloop
