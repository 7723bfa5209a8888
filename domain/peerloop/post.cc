#include "domain/peerloop/post.h"

#include "domain/peerloop/course.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"

namespace edu::peerloop {
namespace {

Decision<PostDecider::Event> Create(const CreatePost& c, const PostState& s,
                                    const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kPostAlreadyExists, "post {} already exists", ToString(c.post_id));
  }
  if (!Is(ctx.actor, c.author_id)) {
    return Reject(codes::kNotOwnPost, "actor {} may post only as themselves", ctx.actor.id);
  }
  if (!ctx.refs->Find<UserState>(UserStream(c.author_id))) {
    return NotFound(codes::kAuthorNotFound, "user", c.author_id);
  }
  if (feed::Trim(c.content).empty()) {
    return Reject(codes::kContentRequired, "a post needs content");
  }
  std::optional<Uuid> instructor;
  if (c.course_id) {
    const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(*c.course_id));
    if (!course || !course->exists) return NotFound(codes::kCourseNotFound, "course", *c.course_id);
    instructor = course->creator_id;
    if (auto refused =
            feed::CheckFeedAccess(c.author_id, *instructor, *c.course_id, c.enrollment_id, ctx)) {
      return *refused;
    }
  }
  return PostCreated{
      c.post_id,   c.author_id, c.course_id, c.content, c.post_type.value_or(PostType::post),
      c.parent_id, instructor};
}

}  // namespace

std::vector<Uuid> PostState::OpenFlags() const {
  std::vector<Uuid> open;
  for (const auto& [id, flag] : flags) {
    const FlagStatus status = flag.lifecycle.status();
    if (status == FlagStatus::pending || status == FlagStatus::reviewed) open.push_back(id);
  }
  return open;
}

Decision<PostDecider::Event> PostDecider::decide(const Command& command, const State& state,
                                                 const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreatePost& c) { return Create(c, state, ctx); },
                 [&](const EditPost& c) { return feed::Edit(c, state, ctx); },
                 [&](const PinPost& c) { return feed::Pin(c, state, ctx); },
                 [&](const InteractWithPost& c) { return feed::Interact(c, state, ctx); },
                 [&](const UndoPostInteraction& c) { return feed::Undo(c, state, ctx); },
                 [&](const FlagPost& c) { return feed::Flag(c, state, ctx); },
                 [&](const ModeratePost& c) { return feed::Moderate(c, state, ctx); }},
      command);
}

PostState PostDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const PostCreated& e) {
                   s.exists = true;
                   s.post_id = e.post_id;
                   s.author_id = e.author_id;
                   s.course_id = e.course_id;
                   s.parent_id = e.parent_id;
                   s.instructor_id = e.instructor_id;
                 },
                 [&](const PostEdited&) {}, [&](const PostPinned& e) { s.is_pinned = e.is_pinned; },
                 [&](const PostInteracted& e) {
                   s.interactions[{e.user_id, e.type}] = e.interaction_id;
                   s.interaction_ids.insert(e.interaction_id);
                 },
                 [&](const PostInteractionUndone& e) {
                   s.interactions.erase({e.user_id, e.type});
                 },
                 [&](const PostFlagged& e) { s.flags[e.flag_id].flagged_by = e.flagged_by; },
                 [&](const PostModerated& e) {
                   switch (e.action) {
                     case ModerationAction::hide:
                       s.moderation.Fire(PostModerationTrigger::hide);
                       break;
                     case ModerationAction::restore:
                       s.moderation.Fire(PostModerationTrigger::restore);
                       break;
                     case ModerationAction::remove:
                       s.moderation.Fire(PostModerationTrigger::remove);
                       break;
                     case ModerationAction::review:
                     case ModerationAction::dismiss:
                       break;
                   }
                   if (!e.flag_status) return;
                   for (const Uuid& id : e.flag_ids) {
                     auto flag = s.flags.find(id);
                     if (flag == s.flags.end()) continue;
                     switch (*e.flag_status) {
                       case FlagStatus::reviewed:
                         flag->second.lifecycle.Fire(FlagTrigger::review);
                         break;
                       case FlagStatus::dismissed:
                         flag->second.lifecycle.Fire(FlagTrigger::dismiss);
                         break;
                       case FlagStatus::actioned:
                         flag->second.lifecycle.Fire(FlagTrigger::action);
                         break;
                       case FlagStatus::pending:
                         break;
                     }
                   }
                 }},
      event);
  return s;
}

}  // namespace edu::peerloop
