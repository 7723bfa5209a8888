// Specifications of PeerLoop notifications (seed 001: notifications; US-P017, US-P018): the
// peerloop.notifications reaction tells users of their payments, refunds, payouts and new
// messages with a system-only Notify under ids derived from the causing event; a recipient marks
// their own notification read, once.
#include <memory>
#include <set>
#include <variant>

#include "commands/reaction.h"
#include "domain/peerloop/conversation.h"
#include "domain/peerloop/notification.h"
#include "eventstore/event_codec.h"
#include "tests/support/command_world.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu {
std::vector<std::unique_ptr<Reaction>> PeerloopReactions();
}

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kNotification = Id("c0000000-0000-4000-8000-0000000000a0");
const Uuid kConversation = Id("c0000000-0000-4000-8000-000000000080");
const Uuid kNobody = Id("c0000000-0000-4000-8000-0000000000fe");

Notify ToUser(const Uuid& user) {
  Notify n;
  n.notification_id = kNotification;
  n.user_id = user;
  n.type = NotificationType::payment;
  n.title = "Payment received";
  n.body = "Your payment of USD 399.00 is confirmed.";
  n.action_url = "/enrollments/" + ToString(kEnrollment);
  return n;
}

template <class E>
RecordedEvent Recorded(const E& e, const std::string& id = "1") {
  RecordedEvent r;
  r.event_id = DeriveUuid(EduledgerNamespace(), std::string("notification-spec/") + E::kType + id);
  r.type = E::kType;
  r.schema_version = E::kSchemaVersion;
  r.marketplace = "peerloop";
  r.payload = json::Encode(e);
  return r;
}

std::vector<Notify> React(const RecordedEvent& e) {
  for (const auto& r : PeerloopReactions()) {
    if (r->name() != "peerloop.notifications") continue;
    std::vector<Notify> out;
    if (!r->Handles(e)) return out;
    std::vector<ReactionCommand> commands;
    Status reacted = r->React(e, &commands);
    REQUIRE_MESSAGE(reacted.ok(), reacted.ToString());
    for (const ReactionCommand& c : commands) {
      REQUIRE(c.As<Notify>() != nullptr);
      CHECK(c.command->marketplace() == "peerloop");
      out.push_back(*c.As<Notify>());
    }
    return out;
  }
  FAIL("no reaction peerloop.notifications");
  return {};
}

}  // namespace

