// Specifications of PeerLoop direct messages (seed 001: conversations, conversation_participants,
// messages; US-S016 to S018): a registered user starts a conversation with other registered users;
// only its participants write to it and mark it read; a message has text within the TEXT limit.
#include <string>

#include "domain/peerloop/conversation.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kConversation = Id("c0000000-0000-4000-8000-000000000080");
const Uuid kMessage = Id("c0000000-0000-4000-8000-000000000081");
const Uuid kMessage2 = Id("c0000000-0000-4000-8000-000000000082");
const Uuid kNobody = Id("c0000000-0000-4000-8000-0000000000fe");

Uuid Participant(const Uuid& user) { return ConversationParticipantId(kConversation, user); }

// Setup, then kStudent opened kConversation with kTeacher.
void Started(World& w) {
  w.Setup();
  w.Run<ConversationDecider>(StartConversation{kConversation, kStudent, {kTeacher}}, Student());
}

}  // namespace

TEST_SUITE("peerloop messaging") {
  TEST_CASE("a user starts a conversation with others: the starter first, each participant once") {
    World w;
    w.Setup();
    ConversationStarted started;
    started.conversation_id = kConversation;
    started.started_by = kStudent;
    started.participants = {{Participant(kStudent), kStudent},
                            {Participant(kTeacher), kTeacher},
                            {Participant(kCreator), kCreator}};
    started.started_at = kNow;
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student())
        .when(StartConversation{kConversation, kStudent, {kTeacher, kStudent, kCreator, kTeacher}})
        .then({started});
  }

  TEST_CASE("a conversation with oneself only is refused") {
    World w;
    w.Setup();
    for (const std::vector<Uuid>& others : {std::vector<Uuid>{}, std::vector<Uuid>{kStudent}}) {
      w.Given<ConversationDecider>(ConversationStream(kConversation))
          .as(Student())
          .when(StartConversation{kConversation, kStudent, others})
          .then_error("conversation_needs_another_participant", ErrorKind::kInvalid);
    }
  }

  TEST_CASE("starting a conversation: unknown participants, another's name, an id in use") {
    World w;
    Started(w);
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student())
        .when(StartConversation{kConversation, kStudent, {kCreator}})
        .then_error("conversation_already_exists", ErrorKind::kConflict);
    const Uuid other = Id("c0000000-0000-4000-8000-000000000083");
    w.Given<ConversationDecider>(ConversationStream(other))
        .as(Student())
        .when(StartConversation{other, kStudent, {kTeacher, kNobody}})
        .then_error("participant_not_found", ErrorKind::kNotFound);
    w.Given<ConversationDecider>(ConversationStream(other))
        .as(Student(kStudent2))
        .when(StartConversation{other, kStudent, {kTeacher}})
        .then_error("acts_for_another_user", ErrorKind::kForbidden);
    w.Given<ConversationDecider>(ConversationStream(other))
        .as(Student(kNobody))
        .when(StartConversation{other, kNobody, {kTeacher}})
        .then_error("user_not_found", ErrorKind::kNotFound);
    std::vector<Uuid> crowd;
    for (size_t i = 0; i < kMaxConversationParticipants; ++i) {
      const Uuid user = DeriveUuid(EduledgerNamespace(), "crowd-" + std::to_string(i));
      w.Run<UserDecider>(UserCmd(user, UserRole::student, "crowd" + std::to_string(i)),
                         Student(user));
      crowd.push_back(user);
    }
    w.Given<ConversationDecider>(ConversationStream(other))
        .as(Student())
        .when(StartConversation{other, kStudent, crowd})
        .then_error("too_many_participants", ErrorKind::kInvalid);
  }

  TEST_CASE("a participant sends a message: it goes to the other participants") {
    World w;
    Started(w);
    const Timestamp later = kNow + Minutes(5);
    MessageSent sent;
    sent.conversation_id = kConversation;
    sent.message_id = kMessage;
    sent.sender_id = kTeacher;
    sent.content = std::string("Happy to help: shall we look at module 2 tomorrow?");
    sent.recipient_ids = {kStudent};
    sent.sent_at = later;
    w.Given<ConversationDecider>(ConversationStream(kConversation), later)
        .as(Teacher())
        .when(SendMessage{kConversation, kMessage, kTeacher,
                          "Happy to help: shall we look at module 2 tomorrow?"})
        .then({sent});
  }

  TEST_CASE("a message in a conversation one is not part of is refused") {
    World w;
    Started(w);
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student(kStudent2))
        .when(SendMessage{kConversation, kMessage, kStudent2, "let me in"})
        .then_error("not_conversation_participant", ErrorKind::kForbidden);
    // nor as a participant one is not
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student(kStudent2))
        .when(SendMessage{kConversation, kMessage, kStudent, "it's me, really"})
        .then_error("acts_for_another_user", ErrorKind::kForbidden);
    // staff are not participants either
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Admin())
        .when(SendMessage{kConversation, kMessage, kAdmin, "moderation here"})
        .then_error("not_conversation_participant", ErrorKind::kForbidden);
    const Uuid unknown = Id("c0000000-0000-4000-8000-000000000084");
    w.Given<ConversationDecider>(ConversationStream(unknown))
        .as(Student())
        .when(SendMessage{unknown, kMessage, kStudent, "hello?"})
        .then_error("conversation_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("an empty or too long message is refused; the limit itself is accepted") {
    World w;
    Started(w);
    for (const std::string& blank : {std::string(), std::string(" \t\n ")}) {
      w.Given<ConversationDecider>(ConversationStream(kConversation))
          .as(Student())
          .when(SendMessage{kConversation, kMessage, kStudent, blank})
          .then_error("message_content_required", ErrorKind::kInvalid);
    }
    // characters, not bytes: "é" is two bytes
    std::string longest;
    for (int64_t i = 0; i < kMaxMessageLength; ++i) longest += "\xC3\xA9";
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student())
        .when(SendMessage{kConversation, kMessage, kStudent, longest + "!"})
        .then_error("message_too_long", ErrorKind::kInvalid);
    auto spec = w.Given<ConversationDecider>(ConversationStream(kConversation));
    spec.as(Student()).when(SendMessage{kConversation, kMessage, kStudent, longest});
    CHECK(spec.decide().accepted());
  }

  TEST_CASE("a message id is used once in a conversation") {
    World w;
    Started(w);
    w.Run<ConversationDecider>(SendMessage{kConversation, kMessage, kStudent, "Hi Marcus!"},
                               Student());
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Teacher())
        .when(SendMessage{kConversation, kMessage, kTeacher, "Hi Sarah"})
        .then_error("message_already_exists", ErrorKind::kConflict);
    w.Run<ConversationDecider>(SendMessage{kConversation, kMessage2, kTeacher, "Hi Sarah"},
                               Teacher());
    CHECK(w.State<ConversationDecider>(ConversationStream(kConversation)).message_ids.size() == 2);
  }

  TEST_CASE("a participant marks the conversation read at the time of the command") {
    World w;
    Started(w);
    const Timestamp later = kNow + Hours(2);
    w.Given<ConversationDecider>(ConversationStream(kConversation), later)
        .as(Teacher())
        .when(MarkConversationRead{kConversation, kTeacher})
        .then({ConversationRead{kConversation, Participant(kTeacher), kTeacher, later}});
    w.Run<ConversationDecider>(MarkConversationRead{kConversation, kTeacher}, Teacher(), later);
    CHECK(
        w.State<ConversationDecider>(ConversationStream(kConversation)).last_read_at.at(kTeacher) ==
        later);
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student(kStudent2))
        .when(MarkConversationRead{kConversation, kStudent2})
        .then_error("not_conversation_participant", ErrorKind::kForbidden);
    w.Given<ConversationDecider>(ConversationStream(kConversation))
        .as(Student(kStudent2))
        .when(MarkConversationRead{kConversation, kTeacher})
        .then_error("acts_for_another_user", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
