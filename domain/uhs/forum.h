// A Urban Home School forum post: its replies, likes (one per user and target), the solution its
// author accepts, flags, pin, view count and moderation status (ForumModerationMachine). One
// stream per post (ForumPostStream).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/forum_commands.h"

namespace edu::uhs {

struct ForumReplyState {
  Uuid author_id;
  bool removed = false;
  std::map<Uuid, Uuid> likes;  // user id -> like id
};

struct ForumPostState {
  bool exists = false;
  Uuid post_id;
  Uuid author_id;
  std::string title;
  ForumModerationMachine machine;
  bool pinned = false;
  std::optional<Uuid> solution;  // the accepted reply
  std::map<Uuid, ForumReplyState> replies;
  std::map<Uuid, Uuid> likes;  // of the post itself: user id -> like id
  std::set<Uuid> like_ids;     // every like id ever used on the post
  std::set<Uuid> open_flags;   // users whose flag is open
  int32_t view_count = 0;

  ForumPostStatus status() const { return machine.status(); }
};

struct ForumPostDecider {
  static constexpr const char* kCategory = kForumPostCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = ForumPostState;
  using Command = std::variant<CreateForumPost, ReplyToForumPost, RemoveForumReply, LikeForumPost,
                               UnlikeForumPost, AcceptForumSolution, FlagForumPost,
                               DismissForumFlags, PinForumPost, ModerateForumPost, RecordForumView>;
  using Event =
      std::variant<ForumPostCreated, ForumReplyPosted, ForumReplyRemoved, ForumLiked, ForumUnliked,
                   ForumSolutionAccepted, ForumPostFlagged, ForumFlagsDismissed, ForumPostPinned,
                   ForumPostModerated, ForumPostViewed>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// Surrounding blanks removed (ASCII whitespace).
std::string TrimmedText(const std::string& s);

}  // namespace edu::uhs
