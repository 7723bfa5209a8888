// Events a projection cannot apply, written straight into the log (past every input check at the
// command edge), against the whole embedded system on real PostgreSQL: the process never dies, the
// poisoned projection stops alone at that event while the others and the reactors go on, /healthz
// says "degraded" and names the projection and the event, a restart and a rebuild stop at the same
// event without aborting, and an operator's recorded skip decision (an event on the log) lets it go
// on; a rebuild honours the decision and yields the same tables.
//
// Also (issue 9): a projection whose code version changed is rebuilt blue/green when the system
// starts, and its tables equal what the previous version had built.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "adapters/http/http_client.h"
#include "adapters/wiring/system.h"
#include "domain/core/stream.h"
#include "domain/mentorship/events.h"
#include "domain/mentorship/types.h"
#include "domain/skillspring/events.h"
#include "domain/skillspring/types.h"
#include "eventstore/json_binding.h"
#include "eventstore/operator_decisions.h"
#include "projections/all_projections.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

constexpr const char* kSecret = "poison-events-test-secret-0123456789abcdef";
constexpr Timestamp kNow{1'767'225'600'000'000};  // 2026-01-01T00:00:00Z
// 0000-01-01T00:00:00Z: 719,528 days before the epoch.
constexpr Timestamp kYearZero{-719'528LL * 86'400 * 1'000'000};

template <class E>
NewEvent Envelope(const std::string& marketplace, const E& e, const std::string& key) {
  NewEvent n;
  n.event_id = DeriveUuid(EduledgerNamespace(), "poison-test/event/" + key);
  n.type = E::kType;
  n.schema_version = E::kSchemaVersion;
  n.marketplace = marketplace;
  n.occurred_at = kNow;
  n.causation_id = DeriveUuid(EduledgerNamespace(), "poison-test/command/" + key);
  n.correlation_id = n.causation_id;
  n.actor = Actor{"system:poison-test", "system"};
  n.metadata = {{"test", "poison"}};
  n.payload = json::Encode(e);
  return n;
}

struct Appended {
  Uuid event_id;
  int partition = 0;
  int64_t offset = 0;
};

// Appends through the application log (personal fields sealed as the pipeline seals them), with
// no command, no decider and no input check in the way.
Appended Append(EventLog& log, const std::string& stream, NewEvent event) {
  AppendRequest request;
  request.stream_id = stream;
  request.expected = ExpectedVersion::Any();
  Uuid id = event.event_id;
  request.events.push_back(std::move(event));
  AppendResult result;
  Status s = log.Append(request, &result);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return {id, result.partition, result.last_offset};
}

mentorship::UserRegistered MentorshipUser(const Uuid& id) {
  mentorship::UserRegistered u;
  u.user_id = id;
  u.role = mentorship::UserRole::student;
  u.email = ToString(id).substr(0, 8) + "@example.org";
  u.name = std::string("Asha Rao");
  return u;
}

skillspring::UserRegistered SkillspringUser(const Uuid& id) {
  skillspring::UserRegistered u;
  u.user_id = id;
  u.role = skillspring::UserRole::student;
  u.email = ToString(id).substr(0, 8) + "@example.org";
  u.first_name = std::string("Lena");
  u.last_name = std::string("Berg");
  return u;
}

// One marketplace's events: healthy ones and the poison.
struct Writer {
  EventLog* log;
  std::string tag;
  int count = 0;

  Uuid NewId() { return DeriveUuid(EduledgerNamespace(), tag + "/id/" + std::to_string(++count)); }
  std::string Key() { return tag + "/" + std::to_string(++count); }

  Appended HealthyMentorshipUser() {
    Uuid id = NewId();
    return Append(*log, StreamId(mentorship::kUserCategory, id),
                  Envelope("mentorship", MentorshipUser(id), Key()));
  }
  Appended HealthySkillspringUser() {
    Uuid id = NewId();
    return Append(*log, StreamId(skillspring::kUserCategory, id),
                  Envelope("skillspring", SkillspringUser(id), Key()));
  }
};

struct PoisonCase {
  std::string name;
  std::string projection;  // the one it stops
  std::function<Appended(Writer&)> write;
};

std::vector<PoisonCase> PoisonCases() {
  return {
      {"invalid UTF-8 (FF FE) in a RegisterUser name", "mentorship",
       [](Writer& w) {
         Uuid id = w.NewId();
         auto u = MentorshipUser(id);
         u.name = std::string("\xFF\xFE", 2);
         return Append(*w.log, StreamId(mentorship::kUserCategory, id),
                       Envelope("mentorship", u, w.Key()));
       }},
      {"date_of_birth 0000-01-01", "mentorship",
       [](Writer& w) {
         Uuid id = w.NewId();
         auto u = MentorshipUser(id);
         u.date_of_birth = Personal<std::string>("0000-01-01");
         return Append(*w.log, StreamId(mentorship::kUserCategory, id),
                       Envelope("mentorship", u, w.Key()));
       }},
      {"a NUL character in a text field", "mentorship",
       [](Writer& w) {
         Uuid id = w.NewId();
         auto u = MentorshipUser(id);
         u.state = std::string("Kar\0nataka", 10);
         return Append(*w.log, StreamId(mentorship::kUserCategory, id),
                       Envelope("mentorship", u, w.Key()));
       }},
      {"hourly_rate.minor of 10^14", "mentorship",
       [](Writer& w) {
         Uuid user = w.NewId();
         Append(*w.log, StreamId(mentorship::kUserCategory, user),
                Envelope("mentorship", MentorshipUser(user), w.Key()));
         mentorship::MentorApplied m;
         m.mentor_id = w.NewId();
         m.user_id = user;
         m.title = "Mentor";
         m.experience_years = 3;
         m.hourly_rate = Money{100'000'000'000'000, "INR"};
         m.primary_language = "en";
         return Append(*w.log, StreamId(mentorship::kMentorCategory, m.mentor_id),
                       Envelope("mentorship", m, w.Key()));
       }},
      {"a Skillspring timezone longer than 64 characters", "skillspring",
       [](Writer& w) {
         Uuid id = w.NewId();
         auto u = SkillspringUser(id);
         u.timezone = std::string(80, 'z');
         return Append(*w.log, StreamId(skillspring::kUserCategory, id),
                       Envelope("skillspring", u, w.Key()));
       }},
      {"a coupon starts_at in year 0", "skillspring",
       [](Writer& w) {
         skillspring::CouponCreated c;
         c.coupon_id = w.NewId();
         c.code = "YEARZERO";
         c.discount_percent = 10;
         c.max_redemptions = 5;
         c.starts_at = kYearZero;
         c.expires_at = kNow + 86'400'000'000LL;
         return Append(*w.log, StreamId(skillspring::kCouponCategory, c.coupon_id),
                       Envelope("skillspring", c, w.Key()));
       }},
  };
}

SystemOptions Options(const TestDatabase& db) {
  SystemOptions options;
  options.db_uri = db.uri();
  options.log.partitions = 4;
  options.jwt_secret = kSecret;
  options.projector.idle_wait = 50ms;
  options.projector.retry_backoff = 50ms;
  return options;
}

Projector* Find(System& system, const std::string& name) {
  for (const auto& p : system.projectors()) {
    if (p->projection().name() == name) return p.get();
  }
  FAIL("no projector named " << name);
  return nullptr;
}

// Every row of every table of a schema, as text, sorted: equal dumps mean equal tables.
std::string Dump(const TestDatabase& db, const std::string& schema) {
  std::string out;
  for (const auto& row :
       db.Rows(fmt::format("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                           "'{}' ORDER BY table_name",
                           schema))) {
    out += row[0] + ":\n" +
           db.Scalar(fmt::format("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), "
                                 "'') FROM {}.{} t",
                                 schema, row[0])) +
           "\n";
  }
  return out;
}

std::string Health(System& system, int* status) {
  HttpClient client("127.0.0.1", system.http().port());
  HttpResponse response;
  Status s = client.Get("/healthz", {}, &response);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  *status = response.status;
  return response.body;
}

// Waits until the projector is stopped at an event (or the timeout), and returns it.
std::optional<StoppedEvent> WaitStopped(Projector* p, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto at = p->stopped_at()) return at;
    std::this_thread::sleep_for(10ms);
  }
  return p->stopped_at();
}

