// Race-free booking (issue 12, item 5): 32 students book the same mentor at the same time,
// concurrently, each a session of their own, through the command service the System installs
// (commands/calendar_booking_service.h over the pipeline or the Kafka command client). Every
// booking first holds its time in the mentor's calendar, one stream appended with an expected
// version, so exactly one is accepted and 31 are refused as mentor_time_taken; the log holds
// exactly one SessionBooked. On the embedded PostgreSQL log and on Kafka (librdkafka's mock
// cluster, commands decided by the partition owner).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "commands/calendar_booking_service.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "eventstore/pg_event_log.h"
#include "tests/integration/kafka_test_bed.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

constexpr int kStudents = 32;
const Actor kAdmin{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
const Timestamp kNow = *ParseIso8601("2026-03-01T09:00:00Z");

std::string Id(const std::string& what) {
  return ToString(DeriveUuid(EduledgerNamespace(), "calendar-race-" + what));
}

// Sends until the command is decided (a Kafka processor may answer 503 while it starts).
CommandResult Send(CommandService& service, const std::string& key, const std::string& type,
                   const std::string& body, const Actor& actor) {
  CommandRequest r{};
  r.command_id = *ParseUuid(Id("cmd-" + key));
  r.type = type;
  r.body = body;
  r.actor = actor;
  r.now = kNow;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  for (;;) {
    CommandResult result = service.Handle(r);
    if (result.ok() || result.error->kind != ErrorKind::kUnavailable ||
        std::chrono::steady_clock::now() > deadline) {
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void Require(const CommandResult& r, const std::string& what) {
  REQUIRE_MESSAGE(r.ok(), what << ": " << (r.error ? r.error->code + ": " + r.error->message : ""));
}

// An approved mentor with Thursday 09:00-21:00 in Asia/Kolkata, and 32 students.
void Setup(CommandService& service) {
  const std::string mentor_user = Id("mentor-user"), mentor = Id("mentor");
  Require(Send(service, "mentor-user", "RegisterUser",
               fmt::format(R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor",
                   "email":"ravi@example.in","name":"Ravi"}})",
                           mentor_user),
               Actor{mentor_user, "mentor"}),
          "mentor user");
  Require(Send(service, "apply", "ApplyAsMentor",
               fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}",
                   "title":"Engineer","experience_years":8,"student_levels_served":["college"],
                   "hourly_rate":{{"minor":120000,"currency":"INR"}},"primary_language":"Telugu"}})",
                           mentor, mentor_user),
               Actor{mentor_user, "mentor"}),
          "apply");
  Require(Send(service, "approve", "ApproveMentor",
               fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", mentor), kAdmin),
          "approve");
  Require(Send(service, "availability", "SetMentorAvailability",
               fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}",
                   "time_zone":"Asia/Kolkata",
                   "slots":[{{"day_of_week":4,"start_time":"09:00","end_time":"21:00"}}]}})",
                           mentor),
               Actor{mentor_user, "mentor"}),
          "availability");
  for (int i = 0; i < kStudents; ++i) {
    const std::string student = Id("student-" + std::to_string(i));
    Require(Send(service, "student-" + std::to_string(i), "RegisterUser",
                 fmt::format(R"({{"marketplace":"mentorship","user_id":"{}",
                     "email":"s{}@example.in","name":"Student {}","academic_level":"college",
                     "primary_language":"Telugu"}})",
                             student, i, i),
                 Actor{student, "student"}),
            "student");
  }
}

