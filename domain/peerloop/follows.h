// PeerLoop follows (seed 001: follows, course_follows; CD-018, US-S006, US-S048): a user follows
// other users and courses, once each, never themselves, and unfollows what they follow. One
// stream per follower, so "once each" is a rule of one stream.
#pragma once

#include <map>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands_messaging.h"
#include "domain/peerloop/events_messaging.h"

namespace edu::peerloop {

struct FollowsState {
  bool exists = false;  // the follower has followed someone or something once
  Uuid follower_id;
  std::map<Uuid, Uuid> users;    // followed user -> follows.id
  std::map<Uuid, Uuid> courses;  // followed course -> course_follows.id

  bool UsesFollowId(const Uuid& id) const;
};

struct FollowsDecider {
  static constexpr const char* kCategory = kFollowsCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = FollowsState;
  using Command = std::variant<FollowUser, UnfollowUser, FollowCourse, UnfollowCourse>;
  using Event = std::variant<UserFollowed, UserUnfollowed, CourseFollowed, CourseUnfollowed>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
