#include "projections/peerloop/messaging_rows.h"

#include <variant>

#include "domain/core/variant_util.h"
#include "domain/peerloop/conversation.h"
#include "domain/peerloop/follows.h"
#include "domain/peerloop/notification.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::peerloop_rows {
namespace {

using namespace peerloop;

using MessagingEvent =
    std::variant<ConversationStarted, MessageSent, ConversationRead, UserFollowed, UserUnfollowed,
                 CourseFollowed, CourseUnfollowed, NotificationCreated, NotificationRead>;
static_assert(VariantIncludes<ConversationDecider::Event, MessagingEvent>::value,
              "conversation events");
static_assert(VariantIncludes<FollowsDecider::Event, MessagingEvent>::value, "follows events");
static_assert(VariantIncludes<NotificationDecider::Event, MessagingEvent>::value,
              "notification events");

// ---- direct messages ----
void On(const ConversationStarted& e, RowOps* ops) {
  ops->Insert(
      "conversations",
      {{"id", e.conversation_id}, {"created_at", e.started_at}, {"updated_at", e.started_at}});
  for (const ConversationParticipant& p : e.participants) {
    ops->Insert("conversation_participants", {{"id", p.participant_id},
                                              {"conversation_id", e.conversation_id},
                                              {"user_id", p.user_id},
                                              {"joined_at", e.started_at},
                                              {"last_read_at", Null{}}});
  }
}
void On(const MessageSent& e, RowOps* ops) {
  ops->Insert("messages", {{"id", e.message_id},
                           {"conversation_id", e.conversation_id},
                           {"sender_id", e.sender_id},
                           {"content", PersonalValue(e.content)},
                           {"created_at", e.sent_at}});
  // updated_at: "Last message time".
  ops->Update("conversations", {{"id", e.conversation_id}}, {{"updated_at", e.sent_at}});
}
void On(const ConversationRead& e, RowOps* ops) {
  ops->Update("conversation_participants", {{"id", e.participant_id}},
              {{"last_read_at", e.read_at}});
}

// ---- follows ----
void On(const UserFollowed& e, RowOps* ops) {
  ops->Insert("follows", {{"id", e.follow_id},
                          {"follower_id", e.follower_id},
                          {"followed_id", e.followed_id},
                          {"created_at", e.followed_at}});
}
void On(const UserUnfollowed& e, RowOps* ops) { ops->Delete("follows", {{"id", e.follow_id}}); }
void On(const CourseFollowed& e, RowOps* ops) {
  ops->Insert("course_follows", {{"id", e.follow_id},
                                 {"user_id", e.user_id},
                                 {"course_id", e.course_id},
                                 {"created_at", e.followed_at}});
}
void On(const CourseUnfollowed& e, RowOps* ops) {
  ops->Delete("course_follows", {{"id", e.follow_id}});
}

// ---- notifications ----
void On(const NotificationCreated& e, RowOps* ops) {
  ops->Insert("notifications", {{"id", e.notification_id},
                                {"user_id", e.user_id},
                                {"type", EnumValue(e.type)},
                                {"title", e.title},
                                {"body", e.body},
                                {"action_url", OptionalText(e.action_url)},
                                {"is_read", false},
                                {"created_at", e.created_at}});
}
void On(const NotificationRead& e, RowOps* ops) {
  ops->Update("notifications", {{"id", e.notification_id}}, {{"is_read", true}});
}

}  // namespace

bool IsMessagingEvent(const std::string& type) { return HandlesEventType<MessagingEvent>(type); }

Status ApplyMessagingEvent(const RecordedEvent& r, RowOps* ops) {
  MessagingEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::peerloop_rows
