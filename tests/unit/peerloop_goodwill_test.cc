// Specifications of PeerLoop's goodwill points (CD-023/CD-024): peer awards paid by the giver and
// system awards, their ranges and boundaries, the anti-gaming cooldown, reward thresholds, the
// daily availability bonus, help summons, promoting a post; and the reactions that carry awards
// from one account to another.
#include <memory>

#include "commands/reaction.h"
#include "eventstore/event_codec.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu {
std::vector<std::unique_ptr<Reaction>> PeerloopReactions();
}

namespace edu::peerloop {
namespace {

using namespace testing;

int awards = 0;
Uuid NextAward() { return DeriveUuid(EduledgerNamespace(), "award-" + std::to_string(++awards)); }

// Credits `user` with system awards (referrals of 100, summons of 10-25) and, for a last 5, a
// question answered by kCreator, until `points` more are earned.
void Earn(World& w, const Uuid& user, int32_t points, Timestamp at = kNow) {
  REQUIRE(points % 5 == 0);
  auto credit = [&](int32_t p, GoodwillReason reason, std::optional<Uuid> from) {
    CreditGoodwill c;
    c.award_id = NextAward();
    c.to_user_id = user;
    c.from_user_id = from;
    c.points = p;
    c.reason = reason;
    w.Run<GoodwillDecider>(c, System(), at);
  };
  while (points >= 100) {
    credit(100, GoodwillReason::referral, std::nullopt);
    points -= 100;
  }
  while (points >= 10) {
    int32_t p = std::min(25, points);
    if (points - p > 0 && points - p < 10 && points - p != 5) p -= 10;
    credit(p, GoodwillReason::summon_help, std::nullopt);
    points -= p;
  }
  if (points == 5) credit(5, GoodwillReason::question_answer, kCreator);
}

AwardGoodwill Award(int32_t points, GoodwillReason reason = GoodwillReason::question_answer,
                    const Uuid& to = kStudent, const Uuid& id = kPost) {
  return AwardGoodwill{id, kTeacher, to, points, reason, kCourse};
}

GoodwillGiven Given(int32_t points, int64_t spent_after, int64_t balance_after,
                    GoodwillReason reason = GoodwillReason::question_answer, Timestamp at = kNow) {
  return GoodwillGiven{kPost,   kTeacher,    kStudent,      points, reason,
                       kCourse, spent_after, balance_after, at};
}

CreditGoodwill Credit(int32_t points, GoodwillReason reason, std::optional<Uuid> from,
                      const Uuid& to = kStudent, const Uuid& id = kSession) {
  CreditGoodwill c;
  c.award_id = id;
  c.to_user_id = to;
  c.from_user_id = from;
  c.points = points;
  c.reason = reason;
  return c;
}

GoodwillAwarded Awarded(int32_t points, GoodwillReason reason, std::optional<Uuid> from,
                        int64_t total_after, int64_t balance_after, const Uuid& to = kStudent,
                        const Uuid& id = kSession, Timestamp at = kNow) {
  GoodwillAwarded a;
  a.award_id = id;
  a.from_user_id = from;
  a.to_user_id = to;
  a.points = points;
  a.reason = reason;
  a.total_earned_after = total_after;
  a.balance_after = balance_after;
  a.awarded_at = at;
  return a;
}

RewardUnlocked Unlocked(const Uuid& user, int32_t threshold, RewardType type, std::string value,
                        std::string description, int64_t total, Timestamp at = kNow) {
  Uuid reward = RewardId(threshold, type);
  return RewardUnlocked{DeriveUuid(user, "reward_unlock/" + ToString(reward)),
                        user,
                        reward,
                        threshold,
                        type,
                        std::move(value),
                        std::move(description),
                        total,
                        at};
}

const std::string kTeacherAccount = GoodwillStream(kTeacher);
const std::string kStudentAccount = GoodwillStream(kStudent);

}  // namespace

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
    w.Run<PostDecider>(
        CreatePost{kPost, kStudent, kCourse, "Session notes", std::nullopt, std::nullopt},
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
    w.Run<PostDecider>(CreatePost{kPost, kStudent, kCourse, "How I built my first app",
                                  PostType::post, std::nullopt},
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

TEST_SUITE("peerloop help summons") {
  const std::string kSummonStream = SummonStream(kSummon);
  SummonHelp Summon() { return SummonHelp{kSummon, kStudent, kCourse, kSession2, kEnrollment}; }

  TEST_CASE("an enrolled student summons help for a course and module") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    auto spec = [&] { return w.Given<SummonDecider>(kSummonStream).as(Student()); };
    spec().when(Summon()).then_error("payment_not_completed");
    w.Run<EnrollmentDecider>(ConfirmPayment{kEnrollment, kTransaction, kStripe}, Gateway());
    spec().when(Summon()).then({HelpSummoned{kSummon, kStudent, kCourse, kSession2, kEnrollment}});
    auto other = Summon();
    other.course_id = kCategory;
    spec().when(other).then_error("enrollment_mismatch");
    spec()
        .as(Student(kStudent2))
        .when(Summon())
        .then_error("not_own_summon", ErrorKind::kForbidden);
  }

  TEST_CASE("pending -> responded by an available certified student-teacher -> completed") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    auto spec = [&](Actor a) { return w.Given<SummonDecider>(kSummonStream).as(a); };
    spec(Student())
        .when(CompleteSummon{kSummon, 10, 10})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Teacher()).when(RespondToSummon{kSummon, kTeacher}).then_error("responder_not_available");
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    spec(Teacher())
        .when(RespondToSummon{kSummon, kTeacher})
        .then({SummonResponded{kSummon, kTeacher, kNow}});
    spec(Student(kStudent2))
        .when(RespondToSummon{kSummon, kStudent2})
        .then_error("not_certified_for_course");
    spec(Student()).when(RespondToSummon{kSummon, kStudent}).then_error("self_response");
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());
    spec(Teacher(kTeacher2))
        .when(RespondToSummon{kSummon, kTeacher2})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("points only for sessions of at least 5 minutes, 10-25 of them") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());
    auto spec = [&](Timestamp at) {
      return w.Given<SummonDecider>(kSummonStream).as(Student()).at(at);
    };
    auto completed = [](int32_t minutes, int32_t requested, int32_t awarded, Timestamp at,
                        int32_t claimed) {
      SummonCompleted e{kSummon,   kStudent, kTeacher, kCourse, minutes,
                        requested, awarded,  5,        at,      claimed};
      return e;
    };
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 9})
        .then_error("points_not_allowed_for_reason");
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 26})
        .then_error("points_not_allowed_for_reason");
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 10})
        .then({completed(30, 10, 10, kNow + Minutes(30), 30)});
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 25})
        .then({completed(30, 25, 25, kNow + Minutes(30), 30)});
    spec(kNow + Minutes(30)).when(CompleteSummon{kSummon, -1, 25}).then_error("invalid_duration");
    spec(kNow + Minutes(30))
        .as(Teacher())
        .when(CompleteSummon{kSummon, 30, 25})
        .then_error("not_own_summon", ErrorKind::kForbidden);
    w.Run<SummonDecider>(CompleteSummon{kSummon, 30, 25}, Student(), kNow + Minutes(30));
    spec(kNow + Minutes(31))
        .when(CancelSummon{kSummon, std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE(
      "a summon's duration runs from the recorded response, the client's figure informative") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());  // responded at kNow
    auto spec = [&](Timestamp at) {
      return w.Given<SummonDecider>(kSummonStream).as(Student()).at(at);
    };
    auto completed = [](int32_t minutes, int32_t awarded, Timestamp at, int32_t claimed) {
      SummonCompleted e{kSummon, kStudent, kTeacher, kCourse, minutes, 15, awarded, 5, at, claimed};
      return e;
    };
    // The case: completed 4 minutes after the response, the client claiming 6.
    spec(kNow + Minutes(4))
        .when(CompleteSummon{kSummon, 6, 15})
        .then({completed(4, 0, kNow + Minutes(4), 6)});
    // The 5-minute minimum at its boundary: one second before, exactly at it, one second after.
    spec(kNow + Minutes(5) - Seconds(1))
        .when(CompleteSummon{kSummon, 60, 15})
        .then({completed(4, 0, kNow + Minutes(5) - Seconds(1), 60)});
    spec(kNow + Minutes(5))
        .when(CompleteSummon{kSummon, 0, 15})
        .then({completed(5, 15, kNow + Minutes(5), 0)});
    spec(kNow + Minutes(5) + Seconds(1))
        .when(CompleteSummon{kSummon, 1, 15})
        .then({completed(5, 15, kNow + Minutes(5) + Seconds(1), 1)});
  }

  TEST_CASE("a summon is cancelled while pending or responded") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    w.Given<SummonDecider>(kSummonStream)
        .as(Student())
        .when(CancelSummon{kSummon, std::string("solved it")})
        .then({SummonCancelled{kSummon, Student().id, std::string("solved it")}});
    w.Given<SummonDecider>(kSummonStream)
        .as(Teacher())
        .when(CancelSummon{kSummon, std::nullopt})
        .then_error("not_own_summon", ErrorKind::kForbidden);
  }
}

