// Issue 11: everything a command carries is checked against what the log and the read tables can
// hold (UTF-8, NUL, lengths of the documented columns, money and date ranges) before anything is
// appended, and the answer names the field with a stable code. And issue 11 #5: a command without
// X-Correlation-Id gets its command id as the correlation id, never leftover memory.
#include <cstring>
#include <new>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "adapters/kafka/kafka_command_client.h"
#include "commands/pipeline.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

const std::string kUser = "11111111-1111-4111-8111-111111111111";
const std::string kMentor = "33333333-3333-4333-8333-333333333333";

class Harness {
 public:
  Harness() : log_(4), pipeline_(&log_, &registry_, &policies_) {}

  CommandRequest Request(const std::string& type, const std::string& body, Actor actor) {
    CommandRequest r;
    r.command_id = DeriveUuid(EduledgerNamespace(), "limits-" + std::to_string(++counter_));
    r.type = type;
    r.body = body;
    r.actor = std::move(actor);
    r.now = *ParseIso8601("2026-03-01T09:00:00Z");
    r.metadata = {{"ip", "10.0.0.1"}, {"user_agent", "limits-test"}};
    return r;
  }
  CommandResult Send(const std::string& type, const std::string& body, Actor actor) {
    return pipeline_.Handle(Request(type, body, std::move(actor)));
  }
  CommandResult Handle(const CommandRequest& r) { return pipeline_.Handle(r); }

  std::vector<RecordedEvent> Events() {
    std::vector<int64_t> ends;
    REQUIRE(log_.EndOffsets(&ends).ok());
    std::vector<RecordedEvent> all;
    for (int p = 0; p < static_cast<int>(ends.size()); ++p) {
      std::vector<RecordedEvent> part;
      REQUIRE(log_.ReadPartition(p, 0, 1'000, &part).ok());
      all.insert(all.end(), part.begin(), part.end());
    }
    return all;
  }

 private:
  MemoryEventLog log_;
  Registry registry_ = [] {
    Registry r;
    RegisterAllMarketplaces(&r);
    return r;
  }();
  Policies policies_;
  CommandPipeline pipeline_;
  int counter_ = 0;
};

const Actor kStudent{kUser, "student"};
const Actor kMentorActor{kMentor, "mentor"};

// A mentorship RegisterUser with `extra` members added.
std::string MentorshipUser(const std::string& name, const std::string& extra = "") {
  return fmt::format(
      R"({{"marketplace":"mentorship","user_id":"{}","email":"asha@example.in","name":"{}",
      "academic_level":"college"{}}})",
      kUser, name, extra);
}

std::string MentorApplication(const std::string& rate_minor) {
  return fmt::format(
      R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}","title":"Engineer",
      "experience_years":8,"student_levels_served":["college"],
      "hourly_rate":{{"minor":{},"currency":"INR"}},"primary_language":"Telugu"}})",
      kMentor, kUser, rate_minor);
}

std::string SkillspringUser(const std::string& timezone) {
  return fmt::format(
      R"({{"marketplace":"skillspring","user_id":"{}","role":"student","email":"kim@example.com",
      "first_name":"Kim","last_name":"Lee","timezone":"{}"}})",
      kUser, timezone);
}

std::string Coupon(const std::string& starts_at) {
  return fmt::format(
      R"({{"marketplace":"skillspring","code":"SPRING","discount_percent":20,
      "max_redemptions":10,"starts_at":"{}","expires_at":"2026-06-01T00:00:00Z"}})",
      starts_at);
}

struct Refusal {
  std::string what;
  std::string type;
  std::string body;
  Actor actor;
  std::string code;
  std::string field;
  ErrorKind kind;
};

}  // namespace

