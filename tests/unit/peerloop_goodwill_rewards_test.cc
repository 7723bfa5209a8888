// Specifications of PeerLoop goodwill credits and rewards: lifetime points unlocking the documented
// rewards at their thresholds, once each, and redeeming an unlocked reward once.
#include "tests/unit/peerloop_goodwill_fixtures.h"

namespace edu::peerloop {

using namespace testing;

TEST_SUITE("peerloop goodwill credits and rewards") {
  TEST_CASE(
      "credits: a peer award names its giver, a system award has none; only the platform credits") {
    World w;
    auto spec = [&] { return w.Given<GoodwillDecider>(kStudentAccount).as(System()); };
    spec()
        .when(Credit(5, GoodwillReason::question_answer, kTeacher))
        .then({Awarded(5, GoodwillReason::question_answer, kTeacher, 5, 5)});
    spec()
        .when(Credit(5, GoodwillReason::question_answer, std::nullopt))
        .then_error("giver_required");
    spec().when(Credit(100, GoodwillReason::referral, kTeacher)).then_error("system_award_reason");
    spec().when(Credit(5, GoodwillReason::question_answer, kStudent)).then_error("self_award");
    spec()
        .when(Credit(5, GoodwillReason::availability_bonus, std::nullopt))
        .then_error("availability_bonus_is_daily");
    spec()
        .as(Student())
        .when(Credit(25, GoodwillReason::summon_help, std::nullopt))
        .then_error("system_only", ErrorKind::kForbidden);
    for (int32_t bad : {9, 26})
      spec()
          .when(Credit(bad, GoodwillReason::summon_help, std::nullopt))
          .then_error("points_not_allowed_for_reason");
    for (int32_t ok : {10, 25}) {
      spec()
          .when(Credit(ok, GoodwillReason::summon_help, std::nullopt))
          .then({Awarded(ok, GoodwillReason::summon_help, std::nullopt, ok, ok)});
    }
    w.Run<GoodwillDecider>(Credit(25, GoodwillReason::summon_help, std::nullopt), System());
    spec()
        .when(Credit(25, GoodwillReason::summon_help, std::nullopt))
        .then_error("award_already_credited", ErrorKind::kConflict);
  }

  TEST_CASE("500 lifetime points unlock the Community Helper badge, once") {
    World w;
    w.Setup();
    Earn(w, kStudent, 490);
    auto spec = [&] { return w.Given<GoodwillDecider>(kStudentAccount).as(System()); };
    spec()
        .when(Credit(5, GoodwillReason::question_answer, kTeacher))
        .then({Awarded(5, GoodwillReason::question_answer, kTeacher, 495, 495)});
    Earn(w, kStudent, 5);
    spec()
        .when(Credit(5, GoodwillReason::question_answer, kTeacher))
        .then({Awarded(5, GoodwillReason::question_answer, kTeacher, 500, 500),
               Unlocked(kStudent, 500, RewardType::badge, "Community Helper",
                        "Badge: Community Helper", 500)});
    w.Run<GoodwillDecider>(Credit(5, GoodwillReason::question_answer, kTeacher), System());
    // Crossing 500 a second time (the balance dips under it, then climbs back) unlocks nothing:
    // thresholds count lifetime points, and each reward unlocks once.
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());  // feed access to the course's feed
    w.Run<PostDecider>(CreatePost{kPost, kStudent, kCourse, "Session notes", std::nullopt,
                                  std::nullopt, kEnrollment},
                       Student());
    w.Run<GoodwillDecider>(PromotePost{kPayout, kStudent, kPost}, Student());
    CHECK(w.State<GoodwillDecider>(kStudentAccount).balance() == 450);
    spec()
        .when(Credit(50, GoodwillReason::first_session_mentor, kTeacher, kStudent, kSummon))
        .then({Awarded(50, GoodwillReason::first_session_mentor, kTeacher, 550, 500, kStudent,
                       kSummon)});
  }

  TEST_CASE("1,000, 2,500 and 5,000 lifetime points unlock the other documented rewards") {
    World w;
    w.Setup();
    Earn(w, kStudent, 995);
    auto spec = [&] { return w.Given<GoodwillDecider>(kStudentAccount).as(System()); };
    spec()
        .when(Credit(5, GoodwillReason::question_answer, kTeacher))
        .then({Awarded(5, GoodwillReason::question_answer, kTeacher, 1000, 1000),
               Unlocked(kStudent, 1000, RewardType::discount, "10%",
                        "10% discount on your next course", 1000)});
    Earn(w, kStudent, 1500);
    auto d =
        w.Decide<GoodwillDecider>(Credit(5, GoodwillReason::question_answer, kTeacher), System());
    REQUIRE(d.events().size() == 2);
    CHECK(std::get<RewardUnlocked>(d.events()[1]).reward_type == RewardType::free_session);
    Earn(w, kStudent, 2505);  // the Decide above was not applied: 995 + 1500 + 2505
    auto state = w.State<GoodwillDecider>(kStudentAccount);
    CHECK(state.total_earned == 5000);
    CHECK(state.unlocked.size() == 4);
    CHECK(state.unlocked.count(RewardId(5000, RewardType::revenue_bonus)) == 1);
  }

  TEST_CASE("one award that crosses several configured thresholds unlocks each of them") {
    World w;
    w.policies().peerloop.rewards = {{10, RewardType::badge, "Starter", "First ten"},
                                     {20, RewardType::discount, "1%", "Twenty"},
                                     {30, RewardType::discount, "2%", "Thirty"}};
    auto d =
        w.Decide<GoodwillDecider>(Credit(25, GoodwillReason::summon_help, std::nullopt), System());
    REQUIRE(d.accepted());
    REQUIRE(d.events().size() == 3);
    CHECK(std::get<RewardUnlocked>(d.events()[1]).points_threshold == 10);
    CHECK(std::get<RewardUnlocked>(d.events()[2]).points_threshold == 20);
  }

  TEST_CASE("an unlocked reward is redeemed once") {
    World w;
    w.Setup();
    Uuid badge = RewardId(500, RewardType::badge);
    auto spec = [&] { return w.Given<GoodwillDecider>(kStudentAccount).as(Student()); };
    spec().when(RedeemReward{kStudent, badge}).then_error("reward_not_unlocked");
    Earn(w, kStudent, 500);
    Uuid unlock = DeriveUuid(kStudent, "reward_unlock/" + ToString(badge));
    spec()
        .when(RedeemReward{kStudent, badge})
        .then({RewardRedeemed{unlock, kStudent, badge, kNow}});
    w.Run<GoodwillDecider>(RedeemReward{kStudent, badge}, Student());
    spec()
        .when(RedeemReward{kStudent, badge})
        .then_error("reward_already_redeemed", ErrorKind::kConflict);
    spec()
        .as(Student(kStudent2))
        .when(RedeemReward{kStudent, badge})
        .then_error("not_own_account", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
