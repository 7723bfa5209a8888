// Urban Home School community commands (forum, contact form, notification inbox) and who may issue
// them (finer checks live in the deciders), and the uhs-forum-notifications reaction: a reply
// tells the post's author, an accepted solution tells the reply's author.
#include <memory>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/uhs/contact.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/notifications.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterUhsForum(Registry* r) {
  using namespace uhs;
  const std::vector<std::string> kMembers = {"student", "parent", "instructor",
                                             "partner", "admin",  "staff"};
  const std::vector<std::string> kModerators = {"admin", "staff"};
  r->AddCommand<ForumPostDecider, CreateForumPost>(
      kMembers, "Start a forum discussion (title, content, category slug, up to 10 tags)");
  r->AddCommand<ForumPostDecider, ReplyToForumPost>(
      kMembers, "Reply to a forum post that is not locked, hidden or removed");
  r->AddCommand<ForumPostDecider, RemoveForumReply>(
      kMembers, "Remove a forum reply (its author or a moderator)");
  r->AddCommand<ForumPostDecider, LikeForumPost>(
      kMembers, "Like a forum post or one of its replies, once per user");
  r->AddCommand<ForumPostDecider, UnlikeForumPost>(kMembers, "Take back a like");
  r->AddCommand<ForumPostDecider, AcceptForumSolution>(
      kMembers, "Accept a reply as the solution of one's own post");
  r->AddCommand<ForumPostDecider, FlagForumPost>(kMembers, "Flag a forum post for the moderators");
  r->AddCommand<ForumPostDecider, DismissForumFlags>(
      kModerators, "Dismiss the open flags of a forum post (moderators)");
  r->AddCommand<ForumPostDecider, PinForumPost>(kModerators,
                                                "Pin or unpin a forum post (moderators)");
  r->AddCommand<ForumPostDecider, ModerateForumPost>(
      kMembers,
      "Lock, unlock, hide, restore or remove a forum post (moderators; authors remove their own)");
  std::vector<std::string> viewers = kMembers;
  viewers.push_back("system");
  r->AddCommand<ForumPostDecider, RecordForumView>(
      viewers, "Count a view of a forum post (sent by the API layer when it serves the post)");
  r->AddCommand<ContactMessageDecider, SubmitContactMessage>(
      viewers, "Send a contact form message (the public form relays it as system)");
  r->AddCommand<ContactMessageDecider, MarkContactMessageRead>(
      kModerators, "Mark a contact message read (admins, staff)");
  r->AddCommand<ContactMessageDecider, ReplyToContactMessage>(
      kModerators, "Answer a contact message, once (admins, staff)");
  r->AddCommand<NotificationInboxDecider, DeliverNotification>(
      {"system"}, "Deliver a notification to a user's inbox (reactions)");
  r->AddCommand<NotificationInboxDecider, MarkNotificationRead>(
      kMembers, "Mark one of one's own notifications read");
}

namespace {

using namespace uhs;

std::string PostUrl(const Uuid& post_id, const Uuid& reply_id) {
  return "/forum/posts/" + ToString(post_id) + "#reply-" + ToString(reply_id);
}

// A reply tells the post's author; an accepted solution tells the reply's author. Nobody is told
// of their own act. The notification's id derives from the event's, so a redelivered event
// delivers the same notification (and the reactor's derived command id answers it once).
class UhsForumNotificationsReaction : public Reaction {
 public:
  using Trigger = std::variant<ForumReplyPosted, ForumSolutionAccepted>;

  std::string name() const override { return "uhs-forum-notifications"; }

  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "uhs" && HandlesEventType<Trigger>(e.type);
  }

  Status React(const RecordedEvent& recorded, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(recorded, &event));
    const Uuid id = DeriveUuid(recorded.event_id, "notification");
    std::visit(
        Overloaded{[&](const ForumReplyPosted& e) {
                     if (e.author_id == e.post_author_id) return;
                     out->push_back(Issue(
                         "uhs",
                         DeliverNotification{e.post_author_id, id, NotificationType::forum_reply,
                                             "New reply to your post",
                                             "Someone replied to \"" + e.post_title + "\".",
                                             PostUrl(e.post_id, e.reply_id), "View reply",
                                             NotificationLinks{e.post_id, e.reply_id}},
                         "notify-post-author"));
                   },
                   [&](const ForumSolutionAccepted& e) {
                     if (e.reply_author_id == e.post_author_id) return;
                     out->push_back(Issue(
                         "uhs",
                         DeliverNotification{
                             e.reply_author_id, id, NotificationType::forum_solution,
                             "Your answer was accepted",
                             "Your reply was accepted as the solution to \"" + e.post_title + "\".",
                             PostUrl(e.post_id, e.reply_id), "View answer",
                             NotificationLinks{e.post_id, e.reply_id}},
                         "notify-reply-author"));
                   }},
        event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeUhsForumNotificationsReaction() {
  return std::make_unique<UhsForumNotificationsReaction>();
}

}  // namespace edu
