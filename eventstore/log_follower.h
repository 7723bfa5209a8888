// LogFollower: the one runtime that follows an EventLog from stored checkpoints and hands each
// batch of events to a consumer. Projectors (projections/projector.h) and reactors
// (commands/reactor.h) are two uses of it: they say what to do with a batch (BatchHandler) and
// where the checkpoints live (CheckpointStore, eventstore/checkpoint_store.h); the reading,
// threading, stopping, retrying, operator decisions, lag and read-your-writes waits are here, the
// same for both.
//
// A batch: up to batch_size events read from the checkpoints across partitions (a fair share per
// partition first, then filled from the partitions that had more; after a full batch the next
// one starts one partition later), in offset order within each partition. The handler returns a
// BatchOutcome:
//   - OK: the whole batch is done. The follower commits batch.next through the store, unless the
//     handler committed it itself with its effects (checkpoint_committed: exactly-once effect).
//   - failed_event set: the event at that index cannot be processed. The follower stops there
//     (last_error() and stopped_at() name it, a "<component>_stopped" log line and the
//     eduledger_projection_stops_total metric record it) and does not advance past it: the
//     leading `done` events' checkpoint is committed, nothing after. Only that follower stops; it
//     never throws and never takes the process down.
//   - checkpoints_moved: another instance moved the stored checkpoints under the batch; the
//     follower reloads them and carries on (CatchUp gives up after a few in a row: Unavailable).
//   - Unavailable / Timeout: transient; the checkpoints are reloaded and the batch retried after
//     retry_backoff. Any other error (and any exception out of the handler) is reported in
//     last_error() like a stop, without an event, and retried now and then (every
//     max(10 * retry_backoff, 5 s)) by Run.
// An event an operator decided to skip (eventstore/operator_decisions.h, read with
// RefreshDecisions; Run reads them by itself every retry_backoff while stopped) is marked in
// FollowerBatch::skipped: the handler passes it over and the checkpoint advances past it. A
// successful batch clears the stop.
//
// Thread safety: every method may be called from any thread. Batches (CatchUp, Run) are
// serialized; PauseBatches() holds them off (a projector's rebuild swaps tables meanwhile).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "eventstore/checkpoint_store.h"
#include "eventstore/event_log.h"
#include "eventstore/operator_decisions.h"
#include "eventstore/status.h"

namespace edu {

struct FollowerOptions {
  std::string component = "projection";  // "projection" or "reaction": decisions, logs, metrics
  std::string name;                      // the projection's or reaction's name
  size_t batch_size = 500;               // events per batch, across partitions (0 means 1)
  // How long Run's per-partition waiters block in EventLog::WaitForEvents before re-checking stop.
  std::chrono::milliseconds idle_wait{200};
  // Pause after a transient error before Run retries; decisions poll interval while stopped.
  std::chrono::milliseconds retry_backoff{500};
  // Whether a stop is logged and counted (a projector's rebuild follower reports through the
  // rebuild instead).
  bool report_stops = true;
};

struct FollowerBatch {
  std::vector<RecordedEvent> events;
  std::vector<bool> skipped;  // per event: an operator decided to skip it
  std::vector<int64_t> from;  // the checkpoints the batch was read from (one per partition)
  std::vector<int64_t> next;  // the checkpoints once the whole batch is done
};

struct BatchOutcome {
  Status status;  // OK, or why the batch did not complete
  // OK only: the handler committed batch.next itself, atomically with its effects.
  bool checkpoint_committed = false;
  // Not OK: how many leading events are done (their effects durable); the follower commits their
  // checkpoint through the store (handlers that commit checkpoints themselves leave it 0).
  size_t done = 0;
  std::optional<size_t> failed_event;  // index of the event the follower stops at
  bool checkpoints_moved = false;      // another instance moved the stored checkpoints
};

// What a follower does with a batch. Called with batches serialized (never concurrently).
class BatchHandler {
 public:
  virtual ~BatchHandler() = default;
  // Processes the batch; see BatchOutcome. May throw: the follower turns it into an error.
  virtual BatchOutcome Handle(const FollowerBatch& batch) = 0;
  // The full message of a stop at `event` because of `cause` (what last_error() says).
  virtual std::string StopMessage(const RecordedEvent& event, const std::string& cause) const = 0;
  // Called once the follower stopped at an event (e.g. to record it in a status row). Best
  // effort; must not throw.
  virtual void OnStopped(const StoppedEvent& at) { (void)at; }
};

struct FollowerStats {
  uint64_t batches = 0;            // completed batches
  uint64_t events_read = 0;        // events passed, handled or not
  uint64_t events_skipped = 0;     // events passed over by an operator's skip decision
  uint64_t moved_checkpoints = 0;  // batches undone: another instance had moved the checkpoints
  uint64_t stops = 0;              // stops at an event
};

class LogFollower {
 public:
  // Borrowed pointers must outlive the follower.
  LogFollower(EventLog* log, CheckpointStore* store, BatchHandler* handler,
              FollowerOptions options);
  ~LogFollower();
  LogFollower(const LogFollower&) = delete;
  LogFollower& operator=(const LogFollower&) = delete;

