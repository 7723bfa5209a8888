// The PeerLoop feed's read tables (issue 13): posts (edits, pins, moderation status),
// post_interactions and content_flags, projected by a real Projector into real PostgreSQL from
// events the deciders produced; and the filter a reader of an instructor's feed applies
// (instructor_followers, visible posts only).
#include "projections/peerloop/peerloop_projection.h"
#include "tests/support/projection_spec.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;
using edu::testing::ProjectionSpec;

const Uuid kModerator = Id("c0000000-0000-4000-8000-000000000090");
const Uuid kMainPost = Id("c0000000-0000-4000-8000-000000000051");
const Uuid kLike = Id("c0000000-0000-4000-8000-000000000080");
const Uuid kLike2 = Id("c0000000-0000-4000-8000-000000000081");
const Uuid kBookmark = Id("c0000000-0000-4000-8000-000000000082");
const Uuid kFlag = Id("c0000000-0000-4000-8000-000000000085");
const Uuid kFlag2 = Id("c0000000-0000-4000-8000-000000000086");
const Uuid kFlag3 = Id("c0000000-0000-4000-8000-000000000087");
const Uuid kRepost = Id("c0000000-0000-4000-8000-000000000083");

Actor Moderator() { return AsUser(kModerator, "moderator"); }

void Feed(World& w, ProjectionSpec& spec) {
  w.Replay([&](const std::string& stream, const auto& e) { spec.given(stream, e); });
}

// Setup, a moderator, kStudent enrolled (feed access), the student-teacher's course-feed post
// and kStudent2's main-feed post.
void FeedWorld(World& w) {
  w.Setup();
  w.Run<UserDecider>(UserCmd(kModerator, UserRole::moderator, "mods"), Admin());
  w.Run<EnrollmentDecider>(EnrollCmd(), Student());
  w.Run<PostDecider>(CreatePost{kPost, kTeacher, kCourse, "Tip: commit often",
                                PostType::teaching_tip, std::nullopt},
                     Teacher());
  w.Run<PostDecider>(CreatePost{kMainPost, kStudent2, std::nullopt, "Hello, main feed",
                                std::nullopt, std::nullopt},
                     Student(kStudent2));
}

std::string Quoted(const Uuid& id) { return "'" + ToString(id) + "'"; }

}  // namespace

