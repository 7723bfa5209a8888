// The Urban Home School community tables (forum_posts, forum_replies, forum_likes,
// contact_messages, the inbox's notifications), projected by a real Projector into real
// PostgreSQL: every documented column filled from the events.
#include "domain/uhs/contact.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/notifications.h"
#include "projections/uhs/uhs_projection.h"
#include "tests/support/projection_spec.h"

namespace edu::uhs {
namespace {

using testing::ProjectionSpec;

const Uuid kAuthor = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kReplier = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kOther = *ParseUuid("11111111-1111-4111-8111-222222222222");
const Uuid kModerator = *ParseUuid("f0000000-0000-4000-8000-0000000000aa");
const Uuid kPost = *ParseUuid("f0000000-0000-4000-8000-000000000001");
const Uuid kReply = *ParseUuid("f0000000-0000-4000-8000-000000000002");
const Uuid kReply2 = *ParseUuid("f0000000-0000-4000-8000-000000000003");
const Uuid kLike = *ParseUuid("f0000000-0000-4000-8000-000000000004");
const Uuid kLike2 = *ParseUuid("f0000000-0000-4000-8000-000000000005");
const Uuid kLike3 = *ParseUuid("f0000000-0000-4000-8000-000000000006");
const Uuid kMessage = *ParseUuid("c0000000-0000-4000-8000-000000000001");
const Uuid kNotification = *ParseUuid("a0000000-0000-4000-8000-000000000001");
const Timestamp kT1 = *ParseIso8601("2026-03-02T08:00:00Z");
const Timestamp kT2 = *ParseIso8601("2026-03-02T09:00:00Z");
const Timestamp kT3 = *ParseIso8601("2026-03-02T10:00:00Z");

ForumPostCreated Created() {
  return ForumPostCreated{kPost,
                          kAuthor,
                          "Help with fractions",
                          "How do I add 1/3 and 1/4?",
                          "mathematics",
                          {"grade-7", "fractions"}};
}

ForumReplyPosted Replied(const Uuid& reply, const Uuid& author) {
  return ForumReplyPosted{kPost, reply, author, "Use 12: 7/12.", kAuthor, "Help with fractions"};
}

ForumPostModerated Moderated(ForumModerationAction action, ForumPostStatus before,
                             ForumPostStatus after, bool flags_cleared) {
  ForumPostModerated e;
  e.post_id = kPost;
  e.moderator_id = kModerator;
  e.action = action;
  e.status_before = before;
  e.status_after = after;
  e.flags_cleared = flags_cleared;
  return e;
}

}  // namespace

TEST_SUITE("uhs forum projection") {
  TEST_CASE("a post with replies, a solution, pin and views fills forum_posts and forum_replies") {
    ProjectionSpec spec(MakeUhsProjection());
    const std::string stream = ForumPostStream(kPost);
    spec.at(kT1).given(stream, Created());
    spec.at(kT2).given(stream, Replied(kReply, kReplier), Replied(kReply2, kOther),
                       ForumPostViewed{kPost, std::nullopt, 1}, ForumPostViewed{kPost, kOther, 2});
    spec.at(kT3).given(
        stream,
        ForumSolutionAccepted{kPost, kReply, kReplier, kAuthor, "Help with fractions",
                              std::nullopt},
        ForumSolutionAccepted{kPost, kReply2, kOther, kAuthor, "Help with fractions", kReply},
        ForumPostPinned{kPost, kModerator, true});
    spec.then_rows(
        "SELECT author_id::text, title, content, category, tags::text, is_pinned, is_solved, "
        "is_deleted, is_flagged, view_count, created_at, updated_at, last_activity_at "
        "FROM uhs.forum_posts",
        {{ToString(kAuthor), "Help with fractions", "How do I add 1/3 and 1/4?", "mathematics",
          R"(["grade-7", "fractions"])", "t", "t", "f", "f", "2", "2026-03-02 08:00:00+00",
          "2026-03-02 10:00:00+00", "2026-03-02 09:00:00+00"}});
    spec.then_rows(
        "SELECT id::text, post_id::text, author_id::text, content, is_solution, is_deleted, "
        "created_at, updated_at FROM uhs.forum_replies ORDER BY author_id",
        {{ToString(kReply2), ToString(kPost), ToString(kOther), "Use 12: 7/12.", "t", "f",
          "2026-03-02 09:00:00+00", "2026-03-02 10:00:00+00"},
         {ToString(kReply), ToString(kPost), ToString(kReplier), "Use 12: 7/12.", "f", "f",
          "2026-03-02 09:00:00+00", "2026-03-02 10:00:00+00"}});
  }

  TEST_CASE("likes of a post and of a reply are rows; unliking and removing a reply delete them") {
    ProjectionSpec spec(MakeUhsProjection());
    const std::string stream = ForumPostStream(kPost);
    spec.at(kT1).given(stream, Created(), Replied(kReply, kReplier), Replied(kReply2, kOther));
    spec.at(kT2).given(stream, ForumLiked{kPost, kLike, kOther, std::nullopt},
                       ForumLiked{kPost, kLike2, kOther, kReply},
                       ForumLiked{kPost, kLike3, kOther, kReply2});
    spec.then_rows(
        "SELECT id::text, user_id::text, post_id::text, reply_id::text, created_at "
        "FROM uhs.forum_likes ORDER BY id",
        {{ToString(kLike), ToString(kOther), ToString(kPost), "NULL", "2026-03-02 09:00:00+00"},
         {ToString(kLike2), ToString(kOther), "NULL", ToString(kReply), "2026-03-02 09:00:00+00"},
         {ToString(kLike3), ToString(kOther), "NULL", ToString(kReply2),
          "2026-03-02 09:00:00+00"}});
    spec.at(kT3).given(stream, ForumUnliked{kPost, kLike, kOther, std::nullopt},
                       ForumReplyRemoved{kPost, kReply2, kModerator, false});
    spec.then_rows("SELECT id::text FROM uhs.forum_likes", {{ToString(kLike2)}});
    spec.then_rows("SELECT id::text, is_deleted FROM uhs.forum_replies WHERE is_deleted",
                   {{ToString(kReply2), "t"}});
  }

  TEST_CASE("flags, dismissal, hiding (which clears flags), restoring and removal") {
    ProjectionSpec spec(MakeUhsProjection());
    const std::string stream = ForumPostStream(kPost);
    spec.at(kT1).given(stream, Created(), ForumPostFlagged{kPost, kOther, "spam", 1});
    spec.then_rows("SELECT is_flagged, is_deleted FROM uhs.forum_posts", {{"t", "f"}});
    spec.given(stream, ForumFlagsDismissed{kPost, kModerator, 1});
    spec.then_rows("SELECT is_flagged FROM uhs.forum_posts", {{"f"}});
    spec.given(stream, ForumPostFlagged{kPost, kReplier, "abusive", 1},
               Moderated(ForumModerationAction::hide, ForumPostStatus::visible,
                         ForumPostStatus::hidden, true));
    spec.then_rows("SELECT is_flagged, is_deleted FROM uhs.forum_posts", {{"f", "t"}});
    spec.given(stream, Moderated(ForumModerationAction::restore, ForumPostStatus::hidden,
                                 ForumPostStatus::visible, false));
    spec.then_rows("SELECT is_deleted FROM uhs.forum_posts", {{"f"}});
    spec.given(stream, Moderated(ForumModerationAction::remove, ForumPostStatus::visible,
                                 ForumPostStatus::removed, false));
    spec.then_rows("SELECT is_deleted FROM uhs.forum_posts", {{"t"}});
  }

  TEST_CASE("a contact message: received, answered (which reads it), every column filled") {
    ProjectionSpec spec(MakeUhsProjection());
    ContactMessageReceived received;
    received.message_id = kMessage;
    received.name = Personal<std::string>("Achieng Otieno");
    received.email = Personal<std::string>("achieng@example.co.ke");
    received.subject = "Fees for Grade 7";
    received.message = Personal<std::string>("How much is it?");
    spec.at(kT1).given(ContactMessageStream(kMessage), received);
    spec.then_rows(
        "SELECT name, email, subject, message, is_read, read_at, replied_at, reply_message, "
        "created_at FROM uhs.contact_messages",
        {{"Achieng Otieno", "achieng@example.co.ke", "Fees for Grade 7", "How much is it?", "f",
          "NULL", "NULL", "NULL", "2026-03-02 08:00:00+00"}});
    spec.at(kT2).given(ContactMessageStream(kMessage),
                       ContactMessageReplied{kMessage, kModerator, "KES 2,500.", kT2, kT2});
    spec.then_rows("SELECT is_read, read_at, replied_at, reply_message FROM uhs.contact_messages",
                   {{"t", "2026-03-02 09:00:00+00", "2026-03-02 09:00:00+00", "KES 2,500."}});
  }

  TEST_CASE("a delivered notification has its action; the owner's read sets is_read, read_at") {
    ProjectionSpec spec(MakeUhsProjection());
    NotificationDelivered delivered{kAuthor,
                                    kNotification,
                                    NotificationType::forum_reply,
                                    "New reply to your post",
                                    "Someone replied to \"Help with fractions\".",
                                    std::string("/forum/posts/p#reply-r"),
                                    std::string("View reply"),
                                    ForumLinks(kPost, kReply)};
    spec.at(kT1).given(NotificationInboxStream(kAuthor), delivered);
    spec.then_rows(
        "SELECT user_id::text, type, title, message, is_read, action_url, action_label, "
        "metadata->>'post_id', metadata->>'reply_id', created_at, read_at FROM uhs.notifications",
        {{ToString(kAuthor), "forum_reply", "New reply to your post",
          "Someone replied to \"Help with fractions\".", "f", "/forum/posts/p#reply-r",
          "View reply", ToString(kPost), ToString(kReply), "2026-03-02 08:00:00+00", "NULL"}});
    NotificationLinks money;
    money.amount = Money{50000, "KES"};
    money.transaction_reference = "ws_CO_1";
    spec.at(kT2).given(
        NotificationInboxStream(kAuthor),
        NotificationDelivered{kAuthor, kLike, NotificationType::payment, "Payment failed",
                              "Your mpesa payment failed", std::string("/wallet"),
                              std::string("Top up again"), money});
    spec.then_rows(
        "SELECT type, metadata->'amount'->>'minor', metadata->>'transaction_reference', "
        "metadata->>'post_id' FROM uhs.notifications WHERE id = '" +
            ToString(kLike) + "'",
        {{"payment", "50000", "ws_CO_1", "NULL"}});
    spec.at(kT3).given(NotificationInboxStream(kAuthor),
                       NotificationRead{kAuthor, kNotification, kT3});
    spec.then_rows("SELECT is_read, read_at FROM uhs.notifications ORDER BY is_read",
                   {{"f", "NULL"}, {"t", "2026-03-02 10:00:00+00"}});
  }
}

}  // namespace edu::uhs
