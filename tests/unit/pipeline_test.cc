// The command pipeline over the in-memory log: the whole mentorship slice through Handle(), and
// each way a command can be refused, checking that a refused command appends nothing.
#include <thread>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "commands/calendar_booking_service.h"
#include "commands/pipeline.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

const std::string kStudent = "11111111-1111-4111-8111-111111111111";
const std::string kMentorUser = "22222222-2222-4222-8222-222222222222";
const std::string kMentor = "33333333-3333-4333-8333-333333333333";
const std::string kSession = "44444444-4444-4444-8444-444444444444";
const std::string kPayment = "55555555-5555-4555-8555-555555555555";
const std::string kAdmin = "9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f";

class Harness {
 public:
  Harness() : log_(4), pipeline_(&log_, &registry_, &policies_) {
    // These specs are about the pipeline, not the mentorship rules: approval straight from
    // pending (no trial session) and release on completion (no dispute window).
    policies_.mentorship.name = "pipeline-no-trial-no-hold";
    policies_.mentorship.require_trial_session = false;
    policies_.mentorship.escrow_hold_after_completion = 0;
  }

  CommandResult Send(const std::string& type, const std::string& body, Actor actor,
                     std::optional<Uuid> command_id = std::nullopt) {
    CommandRequest r;
    r.command_id = command_id ? *command_id : NextId();
    r.type = type;
    r.body = body;
    r.actor = std::move(actor);
    r.now = now_;
    r.metadata = {{"ip", "10.0.0.1"}, {"user_agent", "pipeline-test"}};
    return calendar_.Handle(r);  // bookings hold their time in the mentor's calendar first
  }

  Uuid NextId() { return DeriveUuid(EduledgerNamespace(), "cmd-" + std::to_string(++counter_)); }

  size_t EventCount() {
    std::vector<int64_t> ends;
    REQUIRE(log_.EndOffsets(&ends).ok());
    size_t n = 0;
    for (int64_t e : ends) n += static_cast<size_t>(e);
    return n;
  }

  void Require(const CommandResult& r) {
    REQUIRE_MESSAGE(r.ok(), (r.error ? r.error->code + ": " + r.error->message : std::string()));
  }

  void Setup() {
    Require(
        Send("RegisterUser",
             fmt::format(R"({{"marketplace":"mentorship","user_id":"{}","email":"asha@example.in",
        "name":"Asha","academic_level":"college","primary_language":"Telugu"}})",
                         kStudent),
             Actor{kStudent, "student"}));
    Require(Send("RegisterUser",
                 fmt::format(R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor",
        "email":"ravi@example.in","name":"Ravi"}})",
                             kMentorUser),
                 Actor{kMentorUser, "mentor"}));
    Require(Send("ApplyAsMentor", MentorApplication(120000), Actor{kMentorUser, "mentor"}));
    Require(Send("SetMentorAvailability",
                 fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}",
        "time_zone":"Asia/Kolkata","slots":[{{"day_of_week":4,"start_time":"09:00","end_time":"21:00"}}]}})",
                             kMentor),
                 Actor{kMentorUser, "mentor"}));
  }

  static std::string MentorApplication(int64_t rate) {
    return fmt::format(
        R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}","title":"Engineer",
        "experience_years":8,"student_levels_served":["college"],"hourly_rate":{{"minor":{},"currency":"INR"}},
        "primary_language":"Telugu"}})",
        kMentor, kMentorUser, rate);
  }
  static std::string Booking() {
    return fmt::format(
        R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}","mentor_id":"{}",
        "scheduled_at":"2026-03-05T10:00:00Z","duration_minutes":60,"session_type":"exam_prep",
        "session_language":"Telugu"}})",
        kSession, kStudent, kMentor);
  }

  MemoryEventLog log_;
  Registry registry_ = [] {
    Registry r;
    RegisterAllMarketplaces(&r);
    return r;
  }();
  Policies policies_;
  CommandPipeline pipeline_;
  CalendarBookingService calendar_{&pipeline_};
  Timestamp now_ = *ParseIso8601("2026-03-01T09:00:00Z");
  int counter_ = 0;
};

}  // namespace

