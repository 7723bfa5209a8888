// Specifications of a PeerLoop help summon's expiry (issue 12): a summon nobody answers expires
// summon_expires_after (policy, 1 h by default) after it was summoned, by the scheduler
// (ExpireSummon as system) or an admin; help_summons.status reads cancelled.
#include "tests/unit/peerloop_goodwill_fixtures.h"

namespace edu::peerloop {

using namespace testing;

namespace {

const std::string kExpiringSummonStream = SummonStream(kSummon);
SummonHelp SummonToExpire() {
  return SummonHelp{kSummon, kStudent, kCourse, kSession2, kEnrollment};
}
SummonExpired Expired(Timestamp at, std::optional<Timestamp> summoned_at = kNow) {
  SummonExpired e;
  e.summon_id = kSummon;
  e.student_id = kStudent;
  e.course_id = kCourse;
  e.summoned_at = summoned_at;
  e.expired_at = at;
  e.expires_after_minutes = 60;
  e.policy = Policies{}.peerloop.name;
  return e;
}

}  // namespace

TEST_SUITE("peerloop summon expiry") {
  TEST_CASE("a pending summon expires at summoned_at + 1 h: not one second before, at, after") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(SummonToExpire(), Student());
    auto spec = [&](Timestamp at) {
      return w.Given<SummonDecider>(kExpiringSummonStream).as(System()).at(at);
    };
    spec(kNow + Hours(1) - Seconds(1))
        .when(ExpireSummon{kSummon})
        .then_error("summon_not_expired", ErrorKind::kConflict);
    spec(kNow + Hours(1)).when(ExpireSummon{kSummon}).then({Expired(kNow + Hours(1))});
    spec(kNow + Hours(1) + Seconds(1))
        .when(ExpireSummon{kSummon})
        .then({Expired(kNow + Hours(1) + Seconds(1))});
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(Admin())
        .at(kNow + Hours(2))
        .when(ExpireSummon{kSummon})
        .then({Expired(kNow + Hours(2))});
  }

  TEST_CASE("only the scheduler or an admin expires a summon, and only a pending one, once") {
    World w;
    w.Paid();
    const Timestamp late = kNow + Hours(3);
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(System())
        .at(late)
        .when(ExpireSummon{kSummon})
        .then_error("summon_not_found", ErrorKind::kNotFound);
    w.Run<SummonDecider>(SummonToExpire(), Student());
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(Student())
        .at(late)
        .when(ExpireSummon{kSummon})
        .then_error("system_only", ErrorKind::kForbidden);
    w.Run<SummonDecider>(ExpireSummon{kSummon}, System(), late);
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(System())
        .at(late)
        .when(ExpireSummon{kSummon})
        .then_error("illegal_transition", ErrorKind::kConflict);
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(Teacher())
        .at(late)
        .when(RespondToSummon{kSummon, kTeacher})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("an answered summon does not expire") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(SummonToExpire(), Student());
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(System())
        .at(kNow + Hours(5))
        .when(ExpireSummon{kSummon})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("the policy's window: 30 minutes, or 0 for never") {
    World w;
    w.policies().peerloop.summon_expires_after = Minutes(30);
    w.Paid();
    w.Run<SummonDecider>(SummonToExpire(), Student());
    SummonExpired e = Expired(kNow + Minutes(30));
    e.expires_after_minutes = 30;
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(System())
        .at(kNow + Minutes(30))
        .when(ExpireSummon{kSummon})
        .then({e});
    w.policies().peerloop.summon_expires_after = 0;
    w.Given<SummonDecider>(kExpiringSummonStream)
        .as(System())
        .at(kNow + Days(30))
        .when(ExpireSummon{kSummon})
        .then_error("summon_not_expired", ErrorKind::kConflict);
  }
}

}  // namespace edu::peerloop
