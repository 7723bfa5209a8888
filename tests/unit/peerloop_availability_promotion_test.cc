// Specifications of PeerLoop's daily availability bonus (at most once a day) and of promoting a
// course-feed post with the promoter's points.
#include "tests/unit/peerloop_goodwill_fixtures.h"

namespace edu::peerloop {

using namespace testing;

TEST_SUITE("peerloop availability and promotion") {
  TEST_CASE("turning 'Available to Help' on earns the daily bonus, at most once a day") {
    World w;
    w.Setup();
    const Timestamp morning = *ParseIso8601("2026-03-02T09:00:00Z");
    auto at = [&](Timestamp t) {
      return w.Given<GoodwillDecider>(kTeacherAccount, t).as(Teacher());
    };
    Uuid bonus = DeriveUuid(kTeacher, "availability_bonus/2026-03-02");
    at(morning)
        .when(SetHelpAvailability{kTeacher, true})
        .then({HelpAvailabilityChanged{kTeacher, true, morning, morning},
               Awarded(5, GoodwillReason::availability_bonus, std::nullopt, 5, 5, kTeacher, bonus,
                       morning)});
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher(), morning);
    at(morning)
        .when(SetHelpAvailability{kTeacher, true})
        .then_error("availability_unchanged", ErrorKind::kConflict);
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, false}, Teacher(), morning + Hours(1));
    // The second time on the same day: available again, no second bonus.
    const Timestamp last_moment = *ParseIso8601("2026-03-02T23:59:59.999999Z");
    at(last_moment)
        .when(SetHelpAvailability{kTeacher, true})
        .then({HelpAvailabilityChanged{kTeacher, true, last_moment, last_moment}});
    // The next day (UTC) earns it again.
    const Timestamp midnight = *ParseIso8601("2026-03-03T00:00:00Z");
    at(midnight)
        .when(SetHelpAvailability{kTeacher, true})
        .then({HelpAvailabilityChanged{kTeacher, true, midnight, midnight},
               Awarded(5, GoodwillReason::availability_bonus, std::nullopt, 10, 10, kTeacher,
                       DeriveUuid(kTeacher, "availability_bonus/2026-03-03"), midnight)});
    w.Given<GoodwillDecider>(kStudentAccount)
        .as(Student())
        .when(SetHelpAvailability{kStudent, true})
        .then_error("not_a_student_teacher");
  }

  TEST_CASE("the availability bonus that reaches 500 unlocks the badge") {
    World w;
    w.Setup();
    Earn(w, kTeacher, 495);
    auto d = w.Decide<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    REQUIRE(d.accepted());
    REQUIRE(d.events().size() == 3);
    CHECK(std::get<RewardUnlocked>(d.events()[2]).points_threshold == 500);
  }

  TEST_CASE("promoting a course-feed post spends the promoter's points") {
    World w;
    w.Setup();
    // The student posts in the course's feed with the enrollment that gives them feed access.
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    w.Run<PostDecider>(CreatePost{kPost, kStudent, kCourse, "How I built my first app",
                                  PostType::post, std::nullopt, kEnrollment},
                       Student());
    w.Run<PostDecider>(
        CreatePost{kSession, kStudent, std::nullopt, "Hello main feed", std::nullopt, std::nullopt},
        Student());
    w.Run<PostDecider>(CreatePost{kSession2, kTeacher, kCourse, "Great post!", std::nullopt, kPost},
                       Teacher());
    auto spec = [&](Timestamp t = kNow) {
      return w.Given<GoodwillDecider>(kTeacherAccount, t).as(Teacher());
    };
    spec().when(PromotePost{kPayout, kTeacher, kPost}).then_error("insufficient_balance");
    Earn(w, kTeacher, 60);
    PostPromoted promoted{
        kPayout, kPost, kTeacher, 50, 50, 10, kNow, kNow + Days(7), "peerloop-default-v1"};
    spec().when(PromotePost{kPayout, kTeacher, kPost}).then({promoted});
    spec().when(PromotePost{kPayout, kTeacher, kSession}).then_error("not_a_course_post");
    spec().when(PromotePost{kPayout, kTeacher, kSession2}).then_error("not_a_course_post");
    spec()
        .when(PromotePost{kPayout, kTeacher, kSummon})
        .then_error("post_not_found", ErrorKind::kNotFound);
    w.Run<GoodwillDecider>(PromotePost{kPayout, kTeacher, kPost}, Teacher());
    Earn(w, kTeacher, 100);
    spec(kNow + Days(7) - 1)
        .when(PromotePost{kSummon, kTeacher, kPost})
        .then_error("already_promoted", ErrorKind::kConflict);
    spec(kNow + Days(7))
        .when(PromotePost{kPayout, kTeacher, kPost})
        .then_error("promotion_already_exists", ErrorKind::kConflict);
    auto again =
        w.Decide<GoodwillDecider>(PromotePost{kSummon, kTeacher, kPost}, Teacher(), kNow + Days(7));
    REQUIRE(again.accepted());
    CHECK(std::get<PostPromoted>(again.events()[0]).balance_after == 60);
  }
}

}  // namespace edu::peerloop
