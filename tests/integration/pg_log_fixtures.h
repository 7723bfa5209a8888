// Tools of the PgEventLog specifications (event_log_pg_*_test.cc): a gate that holds a log's first
// commit, a log opened on a fresh database, bounded polling, and reading a partition checked to be
// contiguous and hash-chained.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "eventstore/clock.h"
#include "eventstore/pg_event_log.h"
#include "tests/support/event_log_contract.h"
#include "tests/support/test_database.h"

namespace edu::testing::pg_log_fixtures {

using namespace std::chrono_literals;

// Holds the first group-commit transaction of a log just before its COMMIT (partition locks held)
// until Release(), so tests can line up what happens meanwhile without relying on timing.
class CommitGate {
 public:
  void OnCommit(const PgEventLog::BatchInfo& info) {
    if (info.sequence != 1) return;
    std::unique_lock<std::mutex> lock(mu_);
    held_info_ = info;
    held_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return released_; });
  }
  // Waits until the first commit is being held; returns its batch.
  PgEventLog::BatchInfo AwaitHeld() {
    std::unique_lock<std::mutex> lock(mu_);
    bool held = cv_.wait_for(lock, 30s, [&] { return held_; });
    REQUIRE_MESSAGE(held, "the first commit never reached the gate");
    return held_info_;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;
  bool released_ = false;
  PgEventLog::BatchInfo held_info_;
};

// A fresh database, a gate and a log whose first commit the gate holds. The gate is released
// before the log is closed, whatever the test did.
struct GatedLog {
  explicit GatedLog(PgEventLog::Options options) {
    options.before_commit = [this](const PgEventLog::BatchInfo& info) { gate.OnCommit(info); };
    Status st = PgEventLog::Open(db.uri(), options, &log);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
  }
  ~GatedLog() {
    gate.Release();
    log.reset();
  }
  TestDatabase db;
  CommitGate gate;
  std::unique_ptr<PgEventLog> log;
};

inline std::unique_ptr<PgEventLog> OpenLog(const std::string& uri,
                                           PgEventLog::Options options = {}) {
  std::unique_ptr<PgEventLog> log;
  Status st = PgEventLog::Open(uri, options, &log);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return log;
}

inline PgEventLog::Options WithPartitions(int partitions) {
  PgEventLog::Options options;
  options.partitions = partitions;
  return options;
}

// Polls a condition that the test cannot be notified of (another thread's progress inside the
// log or the server); fails the test instead of hanging.
template <class F>
inline void AwaitCondition(const char* what, F&& condition) {
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!condition()) {
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "gave up waiting until " << what);
    std::this_thread::sleep_for(2ms);
  }
}

inline AppendRequest WithCommand(AppendRequest request, uint64_t command,
                                 const std::string& result) {
  request.command =
      CommandRecord{TestUuid(command, 0xc0de), "hash-" + std::to_string(command), result};
  return request;
}

// Every event of a partition, checked to be contiguous and hash-chained from the start.
inline std::vector<RecordedEvent> ReadVerifiedPartition(EventLog& log, int partition) {
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadPartition(partition, 0, 1'000'000, &events).ok());
  std::string prev;
  for (size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].offset == static_cast<int64_t>(i));
    CHECK(events[i].prev_hash == prev);
    CHECK(events[i].hash == ChainHash(events[i].prev_hash, CanonicalForHash(events[i])));
    prev = events[i].hash;
  }
  return events;
}

}  // namespace edu::testing::pg_log_fixtures