TEST_SUITE("peerloop notifications") {
  TEST_CASE("a notification to a user is made unread, at the time of the command") {
    World w;
    w.Setup();
    w.Given<NotificationDecider>(NotificationStream(kNotification))
        .as(System())
        .when(ToUser(kStudent))
        .then({NotificationCreated{kNotification, kStudent, NotificationType::payment,
                                   "Payment received", "Your payment of USD 399.00 is confirmed.",
                                   "/enrollments/" + ToString(kEnrollment), kNow}});
  }

  TEST_CASE("a notification about an enrollment goes to the enrollment's student") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    Notify n = ToUser(kStudent);
    n.user_id.reset();
    n.enrollment_id = kEnrollment;
    n.type = NotificationType::refund;
    auto spec = w.Given<NotificationDecider>(NotificationStream(kNotification));
    spec.as(System()).when(n);
    auto decision = spec.decide();
    REQUIRE(decision.accepted());
    REQUIRE(decision.events().size() == 1);
    const auto& created = std::get<NotificationCreated>(decision.events()[0]);
    CHECK(created.user_id == kStudent);
    CHECK(created.type == NotificationType::refund);
    n.enrollment_id = kNobody;
    w.Given<NotificationDecider>(NotificationStream(kNotification))
        .as(System())
        .when(n)
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a notification names one recipient, has a title and a body, and is made once") {
    World w;
    w.Setup();
    Notify neither = ToUser(kStudent);
    neither.user_id.reset();
    Notify both = ToUser(kStudent);
    both.enrollment_id = kEnrollment;
    for (const Notify& n : {neither, both}) {
      w.Given<NotificationDecider>(NotificationStream(kNotification))
          .as(System())
          .when(n)
          .then_error("notification_recipient_required", ErrorKind::kInvalid);
    }
    Notify untitled = ToUser(kStudent);
    untitled.title.clear();
    Notify empty = ToUser(kStudent);
    empty.body.clear();
    for (const Notify& n : {untitled, empty}) {
      w.Given<NotificationDecider>(NotificationStream(kNotification))
          .as(System())
          .when(n)
          .then_error("notification_text_required", ErrorKind::kInvalid);
    }
    w.Run<NotificationDecider>(ToUser(kStudent), System());
    w.Given<NotificationDecider>(NotificationStream(kNotification))
        .as(System())
        .when(ToUser(kTeacher))
        .then_error("notification_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("the recipient marks a notification read, once") {
    World w;
    w.Setup();
    w.Run<NotificationDecider>(ToUser(kStudent), System());
    const Timestamp later = kNow + Hours(1);
    w.Given<NotificationDecider>(NotificationStream(kNotification), later)
        .as(Student())
        .when(MarkNotificationRead{kNotification})
        .then({NotificationRead{kNotification, kStudent, later}});
    w.Run<NotificationDecider>(MarkNotificationRead{kNotification}, Student(), later);
    CHECK(w.State<NotificationDecider>(NotificationStream(kNotification)).is_read);
    w.Given<NotificationDecider>(NotificationStream(kNotification))
        .as(Student())
        .when(MarkNotificationRead{kNotification})
        .then_error("notification_already_read", ErrorKind::kConflict);
  }

  TEST_CASE("marking another user's notification read is refused, staff included") {
    World w;
    w.Setup();
    w.Run<NotificationDecider>(ToUser(kStudent), System());
    for (const Actor& actor : {Student(kStudent2), Teacher(), Admin()}) {
      w.Given<NotificationDecider>(NotificationStream(kNotification))
          .as(actor)
          .when(MarkNotificationRead{kNotification})
          .then_error("not_own_notification", ErrorKind::kForbidden);
    }
    w.Given<NotificationDecider>(NotificationStream(kNobody))
        .as(Student())
        .when(MarkNotificationRead{kNobody})
        .then_error("notification_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the reaction: payments, refunds and payouts notify whom they concern") {
    PaymentCompleted paid;
    paid.enrollment_id = kEnrollment;
    paid.transaction_id = kTransaction;
    paid.student_id = kStudent;
    paid.course_id = kCourse;
    paid.amount = Money{39900, "USD"};
    paid.escrow_held_after = paid.amount;
    auto out = React(Recorded(paid));
    REQUIRE(out.size() == 1);
    CHECK(out[0].user_id == kStudent);
    CHECK_FALSE(out[0].enrollment_id.has_value());
    CHECK(out[0].type == NotificationType::payment);
    CHECK(out[0].body.find("USD 399.00") != std::string::npos);

    out = React(Recorded(PaymentFailed{kEnrollment, kTransaction, "card_declined"}));
    REQUIRE(out.size() == 1);
    CHECK(out[0].enrollment_id == kEnrollment);  // the student is the enrollment's
    CHECK_FALSE(out[0].user_id.has_value());
    CHECK(out[0].type == NotificationType::payment);

    RefundIssued refund;
    refund.enrollment_id = kEnrollment;
    refund.amount = Money{26600, "USD"};
    refund.escrow_held_after = Money{0, "USD"};
    out = React(Recorded(refund));
    REQUIRE(out.size() == 1);
    CHECK(out[0].enrollment_id == kEnrollment);
    CHECK(out[0].type == NotificationType::refund);

    PayoutCompleted payout;
    payout.payout_id = kPayout;
    payout.recipient_id = kTeacher;
    payout.amount = Money{18620, "USD"};
    out = React(Recorded(payout));
    REQUIRE(out.size() == 1);
    CHECK(out[0].user_id == kTeacher);
    CHECK(out[0].type == NotificationType::payout);

    PayoutFailed failed;
    failed.payout_id = kPayout;
    failed.recipient_id = kTeacher;
    failed.reason = "account_closed";
    failed.amount = Money{18620, "USD"};
    failed.available_after = failed.amount;
    out = React(Recorded(failed));
    REQUIRE(out.size() == 1);
    CHECK(out[0].user_id == kTeacher);
    CHECK(out[0].body.find("account_closed") != std::string::npos);
  }

  TEST_CASE("the reaction: a message notifies each other participant, without its content") {
    MessageSent m;
    m.conversation_id = kConversation;
    m.message_id = kNobody;
    m.sender_id = kStudent;
    m.content = std::string("my private question");
    m.recipient_ids = {kTeacher, kCreator};
    const RecordedEvent e = Recorded(m);
    auto out = React(e);
    REQUIRE(out.size() == 2);
    CHECK(out[0].user_id == kTeacher);
    CHECK(out[1].user_id == kCreator);
    std::set<Uuid> ids;
    for (const Notify& n : out) {
      CHECK(n.type == NotificationType::message);
      CHECK(n.body.find("private") == std::string::npos);
      CHECK(n.action_url == "/messages/" + ToString(kConversation));
      ids.insert(n.notification_id);
    }
    CHECK(ids.size() == 2);
    // the same event, delivered again, names the same notifications; another event, others
    auto again = React(e);
    CHECK(again[0].notification_id == out[0].notification_id);
    auto other = React(Recorded(m, "2"));
    CHECK(other[0].notification_id != out[0].notification_id);
  }

  TEST_CASE("through the pipeline: a message notifies the other participant, who reads it") {
    edu::testing::CommandWorld world("peerloop", kNow, PeerloopReactions());
    for (const auto& [user, handle] :
         {std::pair{kStudent, "sarah"}, std::pair{kTeacher, "marcus"}}) {
      REQUIRE(world.Send(UserCmd(user, UserRole::student, handle), Student(user)).ok());
    }
    REQUIRE(world.Send(StartConversation{kConversation, kStudent, {kTeacher}}, Student()).ok());
    const Uuid message = Id("c0000000-0000-4000-8000-000000000081");
    CommandResult sent =
        world.Send(SendMessage{kConversation, message, kStudent, "Can we meet?"}, Student());
    REQUIRE(sent.ok());
    CHECK(world.reaction_commands() == 1);  // the Notify of the recipient
    CHECK(world.rejected().empty());
    std::vector<RecordedEvent> notes;
    std::vector<int64_t> ends;
    REQUIRE(world.log().EndOffsets(&ends).ok());
    for (int p = 0; p < static_cast<int>(ends.size()); ++p) {
      std::vector<RecordedEvent> part;
      REQUIRE(world.log().ReadPartition(p, 0, 1'000, &part).ok());
      for (const RecordedEvent& e : part) {
        if (e.type == NotificationCreated::kType) notes.push_back(e);
      }
    }
    REQUIRE(notes.size() == 1);
    std::variant<NotificationCreated> decoded;
    REQUIRE(DecodeEvent(notes[0], &decoded).ok());
    const NotificationCreated created = std::get<NotificationCreated>(decoded);
    CHECK(created.user_id == kTeacher);
    CHECK(created.type == NotificationType::message);
    CHECK(notes[0].actor.role == "system");
    // nobody but the system notifies
    Notify forged = ToUser(kTeacher);
    CommandResult refused = world.Send(forged, Student());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->code == "role_not_allowed");
    // the sender cannot read it for the recipient; the recipient can
    MarkNotificationRead read{created.notification_id};
    CommandResult not_theirs = world.Send(read, Student());
    REQUIRE_FALSE(not_theirs.ok());
    CHECK(not_theirs.error->code == "not_own_notification");
    CHECK(world.Send(read, Teacher(kTeacher)).ok());
  }
}

}  // namespace edu::peerloop
