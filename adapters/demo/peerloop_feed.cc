#include "adapters/demo/peerloop_feed.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "adapters/demo/checks.h"
#include "domain/peerloop/commands.h"

namespace edu {
namespace {

using namespace peerloop;

constexpr const char* kPart = "peerloop feed";

template <class C>
DemoOutcome Send(DemoDriver& d, const C& command, const Actor& actor) {
  return d.Send(C::kType, CommandBody("peerloop", command), actor);
}

Actor As(const Uuid& user, const char* role) { return Actor{ToString(user), role}; }

class FeedScenario {
 public:
  FeedScenario(DemoDriver& d, const PeerloopFeedCast& cast, PeerloopFeedTotals* t)
      : d_(d), cast_(cast), t_(*t) {}

  void Run() {
    Cast();
    Announcement();
    Interactions();
    Posts();
    Moderation();
  }

 private:
  // The instructor with the most followers, their followers (one enrollment each), a student
  // who never enrolled with them, and a moderator.
  void Cast() {
    std::map<Uuid, std::map<Uuid, const PeerloopFeedCast::Enrollment*>> by_instructor;
    for (const auto& e : cast_.enrollments) by_instructor[e.instructor].emplace(e.student, &e);
    size_t most = 0;
    for (const auto& [instructor, students] : by_instructor) {
      if (students.size() > most) {
        most = students.size();
        instructor_ = instructor;
      }
    }
    if (most < 3) throw std::runtime_error("peerloop feed demo: no instructor with 3 followers");
    for (const auto& [student, e] : by_instructor[instructor_]) followers_.push_back(*e);
    course_ = followers_.front().course;
    for (const Uuid& s : cast_.students) {
      if (!by_instructor[instructor_].count(s)) {
        outsider_ = s;
        break;
      }
    }
    moderator_ = d_.NewId();
    RegisterUser c;
    c.user_id = moderator_;
    c.role = UserRole::moderator;
    c.name = "Community Moderator";
    c.handle = "moderator_" + ToString(moderator_).substr(0, 4);
    c.email = c.handle + "@peerloop.example";
    ExpectAccepted(Send(d_, c, As(cast_.admin, "admin")), kPart, "registering a moderator");
    ++t_.users;
  }

  Actor Follower(size_t i) const { return As(followers_[i].student, "student"); }
  Actor Moderator() const { return As(moderator_, "moderator"); }

  void Refused(const DemoOutcome& o, const char* code, const char* what) {
    ExpectRefused(o, code, kPart, what);
    ++t_.refused[code];
  }

  Uuid Post(const Uuid& author, const Actor& actor, std::optional<Uuid> course,
            const std::string& content, std::optional<Uuid> enrollment,
            std::optional<PostType> type = std::nullopt) {
    Uuid id = d_.NewId();
    ExpectAccepted(
        Send(d_, CreatePost{id, author, course, content, type, std::nullopt, enrollment}, actor),
        kPart, "a post");
    ++t_.posts;
    if (course) ++t_.course_posts;
    return id;
  }

  // The instructor announces in their feed and pins it.
  void Announcement() {
    announcement_ = Post(instructor_, As(instructor_, "creator"), course_,
                         "Office hours every Friday: bring your questions", std::nullopt,
                         PostType::announcement);
    ExpectAccepted(Send(d_, PinPost{announcement_, true}, As(instructor_, "creator")), kPart,
                   "pinning the announcement");
    ++t_.pinned;
    // A follower cannot pin in someone else's feed.
    Refused(Send(d_, PinPost{announcement_, false}, Follower(0)), "role_not_allowed",
            "a student unpinning");
  }

  DemoOutcome Interact(size_t follower, PostInteractionType type, const Uuid& post) {
    const auto& f = followers_[follower];
    return Send(d_, InteractWithPost{d_.NewId(), post, f.student, type, f.enrollment},
                Follower(follower));
  }

