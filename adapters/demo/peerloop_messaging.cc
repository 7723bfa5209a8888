#include "adapters/demo/peerloop_messaging.h"

#include <set>
#include <utility>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "adapters/demo/checks.h"
#include "domain/peerloop/commands_messaging.h"

namespace edu {
namespace {

using namespace peerloop;

constexpr const char* kPart = "peerloop (messages)";

Uuid IdOf(const Actor& a) { return *ParseUuid(a.id); }

template <class C>
DemoOutcome Send(DemoDriver& d, const C& command, const Actor& actor) {
  return d.Send(C::kType, CommandBody("peerloop", command), actor);
}

class SocialScenario {
 public:
  SocialScenario(DemoDriver& d, const PeerloopSocialCast& cast, const std::function<void()>& settle,
                 PeerloopMessagingTotals* t)
      : d_(d), cast_(cast), settle_(settle), t_(*t) {}

  void Run() {
    if (cast_.students.size() < 3 || cast_.teachers.size() < 2 || cast_.courses.empty()) return;
    Conversations();
    Follows();
    settle_();  // the notifications of the messages are made by a reaction
    Notifications();
    settle_();
  }

 private:
  struct Sent {
    Uuid event_id;
    std::vector<Actor> recipients;
  };

  void Refused(const DemoOutcome& o, const char* code, const char* what) {
    ExpectRefused(o, code, kPart, what);
    ++t_.refused[code];
  }

  Sent Message(const Uuid& conversation, const Actor& from, const std::vector<Actor>& others,
               const std::string& text) {
    d_.clock().Advance(Minutes(4));
    DemoOutcome o = Send(d_, SendMessage{conversation, d_.NewId(), IdOf(from), text}, from);
    ExpectAccepted(o, kPart, "a direct message");
    ++t_.messages;
    t_.message_recipients += static_cast<int>(others.size());
    Sent sent;
    for (const auto& e : o.result.events) {
      if (e.type == "MessageSent") sent.event_id = e.event_id;
    }
    sent.recipients = others;
    return sent;
  }

  void MarkRead(const Uuid& conversation, const Actor& who) {
    ExpectAccepted(Send(d_, MarkConversationRead{conversation, IdOf(who)}, who), kPart,
                   "marking a conversation read");
    if (read_.insert({conversation, IdOf(who)}).second) ++t_.conversations_read;
  }

  // Students ask their student-teachers; the first conversation is a group with a second one.
  void Conversations() {
    const size_t n = std::min<size_t>(6, cast_.students.size() - 1);
    for (size_t i = 0; i < n; ++i) {
      const Actor& student = cast_.students[i];
      std::vector<Actor> others = {cast_.teachers[i % cast_.teachers.size()]};
      if (i == 0) others.push_back(cast_.teachers[1]);
      std::vector<Uuid> other_ids;
      for (const Actor& a : others) other_ids.push_back(IdOf(a));
      Uuid conversation = d_.NewId();
      ExpectAccepted(Send(d_, StartConversation{conversation, IdOf(student), other_ids}, student),
                     kPart, "starting a conversation");
      ++t_.conversations;
      t_.participants += 1 + static_cast<int>(others.size());
      conversations_.push_back(conversation);
      sent_.push_back(Message(conversation, student, others,
                              "Hi! I'm stuck on the exercise of module 2; could you have a look?"));
      const Actor& teacher = others.front();
      MarkRead(conversation, teacher);
      std::vector<Actor> to_student = {student};
      for (size_t k = 1; k < others.size(); ++k) to_student.push_back(others[k]);
      Message(conversation, teacher, to_student,
              "Sure: share your screen in our next session, or paste the error here.");
      std::vector<Actor> to_teachers = others;
      Message(conversation, student, to_teachers, "Thanks, see you Thursday!");
      MarkRead(conversation, student);
    }
    // Refused, appending nothing.
    const Actor& outsider = cast_.students.back();
    Refused(Send(d_, SendMessage{conversations_[0], d_.NewId(), IdOf(outsider), "can I join?"},
                 outsider),
            "not_conversation_participant", "a message from outside the conversation");
    Refused(Send(d_, SendMessage{conversations_[0], d_.NewId(), IdOf(cast_.students[0]), "   "},
                 cast_.students[0]),
            "message_content_required", "an empty message");
    Refused(Send(d_, StartConversation{d_.NewId(), IdOf(outsider), {IdOf(outsider)}}, outsider),
            "conversation_needs_another_participant", "a conversation with oneself only");
  }