// 32 threads book one slot; returns the refusals by code.
std::map<std::string, int> Race(CommandService& service, int* accepted) {
  std::atomic<int> ok{0};
  std::vector<std::string> codes(kStudents);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int i = 0; i < kStudents; ++i) {
    threads.emplace_back([&, i] {
      const std::string student = Id("student-" + std::to_string(i));
      const std::string body = fmt::format(
          R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}","mentor_id":"{}",
              "scheduled_at":"2026-03-05T10:00:00Z","duration_minutes":60,
              "session_type":"exam_prep","session_language":"Telugu"}})",
          Id("session-" + std::to_string(i)), student, Id("mentor"));
      while (!go.load()) std::this_thread::yield();
      CommandResult r = Send(service, "book-" + std::to_string(i), "BookSession", body,
                             Actor{student, "student"});
      if (r.ok()) {
        ++ok;
      } else {
        codes[static_cast<size_t>(i)] = r.error->code;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  *accepted = ok.load();
  std::map<std::string, int> refused;
  for (const std::string& code : codes) {
    if (!code.empty()) ++refused[code];
  }
  return refused;
}

int CountEvents(EventLog& log, const std::string& type) {
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  int n = 0;
  for (int p = 0; p < log.partition_count(); ++p) {
    std::vector<RecordedEvent> events;
    REQUIRE(log.ReadPartition(p, 0, static_cast<size_t>(ends[static_cast<size_t>(p)]) + 1, &events)
                .ok());
    for (const RecordedEvent& e : events) n += e.type == type ? 1 : 0;
  }
  return n;
}

void ExactlyOneBooked(CommandService& inner, EventLog& log, std::function<void()> catch_up) {
  CalendarBookingService service(&inner);  // as the System installs it
  Setup(service);
  int accepted = 0;
  std::map<std::string, int> refused = Race(service, &accepted);
  CHECK(accepted == 1);
  CHECK(refused.size() == 1);
  CHECK(refused["mentor_time_taken"] == kStudents - 1);
  catch_up();
  CHECK(CountEvents(log, "SessionBooked") == 1);
  CHECK(CountEvents(log, "SessionTimeHeld") == 1);
  CHECK(CountEvents(log, "SessionTimeConfirmed") == 1);

  // The next hour, end-to-start with the booked one, is free; the booked hour stays taken.
  const std::string student = Id("student-0");
  auto book = [&](const std::string& key, const char* at) {
    return Send(service, key, "BookSession",
                fmt::format(R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}",
                    "mentor_id":"{}","scheduled_at":"{}","duration_minutes":60,
                    "session_type":"exam_prep","session_language":"Telugu"}})",
                            Id("session-" + key), student, Id("mentor"), at),
                Actor{student, "student"});
  };
  CommandResult overlapping = book("again", "2026-03-05T10:59:59Z");
  REQUIRE_FALSE(overlapping.ok());
  CHECK(overlapping.error->code == "mentor_time_taken");
  CommandResult next = book("next", "2026-03-05T11:00:00Z");
  CHECK_MESSAGE(next.ok(), (next.error ? next.error->code : ""));
}

}  // namespace

TEST_SUITE("mentorship calendar race") {
  TEST_CASE(
      "mentorship calendar: 32 concurrent bookings of one slot accept exactly one, on the "
      "embedded PostgreSQL log") {
    testing::TestDatabase db;
    PgEventLog::Options options;
    options.partitions = 4;
    std::unique_ptr<PgEventLog> log;
    REQUIRE(PgEventLog::Open(db.uri(), options, &log).ok());
    Registry registry;
    RegisterAllMarketplaces(&registry);
    const Policies& policies = testing::TestPolicies();  // approval without the trial session
    CommandPipeline pipeline(log.get(), &registry, &policies);
    ExactlyOneBooked(pipeline, *log, [] {});
  }

  TEST_CASE(
      "mentorship calendar: 32 concurrent bookings of one slot accept exactly one, on Kafka "
      "(librdkafka's mock cluster, commands decided by the partition owner)") {
    testing::KafkaTestBed bed(4, 1);
    KafkaEventLog& log = bed.backend().log();
    ExactlyOneBooked(bed.backend().commands(), log,
                     [&] { REQUIRE(log.CatchUp(std::chrono::seconds(30)).ok()); });
  }
}

}  // namespace edu
