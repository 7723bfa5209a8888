// The log follower (eventstore/log_follower.h) on the in-memory log and an in-memory checkpoint
// store: what it hands over, where it stops, how it resumes, and its threading (Run's waiters,
// stop) without PostgreSQL.
#include "eventstore/log_follower.h"

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include <doctest/doctest.h>

#include "domain/core/stream.h"
#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

using namespace std::chrono_literals;

const Uuid kSeed = *ParseUuid("5f0e1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b");

// Records every event it is handed; fails at chosen events (by payload), or with Unavailable a
// chosen number of times, or throws.
class RecordingHandler : public BatchHandler {
 public:
  BatchOutcome Handle(const FollowerBatch& batch) override {
    std::lock_guard<std::mutex> lock(mu);
    ++batches;
    BatchOutcome outcome;
    if (unavailable_left > 0) {
      --unavailable_left;
      outcome.status = Status::Unavailable("the consumer's backend is away");
      return outcome;
    }
    if (throw_next) {
      throw_next = false;
      throw std::runtime_error("a bug in the handler");
    }
    for (size_t i = 0; i < batch.events.size(); ++i) {
      const RecordedEvent& e = batch.events[i];
      if (batch.skipped[i]) {
        ++skipped;
        continue;
      }
      if (e.payload == poison) {
        outcome.status = Status::Internal("cannot take " + e.payload);
        outcome.failed_event = i;
        outcome.done = i;
        return outcome;
      }
      ++delivered[e.event_id];
      order.push_back(e);
    }
    return outcome;
  }
  std::string StopMessage(const RecordedEvent& e, const std::string& cause) const override {
    return "test stopped at " + e.payload + ": " + cause;
  }
  void OnStopped(const StoppedEvent& at) override {
    std::lock_guard<std::mutex> lock(mu);
    stops.push_back(at);
  }

  int Deliveries(const Uuid& id) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = delivered.find(id);
    return it == delivered.end() ? 0 : it->second;
  }
  size_t Distinct() {
    std::lock_guard<std::mutex> lock(mu);
    return delivered.size();
  }

  std::mutex mu;
  std::map<Uuid, int> delivered;
  std::vector<RecordedEvent> order;
  std::vector<StoppedEvent> stops;
  std::string poison = "none";
  int unavailable_left = 0;
  bool throw_next = false;
  int batches = 0;
  int skipped = 0;
};

struct Bed {
  explicit Bed(size_t batch_size = 4) : log(3), faulty(&log) {
    options.component = "projection";
    options.name = "follower_test";
    options.batch_size = batch_size;
    options.idle_wait = 20ms;
    options.retry_backoff = 20ms;
  }