  void Follow(const Actor& who, const Uuid& followed) {
    ExpectAccepted(Send(d_, FollowUser{d_.NewId(), IdOf(who), followed}, who), kPart,
                   "following a user");
    ++t_.follows;
  }

  // Students follow their student-teachers and a course; one changes their mind.
  void Follows() {
    const size_t teachers = cast_.teachers.size();
    for (size_t i = 0; i < cast_.students.size(); ++i) {
      const Actor& s = cast_.students[i];
      Follow(s, IdOf(cast_.teachers[i % teachers]));
      if (i % 3 == 0) Follow(s, IdOf(cast_.teachers[(i + 1) % teachers]));
      ExpectAccepted(
          Send(d_, FollowCourse{d_.NewId(), IdOf(s), cast_.courses[i % cast_.courses.size()]}, s),
          kPart, "following a course");
      ++t_.course_follows;
    }
    Follow(cast_.teachers[0], IdOf(cast_.teachers[1]));
    const Actor& s0 = cast_.students[0];
    ExpectAccepted(Send(d_, UnfollowUser{IdOf(s0), IdOf(cast_.teachers[1 % teachers])}, s0), kPart,
                   "unfollowing a user");
    --t_.follows;
    ExpectAccepted(Send(d_, UnfollowCourse{IdOf(s0), cast_.courses[0]}, s0), kPart,
                   "unfollowing a course");
    --t_.course_follows;
    // Refused, appending nothing.
    Refused(Send(d_, FollowUser{d_.NewId(), IdOf(s0), IdOf(s0)}, s0), "cannot_follow_self",
            "following oneself");
    Refused(Send(d_, FollowUser{d_.NewId(), IdOf(s0), IdOf(cast_.teachers[0])}, s0),
            "already_following", "following twice");
    Refused(Send(d_, UnfollowCourse{IdOf(s0), cast_.courses[0]}, s0), "not_following",
            "unfollowing a course one does not follow");
  }

  // The recipients of each conversation's first message read its notification (ids derived from
  // the MessageSent event, as the reaction derives them).
  void Notifications() {
    for (const Sent& sent : sent_) {
      for (const Actor& recipient : sent.recipients) {
        Uuid id = DeriveUuid(sent.event_id, "notification/" + recipient.id);
        ExpectAccepted(Send(d_, MarkNotificationRead{id}, recipient), kPart,
                       "reading a notification");
        ++t_.notifications_read;
      }
    }
    const Sent& first = sent_.front();
    Uuid theirs = DeriveUuid(first.event_id, "notification/" + first.recipients.front().id);
    Refused(Send(d_, MarkNotificationRead{theirs}, cast_.students.back()), "not_own_notification",
            "reading another user's notification");
  }

