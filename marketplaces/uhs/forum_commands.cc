// Urban Home School community commands (forum, contact form, notification inbox) and who may issue
// them (finer checks live in the deciders), and the uhs-notifications reaction that fills every
// user's notification inbox (money events, forum replies, accepted solutions).
#include <memory>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/uhs/contact.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/notifications.h"
#include "domain/uhs/transaction.h"
#include "domain/uhs/wallet.h"
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

std::string EnrollmentUrl(const Uuid& enrollment_id) {
  return "/enrollments/" + ToString(enrollment_id);
}

// Every uhs notification goes to its user's inbox (NotificationInboxDecider), where the owner marks
// it read: money notifications (a failed gateway payment, a declined or refunded enrollment
// payment, a wallet credit) and forum ones (a reply tells the post's author, an accepted solution
// the reply's author; nobody is told of their own act). A notification's id derives from its
// event's, so a redelivered event delivers the same notification (and the reactor's derived
// command id answers it once).
class UhsNotificationsReaction : public Reaction {
 public:
  using Trigger = std::variant<TransactionFailed, EnrollmentPaymentDeclined, EnrollmentRefunded,
                               WalletCredited, ForumReplyPosted, ForumSolutionAccepted>;

  std::string name() const override { return "uhs-notifications"; }

  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "uhs" && HandlesEventType<Trigger>(e.type);
  }

  Status React(const RecordedEvent& recorded, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(recorded, &event));
    const Uuid id = DeriveUuid(recorded.event_id, "notification");
    auto deliver = [&](const Uuid& user, NotificationType type, std::string title,
                       std::string message, std::string url, std::string label,
                       NotificationLinks links) {
      out->push_back(Issue("uhs",
                           DeliverNotification{user, id, type, std::move(title), std::move(message),
                                               std::move(url), std::move(label), std::move(links)},
                           "notify"));
    };
    std::visit(
        Overloaded{[&](const TransactionFailed& e) {
                     NotificationLinks links;
                     links.enrollment_id = e.enrollment_id;
                     links.source_id = e.transaction_id;
                     links.transaction_reference = e.transaction_reference;
                     links.amount = e.amount;
                     deliver(e.user_id, NotificationType::payment, "Payment failed",
                             "Your " + std::string(EnumName(e.gateway)) + " payment of " +
                                 FormatMoney(e.amount) + " failed: " + e.reason,
                             e.enrollment_id ? EnrollmentUrl(*e.enrollment_id) : "/wallet",
                             e.enrollment_id ? "Pay again" : "Top up again", links);
                   },
                   [&](const EnrollmentPaymentDeclined& e) {
                     NotificationLinks links;
                     links.enrollment_id = e.enrollment_id;
                     links.source_id = e.payment_id;
                     links.transaction_reference = e.transaction_reference;
                     links.amount = e.amount;
                     deliver(e.payer_user_id, NotificationType::payment, "Payment returned",
                             "Your payment of " + FormatMoney(e.amount) +
                                 " could not be applied (" + e.reason + ") and is being returned.",
                             EnrollmentUrl(e.enrollment_id), "View enrollment", links);
                   },
                   [&](const EnrollmentRefunded& e) {
                     bool to_wallet = e.destination == RefundDestination::wallet ||
                                      e.source == PaymentSource::wallet;
                     NotificationLinks links;
                     links.enrollment_id = e.enrollment_id;
                     links.source_id = e.payment_id;
                     links.transaction_reference = e.transaction_reference;
                     links.amount = e.amount;
                     deliver(e.payer_user_id, NotificationType::payment, "Refund issued",
                             "Your payment of " + FormatMoney(e.amount) + " is refunded " +
                                 (to_wallet ? "to your wallet." : "through the payment gateway."),
                             to_wallet ? "/wallet" : EnrollmentUrl(e.enrollment_id),
                             to_wallet ? "View wallet" : "View enrollment", links);
                   },
                   [&](const WalletCredited& e) {
                     NotificationLinks links;
                     links.source_id = e.source_id;
                     links.amount = e.amount;
                     deliver(e.user_id, NotificationType::wallet, "Wallet credited",
                             FormatMoney(e.amount) + " (" + std::string(EnumName(e.reason)) +
                                 ") was added to your wallet; the balance is " +
                                 FormatMoney(e.balance_after) + ".",
                             "/wallet", "View wallet", links);
                   },
                   [&](const ForumReplyPosted& e) {
                     if (e.author_id == e.post_author_id) return;
                     NotificationLinks links;
                     links.post_id = e.post_id;
                     links.reply_id = e.reply_id;
                     deliver(e.post_author_id, NotificationType::forum_reply,
                             "New reply to your post",
                             "Someone replied to \"" + e.post_title + "\".",
                             PostUrl(e.post_id, e.reply_id), "View reply",
                             ForumLinks(e.post_id, e.reply_id));
                   },
                   [&](const ForumSolutionAccepted& e) {
                     if (e.reply_author_id == e.post_author_id) return;
                     NotificationLinks links;
                     links.post_id = e.post_id;
                     links.reply_id = e.reply_id;
                     deliver(e.reply_author_id, NotificationType::forum_solution,
                             "Your answer was accepted",
                             "Your reply was accepted as the solution to \"" + e.post_title + "\".",
                             PostUrl(e.post_id, e.reply_id), "View answer",
                             ForumLinks(e.post_id, e.reply_id));
                   }},
        event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeUhsNotificationsReaction() {
  return std::make_unique<UhsNotificationsReaction>();
}

}  // namespace edu