  // Followers like the announcement (with the enrollment that gives them access), one
  // bookmarks it, one reposts it and takes it back.
  void Interactions() {
    const size_t likers = std::min<size_t>(followers_.size(), 8);
    for (size_t i = 0; i < likers; ++i) {
      ExpectAccepted(Interact(i, PostInteractionType::like, announcement_), kPart, "a like");
      ++t_.interactions;
    }
    ExpectAccepted(Interact(0, PostInteractionType::bookmark, announcement_), kPart, "a bookmark");
    ++t_.interactions;
    ExpectAccepted(Interact(1, PostInteractionType::repost, announcement_), kPart, "a repost");
    ExpectAccepted(
        Send(d_,
             UndoPostInteraction{announcement_, followers_[1].student, PostInteractionType::repost},
             Follower(1)),
        kPart, "undoing a repost");
    ++t_.undone;
    Refused(Interact(0, PostInteractionType::like, announcement_), "interaction_already_exists",
            "a like twice");
    if (outsider_) {
      Refused(Send(d_,
                   InteractWithPost{d_.NewId(), announcement_, *outsider_,
                                    PostInteractionType::like, std::nullopt},
                   As(*outsider_, "student")),
              "no_feed_access", "a like without feed access");
      Refused(Send(d_,
                   CreatePost{d_.NewId(), *outsider_, course_, "Can I join?", std::nullopt,
                              std::nullopt, std::nullopt},
                   As(*outsider_, "student")),
              "no_feed_access", "a post without feed access");
    }
  }

  // Followers post in the feed; one edits their post; a post in the main feed.
  void Posts() {
    const auto& a = followers_[0];
    const auto& b = followers_[1];
    tip_ = Post(a.student, Follower(0), course_, "Tip: ask Claude to write the tests first",
                a.enrollment);
    ExpectAccepted(Send(d_, EditPost{tip_, "Tip: ask Claude to write the tests first, then code"},
                        Follower(0)),
                   kPart, "editing a post");
    ++t_.edited;
    spam_ = Post(b.student, Follower(1), course_, "Cheap certificates here: spam.example",
                 b.enrollment);
    main_ = Post(outsider_ ? *outsider_ : cast_.students.back(),
                 As(outsider_ ? *outsider_ : cast_.students.back(), "student"), std::nullopt,
                 "Anyone up for a study group?", std::nullopt);
  }

  DemoOutcome Flag(size_t follower, const Uuid& post, const std::string& reason) {
    const auto& f = followers_[follower];
    return Send(d_, FlagPost{d_.NewId(), post, f.student, reason, f.enrollment},
                Follower(follower));
  }

  DemoOutcome Moderate(const Uuid& post, ModerationAction action, const std::string& reason) {
    return Send(d_, ModeratePost{post, action, reason}, Moderator());
  }

  // Flags, reviewed, the post hidden (flags actioned), fixed, restored, then removed; a flag
  // on the main feed dismissed.
  void Moderation() {
    Refused(Flag(1, spam_, "mine"), "flag_own_post", "flagging one's own post");
    Refused(Flag(0, spam_, "   "), "reason_required", "a flag without a reason");
    ExpectAccepted(Flag(0, spam_, "spam link"), kPart, "a flag");
    ExpectAccepted(Flag(2, spam_, "selling certificates"), kPart, "a flag");
    t_.flags += 2;
    Refused(Send(d_, ModeratePost{spam_, ModerationAction::hide, "I do not like it"}, Follower(0)),
            "role_not_allowed", "a student moderating");
    ExpectAccepted(Moderate(spam_, ModerationAction::review, "checking the link"), kPart,
                   "reviewing flags");
    ExpectAccepted(Moderate(spam_, ModerationAction::hide, "selling certificates"), kPart,
                   "hiding a post");
    t_.flags_actioned += 2;
    ExpectAccepted(Send(d_, EditPost{spam_, "Sorry, wrong feed: link removed"}, Follower(1)), kPart,
                   "fixing a hidden post");
    ++t_.edited;
    ExpectAccepted(Moderate(spam_, ModerationAction::restore, "the author removed the link"), kPart,
                   "restoring a post");
    ExpectAccepted(Moderate(spam_, ModerationAction::remove, "second offence"), kPart,
                   "removing a post");
    ++t_.removed;
    Refused(Interact(3 % followers_.size(), PostInteractionType::like, spam_), "post_removed",
            "a like on a removed post");
    ExpectAccepted(Flag(0, main_, "off topic"), kPart, "a flag on the main feed");
    ++t_.flags;
    ExpectAccepted(Moderate(main_, ModerationAction::dismiss, "study groups are welcome"), kPart,
                   "dismissing a flag");
    ++t_.flags_dismissed;
  }

