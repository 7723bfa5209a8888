// PeerLoop's feed commands beyond posting (CD-013, CD-024): edits, pins, interactions, flags and
// moderation, all decided by the post's own stream (domain/peerloop/feed.cc). Called from
// RegisterPeerloop.
#include <string>
#include <vector>

#include "commands/registry.h"
#include "domain/peerloop/post.h"

namespace edu {

void RegisterPeerloopFeed(Registry* r) {
  using namespace peerloop;
  const std::vector<std::string> kMembers = {"student", "student_teacher", "creator", "admin",
                                             "moderator"};
  r->AddCommand<PostDecider, EditPost>(kMembers, "Edit one's own post (posts.updated_at)");
  r->AddCommand<PostDecider, PinPost>(
      {"creator", "moderator", "admin"},
      "Pin or unpin a post: the instructor of its feed, or a moderator");
  r->AddCommand<PostDecider, InteractWithPost>(
      kMembers, "Like, bookmark or repost a post (once each; feed access for course feeds)");
  r->AddCommand<PostDecider, UndoPostInteraction>(kMembers,
                                                  "Take back one's like, bookmark or repost");
  r->AddCommand<PostDecider, FlagPost>(
      kMembers, "Flag someone else's post for moderation, once, with a reason");
  r->AddCommand<PostDecider, ModeratePost>({"moderator", "admin"},
                                           "Moderate a post and its open flags: review, dismiss, "
                                           "hide, restore or remove, with a reason");
}

}  // namespace edu
