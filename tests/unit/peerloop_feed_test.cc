// Specifications of the PeerLoop feed (issue 13; seed 001 CD-013, CD-024): feed access to an
// instructor's feed (course-feed posts) from a first purchase (instructor_followers), likes,
// bookmarks and reposts (post_interactions, once per user and type, undone), flags
// (content_flags: someone else's post, once, with a reason), moderation by moderators (review,
// dismiss, hide, restore, remove, with a reason), edits by the author and pins by the feed's
// instructor.
#include <fmt/format.h>

#include "eventstore/json_binding.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kModerator = Id("c0000000-0000-4000-8000-000000000090");
const Uuid kMainPost = Id("c0000000-0000-4000-8000-000000000051");
const Uuid kLike = Id("c0000000-0000-4000-8000-000000000080");
const Uuid kLike2 = Id("c0000000-0000-4000-8000-000000000081");
const Uuid kBookmark = Id("c0000000-0000-4000-8000-000000000082");
const Uuid kFlag = Id("c0000000-0000-4000-8000-000000000085");
const Uuid kFlag2 = Id("c0000000-0000-4000-8000-000000000086");
const Uuid kEnrollment2 = Id("c0000000-0000-4000-8000-000000000022");

Actor Moderator() { return AsUser(kModerator, "moderator"); }

CreatePost Post(const Uuid& id, const Uuid& author, std::optional<Uuid> course,
                const std::string& content, std::optional<Uuid> enrollment = std::nullopt,
                std::optional<PostType> type = std::nullopt) {
  return CreatePost{id, author, course, content, type, std::nullopt, enrollment};
}

// Setup, a moderator, kStudent enrolled with the course's creator (kEnrollment: feed access),
// the student-teacher's post in the course feed (kPost) and a main-feed post of kStudent2.
void FeedWorld(World& w) {
  w.Setup();
  w.Run<UserDecider>(UserCmd(kModerator, UserRole::moderator, "mods"), Admin());
  w.Run<EnrollmentDecider>(EnrollCmd(), Student());
  w.Run<PostDecider>(
      Post(kPost, kTeacher, kCourse, "Tip: commit often", std::nullopt, PostType::teaching_tip),
      Teacher());
  w.Run<PostDecider>(Post(kMainPost, kStudent2, std::nullopt, "Hello, main feed"),
                     Student(kStudent2));
}

PostCreated CoursePost(const Uuid& id, const Uuid& author, const std::string& content) {
  return PostCreated{id, author, kCourse, content, PostType::post, std::nullopt, kCreator};
}

InteractWithPost Like(const Uuid& user, const Uuid& id = kLike,
                      std::optional<Uuid> enrollment = std::nullopt) {
  return InteractWithPost{id, kPost, user, PostInteractionType::like, enrollment};
}

FlagPost FlagIt(const Uuid& user, const std::string& reason, const Uuid& post = kPost,
                std::optional<Uuid> enrollment = std::nullopt) {
  return FlagPost{kFlag, post, user, reason, enrollment};
}

PostModerated Moderated(ModerationAction action, const std::string& reason,
                        PostModerationStatus after, std::vector<Uuid> flags,
                        std::optional<FlagStatus> flag_status, const Uuid& post = kPost) {
  return PostModerated{post,  kModerator,       action,      reason,
                       after, std::move(flags), flag_status, kNow};
}

}  // namespace

