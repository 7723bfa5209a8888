#include "domain/peerloop/follows.h"

#include "domain/peerloop/course.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"

namespace edu::peerloop {

bool FollowsState::UsesFollowId(const Uuid& id) const {
  for (const auto& [user, follow] : users) {
    if (follow == id) return true;
  }
  for (const auto& [course, follow] : courses) {
    if (follow == id) return true;
  }
  return false;
}

namespace {

Rejection ActsForAnother(const DecisionContext& ctx, const char* act, const Uuid& user) {
  return Reject(codes::kActsForAnotherUser, "actor {} may {} only as themselves, not as user {}",
                ctx.actor.id, act, ToString(user));
}

Decision<FollowsDecider::Event> Follow(const FollowUser& c, const FollowsState& s,
                                       const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.follower_id)) return ActsForAnother(ctx, "follow", c.follower_id);
  if (c.follower_id == c.followed_id) {
    return Reject(codes::kCannotFollowSelf, "user {} cannot follow themselves",
                  ToString(c.follower_id));
  }
  if (!ctx.refs->Find<UserState>(UserStream(c.follower_id))) {
    return NotFound(codes::kUserNotFound, "user", c.follower_id);
  }
  if (!ctx.refs->Find<UserState>(UserStream(c.followed_id))) {
    return NotFound(codes::kUserNotFound, "user", c.followed_id);
  }
  if (s.users.count(c.followed_id)) {
    return Reject(codes::kAlreadyFollowing, "user {} already follows user {}",
                  ToString(c.follower_id), ToString(c.followed_id));
  }
  if (s.UsesFollowId(c.follow_id)) {
    return Reject(codes::kAlreadyFollowing, "follow id {} is already in use",
                  ToString(c.follow_id));
  }
  return UserFollowed{c.follow_id, c.follower_id, c.followed_id, ctx.now};
}

Decision<FollowsDecider::Event> Unfollow(const UnfollowUser& c, const FollowsState& s,
                                         const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.follower_id)) return ActsForAnother(ctx, "unfollow", c.follower_id);
  auto it = s.users.find(c.followed_id);
  if (it == s.users.end()) {
    return Reject(codes::kNotFollowing, "user {} does not follow user {}", ToString(c.follower_id),
                  ToString(c.followed_id));
  }
  return UserUnfollowed{it->second, c.follower_id, c.followed_id};
}

Decision<FollowsDecider::Event> Follow(const FollowCourse& c, const FollowsState& s,
                                       const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.user_id)) return ActsForAnother(ctx, "follow a course", c.user_id);
  if (!ctx.refs->Find<UserState>(UserStream(c.user_id))) {
    return NotFound(codes::kUserNotFound, "user", c.user_id);
  }
  if (!ctx.refs->Find<CourseState>(CourseStream(c.course_id))) {
    return NotFound(codes::kCourseNotFound, "course", c.course_id);
  }
  if (s.courses.count(c.course_id)) {
    return Reject(codes::kAlreadyFollowing, "user {} already follows course {}",
                  ToString(c.user_id), ToString(c.course_id));
  }
  if (s.UsesFollowId(c.follow_id)) {
    return Reject(codes::kAlreadyFollowing, "follow id {} is already in use",
                  ToString(c.follow_id));
  }
  return CourseFollowed{c.follow_id, c.user_id, c.course_id, ctx.now};
}

Decision<FollowsDecider::Event> Unfollow(const UnfollowCourse& c, const FollowsState& s,
                                         const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.user_id)) return ActsForAnother(ctx, "unfollow a course", c.user_id);
  auto it = s.courses.find(c.course_id);
  if (it == s.courses.end()) {
    return Reject(codes::kNotFollowing, "user {} does not follow course {}", ToString(c.user_id),
                  ToString(c.course_id));
  }
  return CourseUnfollowed{it->second, c.user_id, c.course_id};
}

}  // namespace

Decision<FollowsDecider::Event> FollowsDecider::decide(const Command& command, const State& state,
                                                       const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const FollowUser& c) { return Follow(c, state, ctx); },
                               [&](const UnfollowUser& c) { return Unfollow(c, state, ctx); },
                               [&](const FollowCourse& c) { return Follow(c, state, ctx); },
                               [&](const UnfollowCourse& c) { return Unfollow(c, state, ctx); }},
                    command);
}

FollowsState FollowsDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const UserFollowed& e) {
                          s.exists = true;
                          s.follower_id = e.follower_id;
                          s.users[e.followed_id] = e.follow_id;
                        },
                        [&](const UserUnfollowed& e) { s.users.erase(e.followed_id); },
                        [&](const CourseFollowed& e) {
                          s.exists = true;
                          s.follower_id = e.user_id;
                          s.courses[e.course_id] = e.follow_id;
                        },
                        [&](const CourseUnfollowed& e) { s.courses.erase(e.course_id); }},
             event);
  return s;
}

}  // namespace edu::peerloop
