#include "adapters/demo/uhs_forum.h"

#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/uhs/forum_commands.h"

namespace edu {
namespace {

using namespace uhs;

void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, "uhs forum", what); }

Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }

class ForumScenario {
 public:
  ForumScenario(DemoDriver& d, const UhsForumCast& cast, const std::function<void()>& settle,
                UhsForumTotals* t)
      : d_(d), cast_(cast), settle_(settle), t_(t) {}

  void Run() {
    if (cast_.parents.size() < 3 || cast_.instructors.empty()) {
      throw std::runtime_error("uhs forum demo: needs 3 parents and an instructor");
    }
    Discussions();
    settle_();
    ReadNotifications();
    Moderation();
    Contact();
    settle_();
  }

 private:
  template <class C>
  DemoOutcome Send(const C& command, const Actor& actor) {
    return d_.Send(C::kType, CommandBody("uhs", command), actor);
  }
  template <class C>
  void Refused(const C& command, const Actor& actor, const char* code, const char* what) {
    ExpectRefused(Send(command, actor), code, "uhs forum", what);
    ++t_->refusals;
  }
  Actor Parent(size_t i) { return As(cast_.parents[i % cast_.parents.size()], "parent"); }
  Actor Teacher() { return As(cast_.instructors[0], "instructor"); }
  Actor Admin() { return As(cast_.admin, "admin"); }

  // Each parent asks; the instructor answers every post, another parent the first two; the
  // authors accept the instructor's answer on half of them; likes all round.
  void Discussions() {
    static const char* kTopics[][2] = {
        {"Help with fractions", "mathematics"},
        {"Kiswahili insha tips", "kiswahili"},
        {"Science fair project ideas", "science"},
        {"Grade 7 CBC timetable", "general"},
    };
    for (size_t i = 0; i < cast_.parents.size() && i < 4; ++i) {
      Post post{d_.NewId(), cast_.parents[i], {}};
      Expect(Send(CreateForumPost{post.id,
                                  kTopics[i][0],
                                  "Any advice from other families or teachers?",
                                  kTopics[i][1],
                                  {"grade-7"}},
                  Parent(i)),
             "starting a forum post");
      ++t_->posts;
      Uuid answer = d_.NewId();
      DemoOutcome replied =
          Send(ReplyToForumPost{post.id, answer, "Here is how we do it in class, step by step."},
               Teacher());
      Expect(replied, "an instructor's reply");
      ++t_->replies;
      post.reply_events.push_back(replied.result.events.at(0).event_id);
      ++t_->notifications;
      if (i < 2) {
        Uuid other = d_.NewId();
        DemoOutcome second =
            Send(ReplyToForumPost{post.id, other, "We found flash cards help."}, Parent(i + 1));
        Expect(second, "a parent's reply");
        ++t_->replies;
        post.reply_events.push_back(second.result.events.at(0).event_id);
        ++t_->notifications;
        Expect(Send(LikeForumPost{post.id, d_.NewId(), other}, Parent(i + 2)), "liking a reply");
        ++t_->likes;
      }
      Expect(Send(LikeForumPost{post.id, d_.NewId(), std::nullopt}, Teacher()), "liking a post");
      ++t_->likes;
      Expect(Send(LikeForumPost{post.id, d_.NewId(), answer}, Parent(i)), "liking the answer");
      ++t_->likes;
      if (i % 2 == 0) {
        Expect(Send(AcceptForumSolution{post.id, answer}, Parent(i)), "accepting a solution");
        ++t_->posts_solved;
        ++t_->notifications;  // the instructor is told
      }
      for (int v = 0; v < 3; ++v) {
        Expect(Send(RecordForumView{post.id, std::nullopt}, Actor{"system:uhs-api", "system"}),
               "counting a view");
        ++t_->views;
      }
      posts_.push_back(post);
    }
    const Post& first = posts_[0];
    Refused(LikeForumPost{first.id, d_.NewId(), std::nullopt}, Teacher(), "forum_already_liked",
            "a second like of the same post");
    Refused(AcceptForumSolution{posts_[1].id, d_.NewId()}, Parent(0), "not_forum_post_author",
            "accepting a solution on someone else's post");
    Refused(PinForumPost{first.id, true}, Parent(1), "role_not_allowed", "a parent pinning a post");
    Refused(ModerateForumPost{first.id, ForumModerationAction::lock, std::nullopt}, Parent(1),
            "not_forum_moderator", "a parent locking someone's post");
    // A like taken back.
    Uuid like = d_.NewId();
    Expect(Send(LikeForumPost{first.id, like, std::nullopt}, Parent(2)), "liking a post");
    Expect(Send(UnlikeForumPost{first.id, std::nullopt}, Parent(2)), "taking a like back");
  }