  DemoDriver& d_;
  const PeerloopSocialCast& cast_;
  const std::function<void()>& settle_;
  PeerloopMessagingTotals& t_;
  std::vector<Uuid> conversations_;
  std::vector<Sent> sent_;  // each conversation's first message
  std::set<std::pair<Uuid, Uuid>> read_;
};

}  // namespace

void RunPeerloopMessagingDemo(DemoDriver& driver, const PeerloopSocialCast& cast,
                              const std::function<void()>& settle,
                              PeerloopMessagingTotals* totals) {
  SocialScenario(driver, cast, settle, totals).Run();
}

bool ReportPeerloopMessaging(pqxx::transaction_base& tx, const std::vector<RecordedEvent>& history,
                             const PeerloopMessagingTotals& t) {
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  // Events of `type` in the log, each counted as `measure` reads its payload.
  auto events = [&](const std::string& type, const char* array_member = nullptr) {
    int64_t n = 0;
    for (const auto& e : history) {
      if (e.type != type) continue;
      if (!array_member) {
        ++n;
        continue;
      }
      rapidjson::Document d;
      d.Parse(e.payload.data(), e.payload.size());
      if (!d.HasParseError() && d.IsObject() && d.HasMember(array_member) &&
          d[array_member].IsArray()) {
        n += d[array_member].Size();
      }
    }
    return n;
  };
  // What the peerloop.notifications reaction must have made from the log's events.
  const int64_t caused = events("PaymentCompleted") + events("PaymentFailed") +
                         events("RefundIssued") + events("PayoutCompleted") +
                         events("PayoutFailed") + events("PayoutRejected") +
                         events("MessageSent", "recipient_ids");
  const std::string notifications = "SELECT count(*) FROM peerloop.notifications";
  std::vector<DemoCheck> checks = {
      {"conversations", t.conversations, scalar("SELECT count(*) FROM peerloop.conversations")},
      {"  = ConversationStarted events in the log", events("ConversationStarted"),
       scalar("SELECT count(*) FROM peerloop.conversations")},
      {"conversation participants", t.participants,
       scalar("SELECT count(*) FROM peerloop.conversation_participants")},
      {"  = participants of ConversationStarted events",
       events("ConversationStarted", "participants"),
       scalar("SELECT count(*) FROM peerloop.conversation_participants")},
      {"  with a last_read_at", t.conversations_read,
       scalar("SELECT count(*) FROM peerloop.conversation_participants WHERE last_read_at IS NOT "
              "NULL")},
      {"messages", t.messages, scalar("SELECT count(*) FROM peerloop.messages")},
      {"  = MessageSent events in the log", events("MessageSent"),
       scalar("SELECT count(*) FROM peerloop.messages")},
      {"  from someone outside their conversation", 0,
       scalar("SELECT count(*) FROM peerloop.messages m WHERE NOT EXISTS (SELECT 1 FROM "
              "peerloop.conversation_participants p WHERE p.conversation_id = m.conversation_id "
              "AND p.user_id = m.sender_id)")},
      {"  conversations whose updated_at != last message", 0,
       scalar("SELECT count(*) FROM peerloop.conversations c WHERE c.updated_at <> (SELECT "
              "coalesce(max(m.created_at), c.created_at) FROM peerloop.messages m WHERE "
              "m.conversation_id = c.id)")},
      {"follows in place", t.follows, scalar("SELECT count(*) FROM peerloop.follows")},
      {"  = UserFollowed - UserUnfollowed events",
       events("UserFollowed") - events("UserUnfollowed"),
       scalar("SELECT count(*) FROM peerloop.follows")},
      {"  self-follows", 0,
       scalar("SELECT count(*) FROM peerloop.follows WHERE follower_id = followed_id")},
      {"course follows in place", t.course_follows,
       scalar("SELECT count(*) FROM peerloop.course_follows")},
      {"  = CourseFollowed - CourseUnfollowed events",
       events("CourseFollowed") - events("CourseUnfollowed"),
       scalar("SELECT count(*) FROM peerloop.course_follows")},
      {"notifications (payments, refunds, payouts, messages)", caused, scalar(notifications)},
      {"  = NotificationCreated events in the log", events("NotificationCreated"),
       scalar(notifications)},
      {"  of type message", t.message_recipients,
       scalar(notifications + " WHERE type = 'message'")},
      {"  read", t.notifications_read, scalar(notifications + " WHERE is_read")},
  };
  bool ok = PrintDemoChecks("peerloop messages, follows, notifications: the API vs the read tables",
                            checks, "USD");
  std::printf("  refused social commands (nothing appended):");
  for (const auto& [code, n] : t.refused) std::printf(" %s x%d", code.c_str(), n);
  std::printf("\n");
  return ok;
}

}  // namespace edu
