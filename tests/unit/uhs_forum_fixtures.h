// Shared vocabulary of the Urban Home School community specifications (uhs_forum_test.cc,
// uhs_contact_test.cc, uhs_notifications_test.cc): a post by a parent, a reply by an instructor,
// moderators, and Specs positioned at kNow.
#pragma once

#include "domain/uhs/contact.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/notifications.h"
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs::forum_fixtures {

using namespace fixtures;

inline const Uuid kPost = *ParseUuid("f0000000-0000-4000-8000-000000000001");
inline const Uuid kReply = *ParseUuid("f0000000-0000-4000-8000-000000000002");
inline const Uuid kReply2 = *ParseUuid("f0000000-0000-4000-8000-000000000003");
inline const Uuid kLike = *ParseUuid("f0000000-0000-4000-8000-000000000004");
inline const Uuid kLike2 = *ParseUuid("f0000000-0000-4000-8000-000000000005");
inline const Uuid kStaffUser = *ParseUuid("f0000000-0000-4000-8000-0000000000aa");

inline Actor Author() { return AsUser(kParent, "parent"); }           // the post's author
inline Actor Replier() { return AsUser(kInstructor, "instructor"); }  // a reply's author
inline Actor Other() { return AsUser(kOtherParent, "parent"); }       // anybody else
inline Actor Staff() { return AsUser(kStaffUser, "staff"); }          // a moderator

inline ForumPostCreated PostCreated() {
  return ForumPostCreated{kPost,
                          kParent,
                          "Help with fractions",
                          "How do I add 1/3 and 1/4?",
                          "mathematics",
                          {"grade-7", "fractions"}};
}

inline ForumReplyPosted ReplyPosted(const Uuid& reply = kReply, const Uuid& author = kInstructor) {
  return ForumReplyPosted{kPost,   reply,
                          author,  "Use 12 as the common denominator: 7/12.",
                          kParent, "Help with fractions"};
}

inline ForumPostModerated Moderated(ForumModerationAction action, ForumPostStatus before,
                                    ForumPostStatus after, const Uuid& by = kStaffUser) {
  ForumPostModerated e;
  e.post_id = kPost;
  e.moderator_id = by;
  e.action = action;
  e.status_before = before;
  e.status_after = after;
  return e;
}

// A post with one reply, as `actor` at kNow.
inline Spec<ForumPostDecider> PostSpec(const Actor& actor) {
  Spec<ForumPostDecider> spec;
  spec.at(kNow).as(actor).given({PostCreated(), ReplyPosted()});
  return spec;
}

}  // namespace edu::uhs::forum_fixtures
