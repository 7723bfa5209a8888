#include "domain/uhs/forum.h"

#include <algorithm>
#include <cctype>

#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = ForumPostDecider::Event;
using S = ForumPostStatus;

constexpr size_t kMaxTags = 10;

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// The user behind the actor: members act as themselves; a system actor has no user id.
std::optional<Rejection> ActingUser(const DecisionContext& ctx, Uuid* user) {
  auto id = ParseUuid(ctx.actor.id);
  if (!id) {
    return Reject(codes::kNotOwnAccount, "actor {} is not a user; forum actions are a user's",
                  ctx.actor.id);
  }
  *user = *id;
  return std::nullopt;
}

Rejection Missing(const Uuid& post_id) {
  return Reject(codes::kForumPostNotFound, "forum post {} does not exist", ToString(post_id));
}

// Hidden and removed posts take nothing but moderation; locked ones take no replies.
std::optional<Rejection> CheckShown(const ForumPostState& s, const char* what) {
  if (s.status() == S::hidden || s.status() == S::removed) {
    return Reject(codes::kForumPostClosed, "forum post {} is {}; it cannot be {}",
                  ToString(s.post_id), EnumName(s.status()), what);
  }
  return std::nullopt;
}

std::optional<Rejection> CheckModerator(const DecisionContext& ctx, const char* what) {
  if (IsStaff(ctx.actor)) return std::nullopt;
  return Reject(codes::kNotForumModerator, "only a moderator (admin or staff) {} forum posts",
                what);
}

const ForumReplyState* FindReply(const ForumPostState& s, const Uuid& reply_id) {
  auto it = s.replies.find(reply_id);
  if (it == s.replies.end() || it->second.removed) return nullptr;
  return &it->second;
}

Rejection NoReply(const ForumPostState& s, const Uuid& reply_id) {
  return Reject(codes::kForumReplyNotFound, "forum post {} has no reply {}", ToString(s.post_id),
                ToString(reply_id));
}

Decision<Event> Create(const CreateForumPost& c, const ForumPostState& s,
                       const DecisionContext& ctx) {
  Uuid author;
  if (auto denied = ActingUser(ctx, &author)) return *denied;
  if (s.exists) {
    return Reject(codes::kForumPostAlreadyExists, "forum post {} already exists",
                  ToString(c.post_id));
  }
  ForumPostCreated e;
  e.post_id = c.post_id;
  e.author_id = author;
  e.title = TrimmedText(c.title);
  if (e.title.empty()) return Reject(codes::kInvalidTitle, "a forum post needs a title");
  if (TrimmedText(c.content).empty()) {
    return Reject(codes::kForumTextRequired, "a forum post needs content");
  }
  e.content = c.content;
  e.category = Lower(TrimmedText(c.category));
  if (e.category.empty()) {
    return Reject(codes::kForumCategoryRequired, "a forum post needs a category");
  }
  if (c.tags.size() > kMaxTags) {
    return Reject(codes::kInvalidForumTags, "a forum post has at most {} tags, got {}", kMaxTags,
                  c.tags.size());
  }
  for (const std::string& raw : c.tags) {
    std::string tag = TrimmedText(raw);
    if (tag.empty()) return Reject(codes::kInvalidForumTags, "a forum tag must not be empty");
    for (const std::string& earlier : e.tags) {
      if (Lower(earlier) == Lower(tag)) {
        return Reject(codes::kInvalidForumTags, "tag '{}' is given twice", tag);
      }
    }
    e.tags.push_back(tag);
  }
  return e;
}

Decision<Event> Reply(const ReplyToForumPost& c, const ForumPostState& s,
                      const DecisionContext& ctx) {
  Uuid author;
  if (auto denied = ActingUser(ctx, &author)) return *denied;
  if (!s.exists) return Missing(c.post_id);
  if (s.status() != S::visible) {
    return Reject(codes::kForumPostClosed, "forum post {} is {}; it takes no replies",
                  ToString(c.post_id), EnumName(s.status()));
  }
  if (s.replies.count(c.reply_id) > 0) {
    return Reject(codes::kForumReplyAlreadyExists, "forum post {} already has reply {}",
                  ToString(c.post_id), ToString(c.reply_id));
  }
  if (TrimmedText(c.content).empty()) {
    return Reject(codes::kForumTextRequired, "a reply needs content");
  }
  return ForumReplyPosted{c.post_id, c.reply_id, author, c.content, s.author_id, s.title};
}

Decision<Event> RemoveReply(const RemoveForumReply& c, const ForumPostState& s,
                            const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.post_id);
  const ForumReplyState* reply = FindReply(s, c.reply_id);
  if (!reply) return NoReply(s, c.reply_id);
  if (!IsStaff(ctx.actor) && !IsUser(ctx.actor, reply->author_id)) {
    return Reject(codes::kNotForumReplyAuthor,
                  "reply {} is {}'s; only its author or a moderator removes it",
                  ToString(c.reply_id), ToString(reply->author_id));
  }
  Uuid by = ParseUuid(ctx.actor.id).value_or(Uuid{});
  return ForumReplyRemoved{c.post_id, c.reply_id, by, s.solution == c.reply_id};
}