TEST_SUITE("peerloop reactions") {
  template <class E>
  RecordedEvent Recorded(const E& e) {
    RecordedEvent r;
    r.event_id = DeriveUuid(EduledgerNamespace(), std::string("reaction-spec/") + E::kType);
    r.type = E::kType;
    r.schema_version = E::kSchemaVersion;
    r.marketplace = "peerloop";
    r.payload = json::Encode(e);
    return r;
  }

  std::vector<ReactionCommand> React(const std::string& reaction, const RecordedEvent& e) {
    for (const auto& r : PeerloopReactions()) {
      if (r->name() != reaction) continue;
      std::vector<ReactionCommand> out;
      if (!r->Handles(e)) return out;
      Status reacted = r->React(e, &out);
      REQUIRE_MESSAGE(reacted.ok(), reacted.ToString());
      return out;
    }
    FAIL("no reaction " << reaction);
    return {};
  }

  template <class C>
  C Body(const ReactionCommand& c) {
    REQUIRE(c.type == C::kType);
    REQUIRE(c.As<C>() != nullptr);
    return *c.As<C>();
  }

  TEST_CASE("a peer award given is credited to its receiver with the same figures") {
    auto out = React("peerloop.goodwill",
                     Recorded(Given(50, 50, 150, GoodwillReason::first_session_mentor)));
    REQUIRE(out.size() == 1);
    auto c = Body<CreditGoodwill>(out[0]);
    CHECK(c.award_id == kPost);
    CHECK(c.to_user_id == kStudent);
    CHECK(c.from_user_id == kTeacher);
    CHECK(c.points == 50);
    CHECK(c.reason == GoodwillReason::first_session_mentor);
    CHECK(out[0].command->marketplace() == "peerloop");
  }

  TEST_CASE("a summon under five minutes credits nothing; one of five credits the responder") {
    SummonCompleted s{kSummon, kStudent, kTeacher, kCourse, 4, 20, 0, 5, kNow, std::nullopt};
    CHECK(React("peerloop.goodwill", Recorded(s)).empty());
    s.session_duration_mins = 5;
    s.points_awarded = 20;
    auto out = React("peerloop.goodwill", Recorded(s));
    REQUIRE(out.size() == 1);
    auto c = Body<CreditGoodwill>(out[0]);
    CHECK(c.to_user_id == kTeacher);
    CHECK_FALSE(c.from_user_id.has_value());
    CHECK(c.reason == GoodwillReason::summon_help);
    CHECK(c.summon_id == kSummon);
    CHECK(c.points == 20);
  }

  TEST_CASE(
      "a referred payment credits the referrer; released lines credit teacher and creator, not the "
      "platform") {
    PaymentCompleted p;
    p.enrollment_id = kEnrollment;
    p.amount = Money{13300, "USD"};
    p.escrow_held_after = Money{13300, "USD"};
    p.referred_by = kStudent2;
    p.referral_points = 100;
    auto referral = React("peerloop.goodwill", Recorded(p));
    REQUIRE(referral.size() == 1);
    CHECK(Body<CreditGoodwill>(referral[0]).reason == GoodwillReason::referral);
    CHECK(Body<CreditGoodwill>(referral[0]).to_user_id == kStudent2);
    p.referred_by.reset();
    p.referral_points.reset();
    CHECK(React("peerloop.goodwill", Recorded(p)).empty());

    EscrowReleased r;
    r.enrollment_id = kEnrollment;
    r.transaction_id = kTransaction;
    r.amount = Money{13300, "USD"};
    r.escrow_held_after = Money{0, "USD"};
    r.lines =
        SplitPayment(kTransaction, 13300, 1, SharesFor(70, Percent(15), false), kTeacher, kCreator);
    auto credits = React("peerloop.teaching", Recorded(r));
    REQUIRE(credits.size() == 2);
    CHECK(Body<CreditEarnings>(credits[0]).recipient_id == kTeacher);
    CHECK(Body<CreditEarnings>(credits[0]).amount == Money{9310, "USD"});
    CHECK(Body<CreditEarnings>(credits[1]).recipient_id == kCreator);
    CHECK(credits[0].key != credits[1].key);
  }

  TEST_CASE("a completed payout marks its splits paid, one command per enrollment") {
    PayoutCompleted p{
        kPayout,
        kTeacher,
        Money{300, "USD"},
        {{kSession, kEnrollment, 100}, {kSession2, kSummon, 100}, {kPost, kEnrollment, 100}},
        kNow};
    auto out = React("peerloop.teaching", Recorded(p));
    REQUIRE(out.size() == 2);
    size_t total = 0;
    for (const auto& c : out) total += Body<MarkSplitsPaid>(c).split_ids.size();
    CHECK(total == 3);
    auto started =
        React("peerloop.teaching", Recorded(SessionStarted{kSession, kEnrollment, kNow}));
    REQUIRE(started.size() == 1);
    CHECK(started[0].type == "StartEnrollment");
  }
}

}  // namespace edu::peerloop
