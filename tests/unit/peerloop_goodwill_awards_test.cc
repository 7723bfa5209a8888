// Specifications of PeerLoop goodwill awards (CD-023/CD-024): peer awards paid by the giver and
// system awards, their ranges and boundaries, each reason's amount, and the anti-gaming cooldown.
#include "tests/unit/peerloop_goodwill_fixtures.h"

namespace edu::peerloop {

using namespace testing;

TEST_SUITE("peerloop goodwill awards") {
  TEST_CASE("a peer award is 5-100 points: 4 and 101 are refused, 5 and 100 pass") {
    World w;
    w.Setup();
    Earn(w, kTeacher, 200);
    auto spec = [&] { return w.Given<GoodwillDecider>(kTeacherAccount).as(Teacher()); };
    spec().when(Award(4)).then_error("points_out_of_range");
    spec().when(Award(101)).then_error("points_out_of_range");
    spec().when(Award(5)).then({Given(5, 5, 195)});
    // With a wider range configured for the reason, the global bounds still hold.
    w.policies().peerloop.question_answer = {1, 500};
    spec().when(Award(100)).then({Given(100, 100, 100)});
    spec().when(Award(101)).then_error("points_out_of_range");
    spec().when(Award(4)).then_error("points_out_of_range");
  }

  TEST_CASE("each reason is worth its documented amount") {
    World w;
    w.Setup();
    Earn(w, kTeacher, 200);
    auto spec = [&] { return w.Given<GoodwillDecider>(kTeacherAccount).as(Teacher()); };
    spec().when(Award(6)).then_error("points_not_allowed_for_reason");
    spec()
        .when(Award(49, GoodwillReason::first_session_mentor))
        .then_error("points_not_allowed_for_reason");
    spec()
        .when(Award(50, GoodwillReason::first_session_mentor))
        .then({Given(50, 50, 150, GoodwillReason::first_session_mentor)});
    spec()
        .when(Award(30, GoodwillReason::remedial_volunteer))
        .then({Given(30, 30, 170, GoodwillReason::remedial_volunteer)});
    spec()
        .when(Award(31, GoodwillReason::remedial_volunteer))
        .then_error("points_not_allowed_for_reason");
  }

  TEST_CASE(
      "no self-award; system reasons are not given by users; the giver pays from the balance") {
    World w;
    w.Setup();
    auto spec = [&] { return w.Given<GoodwillDecider>(kTeacherAccount).as(Teacher()); };
    spec().when(Award(5, GoodwillReason::question_answer, kTeacher)).then_error("self_award");
    spec().when(Award(100, GoodwillReason::referral)).then_error("system_award_reason");
    spec().when(Award(25, GoodwillReason::summon_help)).then_error("system_award_reason");
    spec().when(Award(5, GoodwillReason::availability_bonus)).then_error("system_award_reason");
    spec().when(Award(5)).then_error("insufficient_balance");
    spec().as(Student()).when(Award(5)).then_error("not_own_account", ErrorKind::kForbidden);
    spec()
        .when(Award(5, GoodwillReason::question_answer, kPayout))
        .then_error("receiver_not_found", ErrorKind::kNotFound);
    Earn(w, kTeacher, 5);
    spec().when(Award(5)).then({Given(5, 5, 0)});  // exactly the balance: down to zero, never below
    w.Run<GoodwillDecider>(Award(5), Teacher());
    CHECK(w.State<GoodwillDecider>(kTeacherAccount).balance() == 0);
    spec()
        .at(kNow + Days(2))
        .when(Award(5, GoodwillReason::question_answer, kStudent2, kSummon))
        .then_error("insufficient_balance");
  }

  TEST_CASE(
      "the cooldown between awards to the same receiver: refused until its last microsecond") {
    World w;
    w.Setup();
    Earn(w, kTeacher, 100);
    w.Run<GoodwillDecider>(Award(5), Teacher());
    auto at = [&](Timestamp t) {
      return w.Given<GoodwillDecider>(kTeacherAccount, t).as(Teacher());
    };
    const Uuid next = kSummon;
    at(kNow + Hours(24) - 1)
        .when(Award(5, GoodwillReason::question_answer, kStudent, next))
        .then_error("award_cooldown");
    at(kNow + Hours(24))
        .when(Award(5, GoodwillReason::question_answer, kStudent, next))
        .then({GoodwillGiven{next, kTeacher, kStudent, 5, GoodwillReason::question_answer, kCourse,
                             10, 90, kNow + Hours(24)}});
    // Another receiver is not held back.
    CHECK(w.Decide<GoodwillDecider>(Award(5, GoodwillReason::question_answer, kStudent2, next),
                                    Teacher(), kNow + Minutes(1))
              .accepted());
    // The same award id cannot be given twice.
    at(kNow + Days(3)).when(Award(5)).then_error("award_already_exists", ErrorKind::kConflict);
    // The window is configuration.
    w.policies().peerloop.award_cooldown = Hours(1);
    at(kNow + Hours(1))
        .when(Award(5, GoodwillReason::question_answer, kStudent, next))
        .then({GoodwillGiven{next, kTeacher, kStudent, 5, GoodwillReason::question_answer, kCourse,
                             10, 90, kNow + Hours(1)}});
  }
}

}  // namespace edu::peerloop
