// PeerLoop direct messages, follows and notifications (issue 13): their commands with who may
// issue them, and the reaction that makes notifications:
//
//   peerloop.notifications  PaymentCompleted -> Notify payment  (the student)
//                           PaymentFailed    -> Notify payment  (the enrollment's student)
//                           RefundIssued     -> Notify refund   (the enrollment's student)
//                           PayoutCompleted  -> Notify payout   (the recipient)
//                           PayoutFailed     -> Notify payout   (the recipient)
//                           PayoutRejected   -> Notify payout   (the recipient)
//                           MessageSent      -> Notify message  (each other participant)
//
// Each notification's id is derived from the causing event's id and the recipient, and the
// reactor derives the command id from the event too, so a redelivered event notifies nobody
// twice. Session reminders come from the scheduler, not from here.
#include <memory>
#include <variant>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/peerloop/conversation.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/follows.h"
#include "domain/peerloop/notification.h"
#include "domain/peerloop/payout.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterPeerloopMessaging(Registry* r) {
  using namespace peerloop;
  const std::vector<std::string> kMembers = {"student", "student_teacher", "creator", "admin",
                                             "moderator"};
  r->AddCommand<ConversationDecider, StartConversation>(
      kMembers, "Start a direct conversation with other users");
  r->AddCommand<ConversationDecider, SendMessage>(kMembers,
                                                  "Send a message to a conversation one is in");
  r->AddCommand<ConversationDecider, MarkConversationRead>(
      kMembers, "Mark a conversation one is in as read up to now");
  r->AddCommand<FollowsDecider, FollowUser>(kMembers, "Follow another user");
  r->AddCommand<FollowsDecider, UnfollowUser>(kMembers, "Stop following a user");
  r->AddCommand<FollowsDecider, FollowCourse>(kMembers, "Follow a course without enrolling");
  r->AddCommand<FollowsDecider, UnfollowCourse>(kMembers, "Stop following a course");
  r->AddCommand<NotificationDecider, Notify>(
      {"system"}, "Notify a user of an event (the peerloop.notifications reaction)");
  r->AddCommand<NotificationDecider, MarkNotificationRead>(kMembers,
                                                           "Mark one's own notification as read");
}

namespace {

using namespace peerloop;

class NotificationsReaction : public Reaction {
 public:
  using Trigger = std::variant<PaymentCompleted, PaymentFailed, RefundIssued, PayoutCompleted,
                               PayoutFailed, PayoutRejected, MessageSent>;

  std::string name() const override { return "peerloop.notifications"; }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "peerloop" && HandlesEventType<Trigger>(e.type);
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    auto to_user = [&](const Uuid& user, NotificationType type, std::string title, std::string body,
                       std::string url) {
      Notify n;
      n.notification_id = DeriveUuid(e.event_id, "notification/" + ToString(user));
      n.user_id = user;
      n.type = type;
      n.title = std::move(title);
      n.body = std::move(body);
      n.action_url = std::move(url);
      out->push_back(edu::Issue("peerloop", std::move(n), "notify/" + ToString(user)));
    };
    auto to_student = [&](const Uuid& enrollment, NotificationType type, std::string title,
                          std::string body) {
      Notify n;
      n.notification_id = DeriveUuid(e.event_id, "notification/" + ToString(enrollment));
      n.enrollment_id = enrollment;
      n.type = type;
      n.title = std::move(title);
      n.body = std::move(body);
      n.action_url = "/enrollments/" + ToString(enrollment);
      out->push_back(edu::Issue("peerloop", std::move(n), "notify/" + ToString(enrollment)));
    };
    std::visit(Overloaded{[&](const PaymentCompleted& p) {
                            to_user(p.student_id, NotificationType::payment, "Payment received",
                                    "Your payment of " + FormatMoney(p.amount) +
                                        " is confirmed; your course is ready to schedule.",
                                    "/enrollments/" + ToString(p.enrollment_id));
                          },
                          [&](const PaymentFailed& p) {
                            to_student(p.enrollment_id, NotificationType::payment, "Payment failed",
                                       "Your payment did not go through (" + p.reason +
                                           "); the enrollment is cancelled.");
                          },
                          [&](const RefundIssued& r) {
                            to_student(r.enrollment_id, NotificationType::refund, "Refund issued",
                                       FormatMoney(r.amount) + " is on its way back to you.");
                          },
                          [&](const PayoutCompleted& p) {
                            to_user(p.recipient_id, NotificationType::payout, "Payout sent",
                                    "Your payout of " + FormatMoney(p.amount) + " has arrived.",
                                    "/payouts/" + ToString(p.payout_id));
                          },
                          [&](const PayoutFailed& p) {
                            to_user(p.recipient_id, NotificationType::payout, "Payout failed",
                                    "Your payout of " + FormatMoney(p.amount) + " failed (" +
                                        p.reason + "); its earnings wait for your next payout.",
                                    "/payouts/" + ToString(p.payout_id));
                          },
                          [&](const PayoutRejected& p) {
                            to_user(p.recipient_id, NotificationType::payout, "Payout not approved",
                                    "Your payout request was not approved (" + p.reason +
                                        "); its earnings wait for your next payout.",
                                    "/payouts/" + ToString(p.payout_id));
                          },
                          [&](const MessageSent& m) {
                            // Never the content: a notification is no copy of a private message.
                            for (const Uuid& user : m.recipient_ids) {
                              to_user(user, NotificationType::message, "New message",
                                      "You have a new message in a conversation.",
                                      "/messages/" + ToString(m.conversation_id));
                            }
                          }},
               event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakePeerloopNotificationsReaction() {
  return std::make_unique<NotificationsReaction>();
}

}  // namespace edu
