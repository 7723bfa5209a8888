#include "domain/skillspring/course.h"

#include <set>

#include "domain/policies.h"
#include "domain/skillspring/media.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {
namespace {

using Event = CourseDecider::Event;

Rejection Missing(const Uuid& id) {
  return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(id));
}

Rejection IllegalTransition(const CourseState& s, const char* action) {
  return Reject(codes::kIllegalTransition, "course {} is {}; it cannot be {}",
                ToString(s.course_id), EnumName(s.status()), action);
}

std::optional<Rejection> CheckOwner(const CourseState& s, const DecisionContext& ctx) {
  if (Is(ctx.actor, s.mentor_id) || IsAdmin(ctx.actor)) return std::nullopt;
  return Reject(codes::kNotOwnCourse, "only the course's mentor or an admin may change course {}",
                ToString(s.course_id));
}

std::optional<Rejection> CheckPrices(const Money& list, const std::optional<Money>& sale,
                                     const Policy& policy) {
  if (auto bad = CheckPrice(list, policy.currency, policy.max_price_minor, "list_price"))
    return bad;
  if (!sale) return std::nullopt;
  if (auto bad = CheckPrice(*sale, policy.currency, policy.max_price_minor, "sale_price"))
    return bad;
  if (sale->minor > list.minor) {
    return Reject(codes::kSaleAboveList, "sale_price {} is above list_price {}", FormatMoney(*sale),
                  FormatMoney(list));
  }
  return std::nullopt;
}

// Sections and lectures as the event records them: positions from 1, durations summed.
std::optional<Rejection> BuildSections(const std::vector<SectionSpec>& specs, CourseCreated* e) {
  std::set<Uuid> ids;
  int32_t position = 0;
  for (const SectionSpec& spec : specs) {
    if (auto bad = CheckText(spec.title, 140, "section_title", codes::kInvalidSectionTitle))
      return bad;
    if (!ids.insert(spec.section_id).second) {
      return Reject(codes::kDuplicateId, "section id {} is used twice", ToString(spec.section_id));
    }
    Section section{spec.section_id, spec.title, ++position, 0, {}};
    for (const LectureSpec& l : spec.lectures) {
      if (auto bad = CheckText(l.title, 160, "lecture_title", codes::kInvalidLectureTitle))
        return bad;
      if (!ids.insert(l.lecture_id).second) {
        return Reject(codes::kDuplicateId, "lecture id {} is used twice", ToString(l.lecture_id));
      }
      if (l.duration_minutes < 0 || l.duration_minutes > 24 * 60) {
        return Reject(codes::kInvalidDuration, "lecture '{}' lasts {} minutes; expected 0..1440",
                      l.title, l.duration_minutes);
      }
      section.lectures.push_back(
          {l.lecture_id, l.title, static_cast<int32_t>(section.lectures.size() + 1), l.content_type,
           l.duration_minutes, l.is_preview.value_or(false), l.video_url, l.resource_url});
      section.total_duration_minutes += l.duration_minutes;
    }
    e->total_duration_minutes += section.total_duration_minutes;
    e->lecture_count += static_cast<int32_t>(section.lectures.size());
    e->sections.push_back(std::move(section));
  }
  if (e->lecture_count == 0) {
    return Reject(codes::kLecturesRequired, "a course needs at least one lecture");
  }
  return std::nullopt;
}

