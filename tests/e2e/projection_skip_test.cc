// The operator's side of a poisoned projection, with the eduledger binary: `status` names the
// event the projection stopped at and how to resolve it, `projection skip` refuses a wrong event
// or a missing reason and records the decision on the log, the running system goes on past the
// event, `projection decisions` lists it and `rebuild` honours it.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "adapters/wiring/system.h"
#include "domain/core/stream.h"
#include "domain/mentorship/events.h"
#include "domain/mentorship/types.h"
#include "eventstore/json_binding.h"
#include "tests/support/binary.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;

NewEvent Registered(const Uuid& user, const std::string& name, const std::string& key) {
  mentorship::UserRegistered u;
  u.user_id = user;
  u.role = mentorship::UserRole::student;
  u.email = ToString(user).substr(0, 8) + "@example.org";
  u.name = name;
  NewEvent n;
  n.event_id = DeriveUuid(EduledgerNamespace(), "skip-e2e/event/" + key);
  n.type = mentorship::UserRegistered::kType;
  n.schema_version = mentorship::UserRegistered::kSchemaVersion;
  n.marketplace = "mentorship";
  n.occurred_at = Timestamp{1'767'225'600'000'000};
  n.causation_id = DeriveUuid(EduledgerNamespace(), "skip-e2e/command/" + key);
  n.correlation_id = n.causation_id;
  n.actor = Actor{"system:skip-e2e", "system"};
  n.payload = json::Encode(u);
  return n;
}

AppendResult Append(EventLog& log, NewEvent event, const Uuid& user) {
  AppendRequest request;
  request.stream_id = StreamId(mentorship::kUserCategory, user);
  request.events.push_back(std::move(event));
  AppendResult result;
  Status s = log.Append(request, &result);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return result;
}

TEST_CASE("projection skip: status names the stopped event and a recorded decision resolves it") {
  testing::TestDatabase db;
  SystemOptions options;
  options.db_uri = db.uri();
  options.log.partitions = 3;
  options.jwt_secret = "projection-skip-e2e-secret-0123456789abcdef";
  options.projector.retry_backoff = 50ms;
  std::unique_ptr<System> system;
  Status started = System::Start(options, &system);
  REQUIRE_MESSAGE(started.ok(), started.ToString());
  Projector* mentorship = nullptr;
  for (const auto& p : system->projectors()) {
    if (p->projection().name() == "mentorship") mentorship = p.get();
  }
  REQUIRE(mentorship != nullptr);

  // Invalid UTF-8 in a name, straight into the log: once, the process aborted here.
  Uuid poisoned_user = DeriveUuid(EduledgerNamespace(), "skip-e2e/poisoned");
  NewEvent poison = Registered(poisoned_user, std::string("\xFF\xFE", 2), "poison");
  const std::string event_id = ToString(poison.event_id);
  Append(system->application_log(), std::move(poison), poisoned_user);
  Uuid next_user = DeriveUuid(EduledgerNamespace(), "skip-e2e/next");
  AppendResult next =
      Append(system->application_log(), Registered(next_user, "Meera Iyer", "next"), next_user);
  for (int i = 0; i < 500 && !mentorship->stopped_at(); ++i) std::this_thread::sleep_for(10ms);
  REQUIRE(mentorship->stopped_at().has_value());

  testing::BinaryOutput status = testing::RunBinary(EDULEDGER_BINARY, {"status", "--db", db.uri()});
  INFO(status.text);
  CHECK(status.exit_code == 0);
  CHECK(status.text.find("STOPPED at event " + event_id) != std::string::npos);
  CHECK(status.text.find("eduledger projection skip mentorship --event " + event_id) !=
        std::string::npos);

  testing::BinaryOutput no_reason = testing::RunBinary(
      EDULEDGER_BINARY,
      {"projection", "skip", "mentorship", "--event", event_id, "--db", db.uri()});
  CHECK(no_reason.exit_code == 2);
  CHECK(no_reason.text.find("--reason is required") != std::string::npos);
  const std::string other_id = ToString(DeriveUuid(EduledgerNamespace(), "not the one"));
  testing::BinaryOutput wrong =
      testing::RunBinary(EDULEDGER_BINARY, {"projection", "skip", "mentorship", "--event", other_id,
                                            "--reason", "wrong event", "--db", db.uri()});
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.text.find("is stopped at event " + event_id) != std::string::npos);
  CHECK(mentorship->stopped_at().has_value());

  testing::BinaryOutput skip = testing::RunBinary(
      EDULEDGER_BINARY, {"projection", "skip", "mentorship", "--event", event_id, "--reason",
                         "name bytes are not UTF-8, written before input checks existed", "--actor",
                         "ops@example.org", "--db", db.uri()});
  INFO(skip.text);
  REQUIRE(skip.exit_code == 0);
  CHECK(skip.text.find("recorded: projection mentorship skips event " + event_id) !=
        std::string::npos);
  Status resumed = Status::Timeout("not yet");
  for (int i = 0; i < 100 && !resumed.ok(); ++i) {
    resumed = mentorship->WaitForPosition(next.partition, next.last_offset, 100ms);
    if (!resumed.ok()) std::this_thread::sleep_for(20ms);
  }
  CHECK_MESSAGE(resumed.ok(), resumed.ToString());
  CHECK(db.Scalar("SELECT count(*) FROM mentorship.users WHERE id = '" + ToString(next_user) +
                  "'") == "1");
  CHECK(db.Scalar("SELECT count(*) FROM mentorship.users WHERE id = '" + ToString(poisoned_user) +
                  "'") == "0");

  testing::BinaryOutput again =
      testing::RunBinary(EDULEDGER_BINARY, {"projection", "skip", "mentorship", "--event", event_id,
                                            "--reason", "twice", "--db", db.uri()});
  CHECK(again.exit_code == 0);
  CHECK(again.text.find("already skips event " + event_id) != std::string::npos);
  testing::BinaryOutput decisions = testing::RunBinary(
      EDULEDGER_BINARY, {"projection", "decisions", "mentorship", "--db", db.uri()});
  CHECK(decisions.exit_code == 0);
  CHECK(decisions.text.find("1 skip decision(s) for projection mentorship") != std::string::npos);
  CHECK(decisions.text.find("written before input checks existed") != std::string::npos);

  testing::BinaryOutput rebuild =
      testing::RunBinary(EDULEDGER_BINARY, {"rebuild", "mentorship", "--db", db.uri()});
  INFO(rebuild.text);
  CHECK(rebuild.exit_code == 0);
  testing::BinaryOutput after = testing::RunBinary(EDULEDGER_BINARY, {"status", "--db", db.uri()});
  CHECK(after.text.find("STOPPED") == std::string::npos);
  CHECK(after.text.find("events skipped by operator decision: 1") != std::string::npos);
  system->Stop();
}

}  // namespace
}  // namespace edu