// Waits until the projector has applied (partition, offset), retrying while it is stopped.
Status WaitApplied(Projector* p, const Appended& a, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  Status s;
  while (std::chrono::steady_clock::now() < deadline) {
    s = p->WaitForPosition(a.partition, a.offset, 200ms);
    if (s.ok()) return s;
    std::this_thread::sleep_for(20ms);
  }
  return s;
}

TEST_CASE(
    "poison events: each stops its projection alone and a recorded skip decision resolves it") {
  for (const PoisonCase& poison : PoisonCases()) {
    CAPTURE(poison.name);
    TestDatabase db;
    const std::string other = poison.projection == "mentorship" ? "skillspring" : "mentorship";
    std::unique_ptr<System> system;
    Status started = System::Start(Options(db), &system);
    REQUIRE_MESSAGE(started.ok(), started.ToString());
    Writer w{&system->application_log(), "case-" + poison.name};

    Projector* poisoned = Find(*system, poison.projection);
    Appended before =
        poison.projection == "mentorship" ? w.HealthyMentorshipUser() : w.HealthySkillspringUser();
    REQUIRE(poisoned->WaitForPosition(before.partition, before.offset, 10s).ok());
    Appended bad = poison.write(w);
    Appended after_same =
        poison.projection == "mentorship" ? w.HealthyMentorshipUser() : w.HealthySkillspringUser();
    Appended after_other =
        poison.projection == "mentorship" ? w.HealthySkillspringUser() : w.HealthyMentorshipUser();

    // Stopped at exactly that event, alone; the process is alive (this test runs in it).
    auto at = WaitStopped(poisoned, 10s);
    REQUIRE_MESSAGE(at.has_value(), poisoned->last_error().ToString());
    MESSAGE(poison.name << " stops " << poison.projection << ": " << at->error);
    CHECK(at->event_id == bad.event_id);
    CHECK(at->partition == bad.partition);
    CHECK(at->offset == bad.offset);
    Status other_applied =
        Find(*system, other)->WaitForPosition(after_other.partition, after_other.offset, 10s);
    CHECK_MESSAGE(other_applied.ok(), other_applied.ToString());
    auto stopped = system->projections().Stopped();
    REQUIRE(stopped.size() == 1);  // no other projection and no reactor stopped
    CHECK(stopped[0].kind == "projection");
    CHECK(stopped[0].name == poison.projection);
    std::vector<ProjectionStatusSource::ProjectionStatus> listed;
    REQUIRE(system->projections().List(&listed).ok());
    for (const auto& p : listed) {
      CAPTURE(p.name);
      CHECK((p.state == "failed") == (p.name == poison.projection));
      if (p.name == poison.projection) {
        CHECK(p.error.find(ToString(bad.event_id)) != std::string::npos);
      }
    }

    // /healthz: degraded, naming the projection and the event. The status row too.
    int http_status = 0;
    std::string health = Health(*system, &http_status);
    CHECK(http_status == 200);
    CHECK(health.find(R"("status":"degraded")") != std::string::npos);
    CHECK(health.find(R"("name":")" + poison.projection + "\"") != std::string::npos);
    CHECK(health.find(ToString(bad.event_id)) != std::string::npos);
    CHECK(db.Rows(fmt::format("SELECT state, error_event_id::text FROM "
                              "eduledger.projection_status WHERE projection = '{}'",
                              poison.projection)) ==
          std::vector<std::vector<std::string>>{{"failed", ToString(bad.event_id)}});

    // A rebuild stops at the same event and reports it; nothing aborts.
    Status rebuild = poisoned->Rebuild();
    CHECK_FALSE(rebuild.ok());
    CHECK(rebuild.message().find(fmt::format("partition {}, offset {}", bad.partition,
                                             bad.offset)) != std::string::npos);

    // A restart stops at the same event again.
    system->Stop();
    system.reset();
    started = System::Start(Options(db), &system);
    REQUIRE_MESSAGE(started.ok(), started.ToString());
    poisoned = Find(*system, poison.projection);
    at = WaitStopped(poisoned, 10s);
    REQUIRE(at.has_value());
    CHECK(at->event_id == bad.event_id);

    // The operator decides, on the record: the projection goes on past that event only.
    SkipDecision decision;
    decision.component = "projection";
    decision.name = poison.projection;
    decision.event_id = ToString(bad.event_id);
    decision.event_type = at->event_type;
    decision.stream_id = at->stream_id;
    decision.stream_version = at->stream_version;
    decision.partition = at->partition;
    decision.offset = at->offset;
    decision.reason = "poison test: " + poison.name;
    decision.error = at->error;
    Status recorded = RecordSkipDecision(&system->log(), decision,
                                         Actor{"operator:test", "operator"}, kNow, nullptr);
    REQUIRE_MESSAGE(recorded.ok(), recorded.ToString());
    Status resumed = WaitApplied(poisoned, after_same, 10s);
    REQUIRE_MESSAGE(resumed.ok(), resumed.ToString());
    CHECK_FALSE(poisoned->stopped_at().has_value());
    CHECK(poisoned->stats().events_skipped == 1);
    health = Health(*system, &http_status);
    CHECK(http_status == 200);
    CHECK(health.find(R"("status":"ok")") != std::string::npos);
    CHECK(db.Scalar(fmt::format("SELECT state || '/' || coalesce(error_event_id::text, 'none') "
                                "FROM eduledger.projection_status WHERE projection = '{}'",
                                poison.projection)) == "running/none");
    // The decision is on the log, where auditors read it.
    std::vector<RecordedEvent> decisions;
    REQUIRE(system->log()
                .ReadStream(DecisionStreamId("projection", poison.projection), 1, &decisions)
                .ok());
    REQUIRE(decisions.size() == 1);
    CHECK(decisions[0].type == kProjectionEventSkipped);
    CHECK(decisions[0].actor.id == "operator:test");

    // A rebuild honours the decision and yields the same tables.
    const std::string live = Dump(db, poison.projection);
    Status rebuilt = poisoned->Rebuild();
    REQUIRE_MESSAGE(rebuilt.ok(), rebuilt.ToString());
    CHECK(Dump(db, poison.projection) == live);
    system->Stop();
  }
}

