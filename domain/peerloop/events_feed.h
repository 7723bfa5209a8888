// PeerLoop feed events (CD-013, CD-024): posts, their edits and pins, members' interactions
// (post_interactions), flags (content_flags) and moderators' decisions. All of them belong to
// the post's own stream (peerloop.post-<id>), so a post's rows are written in order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/feed_flag_machine.h"
#include "domain/peerloop/feed_post_machine.h"
#include "domain/peerloop/types.h"

namespace edu::peerloop {

// post_interactions.type
EDU_ENUM(PostInteractionType, like, bookmark, repost)
// What a moderator does with a post and its open flags: review (flags seen, post left up),
// dismiss (flags rejected, post left up), hide, restore (a hidden post), remove (final).
EDU_ENUM(ModerationAction, review, dismiss, hide, restore, remove)

struct PostCreated {
  static constexpr const char* kType = "PostCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid author_id;
  std::optional<Uuid> course_id;
  std::string content;
  PostType post_type = PostType::post;
  std::optional<Uuid> parent_id;
  // A course-feed post is in its instructor's feed (the course's creator; CD-024): who may act on
  // it follows from this. Absent on main-feed posts (and on course posts recorded before it was).
  std::optional<Uuid> instructor_id;
  EDU_FIELDS(post_id, author_id, course_id, content, post_type, parent_id, instructor_id)
};

// The author rewrote the post (posts.content, posts.updated_at).
struct PostEdited {
  static constexpr const char* kType = "PostEdited";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid edited_by;
  std::string content;
  Timestamp edited_at;
  EDU_FIELDS(post_id, edited_by, content, edited_at)
};

// The feed's instructor (or a moderator) pinned or unpinned the post (posts.is_pinned).
struct PostPinned {
  static constexpr const char* kType = "PostPinned";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  bool is_pinned = false;
  Uuid pinned_by;
  Timestamp pinned_at;
  EDU_FIELDS(post_id, is_pinned, pinned_by, pinned_at)
};

// A like, bookmark or repost (post_interactions); one per user, type and post.
struct PostInteracted {
  static constexpr const char* kType = "PostInteracted";
  static constexpr int kSchemaVersion = 1;
  Uuid interaction_id;
  Uuid post_id;
  Uuid user_id;
  PostInteractionType type = PostInteractionType::like;
  Timestamp interacted_at;
  EDU_FIELDS(interaction_id, post_id, user_id, type, interacted_at)
};

// The user took the interaction back (its post_interactions row goes).
struct PostInteractionUndone {
  static constexpr const char* kType = "PostInteractionUndone";
  static constexpr int kSchemaVersion = 1;
  Uuid interaction_id;
  Uuid post_id;
  Uuid user_id;
  PostInteractionType type = PostInteractionType::like;
  Timestamp undone_at;
  EDU_FIELDS(interaction_id, post_id, user_id, type, undone_at)
};

// A member flagged the post for moderation (content_flags, status pending).
struct PostFlagged {
  static constexpr const char* kType = "PostFlagged";
  static constexpr int kSchemaVersion = 1;
  Uuid flag_id;
  Uuid post_id;
  Uuid flagged_by;
  std::string reason;  // trimmed
  Timestamp flagged_at;
  EDU_FIELDS(flag_id, post_id, flagged_by, reason, flagged_at)
};

// A moderator's decision: the post's moderation status after it, and the open flags it settled
// with the status they now have (none settled by a restore, or a hide with no flag open).
struct PostModerated {
  static constexpr const char* kType = "PostModerated";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid moderator_id;
  ModerationAction action = ModerationAction::review;
  std::string reason;  // trimmed
  PostModerationStatus status_after = PostModerationStatus::visible;
  std::vector<Uuid> flag_ids;
  std::optional<FlagStatus> flag_status;  // what the flags in flag_ids became
  Timestamp moderated_at;
  EDU_FIELDS(post_id, moderator_id, action, reason, status_after, flag_ids, flag_status,
             moderated_at)
};

}  // namespace edu::peerloop
