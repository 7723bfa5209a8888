// PeerLoop commands of direct messages, follows and notifications (issue 13). Ids of new things
// arrive here; time arrives in the DecisionContext.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/commands.h"  // kUrl
#include "domain/peerloop/messaging_types.h"
#include "domain/peerloop/types.h"

namespace edu::peerloop {

// ---- direct messages ---------------------------------------------------------------------------

// The actor (started_by) opens a conversation with the other participants; the starter is always
// a participant. Everyone named must be a registered user.
struct StartConversation {
  static constexpr const char* kType = "StartConversation";
  Uuid conversation_id;
  Uuid started_by;
  std::vector<Uuid> participant_ids;  // the others (the starter may be repeated; it is ignored)
  EDU_FIELDS(conversation_id, started_by, participant_ids)
  EDU_LIMITS(limit::Items("participant_ids", kMaxConversationParticipants))
  std::string stream_id() const { return ConversationStream(conversation_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> out = {UserStream(started_by)};
    for (const Uuid& p : participant_ids) out.push_back(UserStream(p));
    return out;
  }
};

// A participant (sender_id, the actor) writes to the conversation.
struct SendMessage {
  static constexpr const char* kType = "SendMessage";
  Uuid conversation_id;
  Uuid message_id;
  Uuid sender_id;
  std::string content;
  EDU_FIELDS(conversation_id, message_id, sender_id, content)
  EDU_LIMITS(limit::Text("content"))
  std::string stream_id() const { return ConversationStream(conversation_id); }
};

// A participant (user_id, the actor) has read the conversation up to now (last_read_at).
struct MarkConversationRead {
  static constexpr const char* kType = "MarkConversationRead";
  Uuid conversation_id;
  Uuid user_id;
  EDU_FIELDS(conversation_id, user_id)
  std::string stream_id() const { return ConversationStream(conversation_id); }
};

// ---- follows -----------------------------------------------------------------------------------

// The actor (follower_id) follows another user (follows).
struct FollowUser {
  static constexpr const char* kType = "FollowUser";
  Uuid follow_id;  // follows.id
  Uuid follower_id;
  Uuid followed_id;
  EDU_FIELDS(follow_id, follower_id, followed_id)
  std::string stream_id() const { return FollowsStream(follower_id); }
  std::vector<std::string> references() const {
    return {UserStream(follower_id), UserStream(followed_id)};
  }
};

struct UnfollowUser {
  static constexpr const char* kType = "UnfollowUser";
  Uuid follower_id;
  Uuid followed_id;
  EDU_FIELDS(follower_id, followed_id)
  std::string stream_id() const { return FollowsStream(follower_id); }
};

// The actor (user_id) follows a course without enrolling (course_follows).
struct FollowCourse {
  static constexpr const char* kType = "FollowCourse";
  Uuid follow_id;  // course_follows.id
  Uuid user_id;
  Uuid course_id;
  EDU_FIELDS(follow_id, user_id, course_id)
  std::string stream_id() const { return FollowsStream(user_id); }
  std::vector<std::string> references() const {
    return {UserStream(user_id), CourseStream(course_id)};
  }
};

struct UnfollowCourse {
  static constexpr const char* kType = "UnfollowCourse";
  Uuid user_id;
  Uuid course_id;
  EDU_FIELDS(user_id, course_id)
  std::string stream_id() const { return FollowsStream(user_id); }
};

// ---- notifications -----------------------------------------------------------------------------

// A notification for one user, issued by the peerloop.notifications reaction only (system): the
// recipient is user_id, or, for an event that names only an enrollment (a failed payment, a
// refund), the student of enrollment_id.
struct Notify {
  static constexpr const char* kType = "Notify";
  Uuid notification_id;
  std::optional<Uuid> user_id;
  std::optional<Uuid> enrollment_id;
  NotificationType type = NotificationType::message;
  std::string title;
  std::string body;
  std::optional<std::string> action_url;
  EDU_FIELDS(notification_id, user_id, enrollment_id, type, title, body, action_url)
  EDU_LIMITS(limit::Text("body"), limit::VarChar("action_url", kUrl))
  std::string stream_id() const { return NotificationStream(notification_id); }
  std::vector<std::string> references() const {
    if (enrollment_id) return {EnrollmentStream(*enrollment_id)};
    return {};
  }
};

// The recipient (the actor) has read the notification (is_read).
struct MarkNotificationRead {
  static constexpr const char* kType = "MarkNotificationRead";
  Uuid notification_id;
  EDU_FIELDS(notification_id)
  std::string stream_id() const { return NotificationStream(notification_id); }
};

}  // namespace edu::peerloop
