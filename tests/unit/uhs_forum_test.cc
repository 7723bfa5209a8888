// Specifications of the Urban Home School forum (forum_posts, forum_replies, forum_likes): posts
// and replies with non-empty texts, one like per user and target (authors may like their own: the
// seed does not forbid it), the solution accepted by the post's author, flags, pins and the
// moderation lifecycle (moderators only; an author removes their own post), views.
#include <fmt/format.h>

#include "commands/pipeline.h"
#include "eventstore/memory_event_log.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/uhs_forum_fixtures.h"

namespace edu::uhs {

using namespace forum_fixtures;

namespace {

// Sends JSON commands through the pipeline (the JSON binding checks the column limits there).
class ForumPipeline {
 public:
  ForumPipeline() : log_(2), pipeline_(&log_, &registry_, &policies_) {}
  CommandResult Send(const std::string& type, const std::string& body, const Actor& actor) {
    CommandRequest r;
    r.command_id = DeriveUuid(kPost, "forum-limits-" + std::to_string(++counter_));
    r.type = type;
    r.body = body;
    r.actor = actor;
    r.now = kNow;
    return pipeline_.Handle(r);
  }

 private:
  MemoryEventLog log_;
  Registry registry_ = [] {
    Registry r;
    RegisterAllMarketplaces(&r);
    return r;
  }();
  Policies policies_;
  CommandPipeline pipeline_;
  int counter_ = 0;
};

std::string PostBody(const std::string& title, const std::string& content) {
  return fmt::format(
      R"({{"marketplace":"uhs","post_id":"{}","title":"{}","content":"{}","category":"maths",)"
      R"("tags":[]}})",
      ToString(kPost), title, content);
}

}  // namespace

using A = ForumModerationAction;
using S = ForumPostStatus;

TEST_SUITE("uhs forum") {
  TEST_CASE("a member starts a post: title and category trimmed, the category lower case") {
    Spec<ForumPostDecider>()
        .at(kNow)
        .as(Author())
        .when(CreateForumPost{kPost,
                              " Help with fractions ",
                              "How do I add 1/3 and 1/4?",
                              " Mathematics",
                              {" grade-7", "fractions "}})
        .then({PostCreated()});
    Spec<ForumPostDecider>()
        .as(Author())
        .given({PostCreated()})
        .when(CreateForumPost{kPost, "Again", "text", "mathematics", {}})
        .then_error("forum_post_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("a post with an empty title, content or category, or bad tags, is refused") {
    auto create = [](std::string title, std::string content, std::string category,
                     std::vector<std::string> tags) {
      return CreateForumPost{kPost, std::move(title), std::move(content), std::move(category),
                             std::move(tags)};
    };
    Spec<ForumPostDecider>()
        .as(Author())
        .when(create(" ", "text", "maths", {}))
        .then_error("invalid_title");
    Spec<ForumPostDecider>()
        .as(Author())
        .when(create("Title", " \n\t", "maths", {}))
        .then_error("forum_text_required");
    Spec<ForumPostDecider>()
        .as(Author())
        .when(create("Title", "text", "", {}))
        .then_error("forum_category_required");
    Spec<ForumPostDecider>()
        .as(Author())
        .when(create("Title", "text", "maths", {"algebra", " "}))
        .then_error("invalid_forum_tags");
    Spec<ForumPostDecider>()
        .as(Author())
        .when(create("Title", "text", "maths", {"Algebra", "algebra"}))
        .then_error("invalid_forum_tags");
    Spec<ForumPostDecider>()
        .as(Author())
        .when(create("Title", "text", "maths",
                     {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}))
        .then_error("invalid_forum_tags");
    Spec<ForumPostDecider>()
        .as(System())
        .when(create("Title", "text", "maths", {}))
        .then_error("not_own_account", ErrorKind::kForbidden);
  }

  TEST_CASE("a reply carries the post's author and title (for the notification)") {
    Spec<ForumPostDecider>()
        .as(Replier())
        .given({PostCreated()})
        .when(ReplyToForumPost{kPost, kReply, "Use 12 as the common denominator: 7/12."})
        .then({ReplyPosted()});
    PostSpec(Replier())
        .when(ReplyToForumPost{kPost, kReply, "again"})
        .then_error("forum_reply_already_exists", ErrorKind::kConflict);
    PostSpec(Replier())
        .when(ReplyToForumPost{kPost, kReply2, "  "})
        .then_error("forum_text_required");
    Spec<ForumPostDecider>()
        .as(Replier())
        .when(ReplyToForumPost{kPost, kReply, "hello"})
        .then_error("forum_post_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("replying to a locked, hidden or removed post is refused") {
    for (auto moderated :
         {Moderated(A::lock, S::visible, S::locked), Moderated(A::hide, S::visible, S::hidden),
          Moderated(A::remove, S::visible, S::removed)}) {
      PostSpec(Replier())
          .given({moderated})
          .when(ReplyToForumPost{kPost, kReply2, "Me too"})
          .then_error("forum_post_closed", ErrorKind::kConflict);
    }
    // Unlocked, it takes replies again.
    PostSpec(Replier())
        .given({Moderated(A::lock, S::visible, S::locked),
                Moderated(A::unlock, S::locked, S::visible)})
        .when(ReplyToForumPost{kPost, kReply2, "Use 12 as the common denominator: 7/12."})
        .then({ReplyPosted(kReply2)});
  }

  TEST_CASE("one like per user and target; a like is taken back by the same user") {
    PostSpec(Other())
        .when(LikeForumPost{kPost, kLike, std::nullopt})
        .then({ForumLiked{kPost, kLike, kOtherParent, std::nullopt}});
    PostSpec(Other())
        .given({ForumLiked{kPost, kLike, kOtherParent, std::nullopt}})
        .when(LikeForumPost{kPost, kLike2, std::nullopt})
        .then_error("forum_already_liked", ErrorKind::kConflict);
    // The post and its reply are two targets.
    PostSpec(Other())
        .given({ForumLiked{kPost, kLike, kOtherParent, std::nullopt}})
        .when(LikeForumPost{kPost, kLike2, kReply})
        .then({ForumLiked{kPost, kLike2, kOtherParent, kReply}});
    // A like id is used once.
    PostSpec(Replier())
        .given({ForumLiked{kPost, kLike, kOtherParent, std::nullopt}})
        .when(LikeForumPost{kPost, kLike, std::nullopt})
        .then_error("forum_already_liked");
    PostSpec(Other())
        .when(LikeForumPost{kPost, kLike, kReply2})
        .then_error("forum_reply_not_found", ErrorKind::kNotFound);
    auto unlike = PostSpec(Other());
    unlike.given({ForumLiked{kPost, kLike, kOtherParent, kReply}})
        .when(UnlikeForumPost{kPost, kReply})
        .then({ForumUnliked{kPost, kLike, kOtherParent, kReply}});
    CHECK(unlike.state().replies.at(kReply).likes.empty());
    PostSpec(Replier())
        .given({ForumLiked{kPost, kLike, kOtherParent, kReply}})
        .when(UnlikeForumPost{kPost, kReply})
        .then_error("forum_not_liked", ErrorKind::kConflict);
    // Liked again after unliking, under a new like id.
    PostSpec(Other())
        .given({ForumLiked{kPost, kLike, kOtherParent, std::nullopt},
                ForumUnliked{kPost, kLike, kOtherParent, std::nullopt}})
        .when(LikeForumPost{kPost, kLike2, std::nullopt})
        .then({ForumLiked{kPost, kLike2, kOtherParent, std::nullopt}});
  }

  TEST_CASE("authors may like their own post (the seed does not forbid it); not a removed one") {
    PostSpec(Author())
        .when(LikeForumPost{kPost, kLike, std::nullopt})
        .then({ForumLiked{kPost, kLike, kParent, std::nullopt}});
    PostSpec(Other())
        .given({Moderated(A::remove, S::visible, S::removed, kParent)})
        .when(LikeForumPost{kPost, kLike, std::nullopt})
        .then_error("forum_post_closed");
  }

  TEST_CASE("the post's author accepts a solution; someone else's post is refused") {
    auto spec = PostSpec(Author());
    spec.given({ReplyPosted(kReply2, kOtherParent)})
        .when(AcceptForumSolution{kPost, kReply})
        .then({ForumSolutionAccepted{kPost, kReply, kInstructor, kParent, "Help with fractions",
                                     std::nullopt}});
    CHECK(spec.state().solution == kReply);
    // Another reply replaces it.
    PostSpec(Author())
        .given({ReplyPosted(kReply2, kOtherParent),
                ForumSolutionAccepted{kPost, kReply, kInstructor, kParent, "Help with fractions",
                                      std::nullopt}})
        .when(AcceptForumSolution{kPost, kReply2})
        .then({ForumSolutionAccepted{kPost, kReply2, kOtherParent, kParent, "Help with fractions",
                                     kReply}});
    PostSpec(Author())
        .given({ForumSolutionAccepted{kPost, kReply, kInstructor, kParent, "Help with fractions",
                                      std::nullopt}})
        .when(AcceptForumSolution{kPost, kReply})
        .then_error("forum_solution_already_accepted", ErrorKind::kConflict);
    for (const Actor& actor : {Replier(), Other(), Staff()}) {
      PostSpec(actor)
          .when(AcceptForumSolution{kPost, kReply})
          .then_error("not_forum_post_author", ErrorKind::kForbidden);
    }
    PostSpec(Author())
        .when(AcceptForumSolution{kPost, kReply2})
        .then_error("forum_reply_not_found");
  }

  TEST_CASE("a removed reply is no longer the solution; its author or a moderator removes it") {
    auto spec = PostSpec(Replier());
    spec.given({ForumSolutionAccepted{kPost, kReply, kInstructor, kParent, "Help with fractions",
                                      std::nullopt}})
        .when(RemoveForumReply{kPost, kReply})
        .then({ForumReplyRemoved{kPost, kReply, kInstructor, true}});
    CHECK_FALSE(spec.state().solution.has_value());
    PostSpec(Staff())
        .when(RemoveForumReply{kPost, kReply})
        .then({ForumReplyRemoved{kPost, kReply, kStaffUser, false}});
    PostSpec(Author())
        .when(RemoveForumReply{kPost, kReply})
        .then_error("not_forum_reply_author", ErrorKind::kForbidden);
    PostSpec(Replier())
        .given({ForumReplyRemoved{kPost, kReply, kInstructor, false}})
        .when(RemoveForumReply{kPost, kReply})
        .then_error("forum_reply_not_found");
  }

  TEST_CASE("members flag a post once; a moderator dismisses the open flags") {
    PostSpec(Other())
        .when(FlagForumPost{kPost, " spam "})
        .then({ForumPostFlagged{kPost, kOtherParent, "spam", 1}});
    PostSpec(Replier())
        .given({ForumPostFlagged{kPost, kOtherParent, "spam", 1}})
        .when(FlagForumPost{kPost, "off-topic"})
        .then({ForumPostFlagged{kPost, kInstructor, "off-topic", 2}});
    PostSpec(Other())
        .given({ForumPostFlagged{kPost, kOtherParent, "spam", 1}})
        .when(FlagForumPost{kPost, "spam"})
        .then_error("forum_already_flagged", ErrorKind::kConflict);
    PostSpec(Other()).when(FlagForumPost{kPost, " "}).then_error("reason_required");
    PostSpec(Staff())
        .given({ForumPostFlagged{kPost, kOtherParent, "spam", 1}})
        .when(DismissForumFlags{kPost})
        .then({ForumFlagsDismissed{kPost, kStaffUser, 1}});
    PostSpec(Staff()).when(DismissForumFlags{kPost}).then_error("forum_no_open_flags");
    PostSpec(Author())
        .given({ForumPostFlagged{kPost, kOtherParent, "spam", 1}})
        .when(DismissForumFlags{kPost})
        .then_error("not_forum_moderator", ErrorKind::kForbidden);
  }

  TEST_CASE("moderators pin and unpin; members may not") {
    PostSpec(Admin())
        .when(PinForumPost{kPost, true})
        .then({ForumPostPinned{kPost, *ParseUuid(Admin().id), true}});
    PostSpec(Staff())
        .given({ForumPostPinned{kPost, kStaffUser, true}})
        .when(PinForumPost{kPost, true})
        .then_error("forum_pin_unchanged", ErrorKind::kConflict);
    PostSpec(Staff())
        .given({ForumPostPinned{kPost, kStaffUser, true}})
        .when(PinForumPost{kPost, false})
        .then({ForumPostPinned{kPost, kStaffUser, false}});
    PostSpec(Author())
        .when(PinForumPost{kPost, true})
        .then_error("not_forum_moderator", ErrorKind::kForbidden);
  }

  TEST_CASE("moderation moves the post's status; hiding clears open flags; authors only remove") {
    ForumPostModerated hidden = Moderated(A::hide, S::visible, S::hidden);
    hidden.reason = "abusive";
    hidden.flags_cleared = true;
    auto spec = PostSpec(Staff());
    spec.given({ForumPostFlagged{kPost, kOtherParent, "abusive", 1}})
        .when(ModerateForumPost{kPost, A::hide, std::string(" abusive ")})
        .then({hidden});
    CHECK(spec.state().status() == S::hidden);
    CHECK(spec.state().open_flags.empty());
    PostSpec(Staff())
        .given({Moderated(A::hide, S::visible, S::hidden)})
        .when(ModerateForumPost{kPost, A::restore, std::nullopt})
        .then({Moderated(A::restore, S::hidden, S::visible)});
    PostSpec(Author())
        .when(ModerateForumPost{kPost, A::remove, std::nullopt})
        .then({Moderated(A::remove, S::visible, S::removed, kParent)});
    for (A action : {A::lock, A::hide, A::restore}) {
      PostSpec(Author())
          .when(ModerateForumPost{kPost, action, std::nullopt})
          .then_error("not_forum_moderator", ErrorKind::kForbidden);
    }
    PostSpec(Other())
        .when(ModerateForumPost{kPost, A::remove, std::nullopt})
        .then_error("not_forum_moderator", ErrorKind::kForbidden);
    PostSpec(Staff())
        .given({Moderated(A::remove, S::visible, S::removed)})
        .when(ModerateForumPost{kPost, A::restore, std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
    PostSpec(Staff())
        .when(ModerateForumPost{kPost, A::unlock, std::nullopt})
        .then_error("illegal_transition");
  }

  TEST_CASE("views are counted on the post; a hidden post is not viewed") {
    auto spec = PostSpec(System());
    spec.given({ForumPostViewed{kPost, std::nullopt, 1}})
        .when(RecordForumView{kPost, kOtherParent})
        .then({ForumPostViewed{kPost, kOtherParent, 2}});
    CHECK(spec.state().view_count == 2);
    PostSpec(System())
        .given({Moderated(A::hide, S::visible, S::hidden)})
        .when(RecordForumView{kPost, std::nullopt})
        .then_error("forum_post_closed");
    Spec<ForumPostDecider>()
        .as(System())
        .when(RecordForumView{kPost, std::nullopt})
        .then_error("forum_post_not_found");
  }

  TEST_CASE("texts longer than their columns are refused at the edge, naming the field") {
    ForumPipeline p;
    CommandResult too_long_title =
        p.Send("CreateForumPost", PostBody(std::string(256, 't'), "text"), Author());
    REQUIRE_FALSE(too_long_title.ok());
    CHECK(too_long_title.error->code == "too_long");
    CHECK(too_long_title.error->field == "title");
    CommandResult too_long_content =
        p.Send("CreateForumPost", PostBody("Title", std::string(10'001, 'c')), Author());
    REQUIRE_FALSE(too_long_content.ok());
    CHECK(too_long_content.error->field == "content");
    CHECK(p.Send("CreateForumPost", PostBody(std::string(255, 't'), std::string(10'000, 'c')),
                 Author())
              .ok());
    CommandResult long_reply = p.Send(
        "ReplyToForumPost",
        fmt::format(R"({{"marketplace":"uhs","post_id":"{}","reply_id":"{}","content":"{}"}})",
                    ToString(kPost), ToString(kReply), std::string(10'001, 'r')),
        Replier());
    REQUIRE_FALSE(long_reply.ok());
    CHECK(long_reply.error->code == "too_long");
    CHECK(long_reply.error->field == "content");
  }

  // Rows written from the brief (issue 13) and docs/uhs.md, not from the machine.
  TEST_CASE("post moderation: visible <-> locked, visible|locked <-> hidden, any -> removed") {
    const testing::ExpectedTable<S, A> lifecycle = {
        {S::visible, A::lock, S::locked},    {S::locked, A::unlock, S::visible},
        {S::visible, A::hide, S::hidden},    {S::locked, A::hide, S::hidden},
        {S::hidden, A::restore, S::visible}, {S::visible, A::remove, S::removed},
        {S::locked, A::remove, S::removed},  {S::hidden, A::remove, S::removed},
    };
    testing::CheckMachine<ForumModerationMachine, S, A>(S::visible, lifecycle);
  }
}

}  // namespace edu::uhs
