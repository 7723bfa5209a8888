// The users of the history, on real PostgreSQL: auditors (chain verification naming a changed
// byte, a deleted event and two swapped events), rebuilt read tables equal to the incremental build
// row for row on the demo's history, and erasure (ForgetPerson) leaving no plaintext of the person
// in the read tables, the replay or the stored log while the chains still verify.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "adapters/demo/driver.h"
#include "adapters/demo/mentorship.h"
#include "adapters/demo/scheduler_hook.h"
#include "adapters/wiring/system.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/log_replay.h"
#include "eventstore/pg_event_log.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using testing::TestDatabase;

// ---- auditors: tampering with the events table
// ---------------------------------------------------

// 3 streams x 4 events on a 2-partition log.
std::unique_ptr<PgEventLog> SmallLog(const TestDatabase& db) {
  PgEventLog::Options options;
  options.partitions = 2;
  options.writer_threads = 1;
  std::unique_ptr<PgEventLog> log;
  REQUIRE(PgEventLog::Open(db.uri(), options, &log).ok());
  for (int version = 1; version <= 4; ++version) {
    for (int s = 0; s < 3; ++s) {
      AppendRequest r;
      r.stream_id = StreamId("mentorship.session",
                             DeriveUuid(EduledgerNamespace(), "audit-" + std::to_string(s)));
      NewEvent e;
      e.event_id = DeriveUuid(EduledgerNamespace(), fmt::format("audit-{}-{}", s, version));
      e.type = "SessionBooked";
      e.marketplace = "mentorship";
      e.causation_id = e.event_id;
      e.correlation_id = e.event_id;
      e.actor = Actor{"system:test", "system"};
      e.payload = fmt::format(R"({{"stream":{},"version":{},"note":"paid in full"}})", s, version);
      r.events.push_back(e);
      AppendResult result;
      REQUIRE(log->Append(r, &result).ok());
    }
  }
  return log;
}

