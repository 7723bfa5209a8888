// The PeerLoop read tables of direct messages, follows and notifications (conversations,
// conversation_participants, messages, follows, course_follows, notifications), projected by a
// real Projector into real PostgreSQL from events the deciders produced.
#include <variant>

#include "domain/peerloop/conversation.h"
#include "domain/peerloop/follows.h"
#include "domain/peerloop/notification.h"
#include "projections/peerloop/peerloop_projection.h"
#include "tests/support/projection_spec.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;
using edu::testing::ProjectionSpec;

const Uuid kConversation = Id("c0000000-0000-4000-8000-000000000080");
const Uuid kMessage = Id("c0000000-0000-4000-8000-000000000081");
const Uuid kMessage2 = Id("c0000000-0000-4000-8000-000000000082");
const Uuid kFollow = Id("c0000000-0000-4000-8000-000000000090");
const Uuid kFollow2 = Id("c0000000-0000-4000-8000-000000000091");
const Uuid kFollow3 = Id("c0000000-0000-4000-8000-000000000092");
const Uuid kNotification = Id("c0000000-0000-4000-8000-0000000000a0");
const Uuid kNotification2 = Id("c0000000-0000-4000-8000-0000000000a1");

// Appends the events of one of the world's streams, one append each.
template <class D>
void FeedStream(World& w, ProjectionSpec& spec, const std::string& stream) {
  for (const auto& event : w.Events<D>(stream)) {
    std::visit([&](const auto& e) { spec.given(stream, e); }, event);
  }
}

// A timestamp column as UTC text, whatever the session's time zone.
std::string Utc(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')";
}

}  // namespace