Decision<Event> Create(const CreateCourse& c, const CourseState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->skillspring;
  const std::string slug = NormalizeSlug(c.slug);
  if (!IsSlug(slug, 180)) {
    return Reject(codes::kInvalidSlug,
                  "slug '{}' must be 1..180 lowercase letters, digits and single dashes", c.slug);
  }
  if (s.exists) {
    return Reject(codes::kSlugTaken, "course slug '{}' is already taken", slug);
  }
  if (!Is(ctx.actor, c.mentor_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnCourse, "a mentor creates courses as their own (mentor_id = {})",
                  ctx.actor.id);
  }
  const UserState* mentor = ctx.refs->Find<UserState>(UserStream(c.mentor_id));
  if (!mentor || mentor->role != UserRole::mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} is not registered", ToString(c.mentor_id));
  }
  if (auto bad = CheckText(c.title, 140, "title", codes::kInvalidTitle)) return *bad;
  if (c.subtitle && c.subtitle->size() > 220) {
    return Reject(codes::kInvalidSubtitle, "subtitle has at most 220 characters");
  }
  if (auto bad = CheckText(c.language_code, 5, "language_code", codes::kInvalidLanguageCode))
    return *bad;
  if (auto bad = CheckPrices(c.list_price, c.sale_price, policy)) return *bad;
  CourseCreated e;
  e.course_id = CourseIdFor(slug);
  e.slug = slug;
  e.mentor_id = c.mentor_id;
  e.title = c.title;
  e.subtitle = c.subtitle;
  e.description = c.description;
  e.language_code = c.language_code;
  e.level = c.level;
  e.list_price = c.list_price;
  e.sale_price = c.sale_price;
  if (auto bad = BuildSections(c.sections, &e)) return *bad;
  std::set<std::string> tags;
  for (const auto& t : c.tags) {
    std::string tag = NormalizeSlug(t);
    if (tag.empty() || tag.size() > 40) {
      return Reject(codes::kInvalidTag, "tag '{}' must have 1..40 characters", t);
    }
    if (tags.insert(tag).second) e.tags.push_back(tag);
  }
  for (const auto& slug_of_category : c.category_slugs) {
    const CategoryState* category = ctx.refs->Find<CategoryState>(CategoryStream(slug_of_category));
    if (!category) {
      return Reject(codes::kCategoryNotFound, "category '{}' does not exist", slug_of_category);
    }
    e.category_ids.push_back(category->category_id);
  }
  e.prerequisites = c.prerequisites;
  e.hero_video_url = c.hero_video_url;
  e.thumbnail_url = c.thumbnail_url;
  return e;
}

// Why `trigger` may not happen now (missing course, not allowed, illegal transition), or nullopt.
template <class Command>
std::optional<Rejection> CheckTransition(const Command& c, const CourseState& s,
                                         const DecisionContext& ctx, CourseTrigger trigger,
                                         const char* action, bool admin_only) {
  if (!s.exists) return Missing(c.course_id);
  if (admin_only && !IsAdmin(ctx.actor)) {
    return Reject(codes::kAdminOnly, "only an admin may have a course {}", action);
  }
  if (auto denied = CheckOwner(s, ctx)) return denied;
  if (!s.machine.Allows(trigger)) return IllegalTransition(s, action);
  return std::nullopt;
}

Decision<Event> Submit(const SubmitCourse& c, const CourseState& s, const DecisionContext& ctx) {
  if (auto no = CheckTransition(c, s, ctx, CourseTrigger::submit, "submitted", false)) return *no;
  return CourseSubmitted{c.course_id};
}

Decision<Event> Publish(const PublishCourse& c, const CourseState& s, const DecisionContext& ctx) {
  if (auto no = CheckTransition(c, s, ctx, CourseTrigger::publish, "published", true)) return *no;
  return CoursePublished{c.course_id, s.lecture_ids};
}

Decision<Event> SendBack(const RequestCourseChanges& c, const CourseState& s,
                         const DecisionContext& ctx) {
  if (auto no = CheckTransition(c, s, ctx, CourseTrigger::request_changes, "sent back for changes",
                                true)) {
    return *no;
  }
  if (c.notes.empty()) {
    return Reject(codes::kNotesRequired, "say what should change (notes)");
  }
  return CourseChangesRequested{c.course_id, c.notes};
}

Decision<Event> Archive(const ArchiveCourse& c, const CourseState& s, const DecisionContext& ctx) {
  if (auto no = CheckTransition(c, s, ctx, CourseTrigger::archive, "archived", false)) return *no;
  return CourseArchived{c.course_id, s.status()};
}

Decision<Event> Reprice(const ChangeCoursePrice& c, const CourseState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.course_id);
  if (auto denied = CheckOwner(s, ctx)) return *denied;
  if (s.status() == CourseStatus::archived) return IllegalTransition(s, "repriced");
  if (auto bad = CheckPrices(c.list_price, c.sale_price, ctx.policies->skillspring)) return *bad;
  return CoursePriceChanged{c.course_id, c.list_price, c.sale_price};
}

Decision<Event> View(const ViewCourse& c, const CourseState& s, const DecisionContext&) {
  if (!s.exists) return Missing(c.course_id);
  if (s.status() != CourseStatus::published) {
    return Reject(codes::kCourseNotAvailable, "course {} is {}, not on sale", ToString(c.course_id),
                  EnumName(s.status()));
  }
  return CourseViewed{c.course_id};
}