TEST_SUITE("pipeline") {
  TEST_CASE("the mentorship slice end to end: book, pay into escrow, complete, split 70/30") {
    Harness h;
    h.Setup();
    CHECK(h.Send("ApproveMentor",
                 fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", kMentor),
                 Actor{kAdmin, "admin"})
              .ok());
    CommandResult booked = h.Send("BookSession", Harness::Booking(), Actor{kStudent, "student"});
    REQUIRE_MESSAGE(booked.ok(), booked.error->message);
    REQUIRE(booked.events.size() == 1);
    CHECK(booked.events[0].type == "SessionBooked");
    CHECK(booked.events[0].stream_version == 1);
    CHECK(booked.events[0].partition == h.log_.PartitionOf(booked.stream_id));

    CommandResult paid = h.Send("CapturePayment",
                                fmt::format(R"({{"marketplace":"mentorship","session_id":"{}",
        "payment_id":"{}","amount":{{"minor":120000,"currency":"INR"}},"payment_method":"upi","gateway":"razorpay",
        "gateway_payment_id":"pay_1"}})",
                                            kSession, kPayment),
                                Actor{"system:razorpay", "gateway"});
    REQUIRE_MESSAGE(paid.ok(), paid.error->message);

    h.now_ = *ParseIso8601("2026-03-05T11:05:00Z");
    CommandResult done =
        h.Send("CompleteSession",
               fmt::format(R"({{"marketplace":"mentorship","session_id":"{}"}})", kSession),
               Actor{kMentorUser, "mentor"});
    REQUIRE_MESSAGE(done.ok(), done.error->message);
    REQUIRE(done.events.size() == 3);
    CHECK(done.events[2].type == "PaymentSplit");
    CHECK(done.stream_version == 5);

    std::vector<RecordedEvent> stream;
    REQUIRE(h.log_.ReadStream(done.stream_id, 1, &stream).ok());
    REQUIRE(stream.size() == 5);
    CHECK(stream[4].payload.find(R"("platform_fee":{"minor":36000,"currency":"INR"})") !=
          std::string::npos);
    CHECK(stream[4].payload.find(R"("mentor_earnings":{"minor":84000,"currency":"INR"})") !=
          std::string::npos);
    CHECK(stream[4].causation_id == done.command_id);
    CHECK(stream[4].actor == (Actor{kMentorUser, "mentor"}));
    CHECK(stream[4].metadata.at("user_agent") == "pipeline-test");
    CHECK(stream[4].occurred_at == h.now_);
  }

  TEST_CASE("a retried command id returns its first result and appends nothing") {
    Harness h;
    h.Setup();
    Uuid id = h.NextId();
    std::string approve =
        fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", kMentor);
    CommandResult first = h.Send("ApproveMentor", approve, Actor{kAdmin, "admin"}, id);
    REQUIRE(first.ok());
    size_t before = h.EventCount();
    CommandResult again = h.Send("ApproveMentor", approve, Actor{kAdmin, "admin"}, id);
    REQUIRE(again.ok());
    CHECK(again.replayed);
    CHECK(h.EventCount() == before);
    REQUIRE(again.events.size() == first.events.size());
    CHECK(again.events[0].event_id == first.events[0].event_id);
    CHECK(again.events[0].offset == first.events[0].offset);
    CHECK(again.stream_version == first.stream_version);

    CommandResult reused = h.Send(
        "ApproveMentor",
        fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}","notes":"x"}})", kMentor),
        Actor{kAdmin, "admin"}, id);
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.error->code == "idempotency_key_reused");
    CHECK(h.EventCount() == before);
  }

  TEST_CASE("bad commands get their specific error and append nothing") {
    Harness h;
    h.Setup();
    size_t before = h.EventCount();
    struct Case {
      std::string type, body, code;
      ErrorKind kind;
      Actor actor;
    };
    const Actor student{kStudent, "student"};
    std::vector<Case> cases = {
        {"BookSession", "{\"marketplace\":\"mentorship\",", "malformed_json", ErrorKind::kMalformed,
         student},
        {"BookSession", "[1]", "malformed_json", ErrorKind::kMalformed, student},
        {"FlyToTheMoon", R"({"marketplace":"mentorship"})", "unknown_command_type",
         ErrorKind::kNotFound, student},
        {"BookSession", R"({"session_id":"x"})", "missing_field", ErrorKind::kMalformed, student},
        {"BookSession", R"({"marketplace":"narnia"})", "unknown_marketplace", ErrorKind::kInvalid,
         student},
        {"BookSession",
         fmt::format(R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}"}})",
                     kSession, kStudent),
         "missing_field", ErrorKind::kMalformed, student},
        {"BookSession", Harness::Booking(), "mentor_not_approved", ErrorKind::kInvalid, student},
        {"ApproveMentor",
         fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", kMentor),
         "role_not_allowed", ErrorKind::kForbidden, student},
        {"ApplyAsMentor",
         Harness::MentorApplication(-5).replace(Harness::MentorApplication(-5).find(kMentor), 36,
                                                "66666666-6666-4666-8666-666666666666"),
         "invalid_amount", ErrorKind::kInvalid, Actor{kMentorUser, "mentor"}},
        {"BookSession",
         Harness::Booking().replace(Harness::Booking().find("\"duration_minutes\":60"), 21,
                                    "\"duration_minutes\":\"sixty\""),
         "invalid_field", ErrorKind::kMalformed, student},
        {"BookSession", R"({"marketplace":"mentorship","expected_version":-1})", "invalid_field",
         ErrorKind::kMalformed, student},
        {"BookSession", Harness::Booking(), "unauthenticated", ErrorKind::kUnauthenticated,
         Actor{}},
    };
    for (const Case& c : cases) {
      CAPTURE(c.type);
      CAPTURE(c.body);
      CommandResult r = h.Send(c.type, c.body, c.actor);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error->code == c.code);
      CHECK(r.error->kind == c.kind);
      CHECK_FALSE(r.error->message.empty());
    }
    CHECK(h.EventCount() == before);
  }

  TEST_CASE("a stale expected_version is a conflict; the right one succeeds") {
    Harness h;
    h.Setup();
    std::string stale = fmt::format(
        R"({{"marketplace":"mentorship","mentor_id":"{}","expected_version":0}})", kMentor);
    size_t before = h.EventCount();
    CommandResult r = h.Send("ApproveMentor", stale, Actor{kAdmin, "admin"});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->code == "wrong_expected_version");
    CHECK(r.error->kind == ErrorKind::kConflict);
    CHECK(r.error->message.find("is at version 1, expected 0") != std::string::npos);
    CHECK(h.EventCount() == before);
    std::string right = fmt::format(
        R"({{"marketplace":"mentorship","mentor_id":"{}","expected_version":1}})", kMentor);
    CHECK(h.Send("ApproveMentor", right, Actor{kAdmin, "admin"}).ok());
  }

  TEST_CASE("concurrent commands on one stream: each decided on the latest state, none lost") {
    Harness h;
    h.Setup();
    REQUIRE(h.Send("ApproveMentor",
                   fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", kMentor),
                   Actor{kAdmin, "admin"})
                .ok());
    // Eight students race to book the same session id: exactly one books it, the rest are told
    // it exists (re-decided after a version conflict, not failed with one).
    std::atomic<int> booked{0}, exists{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        CommandResult r = h.Send("BookSession", Harness::Booking(), Actor{kStudent, "student"});
        if (r.ok()) {
          ++booked;
        } else if (r.error->code == "session_already_exists") {
          ++exists;
        } else {
          ++other;
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(booked == 1);
    CHECK(exists == 7);
    CHECK(other == 0);
  }
}

}  // namespace edu