TEST_SUITE("command input limits") {
  TEST_CASE("every hostile input of issue 11 is refused naming the field, and appends nothing") {
    const std::string kInvalidUtf8 = "\xFF\xFE";
    std::vector<Refusal> refusals = {
        {"invalid UTF-8 in a personal text field", "RegisterUser", MentorshipUser(kInvalidUtf8),
         kStudent, "invalid_utf8", "name", ErrorKind::kMalformed},
        {"invalid UTF-8 in a plain text field", "RegisterUser",
         MentorshipUser("Asha", ",\"city\":\"Pune" + kInvalidUtf8 + "\""), kStudent, "invalid_utf8",
         "city", ErrorKind::kMalformed},
        {"invalid UTF-8 in an id", "RegisterUser",
         fmt::format(R"({{"marketplace":"mentorship","user_id":"{}","email":"a@b.in","name":"A"}})",
                     kUser.substr(0, 34) + kInvalidUtf8),
         kStudent, "invalid_utf8", "user_id", ErrorKind::kMalformed},
        {"invalid UTF-8 in an enum", "RegisterUser",
         MentorshipUser("Asha", ",\"role\":\"" + kInvalidUtf8 + "\""), kStudent, "invalid_utf8",
         "role", ErrorKind::kMalformed},
        {"a lone UTF-16 surrogate", "RegisterUser", MentorshipUser("\\uDC00"), kStudent,
         "invalid_utf8", "name", ErrorKind::kMalformed},
        {"NUL in a text field", "RegisterUser", MentorshipUser("Asha\\u0000 Rao"), kStudent,
         "contains_nul", "name", ErrorKind::kMalformed},
        {"NUL in a list item", "RegisterUser",
         MentorshipUser("Asha", R"(,"interests":["maths","ro\u0000bots"])"), kStudent,
         "contains_nul", "interests[1]", ErrorKind::kMalformed},
        {"a 900 KB name", "RegisterUser", MentorshipUser(std::string(900'000, 'a')), kStudent,
         "too_long", "name", ErrorKind::kMalformed},
        {"date_of_birth in year 0", "RegisterUser",
         MentorshipUser("Asha", R"(,"date_of_birth":"0000-01-01")"), kStudent, "out_of_range",
         "date_of_birth", ErrorKind::kInvalid},
        {"hourly_rate of 10^14 minor units", "ApplyAsMentor", MentorApplication("100000000000000"),
         kMentorActor, "out_of_range", "hourly_rate.minor", ErrorKind::kInvalid},
        {"a Skillspring timezone of 65 characters (VARCHAR(64))", "RegisterUser",
         SkillspringUser(std::string(65, 'z')), kStudent, "too_long", "timezone",
         ErrorKind::kMalformed},
        {"a coupon starting in year 0", "CreateCoupon", Coupon("0000-01-01T00:00:00Z"),
         kMentorActor, "out_of_range", "starts_at", ErrorKind::kInvalid},
        {"a field given twice", "RegisterUser", MentorshipUser("Asha", R"(,"name":"Other")"),
         kStudent, "duplicate_field", "name", ErrorKind::kMalformed},
        {"NUL in the marketplace", "RegisterUser",
         R"({"marketplace":"mentorship\u0000x","user_id":")" + kUser +
             R"(","email":"a@b.in","name":"A"})",
         kStudent, "unknown_marketplace", "", ErrorKind::kInvalid},
    };
    for (const Refusal& r : refusals) {
      CAPTURE(r.what);
      Harness h;
      CommandResult result = h.Send(r.type, r.body, r.actor);
      REQUIRE_FALSE(result.ok());
      CHECK(result.error->code == r.code);
      CHECK(result.error->field == r.field);
      CHECK(result.error->kind == r.kind);
      if (!r.field.empty()) {
        CHECK(result.error->message.find("'" + r.field + "'") != std::string::npos);
        // The answer is structured and itself valid: it names the field, and echoes no bad bytes.
        std::string answer = EncodeCommandResult(result);
        CHECK(answer.find("\"field\":\"" + r.field + "\"") != std::string::npos);
        CHECK(answer.find('\xFF') == std::string::npos);
        CHECK(answer.size() < 2'000);
      }
      CHECK(h.Events().empty());
    }
  }

  TEST_CASE("request metadata is checked like a field") {
    Harness h;
    CommandRequest r = h.Request("RegisterUser", MentorshipUser("Asha"), kStudent);
    r.metadata["user_agent"] = "curl\xC0\xAF";  // an overlong '/'
    CommandResult result = h.Handle(r);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->code == "invalid_utf8");
    CHECK(result.error->field == "metadata.user_agent");
    CHECK(h.Events().empty());
  }

  TEST_CASE("values at the limits are accepted, in characters rather than bytes") {
    std::string e_acute_255;
    for (int i = 0; i < 255; ++i) e_acute_255 += "\xC3\xA9";  // 255 characters, 510 bytes
    Harness h;
    CommandResult user = h.Send(
        "RegisterUser", MentorshipUser(e_acute_255, R"(,"date_of_birth":"1900-01-01")"), kStudent);
    REQUIRE_MESSAGE(user.ok(), (user.error ? user.error->message : ""));
    CHECK_FALSE(h.Send("RegisterUser", MentorshipUser(e_acute_255 + "x"), kStudent).ok());

    CommandResult mentor_user =
        h.Send("RegisterUser",
               fmt::format(R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor",
        "email":"ravi@example.in","name":"Ravi"}})",
                           kMentor),
               kMentorActor);
    REQUIRE(mentor_user.ok());
    // 99,999,999.99 fits NUMERIC(10,2) but not INTEGER cents; 21,474,836.47 fits both.
    CHECK(h.Send("ApplyAsMentor", MentorApplication("9999999999"), kMentorActor).error->code ==
          "out_of_range");
    CommandResult applied = h.Send("ApplyAsMentor", MentorApplication("2147483647"), kMentorActor);
    CHECK_MESSAGE(applied.error.value_or(Rejection{}).code != "out_of_range",
                  (applied.error ? applied.error->message : ""));

    Harness skillspring;
    CommandResult tz =
        skillspring.Send("RegisterUser", SkillspringUser(std::string(64, 'z')), kStudent);
    CHECK_MESSAGE(tz.ok(), (tz.error ? tz.error->message : ""));
  }

  TEST_CASE("a Uuid member is nil unless given a value, even in reused memory") {
    // Default-initialised (not value-initialised) in memory full of leftover bytes: exactly how
    // `CommandRequest command;` in the HTTP handler used to pick up garbage.
    alignas(CommandRequest) unsigned char memory[sizeof(CommandRequest)];
    std::memset(memory, 0xA5, sizeof memory);
    auto* request = new (memory) CommandRequest;
    CHECK(request->correlation_id.is_nil());
    CHECK(request->command_id.is_nil());
    request->~CommandRequest();
  }

  TEST_CASE("without X-Correlation-Id the events carry the command id as correlation id") {
    Harness h;
    CommandRequest r = h.Request("RegisterUser", MentorshipUser("Asha"), kStudent);
    REQUIRE(h.Handle(r).ok());
    CommandRequest with = h.Request(
        "RegisterUser",
        fmt::format(
            R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor","email":"r@x.in","name":"R"}})",
            kMentor),
        kMentorActor);
    with.correlation_id = *ParseUuid("77777777-7777-4777-8777-777777777777");
    REQUIRE(h.Handle(with).ok());
    std::vector<RecordedEvent> events = h.Events();
    REQUIRE(events.size() >= 2);
    for (const RecordedEvent& e : events) {
      CAPTURE(e.type);
      if (e.causation_id == r.command_id) CHECK(e.correlation_id == r.command_id);
      if (e.causation_id == with.command_id) CHECK(e.correlation_id == with.correlation_id);
    }
  }

  TEST_CASE("the Kafka command envelope keeps a missing correlation id nil, so it defaults too") {
    Harness h;
    CommandRequest sent = h.Request("RegisterUser", MentorshipUser("Asha"), kStudent);
    std::string message = EncodeCommandMessage(sent);
    CHECK(message.find("\"correlation_id\":\"00000000-0000-0000-0000-000000000000\"") !=
          std::string::npos);
    CommandRequest received;
    REQUIRE(DecodeCommandMessage(message, &received).ok());
    CHECK(received.correlation_id.is_nil());
    REQUIRE(h.Handle(received).ok());
    std::vector<RecordedEvent> events = h.Events();
    REQUIRE_FALSE(events.empty());
    for (const RecordedEvent& e : events) CHECK(e.correlation_id == sent.command_id);
  }
}

}  // namespace edu