// The partition holding the most events, and its event at `offset`.
struct Target {
  int partition = 0;
  int64_t events = 0;
};
Target Busiest(const TestDatabase& db) {
  auto rows = db.Rows(
      "SELECT partition, count(*) FROM eventstore.events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  return Target{std::stoi(rows[0][0]), std::stoll(rows[0][1])};
}

ChainFinding FirstBreak(EventLog* log) {
  ChainReport report;
  Status s = VerifyChains(log, ChainVerifyOptions{}, &report);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  REQUIRE_FALSE(report.intact());
  int broken = 0;
  ChainFinding found;
  for (const auto& p : report.partitions) {
    if (p.first_break) {
      ++broken;
      found = *p.first_break;
    }
  }
  CHECK(broken == 1);
  MESSAGE(DescribeFinding(found));
  return found;
}

TEST_CASE(
    "audit verify: an intact log verifies; a changed byte, a deleted event, two swapped events are "
    "each named") {
  TestDatabase db;
  std::unique_ptr<PgEventLog> log = SmallLog(db);
  ChainReport report;
  REQUIRE(VerifyChains(log.get(), ChainVerifyOptions{}, &report).ok());
  CHECK(report.intact());
  CHECK(report.events == 12);
  Target t = Busiest(db);
  REQUIRE(t.events >= 4);
  auto at = [&](int64_t offset) {
    return db.Rows(
        fmt::format("SELECT stream_id, stream_version, event_id::text FROM eventstore.events "
                    "WHERE partition = {} AND \"offset\" = {}",
                    t.partition, offset))[0];
  };

  SUBCASE("one byte of one payload changed") {
    auto victim = at(2);
    db.Exec(
        fmt::format("UPDATE eventstore.events SET payload = replace(payload::text, 'paid in full', "
                    "'paid in fulL')::json WHERE partition = {} AND \"offset\" = 2",
                    t.partition));
    ChainFinding f = FirstBreak(log.get());
    CHECK(f.kind == ChainFinding::Kind::kContentChanged);
    CHECK(f.partition == t.partition);
    CHECK(f.offset == 2);
    CHECK(f.stream_id == victim[0]);
    CHECK(f.stream_version == std::stoll(victim[1]));
    CHECK(ToString(f.event_id) == victim[2]);
    CHECK(DescribeFinding(f).find("content changed") != std::string::npos);
  }
  SUBCASE("an event deleted") {
    auto after = at(2);
    db.Exec(fmt::format("DELETE FROM eventstore.events WHERE partition = {} AND \"offset\" = 1",
                        t.partition));
    ChainFinding f = FirstBreak(log.get());
    CHECK(f.kind == ChainFinding::Kind::kOffsetGap);
    CHECK(f.offset == 2);  // the event after the hole is named, and the hole itself
    CHECK(f.stream_id == after[0]);
    CHECK(f.detail.find("offset 1 missing") != std::string::npos);
  }
  SUBCASE("two events' offsets swapped") {
    auto second = at(2);
    db.Exec(fmt::format(
        "UPDATE eventstore.events SET \"offset\" = -1 WHERE partition = {0} AND \"offset\" = 1;"
        "UPDATE eventstore.events SET \"offset\" = 1 WHERE partition = {0} AND \"offset\" = 2;"
        "UPDATE eventstore.events SET \"offset\" = 2 WHERE partition = {0} AND \"offset\" = -1;",
        t.partition));
    ChainFinding f = FirstBreak(log.get());
    CHECK(f.kind == ChainFinding::Kind::kReordered);
    CHECK(f.offset == 1);
    CHECK(f.stream_id == second[0]);  // the event that moved up is named
    CHECK(f.detail.find("now at offset 2") != std::string::npos);
  }
  SUBCASE("an event inserted with a valid hash of its own") {
    // A forger re-seals a new event at the end of one partition but cannot make it the
    // predecessor of what follows: insert it in the middle, shifting nothing.
    db.Exec(
        fmt::format("UPDATE eventstore.events SET \"offset\" = \"offset\" + 100 WHERE partition = "
                    "{0} AND \"offset\" >= 2;"
                    "UPDATE eventstore.events SET \"offset\" = \"offset\" - 99 WHERE partition = "
                    "{0} AND \"offset\" >= 102;",
                    t.partition));
    db.Exec(
        fmt::format("INSERT INTO eventstore.events SELECT partition, 2, gen_random_uuid(), "
                    "stream_id || 'x', 1, type, "
                    "schema_version, marketplace, occurred_at, recorded_at, causation_id, "
                    "correlation_id, actor_id, "
                    "actor_role, metadata, payload, hash, hash FROM eventstore.events WHERE "
                    "partition = {} AND \"offset\" = 1",
                    t.partition));
    ChainFinding f = FirstBreak(log.get());
    CHECK(f.offset == 2);
    CHECK(f.kind == ChainFinding::Kind::kContentChanged);  // its stored hash is not its own
  }
}

// ---- the demo's history
// ----------------------------------------------------------------------------

constexpr const char* kSecret = "history-users-test-secret-0123456789abcdef";

struct DemoSystem {
  TestDatabase db;
  ManualClock clock{*ParseIso8601("2026-11-02T03:30:00Z")};
  std::unique_ptr<System> system;

  DemoSystem() {
    SystemOptions options;
    options.db_uri = db.uri();
    options.log.partitions = 4;
    options.jwt_secret = kSecret;
    options.clock = &clock;
    Status s = System::Start(options, &system);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    HttpClient client("127.0.0.1", system->http().port());
    DemoDriver driver(&client, kSecret, &clock, 7);
    driver.set_scheduler(RunDueHook(system.get(), [&] { Quiet(); }));
    MentorshipDemoOptions demo;
    demo.students = 12;
    demo.mentors = 5;
    demo.sessions = 60;
    MentorshipDemoTotals totals;
    RunMentorshipDemo(
        driver, demo, [&] { Quiet(); }, &totals);
    Quiet();
  }

  void Quiet() {
    Status s = system->WaitUntilQuiet(std::chrono::seconds(60));
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  CommandResult Send(const std::string& type, const std::string& body, const Actor& actor) {
    CommandRequest r;
    r.command_id = DeriveUuid(EduledgerNamespace(), "history-users-" + std::to_string(++commands_));
    r.type = type;
    r.body = body;
    r.actor = actor;
    r.now = clock.Now();
    r.metadata = {{"ip", "198.51.100.23"}, {"user_agent", "history-users-test"}};
    CommandResult result = system->commands().Handle(r);
    REQUIRE_MESSAGE(result.ok(),
                    (result.error ? result.error->code + ": " + result.error->message : ""));
    return result;
  }

  // schema -> table -> rows (each row as its composite text), sorted.
  std::map<std::string, std::vector<std::string>> Dump(const std::string& schema) const {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& row :
         db.Rows("SELECT table_name FROM information_schema.tables WHERE table_schema = '" +
                 schema + "' AND table_type = 'BASE TABLE' ORDER BY 1")) {
      std::vector<std::string> rows;
      for (const auto& r :
           db.Rows("SELECT t::text FROM " + schema + "." + row[0] + " t ORDER BY 1"))
        rows.push_back(r[0]);
      out[row[0]] = std::move(rows);
    }
    return out;
  }

  int commands_ = 0;
};

TEST_CASE(
    "rebuild: every projection's tables after a rebuild equal the incremental build, row for row") {
  DemoSystem demo;
  int64_t events = 0;
  std::vector<int64_t> ends;
  REQUIRE(demo.system->log().EndOffsets(&ends).ok());
  for (int64_t e : ends) events += e;
  REQUIRE(events > 500);
  for (const auto& projector : demo.system->projectors()) {
    const std::string schema = projector->projection().schema();
    CAPTURE(schema);
    auto incremental = demo.Dump(schema);
    size_t rows = 0;
    for (const auto& [table, r] : incremental) rows += r.size();
    uint64_t read_before = projector->stats().events_read;
    auto started = std::chrono::steady_clock::now();
    Status s = projector->Rebuild();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    demo.Quiet();
    auto rebuilt = demo.Dump(schema);
    MESSAGE(
        fmt::format("{}: {} tables, {} rows; rebuild read {} events in {:.2f} s ({:.0f} events/s)",
                    schema, incremental.size(), rows, projector->stats().events_read - read_before,
                    seconds, (projector->stats().events_read - read_before) / seconds));
    CHECK(rebuilt.size() == incremental.size());
    for (const auto& [table, expected] : incremental) {
      CAPTURE(table);
      CHECK(rebuilt[table] == expected);
    }
  }
  // mentorship.audit_logs holds one row per mentorship event, with who, what and from where.
  CHECK(demo.db.Scalar("SELECT count(*) FROM mentorship.audit_logs") ==
        demo.db.Scalar("SELECT count(*) FROM eventstore.events WHERE marketplace = 'mentorship'"));
  auto booked = demo.db.Rows(
      "SELECT a.user_id::text = e.actor_id, a.resource_type, a.resource_id = substring(e.stream_id "
      "from '.{36}$'), "
      "a.user_agent IS NOT NULL, a.ip_address IS NOT NULL, a.new_values ? 'amount' FROM "
      "mentorship.audit_logs a "
      "JOIN eventstore.events e ON e.event_id = a.id WHERE a.action_type = 'SessionBooked' LIMIT "
      "1");
  REQUIRE(booked.size() == 1);
  CHECK(booked[0] == std::vector<std::string>{"t", "session", "t", "t", "t", "t"});
  // An approval's old values are the status it left, as the event recorded it.
  CHECK(demo.db.Scalar(
            "SELECT count(*) FROM mentorship.audit_logs a JOIN eventstore.events e ON e.event_id = "
            "a.id "
            "WHERE a.action_type = 'MentorVerificationApproved' AND "
            "a.old_values = jsonb_build_object('status', e.payload->>'previous_status')") ==
        demo.db.Scalar(
            "SELECT count(*) FROM eventstore.events WHERE type = 'MentorVerificationApproved'"));
  CHECK(demo.db.Scalar("SELECT count(*) FROM mentorship.audit_logs WHERE action_type = "
                       "'MentorVerificationApproved'") != "0");
}

bool MentionsAnyCase(const std::string& text, const std::string& needle) {
  std::string a = text;
  std::string b = needle;
  std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return std::tolower(c); });
  std::transform(b.begin(), b.end(), b.begin(), [](unsigned char c) { return std::tolower(c); });
  return a.find(b) != std::string::npos;
}