TEST_SUITE("peerloop feed projection") {
  TEST_CASE("post_interactions: one row per live like, bookmark or repost; an undo deletes it") {
    World w;
    FeedWorld(w);
    const Timestamp t1 = kNow + Minutes(5);
    w.Run<PostDecider>(
        InteractWithPost{kLike, kPost, kStudent, PostInteractionType::like, kEnrollment}, Student(),
        t1);
    w.Run<PostDecider>(
        InteractWithPost{kBookmark, kPost, kStudent, PostInteractionType::bookmark, kEnrollment},
        Student(), t1 + Minutes(1));
    w.Run<PostDecider>(
        InteractWithPost{kLike2, kPost, kTeacher2, PostInteractionType::like, std::nullopt},
        Teacher(kTeacher2), t1);
    w.Run<PostDecider>(UndoPostInteraction{kPost, kTeacher2, PostInteractionType::like},
                       Teacher(kTeacher2), t1 + Minutes(2));
    w.Run<PostDecider>(
        InteractWithPost{kRepost, kMainPost, kStudent, PostInteractionType::repost, std::nullopt},
        Student(), t1 + Minutes(3));
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT id::text, post_id::text, user_id::text, type, created_at = '2026-03-02T08:05:00Z' "
        "FROM peerloop.post_interactions ORDER BY created_at, type",
        {{ToString(kLike), ToString(kPost), ToString(kStudent), "like", "t"},
         {ToString(kBookmark), ToString(kPost), ToString(kStudent), "bookmark", "f"},
         {ToString(kRepost), ToString(kMainPost), ToString(kStudent), "repost", "f"}});
  }

  TEST_CASE("posts: edited content and updated_at, is_pinned, the moderation status") {
    World w;
    FeedWorld(w);
    const Timestamp edited = kNow + Hours(1);
    w.Run<PostDecider>(EditPost{kPost, "Tip: commit small and often"}, Teacher(), edited);
    w.Run<PostDecider>(PinPost{kPost, true}, Creator(), edited + Minutes(1));
    w.Run<PostDecider>(ModeratePost{kMainPost, ModerationAction::hide, " off-topic "}, Moderator());
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT content, is_pinned, updated_at = '2026-03-02T09:00:00Z', created_at IS NOT NULL, "
        "moderation_status, moderation_reason FROM peerloop.posts WHERE id = " +
            Quoted(kPost),
        {{"Tip: commit small and often", "t", "t", "t", "visible", "NULL"}});
    spec.then_rows(
        "SELECT is_pinned, updated_at IS NULL, moderation_status, moderation_reason FROM "
        "peerloop.posts WHERE id = " +
            Quoted(kMainPost),
        {{"f", "t", "hidden", "off-topic"}});
  }

  TEST_CASE("content_flags: pending, reviewed, actioned or dismissed, by whom, when and why") {
    World w;
    FeedWorld(w);
    const Timestamp flagged = kNow + Minutes(10);
    const Timestamp reviewed = kNow + Hours(2);
    w.Run<PostDecider>(FlagPost{kFlag, kPost, kStudent, " spam link ", kEnrollment}, Student(),
                       flagged);
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::review, "checking"}, Moderator(),
                       reviewed);
    w.Run<PostDecider>(FlagPost{kFlag2, kPost, kTeacher2, "off topic", std::nullopt},
                       Teacher(kTeacher2), flagged);
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::remove, "spam"}, Moderator(),
                       reviewed + Hours(1));
    w.Run<PostDecider>(FlagPost{kFlag3, kMainPost, kStudent, "rude", std::nullopt}, Student(),
                       flagged);
    w.Run<PostDecider>(ModeratePost{kMainPost, ModerationAction::dismiss, "banter"}, Admin(),
                       reviewed);
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT id::text, post_id::text, flagged_by::text, reason, status, reviewed_by::text, "
        "reviewed_at - created_at, review_reason, created_at = '2026-03-02T08:10:00Z' "
        "FROM peerloop.content_flags ORDER BY id",
        {{ToString(kFlag), ToString(kPost), ToString(kStudent), "spam link", "actioned",
          ToString(kModerator), "02:50:00", "spam", "t"},
         {ToString(kFlag2), ToString(kPost), ToString(kTeacher2), "off topic", "actioned",
          ToString(kModerator), "02:50:00", "spam", "t"},
         {ToString(kFlag3), ToString(kMainPost), ToString(kStudent), "rude", "dismissed",
          ToString(kAdmin), "01:50:00", "banter", "t"}});
    spec.then_rows("SELECT moderation_status FROM peerloop.posts WHERE id = " + Quoted(kPost),
                   {{"removed"}});
  }

  TEST_CASE("a reader's instructor feed: followers (instructor_followers) see visible posts") {
    World w;
    FeedWorld(w);
    const Uuid hidden = kSummon;
    w.Run<PostDecider>(CreatePost{hidden, kCreator, kCourse, "Draft", std::nullopt, std::nullopt},
                       Creator());
    w.Run<PostDecider>(ModeratePost{hidden, ModerationAction::hide, "duplicate"}, Moderator());
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    // What docs/peerloop.md tells readers to run: main-feed posts, and course-feed posts of an
    // instructor the reader follows (or is), all visible.
    auto feed_of = [](const Uuid& reader) {
      return "SELECT p.content FROM peerloop.posts p LEFT JOIN peerloop.courses c ON c.id = "
             "p.course_id WHERE p.moderation_status = 'visible' AND (p.course_id IS NULL OR "
             "c.creator_id = " +
             Quoted(reader) +
             " OR EXISTS (SELECT 1 FROM peerloop.instructor_followers f WHERE f.instructor_id = "
             "c.creator_id AND f.follower_id = " +
             Quoted(reader) + ")) ORDER BY p.content";
    };
    spec.then_rows(feed_of(kStudent), {{"Hello, main feed"}, {"Tip: commit often"}});
    spec.then_rows(feed_of(kStudent2), {{"Hello, main feed"}});
    spec.then_rows(feed_of(kCreator), {{"Hello, main feed"}, {"Tip: commit often"}});
  }
}

}  // namespace edu::peerloop
