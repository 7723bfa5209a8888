// The scheduler over the real pipeline, on the embedded PostgreSQL log, the in-memory log and the
// Kafka deployment (librdkafka's mock cluster, commands decided by a partition owner): a completed
// session's escrow is released once when the 48 h window ends, and a restarted scheduler (which
// follows the log from the start again) issues the same command id, answered as a replay: one
// release in the log, whatever the restarts.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "commands/calendar_booking_service.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "commands/scheduler.h"
#include "eventstore/clock.h"
#include "eventstore/memory_event_log.h"
#include "eventstore/pg_event_log.h"
#include "tests/integration/kafka_test_bed.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

const std::string kStudent = "11111111-1111-4111-8111-111111111111";
const std::string kMentorUser = "22222222-2222-4222-8222-222222222222";
const std::string kMentor = "33333333-3333-4333-8333-333333333333";
const std::string kSession = "44444444-4444-4444-8444-444444444444";
const std::string kPayment = "55555555-5555-4555-8555-555555555555";
const Actor kAdmin{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};

class Slice {
 public:
  // Commands go to `commands` when given (the Kafka client), else to a pipeline over `log`.
  // `catch_up` (optional) brings a lagging reader (Kafka) up to what was answered.
  Slice(EventLog* log, ManualClock* clock, CommandService* commands = nullptr,
        std::function<void()> catch_up = {})
      : log_(log),
        clock_(clock),
        pipeline_(log, &registry_, &policies_),
        calendar_(commands ? commands : &pipeline_),
        commands_(&calendar_),  // bookings hold their time in the mentor's calendar first
        catch_up_(std::move(catch_up)) {
    RegisterAllMarketplaces(&registry_);
  }

  void Send(const std::string& type, const std::string& body, Actor actor) {
    CommandRequest r;
    r.command_id = DeriveUuid(EduledgerNamespace(), "scheduler-once-" + std::to_string(++n_));
    r.type = type;
    r.body = body;
    r.actor = std::move(actor);
    r.now = clock_->Now();
    CommandResult result = commands_->Handle(r);
    for (int retry = 0; !result.ok() && result.error->kind == ErrorKind::kUnavailable && retry < 50;
         ++retry) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      result = commands_->Handle(r);
    }
    REQUIRE_MESSAGE(result.ok(), type << ": " << (result.error ? result.error->message : ""));
  }

  // Booked, paid and completed at 2026-03-05T11:05:00Z under the default policy.
  void Completed() {
    Send(
        "RegisterUser",
        fmt::format(
            R"({{"marketplace":"mentorship","user_id":"{}","email":"asha@example.in","name":"Asha","academic_level":"college","primary_language":"Telugu"}})",
            kStudent),
        Actor{kStudent, "student"});
    Send(
        "RegisterUser",
        fmt::format(
            R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor","email":"ravi@example.in","name":"Ravi"}})",
            kMentorUser),
        Actor{kMentorUser, "mentor"});
    Send(
        "ApplyAsMentor",
        fmt::format(
            R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}","title":"Engineer","experience_years":8,"student_levels_served":["college"],"hourly_rate":{{"minor":120000,"currency":"INR"}},"primary_language":"Telugu"}})",
            kMentor, kMentorUser),
        Actor{kMentorUser, "mentor"});
    for (const char* to : {"documents_under_review", "background_check_in_progress",
                           "interview_scheduled", "trial_session_required"}) {
      Send("AdvanceMentorVerification",
           fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}","to":"{}"}})", kMentor, to),
           kAdmin);
    }
    Send("ApproveMentor",
         fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", kMentor), kAdmin);
    Send(
        "SetMentorAvailability",
        fmt::format(
            R"({{"marketplace":"mentorship","mentor_id":"{}","time_zone":"Asia/Kolkata","slots":[{{"day_of_week":4,"start_time":"09:00","end_time":"21:00"}}]}})",
            kMentor),
        Actor{kMentorUser, "mentor"});
    Send(
        "BookSession",
        fmt::format(
            R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}","mentor_id":"{}","scheduled_at":"2026-03-05T10:00:00Z","duration_minutes":60,"session_type":"exam_prep","session_language":"Telugu"}})",
            kSession, kStudent, kMentor),
        Actor{kStudent, "student"});
    Send(
        "CapturePayment",
        fmt::format(
            R"({{"marketplace":"mentorship","session_id":"{}","payment_id":"{}","amount":{{"minor":120000,"currency":"INR"}},"payment_method":"upi","gateway":"razorpay","gateway_payment_id":"pay_1"}})",
            kSession, kPayment),
        Actor{"system:razorpay", "gateway"});
    clock_->Set(*ParseIso8601("2026-03-05T11:05:00Z"));
    Send("CompleteSession",
         fmt::format(R"({{"marketplace":"mentorship","session_id":"{}"}})", kSession),
         Actor{kMentorUser, "mentor"});
  }

  void CatchUp() {
    if (catch_up_) catch_up_();
  }

  int Count(const std::string& type) {
    CatchUp();
    std::vector<RecordedEvent> events;
    REQUIRE(log_->ReadStream("mentorship.session-" + kSession, 1, &events).ok());
    int n = 0;
    for (const auto& e : events) n += e.type == type ? 1 : 0;
    return n;
  }

  CommandService* commands() { return commands_; }
  const Policies* policies() { return &policies_; }

 private:
  EventLog* log_;
  ManualClock* clock_;
  Registry registry_;
  Policies policies_;
  CommandPipeline pipeline_;
  CalendarBookingService calendar_;
  CommandService* commands_;
  std::function<void()> catch_up_;
  int n_ = 0;
};

