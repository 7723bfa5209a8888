// The decisions on an existing feed post (CD-013, CD-024): its author edits it; its feed's
// instructor (or a moderator) pins it; members with feed access like, bookmark and repost it
// (once per type) and flag it (once, not their own); moderators review, dismiss, hide, restore
// or remove it, with a reason.
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/post.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"

namespace edu::peerloop::feed {
namespace {

using Event = PostDecider::Event;

std::optional<Rejection> Missing(const PostState& s, const Uuid& post) {
  if (!s.exists) return NotFound(codes::kPostNotFound, "post", post);
  return std::nullopt;
}

// Removed posts are final; hidden ones are out of the feeds until restored.
std::optional<Rejection> Visible(const PostState& s) {
  switch (s.moderation_status()) {
    case PostModerationStatus::visible:
      return std::nullopt;
    case PostModerationStatus::hidden:
      return Reject(codes::kPostHidden, "post {} is hidden by a moderator", ToString(s.post_id));
    case PostModerationStatus::removed:
      return Reject(codes::kPostRemoved, "post {} was removed by a moderator", ToString(s.post_id));
  }
  return std::nullopt;
}

// A member acting as themselves, registered, with access to the post's feed.
std::optional<Rejection> Member(const Uuid& user, const PostState& s,
                                const std::optional<Uuid>& enrollment_id,
                                const DecisionContext& ctx) {
  if (!Is(ctx.actor, user)) {
    return Reject(codes::kNotOwnAccount, "actor {} may act only as themselves, not as user {}",
                  ctx.actor.id, ToString(user));
  }
  if (!ctx.refs->Find<UserState>(UserStream(user))) {
    return NotFound(codes::kUserNotFound, "user", user);
  }
  if (s.instructor_id && s.course_id) {
    return CheckFeedAccess(user, *s.instructor_id, *s.course_id, enrollment_id, ctx);
  }
  return std::nullopt;
}

std::optional<Rejection> Reason(const std::string& reason, const char* what) {
  if (Trim(reason).empty()) return Reject(codes::kReasonRequired, "{} needs a reason", what);
  return std::nullopt;
}

FlagTrigger TriggerFor(FlagStatus status) {
  switch (status) {
    case FlagStatus::reviewed:
      return FlagTrigger::review;
    case FlagStatus::dismissed:
      return FlagTrigger::dismiss;
    case FlagStatus::pending:
    case FlagStatus::actioned:
      break;
  }
  return FlagTrigger::action;
}

}  // namespace

std::string Trim(const std::string& s) {
  const char* kSpace = " \t\n\r\f\v";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

std::optional<Rejection> CheckFeedAccess(const Uuid& user, const Uuid& instructor,
                                         const Uuid& course,
                                         const std::optional<Uuid>& enrollment_id,
                                         const DecisionContext& ctx) {
  if (user == instructor || IsStaff(ctx.actor)) return std::nullopt;
  const UserState* member = ctx.refs->Find<UserState>(UserStream(user));
  if (member && member->CertifiedFor(course)) return std::nullopt;
  if (!enrollment_id) {
    return Reject(codes::kNoFeedAccess,
                  "user {} has no access to instructor {}'s feed: send the enrollment_id of an "
                  "enrollment in one of their courses",
                  ToString(user), ToString(instructor));
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(*enrollment_id));
  if (!enrollment || !enrollment->exists) {
    return NotFound(codes::kEnrollmentNotFound, "enrollment", *enrollment_id);
  }
  // Any enrollment, even one later cancelled, is a purchase ever made: instructor_followers
  // keeps the pair from the first enrollment on, and readers filter by that table.
  if (enrollment->student_id != user || enrollment->creator_id != instructor) {
    return Reject(codes::kNoFeedAccess,
                  "enrollment {} is not user {}'s enrollment with instructor {}: no feed access",
                  ToString(*enrollment_id), ToString(user), ToString(instructor));
  }
  return std::nullopt;
}

Decision<Event> Edit(const EditPost& c, const PostState& s, const DecisionContext& ctx) {
  if (auto missing = Missing(s, c.post_id)) return *missing;
  if (!Is(ctx.actor, s.author_id)) {
    return Reject(codes::kNotOwnPost, "only its author edits post {}", ToString(c.post_id));
  }
  // An author may fix a hidden post (a moderator may then restore it); a removed one is final.
  if (s.moderation_status() == PostModerationStatus::removed) return *Visible(s);
  if (Trim(c.content).empty()) return Reject(codes::kContentRequired, "a post needs content");
  return PostEdited{c.post_id, s.author_id, c.content, ctx.now};
}

Decision<Event> Pin(const PinPost& c, const PostState& s, const DecisionContext& ctx) {
  if (auto missing = Missing(s, c.post_id)) return *missing;
  const bool instructor = s.instructor_id && Is(ctx.actor, *s.instructor_id);
  if (!instructor && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotFeedOwner,
                  "only the instructor of post {}'s feed or a moderator pins it",
                  ToString(c.post_id));
  }
  if (auto hidden = Visible(s)) return *hidden;
  if (s.is_pinned == c.is_pinned) {
    return Reject(codes::kPinUnchanged, "post {} is {} pinned", ToString(c.post_id),
                  s.is_pinned ? "already" : "not");
  }
  auto by = ParseUuid(ctx.actor.id);
  return PostPinned{c.post_id, c.is_pinned, by ? *by : Uuid{}, ctx.now};
}

Decision<Event> Interact(const InteractWithPost& c, const PostState& s,
                         const DecisionContext& ctx) {
  if (auto missing = Missing(s, c.post_id)) return *missing;
  if (auto refused = Member(c.user_id, s, c.enrollment_id, ctx)) return *refused;
  if (auto hidden = Visible(s)) return *hidden;
  if (s.interactions.count({c.user_id, c.type})) {
    return Reject(codes::kInteractionAlreadyExists, "user {} already {} post {}",
                  ToString(c.user_id),
                  c.type == PostInteractionType::like       ? "likes"
                  : c.type == PostInteractionType::bookmark ? "bookmarked"
                                                            : "reposted",
                  ToString(c.post_id));
  }
  if (s.interaction_ids.count(c.interaction_id)) {
    return Reject(codes::kInteractionIdTaken, "post {} already has interaction {}",
                  ToString(c.post_id), ToString(c.interaction_id));
  }
  return PostInteracted{c.interaction_id, c.post_id, c.user_id, c.type, ctx.now};
}

Decision<Event> Undo(const UndoPostInteraction& c, const PostState& s, const DecisionContext& ctx) {
  if (auto missing = Missing(s, c.post_id)) return *missing;
  if (!Is(ctx.actor, c.user_id)) {
    return Reject(codes::kNotOwnAccount, "actor {} may undo only their own interactions",
                  ctx.actor.id);
  }
  // Taking a like or a bookmark back stays possible on a hidden or removed post.
  auto it = s.interactions.find({c.user_id, c.type});
  if (it == s.interactions.end()) {
    return Reject(codes::kInteractionNotFound, "user {} has no {} on post {}", ToString(c.user_id),
                  EnumName(c.type), ToString(c.post_id));
  }
  return PostInteractionUndone{it->second, c.post_id, c.user_id, c.type, ctx.now};
}

Decision<Event> Flag(const FlagPost& c, const PostState& s, const DecisionContext& ctx) {
  if (auto missing = Missing(s, c.post_id)) return *missing;
  if (auto refused = Member(c.user_id, s, c.enrollment_id, ctx)) return *refused;
  if (auto hidden = Visible(s)) return *hidden;
  if (c.user_id == s.author_id) {
    return Reject(codes::kFlagOwnPost, "users cannot flag their own post {}", ToString(c.post_id));
  }
  if (auto empty = Reason(c.reason, "a flag")) return *empty;
  if (s.flags.count(c.flag_id)) {
    return Reject(codes::kFlagIdTaken, "post {} already has flag {}", ToString(c.post_id),
                  ToString(c.flag_id));
  }
  for (const auto& [id, flag] : s.flags) {
    if (flag.flagged_by == c.user_id) {
      return Reject(codes::kAlreadyFlagged, "user {} already flagged post {} (flag {})",
                    ToString(c.user_id), ToString(c.post_id), ToString(id));
    }
  }
  return PostFlagged{c.flag_id, c.post_id, c.user_id, Trim(c.reason), ctx.now};
}

Decision<Event> Moderate(const ModeratePost& c, const PostState& s, const DecisionContext& ctx) {
  if (auto missing = Missing(s, c.post_id)) return *missing;
  if (!IsStaff(ctx.actor)) {
    return Reject(codes::kStaffOnly, "only a moderator or an admin moderates post {}",
                  ToString(c.post_id));
  }
  if (auto empty = Reason(c.reason, "a moderation")) return *empty;
  PostModerated e;
  e.post_id = c.post_id;
  e.moderator_id = ParseUuid(ctx.actor.id).value_or(Uuid{});
  e.action = c.action;
  e.reason = Trim(c.reason);
  e.status_after = s.moderation_status();
  e.moderated_at = ctx.now;
  const std::vector<Uuid> open = s.OpenFlags();
  auto settle = [&](FlagStatus to) {
    for (const Uuid& id : open) {
      // review settles only the pending ones; reviewed flags stay reviewed.
      if (s.flags.at(id).lifecycle.Allows(TriggerFor(to))) e.flag_ids.push_back(id);
    }
    if (!e.flag_ids.empty()) e.flag_status = to;
  };
  auto move = [&](PostModerationTrigger trigger, const char* action) -> std::optional<Rejection> {
    PostModerationMachine machine = s.moderation;
    if (!machine.Fire(trigger)) {
      return IllegalTransition("post", c.post_id, s.moderation_status(), action);
    }
    e.status_after = machine.status();
    return std::nullopt;
  };
  switch (c.action) {
    case ModerationAction::review:
    case ModerationAction::dismiss: {
      if (s.moderation_status() == PostModerationStatus::removed) return *Visible(s);
      settle(c.action == ModerationAction::review ? FlagStatus::reviewed : FlagStatus::dismissed);
      if (e.flag_ids.empty()) {
        return Reject(codes::kNoOpenFlags, "post {} has no flag to {}", ToString(c.post_id),
                      EnumName(c.action));
      }
      break;
    }
    case ModerationAction::hide:
      if (auto refused = move(PostModerationTrigger::hide, "hidden")) return *refused;
      settle(FlagStatus::actioned);
      break;
    case ModerationAction::restore:
      if (auto refused = move(PostModerationTrigger::restore, "restored")) return *refused;
      break;
    case ModerationAction::remove:
      if (auto refused = move(PostModerationTrigger::remove, "removed")) return *refused;
      settle(FlagStatus::actioned);
      break;
  }
  return e;
}

}  // namespace edu::peerloop::feed
