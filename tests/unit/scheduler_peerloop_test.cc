// The scheduler's PeerLoop summon expiry (commands/scheduler_peerloop.cc) at its boundary: one
// second before, exactly at, one second after summoned_at + summon_expires_after; dropped by an
// answer; none when the policy says never.
#include <doctest/doctest.h>

#include "commands/scheduler.h"
#include "domain/peerloop/summon.h"
#include "tests/unit/scheduler_fixtures.h"

namespace edu {
namespace {

const Uuid kSummonId = *ParseUuid("66666666-6666-4666-8666-666666666666");
const Uuid kLearner = *ParseUuid("77777777-7777-4777-8777-777777777777");

peerloop::HelpSummoned Summoned(std::optional<Timestamp> at = kT0) {
  peerloop::HelpSummoned s;
  s.summon_id = kSummonId;
  s.student_id = kLearner;
  s.course_id = kLearner;
  s.enrollment_id = kLearner;
  s.summoned_at = at;
  return s;
}

}  // namespace

TEST_SUITE("scheduler peerloop") {
  TEST_CASE("an unanswered summon expires 1 h after it was summoned: once, not a second before") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "peerloop", peerloop::SummonStream(kSummonId), Summoned());
    Scheduler scheduler(&log, &service, &clock, &policies);
    const Timestamp due = kT0 + Hours(1);
    CHECK(IssuedAt(&scheduler, &clock, &service, due - Seconds(1)).empty());
    std::vector<CommandRequest> at = IssuedAt(&scheduler, &clock, &service, due);
    REQUIRE(at.size() == 1);
    CHECK(at[0].type == "ExpireSummon");
    CHECK(at[0].actor.role == "system");
    CHECK(at[0].command_id ==
          DeadlineCommandId("peerloop.summon_expiry", peerloop::SummonStream(kSummonId), due));
    CHECK(CommandJsonBody(*at[0].command).find(ToString(kSummonId)) != std::string::npos);
    CHECK(IssuedAt(&scheduler, &clock, &service, due + Seconds(1)).empty());
    CHECK(scheduler.Fired().size() == 1);
  }

  TEST_CASE("a summon recorded without its time expires from its event's time") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    policies.peerloop.summon_expires_after = Minutes(30);
    Append(&log, "peerloop", peerloop::SummonStream(kSummonId), Summoned(std::nullopt),
           kT0 + Minutes(5));
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(IssuedAt(&scheduler, &clock, &service, kT0 + Minutes(35) - Seconds(1)).empty());
    CHECK(IssuedAt(&scheduler, &clock, &service, kT0 + Minutes(35)).size() == 1);
  }

  TEST_CASE("an answer drops the expiry; a policy of 0 never sets one") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "peerloop", peerloop::SummonStream(kSummonId), Summoned());
    Append(&log, "peerloop", peerloop::SummonStream(kSummonId),
           peerloop::SummonResponded{kSummonId, kLearner, kT0 + Minutes(10)}, kT0 + Minutes(10));
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(scheduler.Pending().empty());
    CHECK(IssuedAt(&scheduler, &clock, &service, kT0 + Days(1)).empty());

    MemoryEventLog never_log(4);
    Policies never;
    never.peerloop.summon_expires_after = 0;
    Append(&never_log, "peerloop", peerloop::SummonStream(kSummonId), Summoned());
    Scheduler never_scheduler(&never_log, &service, &clock, &never);
    CHECK(never_scheduler.Pending().empty());
  }

  TEST_CASE("a cancellation drops the expiry") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "peerloop", peerloop::SummonStream(kSummonId), Summoned());
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(scheduler.Pending().size() == 1);
    peerloop::SummonCancelled cancelled;
    cancelled.summon_id = kSummonId;
    cancelled.cancelled_by = ToString(kLearner);
    Append(&log, "peerloop", peerloop::SummonStream(kSummonId), cancelled, kT0 + Minutes(1));
    CHECK(scheduler.Pending().empty());
    CHECK(IssuedAt(&scheduler, &clock, &service, kT0 + Hours(2)).empty());
  }
}

}  // namespace edu