Decision<Event> Like(const LikeForumPost& c, const ForumPostState& s, const DecisionContext& ctx) {
  Uuid user;
  if (auto denied = ActingUser(ctx, &user)) return *denied;
  if (!s.exists) return Missing(c.post_id);
  if (auto closed = CheckShown(s, "liked")) return *closed;
  const std::map<Uuid, Uuid>* likes = &s.likes;
  if (c.reply_id) {
    const ForumReplyState* reply = FindReply(s, *c.reply_id);
    if (!reply) return NoReply(s, *c.reply_id);
    likes = &reply->likes;
  }
  // The seed (004 §15) makes a like unique per user and target and does not forbid liking one's
  // own post: authors may like their own.
  if (likes->count(user) > 0) {
    return Reject(codes::kForumAlreadyLiked, "user {} already likes this {}", ToString(user),
                  c.reply_id ? "reply" : "post");
  }
  if (s.like_ids.count(c.like_id) > 0) {
    return Reject(codes::kForumAlreadyLiked, "like id {} is already used on post {}",
                  ToString(c.like_id), ToString(c.post_id));
  }
  return ForumLiked{c.post_id, c.like_id, user, c.reply_id};
}

Decision<Event> Unlike(const UnlikeForumPost& c, const ForumPostState& s,
                       const DecisionContext& ctx) {
  Uuid user;
  if (auto denied = ActingUser(ctx, &user)) return *denied;
  if (!s.exists) return Missing(c.post_id);
  const std::map<Uuid, Uuid>* likes = &s.likes;
  if (c.reply_id) {
    const ForumReplyState* reply = FindReply(s, *c.reply_id);
    if (!reply) return NoReply(s, *c.reply_id);
    likes = &reply->likes;
  }
  auto it = likes->find(user);
  if (it == likes->end()) {
    return Reject(codes::kForumNotLiked, "user {} does not like this {}", ToString(user),
                  c.reply_id ? "reply" : "post");
  }
  return ForumUnliked{c.post_id, it->second, user, c.reply_id};
}

Decision<Event> Accept(const AcceptForumSolution& c, const ForumPostState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.post_id);
  if (!IsUser(ctx.actor, s.author_id)) {
    return Reject(codes::kNotForumPostAuthor,
                  "forum post {} is {}'s; only its author accepts a solution", ToString(c.post_id),
                  ToString(s.author_id));
  }
  if (auto closed = CheckShown(s, "solved")) return *closed;
  const ForumReplyState* reply = FindReply(s, c.reply_id);
  if (!reply) return NoReply(s, c.reply_id);
  if (s.solution == c.reply_id) {
    return Reject(codes::kForumSolutionAlreadyAccepted, "reply {} already is the solution",
                  ToString(c.reply_id));
  }
  return ForumSolutionAccepted{c.post_id,   c.reply_id, reply->author_id,
                               s.author_id, s.title,    s.solution};
}

Decision<Event> Flag(const FlagForumPost& c, const ForumPostState& s, const DecisionContext& ctx) {
  Uuid user;
  if (auto denied = ActingUser(ctx, &user)) return *denied;
  if (!s.exists) return Missing(c.post_id);
  if (auto closed = CheckShown(s, "flagged")) return *closed;
  std::string reason = TrimmedText(c.reason);
  if (reason.empty()) return Reject(codes::kReasonRequired, "say why the post is flagged");
  if (s.open_flags.count(user) > 0) {
    return Reject(codes::kForumAlreadyFlagged, "user {} already flagged post {}", ToString(user),
                  ToString(c.post_id));
  }
  return ForumPostFlagged{c.post_id, user, reason, static_cast<int32_t>(s.open_flags.size()) + 1};
}

Decision<Event> Dismiss(const DismissForumFlags& c, const ForumPostState& s,
                        const DecisionContext& ctx) {
  if (auto denied = CheckModerator(ctx, "dismiss flags of")) return *denied;
  if (!s.exists) return Missing(c.post_id);
  if (s.open_flags.empty()) {
    return Reject(codes::kForumNoOpenFlags, "forum post {} has no open flag", ToString(c.post_id));
  }
  return ForumFlagsDismissed{c.post_id, ParseUuid(ctx.actor.id).value_or(Uuid{}),
                             static_cast<int32_t>(s.open_flags.size())};
}

