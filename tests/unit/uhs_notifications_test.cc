// Specifications of the Urban Home School notification inbox (notifications): the
// uhs-notifications reaction tells a payer of a failed, returned or refunded payment, a wallet's
// owner of a credit, a post's author of a reply and a reply's author of an accepted solution (with
// action_url and action_label), never of their own act; the inbox delivers a notification once
// and its owner, only, marks it read, once.
#include <memory>
#include <stdexcept>

#include "commands/all_reactions.h"
#include "eventstore/event_codec.h"
#include "tests/unit/uhs_forum_fixtures.h"

namespace edu::uhs {

using namespace forum_fixtures;

namespace {

const Uuid kNotification = *ParseUuid("a0000000-0000-4000-8000-000000000001");
const Timestamp kLater = kNow + Hours(1);

DeliverNotification Delivery() {
  return DeliverNotification{kParent,
                             kNotification,
                             NotificationType::forum_reply,
                             "New reply to your post",
                             "Someone replied to \"Help with fractions\".",
                             "/forum/posts/f0000000-0000-4000-8000-000000000001#reply-"
                             "f0000000-0000-4000-8000-000000000002",
                             "View reply",
                             ForumLinks(kPost, kReply)};
}

NotificationDelivered Delivered() {
  DeliverNotification c = Delivery();
  return NotificationDelivered{c.user_id, c.notification_id, c.type,         c.title,
                               c.message, c.action_url,      c.action_label, c.metadata};
}

Spec<NotificationInboxDecider> InboxSpec(const Actor& actor) {
  Spec<NotificationInboxDecider> spec;
  spec.at(kLater).as(actor).given({Delivered()});
  return spec;
}

const Reaction& ForumNotifications() {
  static const std::vector<std::unique_ptr<Reaction>> reactions = AllReactions();
  for (const auto& r : reactions) {
    if (r->name() == "uhs-notifications") return *r;
  }
  FAIL("no uhs-notifications reaction");
  throw std::logic_error("unreachable");
}

template <class E>
std::vector<ReactionCommand> ReactTo(const E& event) {
  RecordedEvent recorded;
  recorded.event_id = kNotification;  // the notification's id derives from it
  recorded.marketplace = "uhs";
  recorded.type = E::kType;
  recorded.schema_version = E::kSchemaVersion;
  recorded.payload = json::Encode(event);
  const Reaction& reaction = ForumNotifications();
  REQUIRE(reaction.Handles(recorded));
  std::vector<ReactionCommand> out;
  REQUIRE(reaction.React(recorded, &out).ok());
  return out;
}

}  // namespace

TEST_SUITE("uhs notifications") {
  TEST_CASE("a reply notifies the post's author, with a link to the reply") {
    std::vector<ReactionCommand> out = ReactTo(ReplyPosted());
    REQUIRE(out.size() == 1);
    const DeliverNotification* c = out[0].As<DeliverNotification>();
    REQUIRE(c != nullptr);
    CHECK(c->user_id == kParent);
    CHECK(c->notification_id == DeriveUuid(kNotification, "notification"));
    CHECK(c->type == NotificationType::forum_reply);
    CHECK(c->title == "New reply to your post");
    CHECK(c->message == "Someone replied to \"Help with fractions\".");
    CHECK(c->action_url == std::optional<std::string>(Delivery().action_url));
    CHECK(c->action_label == std::optional<std::string>("View reply"));
    CHECK(c->metadata.reply_id == kReply);
    // The author replying to their own post is told nothing.
    CHECK(ReactTo(ReplyPosted(kReply2, kParent)).empty());
  }

  TEST_CASE("an accepted solution notifies the reply's author") {
    std::vector<ReactionCommand> out = ReactTo(ForumSolutionAccepted{
        kPost, kReply, kInstructor, kParent, "Help with fractions", std::nullopt});
    REQUIRE(out.size() == 1);
    const DeliverNotification* c = out[0].As<DeliverNotification>();
    REQUIRE(c != nullptr);
    CHECK(c->user_id == kInstructor);
    CHECK(c->type == NotificationType::forum_solution);
    CHECK(c->title == "Your answer was accepted");
    CHECK(c->action_label == std::optional<std::string>("View answer"));
    CHECK(c->action_url->find("#reply-" + ToString(kReply)) != std::string::npos);
    CHECK(ReactTo(ForumSolutionAccepted{kPost, kReply, kParent, kParent, "Help with fractions",
                                        std::nullopt})
              .empty());
  }

  TEST_CASE("money events notify their payer or wallet owner, with the amount and a link") {
    std::vector<ReactionCommand> failed = ReactTo(fixtures::Failed(50000));
    REQUIRE(failed.size() == 1);
    const DeliverNotification* f = failed[0].As<DeliverNotification>();
    REQUIRE(f != nullptr);
    CHECK(f->user_id == kParent);
    CHECK(f->type == NotificationType::payment);
    CHECK(f->title == "Payment failed");
    CHECK(f->message == "Your mpesa payment of KES 500.00 failed: Request cancelled by user");
    CHECK(f->action_url == std::optional<std::string>("/wallet"));
    CHECK(f->action_label == std::optional<std::string>("Top up again"));
    CHECK(f->metadata.amount == std::optional<Money>(Kes(50000)));
    CHECK(f->metadata.transaction_reference == std::optional<std::string>(kRef));

    EnrollmentRefunded refunded{
        kEnrollment,     kPayment,  PaymentSource::gateway, RefundDestination::original,
        kParent,         Kes(1000), std::string(kRef),      std::string("wrong grade"),
        "uhs-default-v1"};
    std::vector<ReactionCommand> refund_out = ReactTo(refunded);
    REQUIRE(refund_out.size() == 1);
    const DeliverNotification* r = refund_out[0].As<DeliverNotification>();
    REQUIRE(r != nullptr);
    CHECK(r->title == "Refund issued");
    CHECK(r->message == "Your payment of KES 10.00 is refunded through the payment gateway.");
    CHECK(r->action_url == std::optional<std::string>("/enrollments/" + ToString(kEnrollment)));
    CHECK(r->metadata.enrollment_id == kEnrollment);

    std::vector<ReactionCommand> credit_out = ReactTo(fixtures::Credited(500000, 500000));
    REQUIRE(credit_out.size() == 1);
    const DeliverNotification* w = credit_out[0].As<DeliverNotification>();
    REQUIRE(w != nullptr);
    CHECK(w->type == NotificationType::wallet);
    CHECK(w->message ==
          "KES 5,000.00 (topup) was added to your wallet; the balance is KES 5,000.00.");
    CHECK(w->action_label == std::optional<std::string>("View wallet"));

    EnrollmentPaymentDeclined declined{kEnrollment, kPayment,     PaymentSource::wallet, kParent,
                                       Kes(250000), std::nullopt, "already paid"};
    std::vector<ReactionCommand> declined_out = ReactTo(declined);
    REQUIRE(declined_out.size() == 1);
    const DeliverNotification* d = declined_out[0].As<DeliverNotification>();
    REQUIRE(d != nullptr);
    CHECK(d->title == "Payment returned");
    CHECK(d->user_id == kParent);
  }

  TEST_CASE("the inbox delivers a notification once; title and message are required") {
    Spec<NotificationInboxDecider>().as(System()).when(Delivery()).then({Delivered()});
    InboxSpec(System())
        .when(Delivery())
        .then_error("notification_already_exists", ErrorKind::kConflict);
    DeliverNotification untitled = Delivery();
    untitled.title = " ";
    Spec<NotificationInboxDecider>().as(System()).when(untitled).then_error(
        "notification_text_required");
  }

  TEST_CASE("the owner marks a notification read, once; nobody else may") {
    auto spec = InboxSpec(Author());
    spec.when(MarkNotificationRead{kParent, kNotification})
        .then({NotificationRead{kParent, kNotification, kLater}});
    CHECK(spec.state().unread() == 0);
    InboxSpec(Author())
        .given({NotificationRead{kParent, kNotification, kLater}})
        .when(MarkNotificationRead{kParent, kNotification})
        .then_error("notification_already_read", ErrorKind::kConflict);
    for (const Actor& actor : {Other(), Staff(), Admin()}) {
      InboxSpec(actor)
          .when(MarkNotificationRead{kParent, kNotification})
          .then_error("not_own_notification", ErrorKind::kForbidden);
    }
    InboxSpec(Author())
        .when(MarkNotificationRead{kParent, kReply})
        .then_error("notification_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::uhs
