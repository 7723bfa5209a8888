// The log follower's contract (eventstore/log_follower.h), checked against both of its uses: the
// projector (checkpoints committed with the rows, eduledger.projection_checkpoints) and the
// reactor (checkpoints committed after the commands, eduledger.reactor_checkpoints), on real
// PostgreSQL. Same scenarios, same expectations: stop at a failing event, resume after an
// operator's skip decision, restart from the stored checkpoint without re-delivering, retry
// Unavailable without stopping.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <thread>

#include <doctest/doctest.h>

#include "commands/reactor.h"
#include "domain/core/stream.h"
#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"
#include "eventstore/operator_decisions.h"
#include "projections/projector.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;

const Uuid kSeed = *ParseUuid("0c0e7a1b-9d2f-4c3e-8b4a-5f6e7d8c9b0a");
const char* kPoison = "{\"poison\":true}";

// Counts each event into a row: n = how many times the event's effect happened.
class CountingProjection : public Projection {
 public:
  std::string name() const override { return "contract_counts"; }
  int version() const override { return 1; }
  std::string schema() const override { return "contract_counts"; }
  std::vector<std::string> Ddl() const override {
    return {"CREATE TABLE {schema}.seen (event_id uuid PRIMARY KEY, n bigint NOT NULL DEFAULT 0)"};
  }
  bool Handles(const RecordedEvent& e) const override { return e.type == "Counted"; }
  Status Apply(const RecordedEvent& e, RowOps* ops) const override {
    if (e.payload == kPoison) return Status::InvalidArgument("a poisoned event");
    ops->Increment("seen", {{"event_id", e.event_id}}, {{"n", int64_t{1}}});
    return Status::OK();
  }
};

// Issues one command per event.
class CountingReaction : public Reaction {
 public:
  std::string name() const override { return "contract_reaction"; }
  bool Handles(const RecordedEvent& e) const override { return e.type == "Counted"; }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    if (e.payload == kPoison) return Status::InvalidArgument("a poisoned event");
    ReactionCommand c;
    c.type = "Count";
    c.key = "count";
    out->push_back(c);
    return Status::OK();
  }
};

// Accepts every command and counts them per command id.
class CountingCommands : public CommandService {
 public:
  CommandResult Handle(const CommandRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++handled_[request.command_id];
    CommandResult result;
    result.command_id = request.command_id;
    return result;
  }
  int Count(const Uuid& command_id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = handled_.find(command_id);
    return it == handled_.end() ? 0 : it->second;
  }

 private:
  std::mutex mu_;
  std::map<Uuid, int> handled_;
};

// One use of the follower, as the scenarios see it. Start() makes a fresh runtime instance (a
// restarted process) over the same database.
class Use {
 public:
  virtual ~Use() = default;
  virtual std::string component() const = 0;
  virtual std::string name() const = 0;
  virtual Status Start() = 0;
  virtual Status CatchUp() = 0;
  virtual void Run(const std::atomic<bool>& stop) = 0;
  virtual std::optional<StoppedEvent> stopped_at() const = 0;
  virtual Status last_error() const = 0;
  // How many times the consumer's effect happened for the event.
  virtual int Deliveries(const Uuid& event_id) = 0;
};

struct World {
  World() : log(2), faulty(&log) {}

  Uuid Append(int n, const std::string& payload = "{}") {
    AppendRequest r;
    r.stream_id = StreamId("test.contract", DeriveUuid(kSeed, "stream-" + std::to_string(n % 3)));
    NewEvent e;
    e.event_id = DeriveUuid(kSeed, "event-" + std::to_string(n));
    e.type = "Counted";
    e.marketplace = "mentorship";
    e.occurred_at = Timestamp{1'767'225'600'000'000 + n};
    e.payload = payload;
    r.events.push_back(e);
    AppendResult result;
    REQUIRE(log.Append(r, &result).ok());
    return e.event_id;
  }

  MemoryEventLog log;
  FaultInjectingEventLog faulty;
  testing::TestDatabase db;
};

class ProjectorUse : public Use {
 public:
  explicit ProjectorUse(World* w) : w_(w) {}
  std::string component() const override { return "projection"; }
  std::string name() const override { return projection_.name(); }
  Status Start() override {
    ProjectorOptions options;
    options.batch_size = 3;
    options.idle_wait = 20ms;
    options.retry_backoff = 20ms;
    runtime_ = std::make_unique<Projector>(&w_->faulty, w_->db.uri(), &projection_, options);
    return runtime_->Initialize();
  }
  Status CatchUp() override { return runtime_->CatchUp(nullptr); }
  void Run(const std::atomic<bool>& stop) override { runtime_->Run(stop); }
  std::optional<StoppedEvent> stopped_at() const override { return runtime_->stopped_at(); }
  Status last_error() const override { return runtime_->last_error(); }
  int Deliveries(const Uuid& id) override {
    std::string n =
        w_->db.Scalar("SELECT n FROM contract_counts.seen WHERE event_id = '" + ToString(id) + "'");
    return n.empty() ? 0 : std::stoi(n);
  }