TEST_SUITE("peerloop messaging projection") {
  TEST_CASE("a conversation, its participants with their read markers, and its messages") {
    World w;
    w.Setup();
    const Timestamp t1 = kNow + Minutes(5);
    const Timestamp t2 = kNow + Minutes(9);
    const Timestamp t3 = kNow + Minutes(30);
    w.Run<ConversationDecider>(StartConversation{kConversation, kStudent, {kTeacher, kCreator}},
                               Student());
    w.Run<ConversationDecider>(SendMessage{kConversation, kMessage, kStudent, "Stuck on module 2"},
                               Student(), t1);
    w.Run<ConversationDecider>(MarkConversationRead{kConversation, kTeacher}, Teacher(), t2);
    w.Run<ConversationDecider>(
        SendMessage{kConversation, kMessage2, kTeacher, "Paste the error here"}, Teacher(), t3);
    ProjectionSpec spec(MakePeerloopProjection());
    FeedStream<ConversationDecider>(w, spec, ConversationStream(kConversation));
    spec.then_rows("SELECT id::text, " + Utc("created_at") + ", " + Utc("updated_at") +
                       " FROM peerloop.conversations",
                   {{ToString(kConversation), "2026-03-02 08:00", "2026-03-02 08:30"}});
    spec.then_rows(
        "SELECT id::text, conversation_id::text, user_id::text, " + Utc("joined_at") + ", " +
            Utc("last_read_at") + " FROM peerloop.conversation_participants ORDER BY user_id",
        {{ToString(ConversationParticipantId(kConversation, kCreator)), ToString(kConversation),
          ToString(kCreator), "2026-03-02 08:00", "NULL"},
         {ToString(ConversationParticipantId(kConversation, kTeacher)), ToString(kConversation),
          ToString(kTeacher), "2026-03-02 08:00", "2026-03-02 08:09"},
         {ToString(ConversationParticipantId(kConversation, kStudent)), ToString(kConversation),
          ToString(kStudent), "2026-03-02 08:00", "NULL"}});
    spec.then_rows("SELECT id::text, conversation_id::text, sender_id::text, content, " +
                       Utc("created_at") + " FROM peerloop.messages ORDER BY created_at",
                   {{ToString(kMessage), ToString(kConversation), ToString(kStudent),
                     "Stuck on module 2", "2026-03-02 08:05"},
                    {ToString(kMessage2), ToString(kConversation), ToString(kTeacher),
                     "Paste the error here", "2026-03-02 08:30"}});
  }

  TEST_CASE("a reader sees only the conversations they are in, and what is unread there") {
    World w;
    w.Setup();
    w.Run<ConversationDecider>(StartConversation{kConversation, kStudent, {kTeacher}}, Student());
    w.Run<ConversationDecider>(SendMessage{kConversation, kMessage, kStudent, "Hi"}, Student(),
                               kNow + Minutes(1));
    w.Run<ConversationDecider>(MarkConversationRead{kConversation, kTeacher}, Teacher(),
                               kNow + Minutes(2));
    w.Run<ConversationDecider>(SendMessage{kConversation, kMessage2, kStudent, "Are you there?"},
                               Student(), kNow + Minutes(3));
    ProjectionSpec spec(MakePeerloopProjection());
    FeedStream<ConversationDecider>(w, spec, ConversationStream(kConversation));
    // The documented reader's query (docs/peerloop.md): messages of the reader's conversations,
    // unread when someone else wrote them after the reader's last_read_at.
    auto inbox = [](const Uuid& reader) {
      return "SELECT m.content, m.sender_id <> p.user_id AND m.created_at > "
             "coalesce(p.last_read_at, '-infinity') AS unread "
             "FROM peerloop.messages m JOIN peerloop.conversation_participants p ON "
             "p.conversation_id = m.conversation_id AND p.user_id = '" +
             ToString(reader) + "' ORDER BY m.created_at";
    };
    spec.then_rows(inbox(kTeacher), {{"Hi", "f"}, {"Are you there?", "t"}});
    spec.then_rows(inbox(kStudent), {{"Hi", "f"}, {"Are you there?", "f"}});
    spec.then_rows(inbox(kStudent2), {});
  }

  TEST_CASE("follows and course follows: a row per follow in place; unfollowing deletes it") {
    World w;
    w.Setup();
    w.Run<FollowsDecider>(FollowUser{kFollow, kStudent, kTeacher}, Student());
    w.Run<FollowsDecider>(FollowUser{kFollow2, kStudent, kCreator}, Student());
    w.Run<FollowsDecider>(FollowCourse{kFollow3, kStudent, kCourse}, Student());
    w.Run<FollowsDecider>(UnfollowUser{kStudent, kCreator}, Student());
    // following again after unfollowing, under the old id: a new row, the same id
    w.Run<FollowsDecider>(FollowUser{kFollow2, kStudent, kCreator}, Student(), kNow + Hours(1));
    w.Run<FollowsDecider>(UnfollowCourse{kStudent, kCourse}, Student());
    ProjectionSpec spec(MakePeerloopProjection());
    FeedStream<FollowsDecider>(w, spec, FollowsStream(kStudent));
    spec.then_rows(
        "SELECT id::text, follower_id::text, followed_id::text, " + Utc("created_at") +
            " FROM peerloop.follows ORDER BY id",
        {{ToString(kFollow), ToString(kStudent), ToString(kTeacher), "2026-03-02 08:00"},
         {ToString(kFollow2), ToString(kStudent), ToString(kCreator), "2026-03-02 09:00"}});
    spec.then_rows("SELECT count(*) FROM peerloop.course_follows", {{"0"}});
  }

  TEST_CASE("a course follow has its user, course and time") {
    World w;
    w.Setup();
    w.Run<FollowsDecider>(FollowCourse{kFollow3, kStudent2, kCourse}, Student(kStudent2));
    ProjectionSpec spec(MakePeerloopProjection());
    FeedStream<FollowsDecider>(w, spec, FollowsStream(kStudent2));
    spec.then_rows(
        "SELECT id::text, user_id::text, course_id::text, " + Utc("created_at") +
            " FROM peerloop.course_follows",
        {{ToString(kFollow3), ToString(kStudent2), ToString(kCourse), "2026-03-02 08:00"}});
  }

  TEST_CASE("notifications: every column, unread until their recipient reads them") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    Notify payment;
    payment.notification_id = kNotification;
    payment.user_id = kTeacher;
    payment.type = NotificationType::payout;
    payment.title = "Payout sent";
    payment.body = "Your payout of USD 186.20 has arrived.";
    payment.action_url = "/payouts/1";
    w.Run<NotificationDecider>(payment, System());
    Notify refund;
    refund.notification_id = kNotification2;
    refund.enrollment_id = kEnrollment;
    refund.type = NotificationType::refund;
    refund.title = "Refund issued";
    refund.body = "USD 266.00 is on its way back to you.";
    w.Run<NotificationDecider>(refund, System());
    w.Run<NotificationDecider>(MarkNotificationRead{kNotification}, Teacher(), kNow + Hours(1));
    ProjectionSpec spec(MakePeerloopProjection());
    FeedStream<NotificationDecider>(w, spec, NotificationStream(kNotification));
    FeedStream<NotificationDecider>(w, spec, NotificationStream(kNotification2));
    spec.then_rows(
        "SELECT id::text, user_id::text, type, title, body, action_url, is_read, " +
            Utc("created_at") + " FROM peerloop.notifications ORDER BY id",
        {{ToString(kNotification), ToString(kTeacher), "payout", "Payout sent",
          "Your payout of USD 186.20 has arrived.", "/payouts/1", "t", "2026-03-02 08:00"},
         {ToString(kNotification2), ToString(kStudent), "refund", "Refund issued",
          "USD 266.00 is on its way back to you.", "NULL", "f", "2026-03-02 08:00"}});
  }
}

}  // namespace edu::peerloop
