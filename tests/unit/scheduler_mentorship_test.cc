// The scheduler's mentorship deadlines of commands/scheduler_mentorship.cc at their boundary (one
// second before, exactly at, one second after): no-show detection, verification expiry and the
// quarterly re-verification, the recording erasure (PRD §14.2 retention); moved and dropped by the
// events that say so.
#include <doctest/doctest.h>

#include "commands/scheduler.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/session.h"
#include "tests/unit/scheduler_fixtures.h"

namespace edu {
namespace {

const Uuid kSessionId = *ParseUuid("88888888-8888-4888-8888-888888888888");
const Uuid kMentorId = *ParseUuid("99999999-9999-4999-8999-999999999999");
const Uuid kPerson = *ParseUuid("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");

mentorship::SessionBooked Booked(Timestamp start) {
  mentorship::SessionBooked b;
  b.session_id = kSessionId;
  b.student_id = kPerson;
  b.mentor_id = kMentorId;
  b.mentor_user_id = kPerson;
  b.scheduled_at = start;
  b.duration_minutes = 60;
  b.hourly_rate = Money{120000, "INR"};
  b.amount = Money{120000, "INR"};
  b.session_language = "Telugu";
  return b;
}

std::vector<CommandRequest> Only(const std::vector<CommandRequest>& requests,
                                 const std::string& type) {
  std::vector<CommandRequest> out;
  for (const auto& r : requests) {
    if (r.type == type) out.push_back(r);
  }
  return out;
}

mentorship::MentorVerificationApproved Approval(Date expiry, Date reverify) {
  mentorship::MentorVerificationApproved a;
  a.mentor_id = kMentorId;
  a.user_id = kPerson;
  a.reviewed_by = "admin";
  a.expiry_date = expiry;
  a.auto_reverify_date = reverify;
  return a;
}

mentorship::SessionCompleted CompletedWith(std::optional<std::string> recording, Timestamp at) {
  mentorship::SessionCompleted c;
  c.session_id = kSessionId;
  c.student_id = kPerson;
  c.mentor_id = kMentorId;
  c.completed_at = at;
  c.recording_url = std::move(recording);
  return c;
}

}  // namespace

TEST_SUITE("scheduler mentorship") {
  TEST_CASE("a session nobody started is flagged at start + 15 min: once, not a second before") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp start = kT0 + Hours(2);
    const Timestamp due = start + Minutes(15);
    Append(&log, "mentorship", mentorship::SessionStream(kSessionId), Booked(start));
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, due - Seconds(1)), "DetectNoShow").empty());
    std::vector<CommandRequest> at =
        Only(IssuedAt(&scheduler, &clock, &service, due), "DetectNoShow");
    REQUIRE(at.size() == 1);
    CHECK(at[0].command_id ==
          DeadlineCommandId("mentorship.no_show", mentorship::SessionStream(kSessionId), due));
    CHECK(at[0].actor.role == "system");
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, due + Seconds(1)), "DetectNoShow").empty());
  }

  TEST_CASE("a reschedule moves the no-show deadline; a start drops it") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp start = kT0 + Hours(2);
    const Timestamp moved = kT0 + Days(3);
    Append(&log, "mentorship", mentorship::SessionStream(kSessionId), Booked(start));
    mentorship::SessionRescheduled r;
    r.session_id = kSessionId;
    r.student_id = kPerson;
    r.mentor_id = kMentorId;
    r.rescheduled_from = start;
    r.scheduled_at = moved;
    Append(&log, "mentorship", mentorship::SessionStream(kSessionId), r, kT0 + Minutes(1));
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, start + Hours(1)), "DetectNoShow").empty());
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, moved + Minutes(15) - Seconds(1)),
               "DetectNoShow")
              .empty());
    CHECK(
        Only(IssuedAt(&scheduler, &clock, &service, moved + Minutes(15)), "DetectNoShow").size() ==
        1);

    MemoryEventLog started_log(4);
    RecordingService started_service;
    ManualClock started_clock(kT0);
    Append(&started_log, "mentorship", mentorship::SessionStream(kSessionId), Booked(start));
    Append(&started_log, "mentorship", mentorship::SessionStream(kSessionId),
           mentorship::SessionStarted{kSessionId, kMentorId, start, std::nullopt}, start);
    Scheduler started(&started_log, &started_service, &started_clock, &policies);
    CHECK(
        Only(IssuedAt(&started, &started_clock, &started_service, start + Hours(1)), "DetectNoShow")
            .empty());
  }

  TEST_CASE("verification expiry and the quarterly review at 00:00 UTC of their dates") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Date expiry = *ParseDate("2027-03-02");
    const Date reverify = *ParseDate("2026-05-31");
    Append(&log, "mentorship", mentorship::MentorStream(kMentorId), Approval(expiry, reverify));
    Scheduler scheduler(&log, &service, &clock, &policies);
    const Timestamp review = StartOfDay(reverify);
    CHECK(IssuedAt(&scheduler, &clock, &service, review - Seconds(1)).empty());
    std::vector<CommandRequest> at = IssuedAt(&scheduler, &clock, &service, review);
    REQUIRE(at.size() == 1);
    CHECK(at[0].type == "OpenMentorReverification");
    CHECK(IssuedAt(&scheduler, &clock, &service, review + Seconds(1)).empty());
    // The opened review names the next one, 90 days on.
    mentorship::MentorReverificationOpened opened;
    opened.mentor_id = kMentorId;
    opened.reverify_date = reverify;
    opened.next_reverify_date = CivilFromDays(DaysFromCivil(reverify) + 90);
    Append(&log, "mentorship", mentorship::MentorStream(kMentorId), opened, review);
    const Timestamp next = StartOfDay(opened.next_reverify_date);
    CHECK(IssuedAt(&scheduler, &clock, &service, next - Seconds(1)).empty());
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, next), "OpenMentorReverification").size() ==
          1);
    const Timestamp ends = StartOfDay(expiry);
    std::vector<CommandRequest> expiring = IssuedAt(&scheduler, &clock, &service, ends);
    CHECK(Only(expiring, "ExpireMentorVerification").size() == 1);
    CHECK(
        Only(IssuedAt(&scheduler, &clock, &service, ends + Seconds(1)), "ExpireMentorVerification")
            .empty());
  }

  TEST_CASE("a re-approval moves both; a required reapplication drops both") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "mentorship", mentorship::MentorStream(kMentorId),
           Approval(*ParseDate("2026-06-01"), *ParseDate("2026-04-01")));
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(scheduler.Pending().size() == 2);
    Append(&log, "mentorship", mentorship::MentorStream(kMentorId),
           Approval(*ParseDate("2027-06-01"), *ParseDate("2026-09-01")), kT0 + Days(1));
    std::vector<Deadline> pending = scheduler.Pending();
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].due == StartOfDay(*ParseDate("2026-09-01")));
    CHECK(pending[1].due == StartOfDay(*ParseDate("2027-06-01")));
    mentorship::MentorReapplicationRequired again;
    again.mentor_id = kMentorId;
    again.requested_by = "admin";
    again.reason = "documents";
    Append(&log, "mentorship", mentorship::MentorStream(kMentorId), again, kT0 + Days(2));
    CHECK(scheduler.Pending().empty());
  }

  TEST_CASE("a recording is erased 730 days after its session's completion: once, not before") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp done = kT0 + Hours(3);
    const Timestamp due = done + Days(730);
    Append(&log, "mentorship", mentorship::SessionStream(kSessionId),
           CompletedWith("https://rec.example/s1", done), done);
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, due - Seconds(1)), "EraseSessionRecording")
              .empty());
    std::vector<CommandRequest> at =
        Only(IssuedAt(&scheduler, &clock, &service, due), "EraseSessionRecording");
    REQUIRE(at.size() == 1);
    CHECK(at[0].command_id == DeadlineCommandId("mentorship.recording_erasure",
                                                mentorship::SessionStream(kSessionId), due));
    CHECK(at[0].actor.role == "system");
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, due + Seconds(1)), "EraseSessionRecording")
              .empty());
  }

  TEST_CASE("recording erasure: the policy's days; none without a recording; dropped once erased") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    policies.mentorship.recording_retention_days = 30;
    const Timestamp done = kT0 + Hours(3);
    Append(&log, "mentorship", mentorship::SessionStream(kSessionId),
           CompletedWith("https://rec.example/s1", done), done);
    const Uuid other = *ParseUuid("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb");
    mentorship::SessionCompleted without = CompletedWith(std::nullopt, done);
    without.session_id = other;
    Append(&log, "mentorship", mentorship::SessionStream(other), without, done);
    Scheduler scheduler(&log, &service, &clock, &policies);
    std::vector<Deadline> pending = scheduler.Pending();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].kind == "mentorship.recording_erasure");
    CHECK(pending[0].stream_id == mentorship::SessionStream(kSessionId));
    CHECK(pending[0].due == done + Days(30));
    mentorship::SessionRecordingErased erased{kSessionId, kMentorId,       done,
                                              30,         done + Days(30), "mentorship-default-v1"};
    Append(&log, "mentorship", mentorship::SessionStream(kSessionId), erased, done + Days(30));
    CHECK(Only(IssuedAt(&scheduler, &clock, &service, done + Days(31)), "EraseSessionRecording")
              .empty());
    CHECK(scheduler.Pending().empty());
  }
}

}  // namespace edu
