// PeerLoop feed commands (CD-013, CD-024). Every one acts on a post's stream. Course-feed posts
// are in their instructor's feed (the course's creator): posting and acting there takes feed
// access, which the course's creator, its certified student-teachers and staff have, and every
// member who ever enrolled in one of the instructor's courses (instructor_followers). Such a
// member proves it with `enrollment_id`, one of their enrollments with that instructor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/events_feed.h"
#include "domain/peerloop/types.h"

namespace edu::peerloop {

struct CreatePost {
  static constexpr const char* kType = "CreatePost";
  Uuid post_id;
  Uuid author_id;
  std::optional<Uuid> course_id;  // a course-feed post; absent for the main feed
  std::string content;
  std::optional<PostType> post_type;  // post when absent
  std::optional<Uuid> parent_id;
  std::optional<Uuid> enrollment_id =
      std::nullopt;  // the author's feed access to a course feed, when needed
  EDU_FIELDS(post_id, author_id, course_id, content, post_type, parent_id, enrollment_id)
  EDU_LIMITS(limit::Text("content"))
  std::string stream_id() const { return PostStream(post_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {UserStream(author_id)};
    if (course_id) refs.push_back(CourseStream(*course_id));
    if (enrollment_id) refs.push_back(EnrollmentStream(*enrollment_id));
    return refs;
  }
};

// The author rewrites their post (not a removed one).
struct EditPost {
  static constexpr const char* kType = "EditPost";
  Uuid post_id;
  std::string content;
  EDU_FIELDS(post_id, content)
  EDU_LIMITS(limit::Text("content"))
  std::string stream_id() const { return PostStream(post_id); }
};

// Pins (or unpins) a post in its feed: the feed's instructor or a moderator; main-feed posts
// are pinned by moderators only.
struct PinPost {
  static constexpr const char* kType = "PinPost";
  Uuid post_id;
  bool is_pinned = true;
  EDU_FIELDS(post_id, is_pinned)
  std::string stream_id() const { return PostStream(post_id); }
};

// A like, bookmark or repost, once per user, type and post; not on a hidden or removed post.
struct InteractWithPost {
  static constexpr const char* kType = "InteractWithPost";
  Uuid interaction_id;
  Uuid post_id;
  Uuid user_id;
  PostInteractionType type = PostInteractionType::like;
  std::optional<Uuid> enrollment_id =
      std::nullopt;  // feed access to a course-feed post, when needed
  EDU_FIELDS(interaction_id, post_id, user_id, type, enrollment_id)
  std::string stream_id() const { return PostStream(post_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {UserStream(user_id)};
    if (enrollment_id) refs.push_back(EnrollmentStream(*enrollment_id));
    return refs;
  }
};

// Takes back the user's interaction of that type (unlike, unbookmark, unrepost).
struct UndoPostInteraction {
  static constexpr const char* kType = "UndoPostInteraction";
  Uuid post_id;
  Uuid user_id;
  PostInteractionType type = PostInteractionType::like;
  EDU_FIELDS(post_id, user_id, type)
  std::string stream_id() const { return PostStream(post_id); }
};

// Flags someone else's post for moderation, once per user and post, with a reason.
struct FlagPost {
  static constexpr const char* kType = "FlagPost";
  Uuid flag_id;
  Uuid post_id;
  Uuid user_id;
  std::string reason;
  std::optional<Uuid> enrollment_id =
      std::nullopt;  // feed access to a course-feed post, when needed
  EDU_FIELDS(flag_id, post_id, user_id, reason, enrollment_id)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return PostStream(post_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {UserStream(user_id)};
    if (enrollment_id) refs.push_back(EnrollmentStream(*enrollment_id));
    return refs;
  }
};

// A moderator (or an admin) decides on a post and its open flags, saying why.
struct ModeratePost {
  static constexpr const char* kType = "ModeratePost";
  Uuid post_id;
  ModerationAction action = ModerationAction::review;
  std::string reason;
  EDU_FIELDS(post_id, action, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return PostStream(post_id); }
};

}  // namespace edu::peerloop