TEST_SUITE("peerloop feed") {
  TEST_CASE("posting in an instructor's feed takes feed access; the main feed is open") {
    World w;
    FeedWorld(w);
    auto post = [&](const Uuid& author) {
      return w.Given<PostDecider>(PostStream(kSummon)).as(Student(author));
    };
    // The course's creator, a certified student-teacher of the course, a follower (a student
    // with an enrollment with the instructor, who sends it).
    w.Given<PostDecider>(PostStream(kSummon))
        .as(Creator())
        .when(Post(kSummon, kCreator, kCourse, "Welcome!", std::nullopt, PostType::announcement))
        .then({PostCreated{kSummon, kCreator, kCourse, "Welcome!", PostType::announcement,
                           std::nullopt, kCreator}});
    w.Given<PostDecider>(PostStream(kSummon))
        .as(Teacher(kTeacher2))
        .when(Post(kSummon, kTeacher2, kCourse, "Office hours at 5"))
        .then({CoursePost(kSummon, kTeacher2, "Office hours at 5")});
    post(kStudent)
        .when(Post(kSummon, kStudent, kCourse, "My first app", kEnrollment))
        .then({CoursePost(kSummon, kStudent, "My first app")});
    // Without the enrollment, with someone else's, with one that does not exist.
    post(kStudent)
        .when(Post(kSummon, kStudent, kCourse, "My first app"))
        .then_error("no_feed_access", ErrorKind::kForbidden);
    post(kStudent2)
        .when(Post(kSummon, kStudent2, kCourse, "Me too", kEnrollment))
        .then_error("no_feed_access", ErrorKind::kForbidden);
    post(kStudent2)
        .when(Post(kSummon, kStudent2, kCourse, "Me too", kEnrollment2))
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
    post(kStudent2)
        .when(Post(kSummon, kStudent2, kSession, "Which course?"))
        .then_error("course_not_found", ErrorKind::kNotFound);
    post(kStudent2)
        .when(Post(kSummon, kStudent2, std::nullopt, "Hi all"))
        .then({PostCreated{kSummon, kStudent2, std::nullopt, "Hi all", PostType::post, std::nullopt,
                           std::nullopt}});
    post(kStudent2)
        .when(Post(kSummon, kStudent2, std::nullopt, " \n "))
        .then_error("content_required");
    // A first purchase is any enrollment, even one whose payment later failed (as
    // instructor_followers keeps the pair from the first enrollment on).
    w.Run<EnrollmentDecider>(EnrollCmd(std::nullopt, kEnrollment2, kStudent2), Student(kStudent2));
    w.Run<EnrollmentDecider>(
        FailPayment{kEnrollment2, DeriveUuid(kEnrollment2, "tx"), std::string("card_declined")},
        Gateway());
    post(kStudent2)
        .when(Post(kSummon, kStudent2, kCourse, "Me too", kEnrollment2))
        .then({CoursePost(kSummon, kStudent2, "Me too")});
  }

  TEST_CASE("a like, a bookmark, a repost: once per user and type, undone, then again") {
    World w;
    FeedWorld(w);
    auto spec = [&](const Actor& actor = Student()) {
      return w.Given<PostDecider>(PostStream(kPost)).as(actor);
    };
    spec()
        .when(Like(kStudent, kLike, kEnrollment))
        .then({PostInteracted{kLike, kPost, kStudent, PostInteractionType::like, kNow}});
    w.Run<PostDecider>(Like(kStudent, kLike, kEnrollment), Student());
    // A like twice is refused, whatever id it comes under; a bookmark is another interaction.
    spec()
        .when(Like(kStudent, kLike2, kEnrollment))
        .then_error("interaction_already_exists", ErrorKind::kConflict);
    spec()
        .when(InteractWithPost{kLike, kPost, kStudent, PostInteractionType::bookmark, kEnrollment})
        .then_error("interaction_id_taken", ErrorKind::kConflict);
    w.Run<PostDecider>(
        InteractWithPost{kBookmark, kPost, kStudent, PostInteractionType::bookmark, kEnrollment},
        Student());
    // The post's author may like it too; someone acting as another user may not.
    spec(Teacher())
        .when(Like(kTeacher, kLike2))
        .then({PostInteracted{kLike2, kPost, kTeacher, PostInteractionType::like, kNow}});
    spec(Student(kStudent2))
        .when(Like(kStudent, kLike2, kEnrollment))
        .then_error("not_own_account", ErrorKind::kForbidden);
    // Undone: the interaction's id goes with the event; undoing again finds nothing.
    spec()
        .when(UndoPostInteraction{kPost, kStudent, PostInteractionType::like})
        .then({PostInteractionUndone{kLike, kPost, kStudent, PostInteractionType::like, kNow}});
    w.Run<PostDecider>(UndoPostInteraction{kPost, kStudent, PostInteractionType::like}, Student());
    spec()
        .when(UndoPostInteraction{kPost, kStudent, PostInteractionType::like})
        .then_error("interaction_not_found", ErrorKind::kNotFound);
    spec()
        .when(UndoPostInteraction{kPost, kStudent, PostInteractionType::repost})
        .then_error("interaction_not_found", ErrorKind::kNotFound);
    // Liked again after the undo, under a new id (the first id stays taken).
    spec()
        .when(Like(kStudent, kLike, kEnrollment))
        .then_error("interaction_id_taken", ErrorKind::kConflict);
    spec()
        .when(Like(kStudent, kLike2, kEnrollment))
        .then({PostInteracted{kLike2, kPost, kStudent, PostInteractionType::like, kNow}});
    const PostState post = w.State<PostDecider>(PostStream(kPost));
    CHECK(post.interactions.size() == 1);  // the bookmark
    CHECK(post.interaction_ids.size() == 2);
  }

  TEST_CASE("interacting in an instructor's feed takes feed access; the main feed is open") {
    World w;
    FeedWorld(w);
    // kStudent2 never enrolled with the course's creator; kStudent's enrollment is not theirs.
    w.Given<PostDecider>(PostStream(kPost))
        .as(Student(kStudent2))
        .when(Like(kStudent2))
        .then_error("no_feed_access", ErrorKind::kForbidden);
    w.Given<PostDecider>(PostStream(kPost))
        .as(Student(kStudent2))
        .when(InteractWithPost{kLike, kPost, kStudent2, PostInteractionType::repost, kEnrollment})
        .then_error("no_feed_access", ErrorKind::kForbidden);
    w.Given<PostDecider>(PostStream(kPost))
        .as(Student())
        .when(Like(kStudent))
        .then_error("no_feed_access", ErrorKind::kForbidden);
    // The instructor and staff need no enrollment.
    w.Given<PostDecider>(PostStream(kPost))
        .as(Creator())
        .when(Like(kCreator))
        .then({PostInteracted{kLike, kPost, kCreator, PostInteractionType::like, kNow}});
    w.Given<PostDecider>(PostStream(kMainPost))
        .as(Student())
        .when(InteractWithPost{kLike, kMainPost, kStudent, PostInteractionType::repost})
        .then({PostInteracted{kLike, kMainPost, kStudent, PostInteractionType::repost, kNow}});
    w.Given<PostDecider>(PostStream(kSummon))
        .as(Student())
        .when(InteractWithPost{kLike, kSummon, kStudent, PostInteractionType::like})
        .then_error("post_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a flag: someone else's post, once per user, with a reason, with feed access") {
    World w;
    FeedWorld(w);
    auto spec = [&](const Actor& actor, const Uuid& post = kPost) {
      return w.Given<PostDecider>(PostStream(post)).as(actor);
    };
    spec(Student())
        .when(FlagIt(kStudent, "  spam link \n", kPost, kEnrollment))
        .then({PostFlagged{kFlag, kPost, kStudent, "spam link", kNow}});
    // One's own post; without feed access; an empty reason.
    spec(Teacher()).when(FlagIt(kTeacher, "spam")).then_error("flag_own_post");
    spec(Student(kStudent2))
        .when(FlagIt(kStudent2, "spam"))
        .then_error("no_feed_access", ErrorKind::kForbidden);
    spec(Student())
        .when(FlagIt(kStudent, " \t ", kPost, kEnrollment))
        .then_error("reason_required");
    // Once per user and post.
    w.Run<PostDecider>(FlagIt(kStudent, "spam link", kPost, kEnrollment), Student());
    spec(Student())
        .when(FlagPost{kFlag2, kPost, kStudent, "still spam", kEnrollment})
        .then_error("already_flagged", ErrorKind::kConflict);
    spec(Teacher(kTeacher2))
        .when(FlagPost{kFlag, kPost, kTeacher2, "off topic"})
        .then_error("flag_id_taken", ErrorKind::kConflict);
    spec(Teacher(kTeacher2))
        .when(FlagPost{kFlag2, kPost, kTeacher2, "off topic"})
        .then({PostFlagged{kFlag2, kPost, kTeacher2, "off topic", kNow}});
    // Main-feed posts take no feed access; the author's own flag is still refused.
    spec(Student(), kMainPost)
        .when(FlagIt(kStudent, "rude", kMainPost))
        .then({PostFlagged{kFlag, kMainPost, kStudent, "rude", kNow}});
    spec(Student(kStudent2), kMainPost)
        .when(FlagIt(kStudent2, "rude", kMainPost))
        .then_error("flag_own_post");
  }

  TEST_CASE("a flag's reason too long for its TEXT column is refused before any decision") {
    FlagPost flag;
    json::FieldIssue issue;
    const std::string body = fmt::format(
        R"({{"flag_id":"{}","post_id":"{}","user_id":"{}","reason":"{}"}})", ToString(kFlag),
        ToString(kPost), ToString(kStudent), std::string(kLongTextMaxLength + 1, 'x'));
    CHECK_FALSE(json::Decode(body, &flag, json::DecodeOptions::Command(&issue)).ok());
    CHECK(issue.code == "too_long");
    CHECK(issue.field == "reason");
    const std::string fits = fmt::format(
        R"({{"flag_id":"{}","post_id":"{}","user_id":"{}","reason":"{}"}})", ToString(kFlag),
        ToString(kPost), ToString(kStudent), std::string(kLongTextMaxLength, 'x'));
    CHECK(json::Decode(fits, &flag, json::DecodeOptions::Command()).ok());
    ModeratePost moderate;
    const std::string long_moderation =
        fmt::format(R"({{"post_id":"{}","action":"hide","reason":"{}"}})", ToString(kPost),
                    std::string(kLongTextMaxLength + 1, 'x'));
    CHECK_FALSE(
        json::Decode(long_moderation, &moderate, json::DecodeOptions::Command(&issue)).ok());
    CHECK(issue.field == "reason");
  }

  TEST_CASE("moderation is a moderator's, with a reason: review, dismiss the open flags") {
    World w;
    FeedWorld(w);
    auto spec = [&](const Actor& actor = Moderator()) {
      return w.Given<PostDecider>(PostStream(kPost)).as(actor);
    };
    // Nothing to review or dismiss before a flag.
    spec()
        .when(ModeratePost{kPost, ModerationAction::review, "looked"})
        .then_error("no_open_flags", ErrorKind::kConflict);
    w.Run<PostDecider>(FlagIt(kStudent, "spam link", kPost, kEnrollment), Student());
    // Not a moderator: the post's student-teacher, the course's creator, a student.
    for (const Actor& actor : {Teacher(), Creator(), Student()}) {
      spec(actor)
          .when(ModeratePost{kPost, ModerationAction::dismiss, "fine"})
          .then_error("staff_only", ErrorKind::kForbidden);
    }
    spec().when(ModeratePost{kPost, ModerationAction::dismiss, "  "}).then_error("reason_required");
    spec()
        .when(ModeratePost{kPost, ModerationAction::review, " checking the link "})
        .then({Moderated(ModerationAction::review, "checking the link",
                         PostModerationStatus::visible, {kFlag}, FlagStatus::reviewed)});
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::review, "checking"}, Moderator());
    // A flag raised after the review is pending; dismissing settles both open flags.
    w.Run<PostDecider>(FlagPost{kFlag2, kPost, kTeacher2, "off topic"}, Teacher(kTeacher2));
    spec()
        .when(ModeratePost{kPost, ModerationAction::review, "second look"})
        .then({Moderated(ModerationAction::review, "second look", PostModerationStatus::visible,
                         {kFlag2}, FlagStatus::reviewed)});
    spec(Admin())
        .when(ModeratePost{kPost, ModerationAction::dismiss, "the link is the course's repo"})
        .then({PostModerated{kPost, kAdmin, ModerationAction::dismiss,
                             "the link is the course's repo", PostModerationStatus::visible,
                             std::vector<Uuid>{kFlag, kFlag2}, FlagStatus::dismissed, kNow}});
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::dismiss, "fine"}, Moderator());
    spec()
        .when(ModeratePost{kPost, ModerationAction::dismiss, "again"})
        .then_error("no_open_flags", ErrorKind::kConflict);
    // Dismissed flags stay flags: their authors do not flag the post again.
    w.Given<PostDecider>(PostStream(kPost))
        .as(Student())
        .when(FlagPost{kSummon, kPost, kStudent, "spam", kEnrollment})
        .then_error("already_flagged", ErrorKind::kConflict);
  }

  TEST_CASE("hide actions the open flags, restore, remove is final: nobody acts on it again") {
    World w;
    FeedWorld(w);
    auto spec = [&](const Actor& actor = Moderator()) {
      return w.Given<PostDecider>(PostStream(kPost)).as(actor);
    };
    w.Run<PostDecider>(Like(kStudent, kLike, kEnrollment), Student());
    w.Run<PostDecider>(FlagIt(kStudent, "spam link", kPost, kEnrollment), Student());
    spec()
        .when(ModeratePost{kPost, ModerationAction::restore, "nothing hidden"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec()
        .when(ModeratePost{kPost, ModerationAction::hide, "spam"})
        .then({Moderated(ModerationAction::hide, "spam", PostModerationStatus::hidden, {kFlag},
                         FlagStatus::actioned)});
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::hide, "spam"}, Moderator());
    // Hidden: no interaction, flag or pin; the author may still fix it; a like is taken back.
    spec(Teacher(kTeacher2))
        .when(Like(kTeacher2, kLike2))
        .then_error("post_hidden", ErrorKind::kConflict);
    spec(Teacher(kTeacher2))
        .when(FlagPost{kFlag2, kPost, kTeacher2, "spam"})
        .then_error("post_hidden", ErrorKind::kConflict);
    spec(Creator()).when(PinPost{kPost, true}).then_error("post_hidden", ErrorKind::kConflict);
    spec(Teacher())
        .when(EditPost{kPost, "Tip: commit often (link removed)"})
        .then({PostEdited{kPost, kTeacher, "Tip: commit often (link removed)", kNow}});
    spec(Student())
        .when(UndoPostInteraction{kPost, kStudent, PostInteractionType::like})
        .then({PostInteractionUndone{kLike, kPost, kStudent, PostInteractionType::like, kNow}});
    spec()
        .when(ModeratePost{kPost, ModerationAction::hide, "again"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    // Restored (no flag is open: the hide actioned it), then removed for good.
    spec()
        .when(ModeratePost{kPost, ModerationAction::restore, "link removed by the author"})
        .then({Moderated(ModerationAction::restore, "link removed by the author",
                         PostModerationStatus::visible, {}, std::nullopt)});
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::restore, "fixed"}, Moderator());
    w.Run<PostDecider>(FlagPost{kFlag2, kPost, kTeacher2, "spam again"}, Teacher(kTeacher2));
    spec(Admin())
        .when(ModeratePost{kPost, ModerationAction::remove, "repeated spam"})
        .then({PostModerated{kPost, kAdmin, ModerationAction::remove, "repeated spam",
                             PostModerationStatus::removed, std::vector<Uuid>{kFlag2},
                             FlagStatus::actioned, kNow}});
    w.Run<PostDecider>(ModeratePost{kPost, ModerationAction::remove, "repeated spam"}, Moderator());
    CHECK(w.State<PostDecider>(PostStream(kPost)).moderation_status() ==
          PostModerationStatus::removed);
    // Removed: interacting, flagging, editing, pinning, any moderation.
    spec(Creator()).when(Like(kCreator, kLike2)).then_error("post_removed", ErrorKind::kConflict);
    spec(Creator())
        .when(FlagPost{kSummon, kPost, kCreator, "spam"})
        .then_error("post_removed", ErrorKind::kConflict);
    spec(Teacher())
        .when(EditPost{kPost, "please"})
        .then_error("post_removed", ErrorKind::kConflict);
    spec(Creator()).when(PinPost{kPost, true}).then_error("post_removed", ErrorKind::kConflict);
    for (ModerationAction action :
         {ModerationAction::hide, ModerationAction::restore, ModerationAction::remove}) {
      spec()
          .when(ModeratePost{kPost, action, "again"})
          .then_error("illegal_transition", ErrorKind::kConflict);
    }
    spec()
        .when(ModeratePost{kPost, ModerationAction::dismiss, "again"})
        .then_error("post_removed", ErrorKind::kConflict);
  }

  TEST_CASE("a post is edited by its author only, with content") {
    World w;
    FeedWorld(w);
    auto spec = [&](const Actor& actor) {
      return w.Given<PostDecider>(PostStream(kPost)).as(actor);
    };
    spec(Teacher())
        .when(EditPost{kPost, "Tip: commit small and often"})
        .then({PostEdited{kPost, kTeacher, "Tip: commit small and often", kNow}});
    for (const Actor& actor : {Creator(), Student(), Moderator(), Admin()}) {
      spec(actor)
          .when(EditPost{kPost, "Tip: never commit"})
          .then_error("not_own_post", ErrorKind::kForbidden);
    }
    spec(Teacher()).when(EditPost{kPost, "\n"}).then_error("content_required");
    w.Given<PostDecider>(PostStream(kSummon))
        .as(Teacher())
        .when(EditPost{kSummon, "Tip"})
        .then_error("post_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a post is pinned by its feed's instructor or a moderator, and unpinned") {
    World w;
    FeedWorld(w);
    auto spec = [&](const Actor& actor, const Uuid& post = kPost) {
      return w.Given<PostDecider>(PostStream(post)).as(actor);
    };
    spec(Creator()).when(PinPost{kPost, true}).then({PostPinned{kPost, true, kCreator, kNow}});
    // The post's own author (a student-teacher), a student, another creator.
    w.Run<UserDecider>(UserCmd(kSession2, UserRole::creator, "other"),
                       AsUser(kSession2, "creator"));
    for (const Actor& actor : {Teacher(), Student(), AsUser(kSession2, "creator")}) {
      spec(actor).when(PinPost{kPost, true}).then_error("not_feed_owner", ErrorKind::kForbidden);
    }
    spec(Creator()).when(PinPost{kPost, false}).then_error("pin_unchanged", ErrorKind::kConflict);
    w.Run<PostDecider>(PinPost{kPost, true}, Creator());
    CHECK(w.State<PostDecider>(PostStream(kPost)).is_pinned);
    spec(Creator()).when(PinPost{kPost, true}).then_error("pin_unchanged", ErrorKind::kConflict);
    spec(Moderator())
        .when(PinPost{kPost, false})
        .then({PostPinned{kPost, false, kModerator, kNow}});
    // The main feed has no instructor: moderators pin there.
    spec(Creator(), kMainPost)
        .when(PinPost{kMainPost, true})
        .then_error("not_feed_owner", ErrorKind::kForbidden);
    spec(Moderator(), kMainPost)
        .when(PinPost{kMainPost, true})
        .then({PostPinned{kMainPost, true, kModerator, kNow}});
  }
}

}  // namespace edu::peerloop
