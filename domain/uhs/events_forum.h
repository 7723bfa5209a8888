// Urban Home School community events: the forum (posts, replies, likes, an accepted solution,
// moderation, views), contact form messages and their admin reply, and the notification inbox of
// a user. Past tense, one fact each; they carry what the read tables and the notifications need
// (the post's author and title on a reply, counts after), so projections never look anything up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/uhs/forum_moderation_machine.h"

namespace edu::uhs {

// What a notification is about (notifications.type): money events (payment, wallet) and forum
// replies and accepted solutions, all delivered to the inbox by the uhs-notifications reaction.
EDU_ENUM(NotificationType, payment, wallet, forum_reply, forum_solution)

// ---- forum -------------------------------------------------------------------------------------

struct ForumPostCreated {
  static constexpr const char* kType = "ForumPostCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid author_id;
  std::string title;  // trimmed
  std::string content;
  std::string category;  // slug, trimmed and lower case
  std::vector<std::string> tags;
  EDU_FIELDS(post_id, author_id, title, content, category, tags)
};

struct ForumReplyPosted {
  static constexpr const char* kType = "ForumReplyPosted";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid reply_id;
  Uuid author_id;
  std::string content;
  Uuid post_author_id;     // who is told of the reply
  std::string post_title;  // for the notification's text
  EDU_FIELDS(post_id, reply_id, author_id, content, post_author_id, post_title)
};

// A reply soft-deleted by its author or a moderator. It was the solution when was_solution: the
// post is no longer solved.
struct ForumReplyRemoved {
  static constexpr const char* kType = "ForumReplyRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid reply_id;
  Uuid removed_by;
  bool was_solution = false;
  EDU_FIELDS(post_id, reply_id, removed_by, was_solution)
};

// A like of the post itself (no reply_id) or of one of its replies.
struct ForumLiked {
  static constexpr const char* kType = "ForumLiked";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid like_id;
  Uuid user_id;
  std::optional<Uuid> reply_id;
  EDU_FIELDS(post_id, like_id, user_id, reply_id)
};

struct ForumUnliked {
  static constexpr const char* kType = "ForumUnliked";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid like_id;  // the like taken back
  Uuid user_id;
  std::optional<Uuid> reply_id;
  EDU_FIELDS(post_id, like_id, user_id, reply_id)
};

// The post's author accepts a reply as the solution; a previously accepted reply no longer is.
struct ForumSolutionAccepted {
  static constexpr const char* kType = "ForumSolutionAccepted";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid reply_id;
  Uuid reply_author_id;  // who is told
  Uuid post_author_id;
  std::string post_title;
  std::optional<Uuid> previous_reply_id;
  EDU_FIELDS(post_id, reply_id, reply_author_id, post_author_id, post_title, previous_reply_id)
};

struct ForumPostFlagged {
  static constexpr const char* kType = "ForumPostFlagged";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid flagged_by;
  std::string reason;
  int32_t open_flags_after = 0;
  EDU_FIELDS(post_id, flagged_by, reason, open_flags_after)
};

// A moderator looked at the flags and found nothing to act on.
struct ForumFlagsDismissed {
  static constexpr const char* kType = "ForumFlagsDismissed";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid moderator_id;
  int32_t dismissed = 0;
  EDU_FIELDS(post_id, moderator_id, dismissed)
};

struct ForumPostPinned {
  static constexpr const char* kType = "ForumPostPinned";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid moderator_id;
  bool pinned = true;  // false: unpinned
  EDU_FIELDS(post_id, moderator_id, pinned)
};

// The moderation status moved (ForumModerationMachine). Hiding or removing also closes the open
// flags (flags_cleared).
struct ForumPostModerated {
  static constexpr const char* kType = "ForumPostModerated";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  Uuid moderator_id;  // or the author, removing their own post
  ForumModerationAction action = ForumModerationAction::lock;
  ForumPostStatus status_before = ForumPostStatus::visible;
  ForumPostStatus status_after = ForumPostStatus::visible;
  std::optional<std::string> reason;
  bool flags_cleared = false;
  EDU_FIELDS(post_id, moderator_id, action, status_before, status_after, reason, flags_cleared)
};

struct ForumPostViewed {
  static constexpr const char* kType = "ForumPostViewed";
  static constexpr int kSchemaVersion = 1;
  Uuid post_id;
  std::optional<Uuid> viewer_id;  // absent for a visitor the API layer did not identify
  int32_t view_count_after = 0;
  EDU_FIELDS(post_id, viewer_id, view_count_after)
};

// ---- contact form ------------------------------------------------------------------------------

// The sender's name, email and message are personal data about the sender, whose data subject is
// the message itself (a sender need not have an account).
struct ContactMessageReceived {
  static constexpr const char* kType = "ContactMessageReceived";
  static constexpr int kSchemaVersion = 1;
  Uuid message_id;
  Personal<std::string> name;
  Personal<std::string> email;
  std::string subject;
  Personal<std::string> message;
  Uuid DataSubject() const { return message_id; }
  EDU_FIELDS(message_id, name, email, subject, message)
};

struct ContactMessageRead {
  static constexpr const char* kType = "ContactMessageRead";
  static constexpr int kSchemaVersion = 1;
  Uuid message_id;
  Uuid read_by;
  Timestamp read_at;
  EDU_FIELDS(message_id, read_by, read_at)
};

// An admin's one reply; an unread message is read by replying (read_at set then).
struct ContactMessageReplied {
  static constexpr const char* kType = "ContactMessageReplied";
  static constexpr int kSchemaVersion = 1;
  Uuid message_id;
  Uuid replied_by;
  std::string reply_message;
  Timestamp replied_at;
  std::optional<Timestamp> read_at;
  EDU_FIELDS(message_id, replied_by, reply_message, replied_at, read_at)
};

// ---- notification inbox ------------------------------------------------------------------------

// notifications.metadata: what a notification is about (a forum post and reply, or a payment).
struct NotificationLinks {
  std::optional<Uuid> post_id;
  std::optional<Uuid> reply_id;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> source_id;  // the payment, transaction or enrollment money came from
  std::optional<std::string> transaction_reference;
  std::optional<Money> amount;
  EDU_FIELDS(post_id, reply_id, enrollment_id, source_id, transaction_reference, amount)
};

inline NotificationLinks ForumLinks(const Uuid& post_id, const Uuid& reply_id) {
  NotificationLinks links;
  links.post_id = post_id;
  links.reply_id = reply_id;
  return links;
}

struct NotificationDelivered {
  static constexpr const char* kType = "NotificationDelivered";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  Uuid notification_id;
  NotificationType type = NotificationType::forum_reply;
  std::string title;
  std::string message;
  std::optional<std::string> action_url;
  std::optional<std::string> action_label;
  NotificationLinks metadata;
  EDU_FIELDS(user_id, notification_id, type, title, message, action_url, action_label, metadata)
};

struct NotificationRead {
  static constexpr const char* kType = "NotificationRead";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  Uuid notification_id;
  Timestamp read_at;
  EDU_FIELDS(user_id, notification_id, read_at)
};

}  // namespace edu::uhs