  DemoDriver& d_;
  const PeerloopFeedCast& cast_;
  PeerloopFeedTotals& t_;
  Uuid instructor_{}, course_{}, moderator_{};
  std::vector<PeerloopFeedCast::Enrollment> followers_;
  std::optional<Uuid> outsider_;
  Uuid announcement_{}, tip_{}, spam_{}, main_{};
};

}  // namespace

void RunPeerloopFeedDemo(DemoDriver& driver, const PeerloopFeedCast& cast,
                         PeerloopFeedTotals* totals) {
  FeedScenario(driver, cast, totals).Run();
}

bool ReportPeerloopFeed(pqxx::transaction_base& tx, const std::vector<RecordedEvent>& history,
                        const PeerloopFeedTotals& t) {
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  auto events = [&](const char* type) {
    return static_cast<int64_t>(std::count_if(
        history.begin(), history.end(), [&](const RecordedEvent& e) { return e.type == type; }));
  };
  const std::vector<DemoCheck> checks = {
      {"feed posts (PostCreated events)", events("PostCreated"),
       scalar("SELECT count(*) FROM peerloop.posts")},
      {"  course-feed posts by members without feed access", 0,
       scalar("SELECT count(*) FROM peerloop.posts p JOIN peerloop.courses c ON c.id = p.course_id "
              "WHERE p.author_id <> c.creator_id AND NOT EXISTS (SELECT 1 FROM "
              "peerloop.instructor_followers f WHERE f.instructor_id = c.creator_id AND "
              "f.follower_id = p.author_id) AND NOT EXISTS (SELECT 1 FROM "
              "peerloop.student_teachers s WHERE s.user_id = p.author_id AND s.course_id = "
              "p.course_id)")},
      {"post interactions (likes, bookmarks, reposts)", t.interactions,
       scalar("SELECT count(*) FROM peerloop.post_interactions")},
      {"  = PostInteracted - PostInteractionUndone events",
       events("PostInteracted") - events("PostInteractionUndone"),
       scalar("SELECT count(*) FROM peerloop.post_interactions")},
      {"  interactions undone", t.undone, events("PostInteractionUndone")},
      {"content flags (PostFlagged events)", events("PostFlagged"),
       scalar("SELECT count(*) FROM peerloop.content_flags")},
      {"  flags the demo raised", t.flags, scalar("SELECT count(*) FROM peerloop.content_flags")},
      {"  actioned (the post hidden or removed)", t.flags_actioned,
       scalar("SELECT count(*) FROM peerloop.content_flags WHERE status = 'actioned'")},
      {"  dismissed", t.flags_dismissed,
       scalar("SELECT count(*) FROM peerloop.content_flags WHERE status = 'dismissed'")},
      {"  settled without reviewed_by/reviewed_at", 0,
       scalar("SELECT count(*) FROM peerloop.content_flags WHERE status <> 'pending' AND "
              "(reviewed_by IS NULL OR reviewed_at IS NULL)")},
      {"posts pinned", t.pinned, scalar("SELECT count(*) FROM peerloop.posts WHERE is_pinned")},
      {"posts edited (updated_at)", t.edited,
       scalar("SELECT count(*) FROM peerloop.posts WHERE updated_at IS NOT NULL")},
      {"posts hidden", t.hidden,
       scalar("SELECT count(*) FROM peerloop.posts WHERE moderation_status = 'hidden'")},
      {"posts removed", t.removed,
       scalar("SELECT count(*) FROM peerloop.posts WHERE moderation_status = 'removed'")},
  };
  const bool ok = PrintDemoChecks(
      "peerloop feed: what the API accepted vs the read tables and the log", checks, "USD");
  std::printf("  refused feed commands (nothing appended):");
  for (const auto& [code, n] : t.refused) std::printf(" %s x%d", code.c_str(), n);
  std::printf("\n");
  return ok;
}

}  // namespace edu