  // The first post's author reads their reply notifications; nobody else may.
  void ReadNotifications() {
    const Post& first = posts_[0];
    for (const Uuid& event : first.reply_events) {
      Uuid notification = DeriveUuid(event, "notification");
      if (&event == &first.reply_events.front()) {
        Refused(MarkNotificationRead{first.author, notification}, Parent(1), "not_own_notification",
                "marking someone else's notification read");
      }
      Expect(Send(MarkNotificationRead{first.author, notification}, Parent(0)),
             "marking a notification read");
      ++t_->notifications_read;
    }
  }

  void Moderation() {
    Expect(Send(PinForumPost{posts_[3 % posts_.size()].id, true}, Admin()), "pinning a post");
    ++t_->posts_pinned;
    const Post& flagged = posts_[1];
    Expect(Send(FlagForumPost{flagged.id, "advertises a paid tutoring service"}, Parent(2)),
           "flagging a post");
    Expect(Send(ModerateForumPost{flagged.id, ForumModerationAction::lock,
                                  std::string("under review")},
                Admin()),
           "locking a post");
    Refused(ReplyToForumPost{flagged.id, d_.NewId(), "Contact me for lessons!"}, Parent(0),
            "forum_post_closed", "a reply to a locked post");
    Expect(
        Send(ModerateForumPost{flagged.id, ForumModerationAction::hide, std::string("advertising")},
             Admin()),
        "hiding a post");
    ++t_->posts_hidden;
  }

  void Contact() {
    const Actor form{"system:uhs-contact-form", "system"};
    for (int i = 0; i < 3; ++i) {
      Uuid id = d_.NewId();
      Expect(Send(SubmitContactMessage{id, DemoName(d_.rng()),
                                       fmt::format("visitor{}@example.co.ke", i),
                                       "Question about fees", "How much is a Grade 7 course?"},
                  form),
             "a contact form message");
      ++t_->contact_messages;
      if (i == 0) {
        Expect(Send(MarkContactMessageRead{id}, Admin()), "reading a contact message");
      }
      if (i < 2) {
        Expect(Send(ReplyToContactMessage{id, "Courses start at KES 1,500."}, Admin()),
               "answering a contact message");
        ++t_->contact_replied;
      }
      if (i == 1) {
        Refused(ReplyToContactMessage{id, "And a discount!"}, Admin(),
                "contact_message_already_replied", "a second answer to a contact message");
      }
    }
    Refused(SubmitContactMessage{d_.NewId(), "Visitor", "not-an-email", "Hi", "Hello"}, form,
            "invalid_email", "a contact message with a malformed email");
  }

  struct Post {
    Uuid id;
    Uuid author;
    std::vector<Uuid> reply_events;  // ForumReplyPosted event ids: their notifications' ids
  };

  DemoDriver& d_;
  const UhsForumCast& cast_;
  const std::function<void()>& settle_;
  UhsForumTotals* t_;
  std::vector<Post> posts_;
};

}  // namespace

void RunUhsForumDemo(DemoDriver& driver, const UhsForumCast& cast,
                     const std::function<void()>& settle, UhsForumTotals* totals) {
  ForumScenario(driver, cast, settle, totals).Run();
}