  // Loads the checkpoints from the store and the operator decisions. OK, or the store's error
  // (Unavailable: retry). CatchUp and Run load by themselves when this was not done.
  Status Start();
  bool started() const;

  // Batches until every partition's checkpoint reaches the end offset the log had when called
  // (or a batch reads nothing). *events (optional) = events read. OK, or the failure that stopped
  // the follower (also last_error()), or Unavailable (call again).
  Status CatchUp(size_t* events = nullptr);

  // Follows the log until `stop` becomes true (or `yield`, when given, returns true: checked
  // between batches): batches while there is work, otherwise waits on every partition at once
  // (one waiter thread per partition, EventLog::WaitForEvents). Transient errors are retried
  // after retry_backoff; stopped at an event, it waits for an operator's decision (see above).
  // Never throws.
  void Run(const std::atomic<bool>& stop, const std::function<bool()>& yield = {});

  // While stopped (last_error() not OK): returns once `stop`, once the failure was cleared, once
  // an operator decided to skip the stopped event, or (a failure without an event) after the
  // retry period. Returns at once when not stopped.
  void WaitWhileStopped(const std::atomic<bool>& stop);

  // Per partition: end offset - checkpoint (>= 0). InvalidArgument before the first Start.
  Status Lag(std::vector<int64_t>* per_partition);

  // Read-your-writes: OK once the checkpoint of `partition` is past `offset`; the failure when
  // the follower is stopped; Timeout when not reached within `timeout`; InvalidArgument for a bad
  // partition or before the first Start. Progress committed by another process is noticed through
  // CheckpointStore::Observe (often when no Run loop is here, rarely otherwise).
  Status WaitForPosition(int partition, int64_t offset, std::chrono::milliseconds timeout);

  Status last_error() const;
  std::optional<StoppedEvent> stopped_at() const;
  // Records a stop decided outside the follower (a projector's rebuild that stopped at an event).
  void ReportStopped(const Status& failure, const std::optional<StoppedEvent>& at);

  // Reads the operator decisions recorded since the last call. *added = how many new ones.
  Status RefreshDecisions(size_t* added = nullptr);
  bool Skips(const Uuid& event_id) const;

  // Holds batches off while the returned lock lives. With it held, Restart() may be called.
  std::unique_lock<std::mutex> PauseBatches();
  // Starts over from `next` (already durable in the store), clearing any stop. Only while
  // batches are paused.
  void Restart(const std::vector<int64_t>& next);

  std::vector<int64_t> checkpoints() const;
  FollowerStats stats() const;
  const FollowerOptions& options() const { return options_; }

 private:
  Status EnsureLoaded();
  // A batch's steps (batch_mu_ held): read, mark the skipped events, hand it over, then keep
  // what a failed batch did or commit a done one.
  Status OneBatch(size_t* read);
  Status ReadBatch(FollowerBatch* batch);
  void MarkSkipped(FollowerBatch* batch) const;
  BatchOutcome HandOver(const FollowerBatch& batch);
  Status SettleFailedBatch(const FollowerBatch& batch, const BatchOutcome& outcome);
  void KeepDone(const FollowerBatch& batch, size_t done);
  Status CompleteBatch(const FollowerBatch& batch, const BatchOutcome& outcome);
  // Run's parts.
  struct Wakeups;  // log_follower.cc
  void CountRunLoop(int delta);
  void WaitOnPartition(int partition, Wakeups* wakeups);
  Status GuardedBatch(size_t* read);
  void AfterFailedBatch(const Status& s, const std::atomic<bool>& stop);
  Status StopAt(const RecordedEvent& event, const std::string& cause);
  void Publish(const std::vector<int64_t>& next);
  void PollStore(int partition);

  EventLog* const log_;
  CheckpointStore* const store_;
  BatchHandler* const handler_;
  FollowerOptions options_;
  const int partitions_;

  std::mutex batch_mu_;  // serializes batches; guards next_, needs_load_, rotate_
  std::vector<int64_t> next_;
  bool needs_load_ = true;
  size_t rotate_ = 0;

  mutable std::mutex state_mu_;  // guards everything below
  std::condition_variable progress_;
  bool started_ = false;
  std::vector<int64_t> committed_;  // as committed (published to readers)
  Status failure_;
  std::optional<StoppedEvent> stopped_at_;
  FollowerStats stats_;
  int running_ = 0;  // Run loops

  mutable std::mutex decisions_mu_;
  SkipDecisionSet decisions_;
};

}  // namespace edu