// Content edits (issue 14): only the fields sent change, each checked as at creation.
Decision<Event> EditContent(const EditCourseContent& c, const CourseState& s,
                            const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.course_id);
  if (auto denied = CheckOwner(s, ctx)) return *denied;
  if (s.status() == CourseStatus::archived) {
    return Reject(codes::kCourseArchived, "course {} is archived", ToString(c.course_id));
  }
  CourseContentEdited e;
  e.course_id = c.course_id;
  if (c.title) {
    e.title = TrimmedText(*c.title);
    if (auto bad = CheckText(*e.title, 140, "title", codes::kInvalidTitle)) return *bad;
  }
  if (c.subtitle) {
    e.subtitle = TrimmedText(*c.subtitle);
    if (e.subtitle->size() > 220) {
      return Reject(codes::kInvalidSubtitle, "subtitle has at most 220 characters");
    }
  }
  if (c.description) {
    e.description = TrimmedText(*c.description);
    if (auto bad = CheckText(*e.description, 10'000, "description", codes::kInvalidDescription))
      return *bad;
  }
  e.level = c.level;
  if (c.hero_video_url) {
    if (auto bad = CheckMediaUrl(*c.hero_video_url, "hero_video_url")) return *bad;
    e.hero_video_url = c.hero_video_url;
  }
  if (c.hero_video_asset_id) {
    const auto* asset = ctx.refs->Find<MediaAssetState>(MediaAssetStream(*c.hero_video_asset_id));
    if (!asset || !asset->exists) {
      return Reject(codes::kMediaAssetNotFound, "media asset {} was never uploaded",
                    ToString(*c.hero_video_asset_id));
    }
    if (asset->owner_id != s.course_id && asset->owner_id != s.mentor_id) {
      return Reject(codes::kNotOwnMedia, "media asset {} belongs to another course or mentor",
                    ToString(*c.hero_video_asset_id));
    }
    if (asset->file_type != MediaFileType::video || asset->status() != TranscodingStatus::ready) {
      return Reject(codes::kMediaNotReady, "media asset {} is a {} {}, not a ready video",
                    ToString(*c.hero_video_asset_id), EnumName(asset->status()),
                    EnumName(asset->file_type));
    }
    e.hero_video_asset_id = c.hero_video_asset_id;
    e.hero_video_url = asset->url;
  }
  if (c.thumbnail_url) {
    if (auto bad = CheckMediaUrl(*c.thumbnail_url, "thumbnail_url")) return *bad;
    e.thumbnail_url = c.thumbnail_url;
  }
  if (!e.title && !e.subtitle && !e.description && !e.level && !e.hero_video_url &&
      !e.thumbnail_url) {
    return Reject(codes::kNothingToEdit, "send at least one field of course {} to change",
                  ToString(c.course_id));
  }
  return e;
}

}  // namespace

Decision<Event> CourseDecider::decide(const Command& command, const State& state,
                                      const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreateCourse& c) { return Create(c, state, ctx); },
                 [&](const SubmitCourse& c) { return Submit(c, state, ctx); },
                 [&](const PublishCourse& c) { return Publish(c, state, ctx); },
                 [&](const RequestCourseChanges& c) { return SendBack(c, state, ctx); },
                 [&](const ArchiveCourse& c) { return Archive(c, state, ctx); },
                 [&](const ChangeCoursePrice& c) { return Reprice(c, state, ctx); },
                 [&](const ViewCourse& c) { return View(c, state, ctx); },
                 [&](const EditCourseContent& c) { return EditContent(c, state, ctx); }},
      command);
}

CourseState CourseDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CourseCreated& e) {
                          s.exists = true;
                          s.course_id = e.course_id;
                          s.mentor_id = e.mentor_id;
                          s.list_price = e.list_price;
                          s.sale_price = e.sale_price;
                          for (const auto& section : e.sections) {
                            for (const auto& l : section.lectures)
                              s.lecture_ids.push_back(l.lecture_id);
                          }
                        },
                        [&](const CourseSubmitted&) { s.machine.Fire(CourseTrigger::submit); },
                        [&](const CoursePublished&) { s.machine.Fire(CourseTrigger::publish); },
                        [&](const CourseChangesRequested&) {
                          s.machine.Fire(CourseTrigger::request_changes);
                        },
                        [&](const CourseArchived&) { s.machine.Fire(CourseTrigger::archive); },
                        [&](const CoursePriceChanged& e) {
                          s.list_price = e.list_price;
                          s.sale_price = e.sale_price;
                        },
                        [&](const CourseViewed&) {}, [&](const CourseContentEdited&) {}},
             event);
  return s;
}

}  // namespace edu::skillspring