Decision<Event> Pin(const PinForumPost& c, const ForumPostState& s, const DecisionContext& ctx) {
  if (auto denied = CheckModerator(ctx, "pin")) return *denied;
  if (!s.exists) return Missing(c.post_id);
  if (auto closed = CheckShown(s, "pinned")) return *closed;
  if (s.pinned == c.pinned) {
    return Reject(codes::kForumPinUnchanged, "forum post {} is already {}", ToString(c.post_id),
                  c.pinned ? "pinned" : "not pinned");
  }
  return ForumPostPinned{c.post_id, ParseUuid(ctx.actor.id).value_or(Uuid{}), c.pinned};
}

Decision<Event> Moderate(const ModerateForumPost& c, const ForumPostState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.post_id);
  const bool own_removal =
      c.action == ForumModerationAction::remove && IsUser(ctx.actor, s.author_id);
  if (!own_removal) {
    if (auto denied = CheckModerator(ctx, "lock, unlock, hide, restore or remove")) return *denied;
  }
  if (!s.machine.Allows(c.action)) {
    return Reject(codes::kIllegalTransition, "forum post {} is {}; it cannot take '{}'",
                  ToString(c.post_id), EnumName(s.status()), EnumName(c.action));
  }
  ForumModerationMachine after = s.machine;
  after.Fire(c.action);
  ForumPostModerated e;
  e.post_id = c.post_id;
  e.moderator_id = ParseUuid(ctx.actor.id).value_or(Uuid{});
  e.action = c.action;
  e.status_before = s.status();
  e.status_after = after.status();
  if (c.reason && !TrimmedText(*c.reason).empty()) e.reason = TrimmedText(*c.reason);
  // Hiding or removing answers the open flags.
  e.flags_cleared =
      !s.open_flags.empty() && (e.status_after == S::hidden || e.status_after == S::removed);
  return e;
}

Decision<Event> View(const RecordForumView& c, const ForumPostState& s, const DecisionContext&) {
  if (!s.exists) return Missing(c.post_id);
  if (auto closed = CheckShown(s, "viewed")) return *closed;
  return ForumPostViewed{c.post_id, c.viewer_id, s.view_count + 1};
}

}  // namespace

std::string TrimmedText(const std::string& s) {
  const char* kSpace = " \t\n\r\f\v";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

Decision<Event> ForumPostDecider::decide(const Command& command, const State& state,
                                         const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreateForumPost& c) { return Create(c, state, ctx); },
                 [&](const ReplyToForumPost& c) { return Reply(c, state, ctx); },
                 [&](const RemoveForumReply& c) { return RemoveReply(c, state, ctx); },
                 [&](const LikeForumPost& c) { return Like(c, state, ctx); },
                 [&](const UnlikeForumPost& c) { return Unlike(c, state, ctx); },
                 [&](const AcceptForumSolution& c) { return Accept(c, state, ctx); },
                 [&](const FlagForumPost& c) { return Flag(c, state, ctx); },
                 [&](const DismissForumFlags& c) { return Dismiss(c, state, ctx); },
                 [&](const PinForumPost& c) { return Pin(c, state, ctx); },
                 [&](const ModerateForumPost& c) { return Moderate(c, state, ctx); },
                 [&](const RecordForumView& c) { return View(c, state, ctx); }},
      command);
}

ForumPostState ForumPostDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const ForumPostCreated& e) {
                   s.exists = true;
                   s.post_id = e.post_id;
                   s.author_id = e.author_id;
                   s.title = e.title;
                 },
                 [&](const ForumReplyPosted& e) { s.replies[e.reply_id].author_id = e.author_id; },
                 [&](const ForumReplyRemoved& e) {
                   ForumReplyState& r = s.replies[e.reply_id];
                   r.removed = true;
                   r.likes.clear();
                   if (s.solution == e.reply_id) s.solution.reset();
                 },
                 [&](const ForumLiked& e) {
                   s.like_ids.insert(e.like_id);
                   if (e.reply_id) {
                     s.replies[*e.reply_id].likes[e.user_id] = e.like_id;
                   } else {
                     s.likes[e.user_id] = e.like_id;
                   }
                 },
                 [&](const ForumUnliked& e) {
                   if (e.reply_id) {
                     s.replies[*e.reply_id].likes.erase(e.user_id);
                   } else {
                     s.likes.erase(e.user_id);
                   }
                 },
                 [&](const ForumSolutionAccepted& e) { s.solution = e.reply_id; },
                 [&](const ForumPostFlagged& e) { s.open_flags.insert(e.flagged_by); },
                 [&](const ForumFlagsDismissed&) { s.open_flags.clear(); },
                 [&](const ForumPostPinned& e) { s.pinned = e.pinned; },
                 [&](const ForumPostModerated& e) {
                   s.machine.Fire(e.action);
                   if (e.flags_cleared) s.open_flags.clear();
                 },
                 [&](const ForumPostViewed& e) { s.view_count = e.view_count_after; }},
      event);
  return s;
}

}  // namespace edu::uhs