  Uuid Append(int n, const std::string& payload = "") {
    AppendRequest r;
    r.stream_id = StreamId("test.follow", DeriveUuid(kSeed, "stream-" + std::to_string(n % 5)));
    NewEvent e;
    e.event_id = DeriveUuid(kSeed, "event-" + std::to_string(n));
    e.type = "Followed";
    e.marketplace = "mentorship";
    e.occurred_at = Timestamp{1'767'225'600'000'000 + n};
    e.payload = payload.empty() ? "{\"n\":" + std::to_string(n) + "}" : payload;
    r.events.push_back(e);
    AppendResult result;
    REQUIRE(log.Append(r, &result).ok());
    return e.event_id;
  }

  std::vector<int64_t> Ends() {
    std::vector<int64_t> ends;
    REQUIRE(log.EndOffsets(&ends).ok());
    return ends;
  }

  void Skip(const StoppedEvent& at) {
    SkipDecision d;
    d.component = options.component;
    d.name = options.name;
    d.event_id = ToString(at.event_id);
    d.event_type = at.event_type;
    d.stream_id = at.stream_id;
    d.partition = at.partition;
    d.offset = at.offset;
    d.reason = "a test event";
    REQUIRE(RecordSkipDecision(&log, d, Actor{"operator:test", "operator"},
                               Timestamp{1'767'225'600'000'000}, nullptr)
                .ok());
  }

  MemoryEventLog log;
  FaultInjectingEventLog faulty;
  MemoryCheckpointStore store;
  RecordingHandler handler;
  FollowerOptions options;
};

template <class Pred>
bool Eventually(Pred pred, std::chrono::milliseconds within = 5000ms) {
  auto until = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

}  // namespace

TEST_SUITE("log follower") {
  TEST_CASE("log follower: CatchUp hands every event over once, in offset order per partition") {
    Bed bed(/*batch_size=*/4);
    for (int i = 0; i < 20; ++i) bed.Append(i);
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    REQUIRE(follower.Start().ok());
    size_t read = 0;
    REQUIRE(follower.CatchUp(&read).ok());
    CHECK(read == 20);
    CHECK(bed.handler.Distinct() == 20);
    for (const auto& [id, times] : bed.handler.delivered) CHECK(times == 1);
    std::map<int, int64_t> last;
    for (const RecordedEvent& e : bed.handler.order) {
      if (last.count(e.partition)) CHECK(e.offset > last[e.partition]);
      last[e.partition] = e.offset;
    }
    CHECK(bed.store.stored() == bed.Ends());
    CHECK(follower.checkpoints() == bed.Ends());
    std::vector<int64_t> lag;
    REQUIRE(follower.Lag(&lag).ok());
    for (int64_t l : lag) CHECK(l == 0);
  }

  TEST_CASE("log follower: a restarted follower goes on from the stored checkpoints") {
    Bed bed;
    for (int i = 0; i < 6; ++i) bed.Append(i);
    {
      LogFollower first(&bed.faulty, &bed.store, &bed.handler, bed.options);
      REQUIRE(first.CatchUp().ok());
    }
    const Uuid later = bed.Append(6);
    LogFollower second(&bed.faulty, &bed.store, &bed.handler, bed.options);
    REQUIRE(second.Start().ok());
    size_t read = 0;
    REQUIRE(second.CatchUp(&read).ok());
    CHECK(read == 1);  // only the new event
    CHECK(bed.handler.Deliveries(later) == 1);
    for (const auto& [id, times] : bed.handler.delivered) CHECK(times == 1);
  }

  TEST_CASE("log follower: a failing event stops it there and keeps the events before it") {
    Bed bed(/*batch_size=*/100);
    bed.Append(0);
    bed.Append(1, "{\"poison\":true}");
    bed.Append(2);
    bed.handler.poison = "{\"poison\":true}";
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    Status s = follower.CatchUp();
    REQUIRE_FALSE(s.ok());
    CHECK(s.message() == "test stopped at {\"poison\":true}: cannot take {\"poison\":true}");
    CHECK(follower.last_error().message() == s.message());
    REQUIRE(follower.stopped_at().has_value());
    CHECK(follower.stopped_at()->event_id == DeriveUuid(kSeed, "event-1"));
    CHECK(bed.handler.stops.size() == 1);
    // Not past the event: its partition's checkpoint is at it.
    const StoppedEvent at = *follower.stopped_at();
    CHECK(bed.store.stored()[static_cast<size_t>(at.partition)] == at.offset);
    // WaitForPosition reports the stop rather than waiting for the timeout.
    CHECK(follower.WaitForPosition(at.partition, at.offset, 10ms).message() == s.message());
    // Trying again stops at the same event: nothing is delivered twice meanwhile.
    CHECK_FALSE(follower.CatchUp().ok());
    for (const auto& [id, times] : bed.handler.delivered) CHECK(times == 1);
  }

  TEST_CASE("log follower: Run stays stopped at an event until an operator decides to skip it") {
    Bed bed;
    bed.Append(0);
    const Uuid poisoned = bed.Append(1, "{\"poison\":true}");
    const Uuid after = bed.Append(2);
    bed.handler.poison = "{\"poison\":true}";
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    std::atomic<bool> stop{false};
    std::thread runner([&] { follower.Run(stop); });
    REQUIRE(Eventually([&] { return follower.stopped_at().has_value(); }));
    std::this_thread::sleep_for(100ms);
    CHECK(follower.stopped_at().has_value());  // no decision: still stopped
    bed.Skip(*follower.stopped_at());
    CHECK(Eventually([&] { return bed.handler.Deliveries(after) == 1; }));
    CHECK(Eventually([&] { return !follower.stopped_at().has_value(); }));
    stop = true;
    runner.join();
    CHECK(follower.last_error().ok());
    CHECK(bed.handler.Deliveries(poisoned) == 0);
    CHECK(bed.handler.skipped == 1);
    CHECK(follower.stats().events_skipped == 1);
    CHECK(bed.store.stored() == bed.Ends());
  }

  TEST_CASE("log follower: Unavailable is retried after a backoff and is not a stop") {
    Bed bed;
    for (int i = 0; i < 5; ++i) bed.Append(i);
    bed.handler.unavailable_left = 3;
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    CHECK(follower.CatchUp().IsUnavailable());
    CHECK(follower.last_error().ok());
    CHECK(bed.store.commits() == 0);

    bed.faulty.FailReads(4);  // the log is away too, for a while
    std::atomic<bool> stop{false};
    std::thread runner([&] { follower.Run(stop); });
    CHECK(Eventually([&] { return bed.handler.Distinct() == 5; }));
    stop = true;
    runner.join();
    CHECK(follower.last_error().ok());
    CHECK_FALSE(follower.stopped_at().has_value());
    CHECK(bed.store.stored() == bed.Ends());
  }

  TEST_CASE("log follower: a checkpoint store that fails a commit redelivers the batch") {
    Bed bed(/*batch_size=*/100);
    const Uuid first = bed.Append(0);
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    bed.store.FailCommits(1);
    CHECK(follower.CatchUp().IsUnavailable());
    REQUIRE(follower.CatchUp().ok());
    // At-least-once with a separate store: the consumer saw it twice and must be idempotent.
    CHECK(bed.handler.Deliveries(first) == 2);
    CHECK(bed.store.stored() == bed.Ends());
  }

  TEST_CASE("log follower: an exception from the handler is reported, never thrown") {
    Bed bed;
    bed.Append(0);
    bed.handler.throw_next = true;
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    Status s = follower.CatchUp();
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("a bug in the handler") != std::string::npos);
    CHECK_FALSE(follower.stopped_at().has_value());  // not an event's failure
    REQUIRE(follower.CatchUp().ok());
    CHECK(bed.handler.Distinct() == 1);
  }

  TEST_CASE("log follower: Run wakes for an event on any partition and returns promptly on stop") {
    Bed bed;
    FollowerOptions options = bed.options;
    options.idle_wait = 2000ms;  // a waiter's wake-up, not the idle timeout, must deliver
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, options);
    REQUIRE(follower.Start().ok());
    std::atomic<bool> stop{false};
    std::thread runner([&] { follower.Run(stop); });
    std::this_thread::sleep_for(50ms);
    std::set<int> partitions;
    for (int i = 0; i < 10; ++i) {
      const Uuid id = bed.Append(i);
      auto start = std::chrono::steady_clock::now();
      REQUIRE(Eventually([&] { return bed.handler.Deliveries(id) == 1; }, 1500ms));
      CHECK(std::chrono::steady_clock::now() - start < 1500ms);
      partitions.insert(bed.handler.order.back().partition);
    }
    CHECK(partitions.size() > 1);  // the waits covered more than one partition
    auto asked = std::chrono::steady_clock::now();
    stop = true;
    runner.join();
    CHECK(std::chrono::steady_clock::now() - asked < 3000ms);
  }

  TEST_CASE("log follower: batches of concurrent CatchUp and Run never overlap") {
    Bed bed(/*batch_size=*/3);
    for (int i = 0; i < 60; ++i) bed.Append(i);
    LogFollower follower(&bed.faulty, &bed.store, &bed.handler, bed.options);
    std::atomic<bool> stop{false};
    std::thread runner([&] { follower.Run(stop); });
    std::thread catcher([&] {
      for (int i = 0; i < 5; ++i) (void)follower.CatchUp();
    });
    catcher.join();
    CHECK(Eventually([&] { return bed.handler.Distinct() == 60; }));
    stop = true;
    runner.join();
    for (const auto& [id, times] : bed.handler.delivered) CHECK(times == 1);
  }

  TEST_CASE("log follower: WaitForPosition notices progress stored by another instance") {
    Bed bed;
    bed.Append(0);
    RecordingHandler other_handler;
    LogFollower here(&bed.faulty, &bed.store, &bed.handler, bed.options);
    LogFollower elsewhere(&bed.faulty, &bed.store, &other_handler, bed.options);
    REQUIRE(here.Start().ok());
    std::vector<RecordedEvent> events;
    REQUIRE(bed.log.ReadStream(StreamId("test.follow", DeriveUuid(kSeed, "stream-0")), 1, &events)
                .ok());
    REQUIRE(events.size() == 1);
    CHECK(here.WaitForPosition(events[0].partition, events[0].offset, 20ms).code() ==
          Status::Code::kTimeout);
    REQUIRE(elsewhere.CatchUp().ok());
    CHECK(here.WaitForPosition(events[0].partition, events[0].offset, 2000ms).ok());
    CHECK(here.WaitForPosition(99, 0, 10ms).code() == Status::Code::kInvalidArgument);
  }
}

}  // namespace edu
