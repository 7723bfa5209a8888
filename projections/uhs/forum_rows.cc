// The rows of the Urban Home School community events: forum_posts, forum_replies, forum_likes,
// contact_messages and the inbox's notifications (the money notifications are written by
// uhs_projection.cc's Notify). Called by the uhs projection for the events it names.
#include "projections/uhs/forum_rows.h"

#include "domain/core/variant_util.h"
#include "domain/uhs/contact.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/notifications.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::uhs_forum_rows {
namespace {

using namespace uhs;

using ForumEvent =
    std::variant<ForumPostCreated, ForumReplyPosted, ForumReplyRemoved, ForumLiked, ForumUnliked,
                 ForumSolutionAccepted, ForumPostFlagged, ForumFlagsDismissed, ForumPostPinned,
                 ForumPostModerated, ForumPostViewed, ContactMessageReceived, ContactMessageRead,
                 ContactMessageReplied, NotificationDelivered, NotificationRead>;
static_assert(VariantIncludes<ForumPostDecider::Event, ForumEvent>::value, "every forum event");
static_assert(VariantIncludes<ContactMessageDecider::Event, ForumEvent>::value,
              "every contact message event");
static_assert(VariantIncludes<NotificationInboxDecider::Event, ForumEvent>::value,
              "every notification event");

template <class T>
SqlValue JsonOf(const T& document) {
  return Json{json::Encode(document)};
}

void SetPost(const RecordedEvent& r, const Uuid& post_id, Columns set, RowOps* ops) {
  set.push_back({"updated_at", r.occurred_at});
  ops->Update("forum_posts", {{"id", post_id}}, std::move(set));
}

void SetReply(const RecordedEvent& r, const Uuid& reply_id, Columns set, RowOps* ops) {
  set.push_back({"updated_at", r.occurred_at});
  ops->Update("forum_replies", {{"id", reply_id}}, std::move(set));
}

// ---- forum ----

void On(const RecordedEvent& r, const ForumPostCreated& e, RowOps* ops) {
  ops->Insert("forum_posts", {{"id", e.post_id},
                              {"author_id", e.author_id},
                              {"title", e.title},
                              {"content", e.content},
                              {"category", e.category},
                              {"tags", JsonOf(e.tags)},
                              {"is_pinned", false},
                              {"is_solved", false},
                              {"is_deleted", false},
                              {"is_flagged", false},
                              {"view_count", int64_t{0}},
                              {"created_at", r.occurred_at},
                              {"updated_at", r.occurred_at},
                              {"last_activity_at", r.occurred_at}});
}

void On(const RecordedEvent& r, const ForumReplyPosted& e, RowOps* ops) {
  ops->Insert("forum_replies", {{"id", e.reply_id},
                                {"post_id", e.post_id},
                                {"author_id", e.author_id},
                                {"content", e.content},
                                {"is_solution", false},
                                {"is_deleted", false},
                                {"created_at", r.occurred_at},
                                {"updated_at", r.occurred_at}});
  SetPost(r, e.post_id, {{"last_activity_at", r.occurred_at}}, ops);
}

void On(const RecordedEvent& r, const ForumReplyRemoved& e, RowOps* ops) {
  SetReply(r, e.reply_id, {{"is_deleted", true}, {"is_solution", false}}, ops);
  // A removed reply's likes go with it (the decider forgets them too).
  ops->Delete("forum_likes", {{"reply_id", e.reply_id}});
  if (e.was_solution) SetPost(r, e.post_id, {{"is_solved", false}}, ops);
}

void On(const RecordedEvent& r, const ForumLiked& e, RowOps* ops) {
  // A reply's like names the reply only: post_id stays NULL, or uq_user_post_like would allow one
  // liked reply per post and user.
  ops->Insert("forum_likes", {{"id", e.like_id},
                              {"user_id", e.user_id},
                              {"post_id", e.reply_id ? SqlValue(Null{}) : SqlValue(e.post_id)},
                              {"reply_id", OptionalValue(e.reply_id)},
                              {"created_at", r.occurred_at}});
}

void On(const RecordedEvent&, const ForumUnliked& e, RowOps* ops) {
  ops->Delete("forum_likes", {{"id", e.like_id}});
}

void On(const RecordedEvent& r, const ForumSolutionAccepted& e, RowOps* ops) {
  if (e.previous_reply_id) SetReply(r, *e.previous_reply_id, {{"is_solution", false}}, ops);
  SetReply(r, e.reply_id, {{"is_solution", true}}, ops);
  SetPost(r, e.post_id, {{"is_solved", true}}, ops);
}

void On(const RecordedEvent& r, const ForumPostFlagged& e, RowOps* ops) {
  SetPost(r, e.post_id, {{"is_flagged", true}}, ops);
}

void On(const RecordedEvent& r, const ForumFlagsDismissed& e, RowOps* ops) {
  SetPost(r, e.post_id, {{"is_flagged", false}}, ops);
}

void On(const RecordedEvent& r, const ForumPostPinned& e, RowOps* ops) {
  SetPost(r, e.post_id, {{"is_pinned", e.pinned}}, ops);
}

void On(const RecordedEvent& r, const ForumPostModerated& e, RowOps* ops) {
  // The table has no status column: hidden and removed posts read as deleted (a hidden one comes
  // back when restored); locked is the stream's (docs/uhs.md).
  Columns set = {{"is_deleted", e.status_after == ForumPostStatus::hidden ||
                                    e.status_after == ForumPostStatus::removed}};
  if (e.flags_cleared) set.push_back({"is_flagged", false});
  SetPost(r, e.post_id, std::move(set), ops);
}

void On(const RecordedEvent&, const ForumPostViewed& e, RowOps* ops) {
  // A view is not an edit: updated_at stays.
  ops->Update("forum_posts", {{"id", e.post_id}}, {{"view_count", int64_t{e.view_count_after}}});
}

// ---- contact form ----

void On(const RecordedEvent& r, const ContactMessageReceived& e, RowOps* ops) {
  ops->Insert("contact_messages", {{"id", e.message_id},
                                   {"name", PersonalValue(e.name)},
                                   {"email", PersonalValue(e.email)},
                                   {"subject", e.subject},
                                   {"message", PersonalValue(e.message)},
                                   {"is_read", false},
                                   {"read_at", Null{}},
                                   {"replied_at", Null{}},
                                   {"reply_message", Null{}},
                                   {"created_at", r.occurred_at}});
}

void On(const RecordedEvent&, const ContactMessageRead& e, RowOps* ops) {
  ops->Update("contact_messages", {{"id", e.message_id}},
              {{"is_read", true}, {"read_at", e.read_at}});
}

void On(const RecordedEvent&, const ContactMessageReplied& e, RowOps* ops) {
  Columns set = {{"replied_at", e.replied_at}, {"reply_message", e.reply_message}};
  if (e.read_at) {
    set.push_back({"is_read", true});
    set.push_back({"read_at", *e.read_at});
  }
  ops->Update("contact_messages", {{"id", e.message_id}}, std::move(set));
}

// ---- notification inbox ----

void On(const RecordedEvent& r, const NotificationDelivered& e, RowOps* ops) {
  ops->Insert("notifications", {{"id", e.notification_id},
                                {"user_id", e.user_id},
                                {"type", EnumValue(e.type)},
                                {"title", e.title},
                                {"message", e.message},
                                {"is_read", false},
                                {"action_url", OptionalValue(e.action_url)},
                                {"action_label", OptionalValue(e.action_label)},
                                {"metadata", JsonOf(e.metadata)},
                                {"created_at", r.occurred_at},
                                {"read_at", Null{}}});
}

void On(const RecordedEvent&, const NotificationRead& e, RowOps* ops) {
  ops->Update("notifications", {{"id", e.notification_id}},
              {{"is_read", true}, {"read_at", e.read_at}});
}

}  // namespace

bool Handles(const RecordedEvent& e) { return HandlesEventType<ForumEvent>(e.type); }

Status Apply(const RecordedEvent& r, RowOps* ops) {
  ForumEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(r, e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::uhs_forum_rows
