// Vocabulary of PeerLoop's social side (seed 001: conversations, conversation_participants,
// messages, follows, course_follows, notifications): its stream categories, the notification
// types and the derived row ids.
#pragma once

#include <string>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"

namespace edu::peerloop {

// notifications.type: "session_reminder, payment, message, certificate, etc.". The document's
// "etc." is read as the money events a user is told about: refunds and payouts.
EDU_ENUM(NotificationType, session_reminder, payment, message, certificate, refund, payout)

// A message is free text kept in a TEXT column (messages.content).
constexpr int64_t kMaxMessageLength = kLongTextMaxLength;
// Who may share one conversation: a direct message or a small group, not a broadcast list.
constexpr size_t kMaxConversationParticipants = 50;

inline constexpr const char* kConversationCategory = "peerloop.conversation";
inline constexpr const char* kFollowsCategory = "peerloop.follows";
inline constexpr const char* kNotificationCategory = "peerloop.notification";

// A conversation with its participants and messages (one stream: only participants write).
inline std::string ConversationStream(const Uuid& id) {
  return StreamId(kConversationCategory, id);
}
// Everyone and every course one user follows: the uniqueness of a follow is a rule of one stream.
inline std::string FollowsStream(const Uuid& follower) {
  return StreamId(kFollowsCategory, follower);
}
// One notification per stream: made once by a reaction, marked read once by its recipient.
inline std::string NotificationStream(const Uuid& id) {
  return StreamId(kNotificationCategory, id);
}

// conversation_participants.id of `user` in `conversation`: derived, so every participant row has
// a stable id without the client inventing one per participant.
inline Uuid ConversationParticipantId(const Uuid& conversation, const Uuid& user) {
  return DeriveUuid(conversation, "participant/" + ToString(user));
}

}  // namespace edu::peerloop