 private:
  World* w_;
  CountingProjection projection_;
  std::unique_ptr<Projector> runtime_;
};

class ReactorUse : public Use {
 public:
  explicit ReactorUse(World* w) : w_(w) {}
  std::string component() const override { return "reaction"; }
  std::string name() const override { return reaction_.name(); }
  Status Start() override {
    ReactorOptions options;
    options.batch_size = 3;
    options.idle_wait = 20ms;
    options.retry_backoff = 20ms;
    runtime_ =
        std::make_unique<Reactor>(&w_->faulty, &commands_, w_->db.uri(), &reaction_, options);
    return runtime_->Initialize();
  }
  Status CatchUp() override { return runtime_->CatchUp(nullptr); }
  void Run(const std::atomic<bool>& stop) override { runtime_->Run(stop); }
  std::optional<StoppedEvent> stopped_at() const override { return runtime_->stopped_at(); }
  Status last_error() const override { return runtime_->last_error(); }
  int Deliveries(const Uuid& id) override {
    return commands_.Count(DeriveUuid(id, reaction_.name() + "/count"));
  }

 private:
  World* w_;
  CountingReaction reaction_;
  CountingCommands commands_;
  std::unique_ptr<Reactor> runtime_;
};

using MakeUse = std::function<std::unique_ptr<Use>(World*)>;

template <class Pred>
bool Eventually(Pred pred, std::chrono::milliseconds within = 10000ms) {
  auto until = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

void StopsAtAFailingEventUntilASkipDecision(const MakeUse& make) {
  World w;
  std::vector<Uuid> good;
  for (int i = 0; i < 4; ++i) good.push_back(w.Append(i));
  const Uuid poisoned = w.Append(4, kPoison);
  for (int i = 5; i < 9; ++i) good.push_back(w.Append(i));
  auto use = make(&w);
  REQUIRE(use->Start().ok());
  std::atomic<bool> stop{false};
  std::thread runner([&] { use->Run(stop); });
  REQUIRE(Eventually([&] { return use->stopped_at().has_value(); }));
  const StoppedEvent at = *use->stopped_at();
  CHECK(at.event_id == poisoned);
  CHECK(at.error.find("a poisoned event") != std::string::npos);
  CHECK(use->last_error().message() == at.error);
  std::this_thread::sleep_for(150ms);
  CHECK(use->stopped_at().has_value());  // stays stopped without a decision
  CHECK(use->Deliveries(poisoned) == 0);

  SkipDecision decision;
  decision.component = use->component();
  decision.name = use->name();
  decision.event_id = ToString(at.event_id);
  decision.event_type = at.event_type;
  decision.stream_id = at.stream_id;
  decision.partition = at.partition;
  decision.offset = at.offset;
  decision.reason = "a poisoned test event";
  REQUIRE(RecordSkipDecision(&w.log, decision, Actor{"operator:test", "operator"},
                             Timestamp{1'767'225'600'000'000}, nullptr)
              .ok());
  CHECK(Eventually([&] {
    for (const Uuid& id : good) {
      if (use->Deliveries(id) != 1) return false;
    }
    return !use->stopped_at().has_value();
  }));
  stop = true;
  runner.join();
  CHECK(use->last_error().ok());
  CHECK(use->Deliveries(poisoned) == 0);
  for (const Uuid& id : good) CHECK(use->Deliveries(id) == 1);
}

void RestartsFromTheStoredCheckpoint(const MakeUse& make) {
  World w;
  std::vector<Uuid> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(w.Append(i));
  auto first = make(&w);
  REQUIRE(first->Start().ok());
  REQUIRE(first->CatchUp().ok());
  for (int i = 7; i < 10; ++i) ids.push_back(w.Append(i));
  // A restart: a new instance, same database; the consumer's counts live on in `first`'s world.
  REQUIRE(first->Start().ok());
  REQUIRE(first->CatchUp().ok());
  for (const Uuid& id : ids) CHECK(first->Deliveries(id) == 1);
}

void RetriesUnavailableWithoutStopping(const MakeUse& make) {
  World w;
  std::vector<Uuid> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(w.Append(i));
  auto use = make(&w);
  REQUIRE(use->Start().ok());
  w.faulty.FailReads(6);  // the log is unreachable for a while
  CHECK(use->CatchUp().IsUnavailable());
  CHECK(use->last_error().ok());  // not a stop
  std::atomic<bool> stop{false};
  std::thread runner([&] { use->Run(stop); });
  CHECK(Eventually([&] {
    for (const Uuid& id : ids) {
      if (use->Deliveries(id) != 1) return false;
    }
    return true;
  }));
  stop = true;
  runner.join();
  CHECK(use->last_error().ok());
  CHECK_FALSE(use->stopped_at().has_value());
  CHECK(w.faulty.faults_injected() == 6);
}

const MakeUse kProjector = [](World* w) { return std::make_unique<ProjectorUse>(w); };
const MakeUse kReactor = [](World* w) { return std::make_unique<ReactorUse>(w); };

}  // namespace

TEST_SUITE("log follower contract") {
  TEST_CASE("follower contract (projector): stops at a failing event until a skip decision") {
    StopsAtAFailingEventUntilASkipDecision(kProjector);
  }
  TEST_CASE("follower contract (reactor): stops at a failing event until a skip decision") {
    StopsAtAFailingEventUntilASkipDecision(kReactor);
  }
  TEST_CASE("follower contract (projector): a restart resumes from the stored checkpoint") {
    RestartsFromTheStoredCheckpoint(kProjector);
  }
  TEST_CASE("follower contract (reactor): a restart resumes from the stored checkpoint") {
    RestartsFromTheStoredCheckpoint(kReactor);
  }
  TEST_CASE("follower contract (projector): Unavailable is retried, not a stop") {
    RetriesUnavailableWithoutStopping(kProjector);
  }
  TEST_CASE("follower contract (reactor): Unavailable is retried, not a stop") {
    RetriesUnavailableWithoutStopping(kReactor);
  }
}

}  // namespace edu
