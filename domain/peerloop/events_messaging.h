// PeerLoop events of direct messages, follows and notifications (issue 13). They carry what the
// read tables and the reactions need (the recipients of a message, the participant rows' ids, the
// instants), so projections and reactions never re-derive the rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/messaging_types.h"

namespace edu::peerloop {

// ---- direct messages ---------------------------------------------------------------------------

struct ConversationParticipant {
  Uuid participant_id;  // conversation_participants.id (ConversationParticipantId)
  Uuid user_id;
  EDU_FIELDS(participant_id, user_id)
};

struct ConversationStarted {
  static constexpr const char* kType = "ConversationStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid conversation_id;
  Uuid started_by;
  std::vector<ConversationParticipant> participants;  // the starter first, then the others
  Timestamp started_at;                               // created_at, joined_at
  EDU_FIELDS(conversation_id, started_by, participants, started_at)
};

// The content is free text by the sender: theirs, sealed with their key on the log.
struct MessageSent {
  static constexpr const char* kType = "MessageSent";
  static constexpr int kSchemaVersion = 1;
  Uuid conversation_id;
  Uuid message_id;
  Uuid sender_id;
  Personal<std::string> content;
  std::vector<Uuid> recipient_ids;  // the other participants (they are notified)
  Timestamp sent_at;
  Uuid DataSubject() const { return sender_id; }
  EDU_FIELDS(conversation_id, message_id, sender_id, content, recipient_ids, sent_at)
};

struct ConversationRead {
  static constexpr const char* kType = "ConversationRead";
  static constexpr int kSchemaVersion = 1;
  Uuid conversation_id;
  Uuid participant_id;
  Uuid user_id;
  Timestamp read_at;  // last_read_at
  EDU_FIELDS(conversation_id, participant_id, user_id, read_at)
};

// ---- follows -----------------------------------------------------------------------------------

struct UserFollowed {
  static constexpr const char* kType = "UserFollowed";
  static constexpr int kSchemaVersion = 1;
  Uuid follow_id;
  Uuid follower_id;
  Uuid followed_id;
  Timestamp followed_at;
  EDU_FIELDS(follow_id, follower_id, followed_id, followed_at)
};

struct UserUnfollowed {
  static constexpr const char* kType = "UserUnfollowed";
  static constexpr int kSchemaVersion = 1;
  Uuid follow_id;
  Uuid follower_id;
  Uuid followed_id;
  EDU_FIELDS(follow_id, follower_id, followed_id)
};

struct CourseFollowed {
  static constexpr const char* kType = "CourseFollowed";
  static constexpr int kSchemaVersion = 1;
  Uuid follow_id;
  Uuid user_id;
  Uuid course_id;
  Timestamp followed_at;
  EDU_FIELDS(follow_id, user_id, course_id, followed_at)
};

struct CourseUnfollowed {
  static constexpr const char* kType = "CourseUnfollowed";
  static constexpr int kSchemaVersion = 1;
  Uuid follow_id;
  Uuid user_id;
  Uuid course_id;
  EDU_FIELDS(follow_id, user_id, course_id)
};

// ---- notifications -----------------------------------------------------------------------------

struct NotificationCreated {
  static constexpr const char* kType = "NotificationCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid notification_id;
  Uuid user_id;  // the recipient, resolved
  NotificationType type = NotificationType::message;
  std::string title;
  std::string body;
  std::optional<std::string> action_url;
  Timestamp created_at;
  EDU_FIELDS(notification_id, user_id, type, title, body, action_url, created_at)
};

struct NotificationRead {
  static constexpr const char* kType = "NotificationRead";
  static constexpr int kSchemaVersion = 1;
  Uuid notification_id;
  Uuid user_id;
  Timestamp read_at;
  EDU_FIELDS(notification_id, user_id, read_at)
};

}  // namespace edu::peerloop
