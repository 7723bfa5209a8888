#include "domain/skillspring/wishlist.h"

#include <vector>

#include "domain/skillspring/course.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {
namespace {

using Event = WishlistDecider::Event;

// The actor is the student the command names (admins act for anyone).
std::optional<Rejection> CheckStudent(const Uuid& student_id, const DecisionContext& ctx) {
  if (Is(ctx.actor, student_id) || IsAdmin(ctx.actor)) return std::nullopt;
  return Reject(codes::kNotOwnAccount, "students keep wishlists as themselves");
}

std::optional<Rejection> CheckRegistered(const Uuid& student_id, const DecisionContext& ctx) {
  const UserState* student = ctx.refs->Find<UserState>(UserStream(student_id));
  if (student && student->exists && student->role == UserRole::student) return std::nullopt;
  return Reject(codes::kStudentNotFound, "student {} is not registered", ToString(student_id));
}

Rejection NotOwn(const WishlistState& s) {
  return Reject(codes::kNotOwnWishlist, "wishlist {} is another student's",
                ToString(s.wishlist_id));
}

Decision<Event> Create(const CreateWishlist& c, const WishlistState& s,
                       const DecisionContext& ctx) {
  if (auto denied = CheckStudent(c.student_id, ctx)) return *denied;
  if (s.exists) {
    return Reject(codes::kWishlistAlreadyExists, "wishlist {} already exists",
                  ToString(c.wishlist_id));
  }
  if (auto missing = CheckRegistered(c.student_id, ctx)) return *missing;
  const std::string name = c.name ? TrimmedText(*c.name) : std::string(kDefaultWishlistName);
  if (auto bad = CheckText(name, 120, "name", codes::kInvalidWishlistName)) return *bad;
  return WishlistCreated{c.wishlist_id, c.student_id, name};
}

Decision<Event> Add(const AddToWishlist& c, const WishlistState& s, const DecisionContext& ctx) {
  if (auto denied = CheckStudent(c.student_id, ctx)) return *denied;
  if (s.exists && s.student_id != c.student_id) return NotOwn(s);
  if (auto missing = CheckRegistered(c.student_id, ctx)) return *missing;
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course || !course->exists) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  if (course->status() != CourseStatus::published) {
    return Reject(codes::kCourseNotAvailable, "course {} is {}, not on sale", ToString(c.course_id),
                  EnumName(course->status()));
  }
  const LearnerState* learner = ctx.refs->Find<LearnerState>(LearnerStream(c.student_id));
  if (learner && learner->Owned(c.course_id)) {
    return Reject(codes::kAlreadyEnrolled, "student {} already owns course {}",
                  ToString(c.student_id), ToString(c.course_id));
  }
  if (s.course_ids.count(c.course_id) > 0) {
    return Reject(codes::kAlreadyInWishlist, "wishlist {} already holds course {}",
                  ToString(c.wishlist_id), ToString(c.course_id));
  }
  if (s.course_ids.size() >= static_cast<size_t>(kMaxWishlistItems)) {
    return Reject(codes::kWishlistFull, "wishlist {} holds {} courses already",
                  ToString(c.wishlist_id), kMaxWishlistItems);
  }
  std::vector<Event> events;
  if (!s.exists) {
    events.push_back(WishlistCreated{c.wishlist_id, c.student_id, kDefaultWishlistName});
  }
  events.push_back(WishlistItemAdded{c.wishlist_id, c.student_id, c.course_id});
  return events;
}

Decision<Event> Remove(const RemoveFromWishlist& c, const WishlistState& s,
                       const DecisionContext& ctx) {
  if (auto denied = CheckStudent(c.student_id, ctx)) return *denied;
  if (!s.exists) {
    return Reject(codes::kWishlistNotFound, "wishlist {} does not exist", ToString(c.wishlist_id));
  }
  if (s.student_id != c.student_id) return NotOwn(s);
  if (s.course_ids.count(c.course_id) == 0) {
    return Reject(codes::kNotInWishlist, "wishlist {} does not hold course {}",
                  ToString(c.wishlist_id), ToString(c.course_id));
  }
  return WishlistItemRemoved{c.wishlist_id, c.student_id, c.course_id};
}

}  // namespace

Decision<Event> WishlistDecider::decide(const Command& command, const State& state,
                                        const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const CreateWishlist& c) { return Create(c, state, ctx); },
                               [&](const AddToWishlist& c) { return Add(c, state, ctx); },
                               [&](const RemoveFromWishlist& c) { return Remove(c, state, ctx); }},
                    command);
}

WishlistState WishlistDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const WishlistCreated& e) {
                          s.exists = true;
                          s.wishlist_id = e.wishlist_id;
                          s.student_id = e.student_id;
                          s.name = e.name;
                        },
                        [&](const WishlistItemAdded& e) { s.course_ids.insert(e.course_id); },
                        [&](const WishlistItemRemoved& e) { s.course_ids.erase(e.course_id); }},
             event);
  return s;
}

}  // namespace edu::skillspring