namespace {

// Events of the uhs marketplace in the log, by type.
std::map<std::string, int64_t> CountUhsEvents(EventLog* log) {
  std::map<std::string, int64_t> count;
  for (int p = 0; p < log->partition_count(); ++p) {
    for (int64_t from = 0;;) {
      std::vector<RecordedEvent> batch;
      Status read = log->ReadPartition(p, from, 1000, &batch);
      if (!read.ok()) throw std::runtime_error("uhs report: reading the log: " + read.ToString());
      if (batch.empty()) break;
      from = batch.back().offset + 1;
      for (const auto& e : batch) {
        if (e.marketplace == "uhs") ++count[e.type];
      }
    }
  }
  return count;
}

}  // namespace

std::vector<DemoCheck> UhsForumChecks(const std::string& db_uri, EventLog* log,
                                      const UhsForumTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  std::map<std::string, int64_t> events = CountUhsEvents(log);
  auto rows = [&](const std::string& table, const std::string& where = "") {
    return scalar("SELECT count(*) FROM uhs." + table + (where.empty() ? "" : " WHERE " + where));
  };
  std::vector<DemoCheck> checks = {
      {"forum posts = ForumPostCreated events in the log", events["ForumPostCreated"],
       rows("forum_posts"), false},
      {"forum replies = ForumReplyPosted events", events["ForumReplyPosted"], rows("forum_replies"),
       false},
      {"forum likes = ForumLiked - ForumUnliked events",
       events["ForumLiked"] - events["ForumUnliked"], rows("forum_likes"), false},
      {"forum views = ForumPostViewed events", events["ForumPostViewed"],
       scalar("SELECT sum(view_count) FROM uhs.forum_posts"), false},
      {"notifications (money and forum) = NotificationDelivered events",
       events["NotificationDelivered"], rows("notifications"), false},
      {"  each with its action_url and action_label", events["NotificationDelivered"],
       rows("notifications", "action_url IS NOT NULL AND action_label IS NOT NULL"), false},
      {"notifications read = NotificationRead events", events["NotificationRead"],
       rows("notifications", "is_read"), false},
      {"contact messages = ContactMessageReceived events", events["ContactMessageReceived"],
       rows("contact_messages"), false},
      {"contact answers = ContactMessageReplied events", events["ContactMessageReplied"],
       rows("contact_messages", "replied_at IS NOT NULL"), false},
  };
  std::vector<DemoCheck> against_demo = {
      {"forum posts", t.posts, scalar("SELECT count(*) FROM uhs.forum_posts"), false},
      {"  hidden or removed", t.posts_hidden,
       scalar("SELECT count(*) FROM uhs.forum_posts WHERE is_deleted"), false},
      {"  pinned", t.posts_pinned, scalar("SELECT count(*) FROM uhs.forum_posts WHERE is_pinned"),
       false},
      {"  solved (one solution each)", t.posts_solved,
       scalar("SELECT count(*) FROM uhs.forum_posts p WHERE is_solved AND (SELECT count(*) FROM "
              "uhs.forum_replies r WHERE r.post_id = p.id AND r.is_solution) = 1"),
       false},
      {"  views", t.views, scalar("SELECT sum(view_count) FROM uhs.forum_posts"), false},
      {"forum replies", t.replies, scalar("SELECT count(*) FROM uhs.forum_replies"), false},
      {"forum likes standing", t.likes, scalar("SELECT count(*) FROM uhs.forum_likes"), false},
      {"forum notifications delivered", t.notifications,
       scalar("SELECT count(*) FROM uhs.notifications WHERE type LIKE 'forum_%' AND action_url "
              "IS NOT NULL AND action_label IS NOT NULL"),
       false},
      {"  read by their owner", t.notifications_read,
       scalar("SELECT count(*) FROM uhs.notifications WHERE is_read AND read_at IS NOT NULL"),
       false},
      {"contact messages", t.contact_messages, scalar("SELECT count(*) FROM uhs.contact_messages"),
       false},
      {"  answered (and so read)", t.contact_replied,
       scalar("SELECT count(*) FROM uhs.contact_messages WHERE reply_message IS NOT NULL AND "
              "is_read"),
       false},
  };
  checks.insert(checks.begin(), against_demo.begin(), against_demo.end());
  return checks;
}

}  // namespace edu
