// Feed posts (CD-013, CD-024): a post in a course feed (its instructor's feed) or in the main
// feed, its edits and pin, the members' interactions with it (post_interactions), their flags
// (content_flags, FlagMachine each) and its moderation (PostModerationMachine). The decisions on
// an existing post are in feed.cc.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"
#include "domain/peerloop/feed_flag_machine.h"
#include "domain/peerloop/feed_post_machine.h"

namespace edu::peerloop {

struct PostState {
  bool exists = false;
  Uuid post_id;
  Uuid author_id;
  std::optional<Uuid> course_id;
  std::optional<Uuid> parent_id;
  std::optional<Uuid> instructor_id;  // whose feed a course-feed post is in
  bool is_pinned = false;
  PostModerationMachine moderation;
  // Live interactions by (user, type) -> interaction id; every id ever used stays taken.
  std::map<std::pair<Uuid, PostInteractionType>, Uuid> interactions;
  std::set<Uuid> interaction_ids;
  struct Flag {
    Uuid flagged_by;
    FlagMachine lifecycle;
  };
  std::map<Uuid, Flag> flags;  // by flag id

  PostModerationStatus moderation_status() const { return moderation.status(); }
  // Flags a moderator has not settled yet (pending or reviewed), in id order.
  std::vector<Uuid> OpenFlags() const;
};

struct PostDecider {
  static constexpr const char* kCategory = kPostCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = PostState;
  using Command = std::variant<CreatePost, EditPost, PinPost, InteractWithPost, UndoPostInteraction,
                               FlagPost, ModeratePost>;
  using Event = std::variant<PostCreated, PostEdited, PostPinned, PostInteracted,
                             PostInteractionUndone, PostFlagged, PostModerated>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The decisions of feed.cc, one per command on an existing post.
namespace feed {
Decision<PostDecider::Event> Edit(const EditPost& c, const PostState& s,
                                  const DecisionContext& ctx);
Decision<PostDecider::Event> Pin(const PinPost& c, const PostState& s, const DecisionContext& ctx);
Decision<PostDecider::Event> Interact(const InteractWithPost& c, const PostState& s,
                                      const DecisionContext& ctx);
Decision<PostDecider::Event> Undo(const UndoPostInteraction& c, const PostState& s,
                                  const DecisionContext& ctx);
Decision<PostDecider::Event> Flag(const FlagPost& c, const PostState& s,
                                  const DecisionContext& ctx);
Decision<PostDecider::Event> Moderate(const ModeratePost& c, const PostState& s,
                                      const DecisionContext& ctx);
// Whether the actor may act in the feed of `instructor` (a course-feed post of `course`): its
// instructor, staff, a certified student-teacher of the course, or a member whose enrollment
// `enrollment_id` is with that instructor (instructor_followers). A refusal when not.
std::optional<Rejection> CheckFeedAccess(const Uuid& user, const Uuid& instructor,
                                         const Uuid& course,
                                         const std::optional<Uuid>& enrollment_id,
                                         const DecisionContext& ctx);
// A text trimmed of surrounding whitespace.
std::string Trim(const std::string& s);
}  // namespace feed

}  // namespace edu::peerloop