TEST_CASE(
    "forget: no plaintext of the person remains in the read tables, the replay or the log; chains "
    "verify") {
  DemoSystem demo;
  const Uuid zanele = DeriveUuid(EduledgerNamespace(), "zanele");
  const Uuid mentor = DeriveUuid(EduledgerNamespace(), "zanele-mentor");
  const Actor self{ToString(zanele), "mentor"};
  const Actor admin{ToString(DeriveUuid(EduledgerNamespace(), "history-admin")), "admin"};
  const std::vector<std::string> secrets = {
      "zanele.forgetme@example.org",     "Zanele Forgetme",    "+27 82 555 0199", "Forgetme Street",
      "linkedin.com/in/zanele-forgetme", "I grew up in Soweto"};
  demo.Send(
      "RegisterUser",
      fmt::format(
          R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor","email":"{}","name":"{}",
                            "phone":"{}","city":"{}","linkedin_url":"https://{}","primary_language":"English"}})",
          ToString(zanele), secrets[0], secrets[1], secrets[2], secrets[3], secrets[4]),
      self);
  demo.Send(
      "ApplyAsMentor",
      fmt::format(
          R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}","title":"Maths tutor","experience_years":6,
                            "student_levels_served":["college"],"hourly_rate":{{"minor":90000,"currency":"INR"}},
                            "bio":"{}. Call {}","primary_language":"English"}})",
          ToString(mentor), ToString(zanele), secrets[5], secrets[2]),
      self);
  demo.Quiet();
  auto mentions = [&](const std::string& text) {
    for (const auto& s : secrets) {
      if (MentionsAnyCase(text, s)) return s;
    }
    return std::string();
  };
  auto tables_text = [&] {
    std::string all;
    for (const auto& projector : demo.system->projectors()) {
      for (const auto& [table, rows] : demo.Dump(projector->projection().schema())) {
        for (const auto& r : rows) all += table + ": " + r + "\n";
      }
    }
    return all;
  };
  // Before: the read tables show the person, the stored log never holds the plaintext.
  CHECK(mentions(tables_text()) == secrets[0]);
  CHECK(demo.db.Scalar(
            "SELECT count(*) FROM eventstore.events WHERE payload::text ILIKE '%zanele%' "
            "OR payload::text ILIKE '%forgetme%' OR payload::text ILIKE '%soweto%'") == "0");
  std::string stored_before = demo.db.Scalar(
      "SELECT string_agg(payload::text || hash, '' ORDER BY partition, \"offset\") FROM "
      "eventstore.events");
  auto before = demo.Dump("mentorship");

  CommandResult forgotten = demo.Send(
      "ForgetPerson",
      fmt::format(
          R"({{"marketplace":"mentorship","person_id":"{}","reason":"GDPR art. 17 request #2026-114"}})",
          ToString(zanele)),
      admin);
  CHECK(forgotten.events.at(0).type == "PersonForgotten");
  REQUIRE(demo.system->erasures() != nullptr);
  Status s = demo.system->erasures()->WaitUntilCurrent(std::chrono::seconds(120));
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  demo.Quiet();

  // Read tables: no plaintext of the person anywhere.
  std::string tables = tables_text();
  CHECK_MESSAGE(mentions(tables).empty(), "still in the read tables: " << mentions(tables));
  CHECK(demo.db.Scalar("SELECT email IS NULL AND name IS NULL AND phone IS NULL AND city IS NULL "
                       "FROM mentorship.users WHERE id = '" +
                       ToString(zanele) + "'") == "t");
  CHECK(demo.db.Scalar(
            "SELECT bio IS NULL AND title = 'Maths tutor' FROM mentorship.mentors WHERE id = '" +
            ToString(mentor) + "'") == "t");
  // ... and nothing else changed: per table, only rows about the person differ, plus the audit
  // row of the erasure itself.
  auto after = demo.Dump("mentorship");
  for (const auto& [table, rows] : before) {
    CAPTURE(table);
    std::vector<std::string> gone;
    std::vector<std::string> added;
    std::set_difference(rows.begin(), rows.end(), after[table].begin(), after[table].end(),
                        std::back_inserter(gone));
    std::set_difference(after[table].begin(), after[table].end(), rows.begin(), rows.end(),
                        std::back_inserter(added));
    for (const auto& r : gone)
      CHECK_MESSAGE((r.find(ToString(zanele)) != std::string::npos ||
                     r.find(ToString(mentor)) != std::string::npos),
                    r);
    if (table == "audit_logs") {
      CHECK(added.size() == gone.size() + 1);
    } else {
      CHECK(added.size() == gone.size());
    }
  }

  // Replay: the person's fields are null; nothing of them is in the output.
  std::string replayed;
  ReplayResult result;
  s = ReplayLog(
      &demo.system->application_log(), ReplayOptions{},
      [&](const RecordedEvent& e) {
        replayed += EncodeEnvelope(e) + "\n";
        return Status::OK();
      },
      nullptr, &result);
  REQUIRE(s.ok());
  CHECK_MESSAGE(mentions(replayed).empty(), "still in the replay: " << mentions(replayed));
  CHECK(replayed.find(R"("email":null)") != std::string::npos);

  // The stored history did not change (the erasure only appended), and every chain verifies.
  std::string stored_after = demo.db.Scalar(
      "SELECT string_agg(payload::text || hash, '' ORDER BY partition, \"offset\") FROM "
      "eventstore.events "
      "WHERE type <> 'PersonForgotten'");
  CHECK(stored_after == stored_before);
  ChainReport report;
  REQUIRE(VerifyChains(&demo.system->log(), ChainVerifyOptions{}, &report).ok());
  CHECK(report.intact());
  CHECK(demo.db.Scalar("SELECT key IS NULL AND destroyed_at IS NOT NULL FROM eduledger.person_keys "
                       "WHERE subject = '" +
                       ToString(zanele) + "'") == "t");
  // Personal data about the person can no longer be recorded.
  CommandRequest again;
  again.command_id = DeriveUuid(EduledgerNamespace(), "after-forget");
  again.type = "RegisterUser";
  again.body = fmt::format(
      R"({{"marketplace":"mentorship","user_id":"{}","email":"new@example.org","name":"New"}})",
      ToString(zanele));
  again.actor = self;
  again.now = demo.clock.Now();
  CHECK_FALSE(demo.system->commands().Handle(again).ok());
}

}  // namespace
}  // namespace edu