void ReleasedOnce(EventLog* log, CommandService* commands = nullptr,
                  std::function<void()> catch_up = {}) {
  ManualClock clock(*ParseIso8601("2026-03-01T09:00:00Z"));
  Slice slice(log, &clock, commands, catch_up);
  slice.Completed();
  REQUIRE(slice.Count("SessionCompleted") == 1);
  const Timestamp due = *ParseIso8601("2026-03-07T11:05:00Z");
  {
    Scheduler scheduler(log, slice.commands(), &clock, slice.policies());
    clock.Set(due - Seconds(1));
    REQUIRE(scheduler.RunDue().ok());
    CHECK(slice.Count("EscrowReleased") == 0);
    // The session's reminders (24 h and 1 h before, to the student and the mentor) went first.
    REQUIRE(scheduler.Fired().size() == 4);
    for (const FiredDeadline& f : scheduler.Fired()) {
      CHECK(f.deadline.kind == "mentorship.session_reminder");
      CHECK(f.outcome == "accepted");
    }
    clock.Set(due);
    size_t issued = 0;
    slice.CatchUp();
    REQUIRE(scheduler.RunDue(&issued).ok());
    CHECK(issued == 1);
    CHECK(slice.Count("EscrowReleased") == 1);
    CHECK(slice.Count("PaymentSplit") == 1);
    REQUIRE(scheduler.Fired().size() == 5);
    CHECK(scheduler.Fired()[4].deadline.kind == "mentorship.escrow_release");
    CHECK(scheduler.Fired()[4].outcome == "accepted");
  }
  // A restart: the new scheduler folds the log again and finds the deadline due; its command id
  // is the same, so the log answers it with the first result.
  clock.Set(due + Seconds(1));
  Scheduler restarted(log, slice.commands(), &clock, slice.policies());
  slice.CatchUp();
  REQUIRE(restarted.RunDue().ok());
  CHECK(slice.Count("EscrowReleased") == 1);
  // The release left the book with its EscrowReleased; the reminders are issued again, under
  // the same command ids, and answered as replays: nothing is notified twice.
  CHECK(restarted.Fired().size() == 4);
  for (const FiredDeadline& f : restarted.Fired()) {
    CHECK(f.deadline.kind == "mentorship.session_reminder");
    CHECK(f.outcome == "replayed");
  }
  std::optional<CommandRecord> record;
  REQUIRE(log->LookupCommand(DeadlineCommandId("mentorship.escrow_release",
                                               "mentorship.session-" + kSession, due),
                             &record)
              .ok());
  CHECK(record.has_value());
}

}  // namespace

TEST_SUITE("scheduler") {
  TEST_CASE("scheduler: a due release fires once across restarts, on the embedded PostgreSQL log") {
    testing::TestDatabase db;
    PgEventLog::Options options;
    options.partitions = 4;
    std::unique_ptr<PgEventLog> log;
    REQUIRE(PgEventLog::Open(db.uri(), options, &log).ok());
    ReleasedOnce(log.get());
  }

  TEST_CASE("scheduler: a due release fires once across restarts, on the in-memory log") {
    MemoryEventLog log(4);
    ReleasedOnce(&log);
  }

  TEST_CASE(
      "scheduler: a due release fires once across restarts, on Kafka (commands decided by the "
      "partition owners of librdkafka's mock cluster)") {
    static const Policies defaults;  // the seed's: trial session required, 48 h dispute window
    auto options = testing::KafkaTestBed::Options(4, 1);
    options.policies = &defaults;
    testing::KafkaTestBed bed(options);
    KafkaEventLog& log = bed.backend().log();
    ReleasedOnce(&log, &bed.backend().commands(),
                 [&] { REQUIRE(log.CatchUp(std::chrono::seconds(30)).ok()); });
  }
}

}  // namespace edu
