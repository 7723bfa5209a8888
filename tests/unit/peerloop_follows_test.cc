// Specifications of PeerLoop follows (seed 001: follows, course_follows; CD-018, US-S006,
// US-S048): a registered user follows other registered users and existing courses, each once and
// never themselves, and unfollows only what they follow.
#include "domain/peerloop/follows.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kFollow = Id("c0000000-0000-4000-8000-000000000090");
const Uuid kFollow2 = Id("c0000000-0000-4000-8000-000000000091");
const Uuid kNobody = Id("c0000000-0000-4000-8000-0000000000fe");

}  // namespace

TEST_SUITE("peerloop follows") {
  TEST_CASE("a user follows another user, then unfollows them, then may follow again") {
    World w;
    w.Setup();
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowUser{kFollow, kStudent, kTeacher})
        .then({UserFollowed{kFollow, kStudent, kTeacher, kNow}});
    w.Run<FollowsDecider>(FollowUser{kFollow, kStudent, kTeacher}, Student());
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(UnfollowUser{kStudent, kTeacher})
        .then({UserUnfollowed{kFollow, kStudent, kTeacher}});
    w.Run<FollowsDecider>(UnfollowUser{kStudent, kTeacher}, Student());
    CHECK(w.State<FollowsDecider>(FollowsStream(kStudent)).users.empty());
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowUser{kFollow2, kStudent, kTeacher})
        .then({UserFollowed{kFollow2, kStudent, kTeacher, kNow}});
  }

  TEST_CASE("following oneself is refused") {
    World w;
    w.Setup();
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowUser{kFollow, kStudent, kStudent})
        .then_error("cannot_follow_self", ErrorKind::kInvalid);
  }

  TEST_CASE("following twice is refused, as is a follow id already in use") {
    World w;
    w.Setup();
    w.Run<FollowsDecider>(FollowUser{kFollow, kStudent, kTeacher}, Student());
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowUser{kFollow2, kStudent, kTeacher})
        .then_error("already_following", ErrorKind::kConflict);
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowUser{kFollow, kStudent, kCreator})
        .then_error("already_following", ErrorKind::kConflict);
    w.Run<FollowsDecider>(FollowCourse{kFollow2, kStudent, kCourse}, Student());
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowCourse{DeriveUuid(kFollow2, "again"), kStudent, kCourse})
        .then_error("already_following", ErrorKind::kConflict);
  }

  TEST_CASE("unfollowing a user or course one does not follow is refused") {
    World w;
    w.Setup();
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(UnfollowUser{kStudent, kTeacher})
        .then_error("not_following", ErrorKind::kNotFound);
    w.Run<FollowsDecider>(FollowUser{kFollow, kStudent, kTeacher}, Student());
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(UnfollowUser{kStudent, kCreator})
        .then_error("not_following", ErrorKind::kNotFound);
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(UnfollowCourse{kStudent, kCourse})
        .then_error("not_following", ErrorKind::kNotFound);
  }

  TEST_CASE("a user follows a course without enrolling, and unfollows it") {
    World w;
    w.Setup();
    w.Given<FollowsDecider>(FollowsStream(kStudent2))
        .as(Student(kStudent2))
        .when(FollowCourse{kFollow, kStudent2, kCourse})
        .then({CourseFollowed{kFollow, kStudent2, kCourse, kNow}});
    w.Run<FollowsDecider>(FollowCourse{kFollow, kStudent2, kCourse}, Student(kStudent2));
    w.Given<FollowsDecider>(FollowsStream(kStudent2))
        .as(Student(kStudent2))
        .when(UnfollowCourse{kStudent2, kCourse})
        .then({CourseUnfollowed{kFollow, kStudent2, kCourse}});
  }

  TEST_CASE("follows name registered users and existing courses, and are one's own") {
    World w;
    w.Setup();
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowUser{kFollow, kStudent, kNobody})
        .then_error("user_not_found", ErrorKind::kNotFound);
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Student())
        .when(FollowCourse{kFollow, kStudent, kNobody})
        .then_error("course_not_found", ErrorKind::kNotFound);
    w.Given<FollowsDecider>(FollowsStream(kNobody))
        .as(Student(kNobody))
        .when(FollowUser{kFollow, kNobody, kTeacher})
        .then_error("user_not_found", ErrorKind::kNotFound);
    // not even staff follow or unfollow for someone else
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Admin())
        .when(FollowUser{kFollow, kStudent, kTeacher})
        .then_error("acts_for_another_user", ErrorKind::kForbidden);
    w.Run<FollowsDecider>(FollowUser{kFollow, kStudent, kTeacher}, Student());
    w.Given<FollowsDecider>(FollowsStream(kStudent))
        .as(Teacher())
        .when(UnfollowUser{kStudent, kTeacher})
        .then_error("acts_for_another_user", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
