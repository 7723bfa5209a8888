// Specifications of the Urban Home School notification inbox (notifications): the
// uhs-forum-notifications reaction tells a post's author of a reply and a reply's author of an
// accepted solution (with action_url and action_label), never of their own act; the inbox
// delivers a notification once and its owner, only, marks it read, once.
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
                             NotificationLinks{kPost, kReply}};
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
    if (r->name() == "uhs-forum-notifications") return *r;
  }
  FAIL("no uhs-forum-notifications reaction");
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
          .then_error("not_own_account", ErrorKind::kForbidden);
    }
    InboxSpec(Author())
        .when(MarkNotificationRead{kParent, kReply})
        .then_error("notification_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::uhs
