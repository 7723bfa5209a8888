// The scheduler (commands/scheduler.h): deadlines recorded by events, issued once when due with a
// deterministic command id, at their boundary (one second before, exactly at, one second after).
#include <doctest/doctest.h>

#include <vector>

#include "commands/scheduler.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/events.h"
#include "domain/uhs/events.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

const Timestamp kT0 = *ParseIso8601("2026-03-02T08:00:00Z");  // a Monday
const Uuid kSession = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kEnrollment = *ParseUuid("33333333-3333-4333-8333-333333333333");

// Answers every command as accepted, remembering it; a command id seen before is a replay (as
// the pipeline answers it).
class RecordingService : public CommandService {
 public:
  CommandResult Handle(const CommandRequest& request) override {
    requests.push_back(request);
    CommandResult r;
    for (const auto& seen : requests) {
      if (&seen != &requests.back() && seen.command_id == request.command_id) r.replayed = true;
    }
    return r;
  }
  std::vector<CommandRequest> requests;
};

template <class E>
void Append(MemoryEventLog* log, const std::string& marketplace, const std::string& stream,
            const E& e) {
  AppendRequest r;
  r.stream_id = stream;
  NewEvent n;
  n.event_id = DeriveUuid(EduledgerNamespace(), stream + "/" + E::kType);
  n.type = E::kType;
  n.schema_version = E::kSchemaVersion;
  n.marketplace = marketplace;
  n.occurred_at = kT0;
  n.actor = Actor{"system:test", "system"};
  n.payload = json::Encode(e);
  r.events.push_back(n);
  AppendResult result;
  REQUIRE(log->Append(r, &result).ok());
}

mentorship::SessionCompleted Completed(Timestamp due) {
  mentorship::SessionCompleted c;
  c.session_id = kSession;
  c.student_id = kMentor;
  c.mentor_id = kMentor;
  c.completed_at = kT0;
  c.escrow_release_due = due;
  return c;
}

}  // namespace

TEST_SUITE("scheduler") {
  TEST_CASE("escrow is released when the hold ends: not one second before, once at it") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp due = kT0 + Hours(48);
    Append(&log, "mentorship", mentorship::SessionStream(kSession), Completed(due));
    Scheduler scheduler(&log, &service, &clock, &policies);

    clock.Set(due - Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    REQUIRE(scheduler.Pending().size() == 1);
    CHECK(scheduler.Pending()[0].due == due);

    clock.Set(due);
    size_t issued = 0;
    REQUIRE(scheduler.RunDue(&issued).ok());
    CHECK(issued == 1);
    REQUIRE(service.requests.size() == 1);
    const CommandRequest r = service.requests[0];
    CHECK(r.type == "ReleaseEscrow");
    CHECK(r.actor.role == "system");
    CHECK(r.now == due);
    CHECK(r.command_id ==
          DeadlineCommandId("mentorship.escrow_release", mentorship::SessionStream(kSession), due));
    REQUIRE(r.command.get() != nullptr);
    CHECK(CommandJsonBody(*r.command).find(ToString(kSession)) != std::string::npos);

    clock.Set(due + Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.size() == 1);
    CHECK(scheduler.Fired().size() == 1);

    // A restarted scheduler issues the same command id again: the pipeline answers it as a replay.
    Scheduler restarted(&log, &service, &clock, &policies);
    REQUIRE(restarted.RunDue().ok());
    REQUIRE(service.requests.size() == 2);
    CHECK(service.requests[1].command_id == r.command_id);
    CHECK(restarted.Fired()[0].outcome == "replayed");
  }

  TEST_CASE("a dispute raised in the window holds the escrow: no release is issued") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "mentorship", mentorship::SessionStream(kSession), Completed(kT0 + Hours(48)));
    mentorship::SessionDisputed disputed;
    disputed.session_id = kSession;
    disputed.mentor_id = kMentor;
    disputed.disputed_amount = Money{120000, "INR"};
    Append(&log, "mentorship", mentorship::SessionStream(kSession), disputed);
    Scheduler scheduler(&log, &service, &clock, &policies);
    clock.Set(kT0 + Hours(49));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    CHECK(scheduler.Pending().empty());
  }

  TEST_CASE("weekly payouts run at the end of the period, Monday 00:00 IST") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    mentorship::MentorEarningsCredited credit;
    credit.mentor_id = kMentor;
    credit.session_id = kSession;
    credit.amount = Money{120000, "INR"};
    credit.platform_fee = Money{36000, "INR"};
    credit.mentor_earnings = Money{84000, "INR"};
    credit.balance_after = Money{84000, "INR"};
    credit.earned_at = kT0;  // Monday 13:30 IST: the period of Monday 2 March
    Append(&log, "mentorship", mentorship::PayoutAccountStream(kMentor), credit);
    Scheduler scheduler(&log, &service, &clock, &policies);
    // Monday 9 March 00:00 IST is Sunday 8 March 18:30 UTC.
    const Timestamp end = *ParseIso8601("2026-03-08T18:30:00Z");
    clock.Set(end - Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    clock.Set(end);
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    REQUIRE(service.requests.size() == 1);
    CHECK(service.requests[0].type == "RunMentorPayout");
    REQUIRE(service.requests[0].command.get() != nullptr);
    CHECK(CommandJsonBody(*service.requests[0].command).find(R"("period_start":"2026-03-02")") !=
          std::string::npos);
    clock.Set(end + Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.size() == 1);
  }

  TEST_CASE("an unpaid UHS enrollment expires at its payment deadline") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    uhs::EnrollmentStarted started;
    started.enrollment_id = kEnrollment;
    started.price = Money{5000, "USD"};
    started.payment_due_by = kT0 + Days(7);
    Append(&log, "uhs", uhs::EnrollmentStream(kEnrollment), started);
    Scheduler scheduler(&log, &service, &clock, &policies);
    clock.Set(kT0 + Days(7) - Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    clock.Set(kT0 + Days(7));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    REQUIRE(service.requests.size() == 1);
    CHECK(service.requests[0].type == "ExpireEnrollment");
    clock.Set(kT0 + Days(7) + Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.size() == 1);
  }
}

}  // namespace edu