// ---- issue 9: a changed code version is rebuilt at start ---------------------------------------

// A projection as another code version of it: same tables and rows, version + bump.
class Versioned : public Projection {
 public:
  Versioned(std::unique_ptr<Projection> inner, int bump) : inner_(std::move(inner)), bump_(bump) {}
  std::string name() const override { return inner_->name(); }
  int version() const override { return inner_->version() + bump_; }
  std::string schema() const override { return inner_->schema(); }
  std::vector<std::string> Ddl() const override { return inner_->Ddl(); }
  bool Handles(const RecordedEvent& e) const override { return inner_->Handles(e); }
  Status Apply(const RecordedEvent& e, RowOps* ops) const override { return inner_->Apply(e, ops); }

 private:
  std::unique_ptr<Projection> inner_;
  int bump_;
};

std::function<std::vector<std::unique_ptr<Projection>>()> WithSkillspringBumped(int bump) {
  return [bump] {
    std::vector<std::unique_ptr<Projection>> all = AllProjections();
    for (auto& p : all) {
      if (p->name() == "skillspring") p = std::make_unique<Versioned>(std::move(p), bump);
    }
    return all;
  };
}

TEST_CASE("embedded system: a projection whose code version changed is rebuilt at start") {
  TestDatabase db;
  SystemOptions options = Options(db);
  options.make_projections = WithSkillspringBumped(0);
  std::unique_ptr<System> system;
  Status started = System::Start(options, &system);
  REQUIRE_MESSAGE(started.ok(), started.ToString());
  const int version = Find(*system, "skillspring")->projection().version();
  Writer w{&system->application_log(), "versions"};
  Appended last;
  for (int i = 0; i < 6; ++i) last = w.HealthySkillspringUser();
  REQUIRE(Find(*system, "skillspring")->WaitForPosition(last.partition, last.offset, 10s).ok());
  const std::string built_by_n = Dump(db, "skillspring");
  CHECK(built_by_n.find("Lena") != std::string::npos);
  const std::string generation_before = db.Scalar(
      "SELECT generation FROM eduledger.projection_status WHERE projection = 'skillspring'");
  CHECK(db.Scalar("SELECT version FROM eduledger.projection_status WHERE projection = "
                  "'skillspring'") == std::to_string(version));
  system->Stop();
  system.reset();

  options.make_projections = WithSkillspringBumped(1);
  started = System::Start(options, &system);
  REQUIRE_MESSAGE(started.ok(), started.ToString());
  Projector* projector = Find(*system, "skillspring");
  CHECK_FALSE(projector->needs_rebuild());
  CHECK(projector->last_error().ok());
  CHECK(projector->stats().events_read >= 6);  // rebuilt from offset zero at start
  CHECK(db.Scalar("SELECT version FROM eduledger.projection_status WHERE projection = "
                  "'skillspring'") == std::to_string(version + 1));
  CHECK(db.Scalar("SELECT generation FROM eduledger.projection_status WHERE projection = "
                  "'skillspring'") == std::to_string(std::stoi(generation_before) + 1));
  CHECK(Dump(db, "skillspring") == built_by_n);
  // And it keeps projecting.
  w.log = &system->application_log();
  Appended more = w.HealthySkillspringUser();
  CHECK(projector->WaitForPosition(more.partition, more.offset, 10s).ok());
  system->Stop();
}

}  // namespace
}  // namespace edu
