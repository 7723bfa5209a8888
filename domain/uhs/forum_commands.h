// Urban Home School community commands: the forum, the contact form and the notification inbox.
// The acting user (author, liker, moderator, reader) is the authenticated actor, never a body
// field; ids of new things (post, reply, like, message) arrive here, time in the DecisionContext.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"
#include "domain/uhs/events_forum.h"

namespace edu::uhs {

inline constexpr const char* kForumPostCategory = "uhs.forum_post";
inline constexpr const char* kContactMessageCategory = "uhs.contact_message";
inline constexpr const char* kNotificationInboxCategory = "uhs.notification_inbox";

// A post with its replies, likes, solution and moderation: one stream, so "one like per user and
// target", "reply only to an open post" and "one solution" are decided on one version.
inline std::string ForumPostStream(const Uuid& post_id) {
  return StreamId(kForumPostCategory, post_id);
}
inline std::string ContactMessageStream(const Uuid& message_id) {
  return StreamId(kContactMessageCategory, message_id);
}
// All notifications of one user: the owner marks them read there.
inline std::string NotificationInboxStream(const Uuid& user_id) {
  return StreamId(kNotificationInboxCategory, user_id);
}

// ---- forum -------------------------------------------------------------------------------------

struct CreateForumPost {
  static constexpr const char* kType = "CreateForumPost";
  Uuid post_id;
  std::string title;
  std::string content;
  std::string category;
  std::vector<std::string> tags;
  EDU_FIELDS(post_id, title, content, category, tags)
  EDU_LIMITS(limit::VarChar("title", 255), limit::Text("content"), limit::VarChar("category", 50),
             limit::VarChar("tags", 50).Items(10))
  std::string stream_id() const { return ForumPostStream(post_id); }
};

struct ReplyToForumPost {
  static constexpr const char* kType = "ReplyToForumPost";
  Uuid post_id;
  Uuid reply_id;
  std::string content;
  EDU_FIELDS(post_id, reply_id, content)
  EDU_LIMITS(limit::Text("content"))
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// By the reply's author or a moderator.
struct RemoveForumReply {
  static constexpr const char* kType = "RemoveForumReply";
  Uuid post_id;
  Uuid reply_id;
  EDU_FIELDS(post_id, reply_id)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// Likes the post, or one of its replies when reply_id is given; once per user and target.
struct LikeForumPost {
  static constexpr const char* kType = "LikeForumPost";
  Uuid post_id;
  Uuid like_id;
  std::optional<Uuid> reply_id;
  EDU_FIELDS(post_id, like_id, reply_id)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

struct UnlikeForumPost {
  static constexpr const char* kType = "UnlikeForumPost";
  Uuid post_id;
  std::optional<Uuid> reply_id;
  EDU_FIELDS(post_id, reply_id)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// By the post's author only.
struct AcceptForumSolution {
  static constexpr const char* kType = "AcceptForumSolution";
  Uuid post_id;
  Uuid reply_id;
  EDU_FIELDS(post_id, reply_id)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// Reports a post to the moderators; once per user while the flag is open.
struct FlagForumPost {
  static constexpr const char* kType = "FlagForumPost";
  Uuid post_id;
  std::string reason;
  EDU_FIELDS(post_id, reason)
  EDU_LIMITS(limit::VarChar("reason", 500))
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// Moderators (admins, staff).
struct DismissForumFlags {
  static constexpr const char* kType = "DismissForumFlags";
  Uuid post_id;
  EDU_FIELDS(post_id)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// Moderators: pinned = false unpins.
struct PinForumPost {
  static constexpr const char* kType = "PinForumPost";
  Uuid post_id;
  bool pinned = true;
  EDU_FIELDS(post_id, pinned)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// Moderators lock, unlock, hide, restore or remove a post; its author may remove it.
struct ModerateForumPost {
  static constexpr const char* kType = "ModerateForumPost";
  Uuid post_id;
  ForumModerationAction action = ForumModerationAction::lock;
  std::optional<std::string> reason;
  EDU_FIELDS(post_id, action, reason)
  EDU_LIMITS(limit::VarChar("reason", 500))
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// Sent by the API layer when a post's page is served (forum_posts.view_count).
struct RecordForumView {
  static constexpr const char* kType = "RecordForumView";
  Uuid post_id;
  std::optional<Uuid> viewer_id;
  EDU_FIELDS(post_id, viewer_id)
  std::string stream_id() const { return ForumPostStream(post_id); }
};

// ---- contact form ------------------------------------------------------------------------------

struct SubmitContactMessage {
  static constexpr const char* kType = "SubmitContactMessage";
  Uuid message_id;
  std::string name;
  std::string email;
  std::string subject;
  std::string message;
  EDU_FIELDS(message_id, name, email, subject, message)
  EDU_LIMITS(limit::VarChar("name", 200), limit::VarChar("email", 200),
             limit::VarChar("subject", 500), limit::Text("message"))
  std::string stream_id() const { return ContactMessageStream(message_id); }
};

struct MarkContactMessageRead {
  static constexpr const char* kType = "MarkContactMessageRead";
  Uuid message_id;
  EDU_FIELDS(message_id)
  std::string stream_id() const { return ContactMessageStream(message_id); }
};

struct ReplyToContactMessage {
  static constexpr const char* kType = "ReplyToContactMessage";
  Uuid message_id;
  std::string reply_message;
  EDU_FIELDS(message_id, reply_message)
  EDU_LIMITS(limit::Text("reply_message"))
  std::string stream_id() const { return ContactMessageStream(message_id); }
};

// ---- notification inbox ------------------------------------------------------------------------

// Issued by the uhs-notifications reaction.
struct DeliverNotification {
  static constexpr const char* kType = "DeliverNotification";
  Uuid user_id;
  Uuid notification_id;
  NotificationType type = NotificationType::forum_reply;
  std::string title;
  std::string message;
  std::optional<std::string> action_url;
  std::optional<std::string> action_label;
  NotificationLinks metadata;
  EDU_FIELDS(user_id, notification_id, type, title, message, action_url, action_label, metadata)
  EDU_LIMITS(limit::VarChar("title", 255), limit::Text("message"),
             limit::VarChar("action_url", 500), limit::VarChar("action_label", 100))
  std::string stream_id() const { return NotificationInboxStream(user_id); }
};

// By the notification's owner.
struct MarkNotificationRead {
  static constexpr const char* kType = "MarkNotificationRead";
  Uuid user_id;
  Uuid notification_id;
  EDU_FIELDS(user_id, notification_id)
  std::string stream_id() const { return NotificationInboxStream(user_id); }
};

}  // namespace edu::uhs
