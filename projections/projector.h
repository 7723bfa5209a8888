// The projection runtime: one Projector per Projection keeps that projection's read tables in
// PostgreSQL up to date with an EventLog, with exactly-once effect. It is a use of the log
// follower (eventstore/log_follower.h), which reads, batches, threads, stops, retries and reads
// operator decisions the same way for projectors and reactors; what is the projector's own is
// what a batch does and where its checkpoints live (projections/projector_target.h), the status
// rows and the blue-green Rebuild (projections/projector_rebuild.cc).
//
// Each batch reads up to batch_size events across partitions from the checkpoints, maps the ones
// the projection handles to row operations (Projection::Apply), folds them into a few multi-row
// statements (projections/sql_writer.h) and commits them together with the new checkpoints in ONE
// transaction: BEGIN, one multi-statement exec, COMMIT (three round trips whatever the batch
// size), plus two round trips for each large plain insert sent by COPY instead (bounded by the
// number of statements, never by the number of events). A crash or error before COMMIT leaves
// tables and checkpoints untouched; events the projection does not handle still advance the
// checkpoint.
//
// Nothing is skipped silently: an Apply error, an SQL error, an Update that matched no row or an
// exception of any type (a projection that throws, a value the connection refuses to quote, such
// as invalid UTF-8) stops the projector at that event (state "failed", message naming the
// projection, the event's stream, version, partition, offset and type, and the cause; the event
// id in stopped_at() and the status row). When a folded batch fails, the batch is replayed event by
// event in a fresh transaction to name the exact event; if the replay succeeds (the failure came
// from running statements together), the replay is committed.
//
// A stopped projection stops alone: no exception leaves the runtime, the process and the other
// projections go on. Run() keeps the projection stopped at the event and, every retry_backoff,
// reads the operator decisions (eventstore/operator_decisions.h): once an operator recorded a
// decision to skip that event (`eduledger projection skip`), it resumes past it. Skipped events
// are passed over (checkpoint advanced, nothing applied) live and in every Rebuild(), so a rebuild
// honours the same decisions and the tables stay equal to a rebuild.
//
// Bookkeeping lives in schema `eduledger`, never in the read schemas:
//   eduledger.projection_checkpoints(projection, slot, partition, next_offset, updated_at)
//     slot 'live' is what the live tables reflect; slot 'rebuild' belongs to a running rebuild.
//   eduledger.projection_status(projection, version, live_schema, state running|failed|rebuilding,
//     generation, rebuild_schema, last_error, error_stream, error_version, error_partition,
//     error_offset, error_event_type, updated_at, error_event_id)
// Each batch commit checks that the live checkpoints are still the ones it read (and that the
// stored version is this projection's), so two instances of one projection never apply an event
// twice: the loser's batch rolls back and it reloads the checkpoints.
//
// Thread safety: every method may be called from any thread. Batches (CatchUp, Run) are
// serialized; Rebuild may run next to Run (the live tables keep serving and, when the stored
// version is current, keep advancing) and pauses live batches only for its final catch-up and swap.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "eventstore/event_log.h"
#include "eventstore/log_follower.h"
#include "eventstore/operator_decisions.h"
#include "eventstore/status.h"
#include "projections/projection.h"
#include "projections/sql_writer.h"

namespace edu {

struct ProjectorOptions {
  size_t batch_size = 500;  // events read per transaction, across partitions
  // Plain inserts of at least this many rows into one table go by COPY (0: never).
  size_t copy_min_rows = 100;
  // How long Run's per-partition waiters block in EventLog::WaitForEvents before re-checking stop.
  std::chrono::milliseconds idle_wait{200};
  // Pause after an Unavailable error (connection lost, checkpoint moved) before Run retries.
  std::chrono::milliseconds retry_backoff{500};
  // Test hook: called by Rebuild() once the fresh schema has caught up, before the swap, with the
  // fresh schema's name. The live schema still serves the old tables at that point.
  std::function<void(const std::string& rebuild_schema)> before_swap;
};

// Counters for tests and `eduledger status`/bench (cumulative unless named last_/max_).
struct ProjectorStats {
  uint64_t batches = 0;           // committed batches (live and rebuild)
  uint64_t events_read = 0;       // events committed past, handled or not
  uint64_t events_applied = 0;    // events the projection handled, committed
  uint64_t statements = 0;        // SQL statements sent by batch commits
  uint64_t round_trips = 0;       // libpq round trips by batch commits (BEGIN, exec, COPYs, COMMIT)
  uint64_t replayed_batches = 0;  // folded batches that failed and were replayed event by event
  uint64_t moved_checkpoints = 0;  // batches rolled back: a twin had moved the checkpoints
  uint64_t events_skipped = 0;     // handled events passed over by an operator's skip decision
  size_t last_batch_events = 0;
  size_t last_batch_statements = 0;
  size_t last_batch_round_trips = 0;
  size_t max_batch_statements = 0;
  size_t max_batch_round_trips = 0;
};

namespace projector_detail {
class ProjectorTarget;
struct SharedProjectorStats;
class PgSession;
}  // namespace projector_detail

class Projector {
 public:
  // `log` and `projection` must outlive the projector. `pg_uri` is a libpq URI.
  Projector(EventLog* log, std::string pg_uri, const Projection* projection,
            ProjectorOptions options = {});
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  // Connects, creates the bookkeeping schema if needed and, on first use, the projection's schema
  // and tables from Projection::Ddl() ("{schema}" replaced), then loads the checkpoints.
  // When the stored version differs from Projection::version() (or the schema exists without
  // having been built by a projector), returns InvalidArgument saying so and needs_rebuild()
  // becomes true: CatchUp refuses and Run idles until Rebuild() succeeds.
  // Unavailable when PostgreSQL cannot be reached.
  Status Initialize();
  bool needs_rebuild() const;

  // Processes batches until the live checkpoints reach the end offsets the log had when it was
  // called. *applied (optional) = events the projection handled. OK, or the failure that stopped
  // the projector (also in last_error()), or Unavailable (connection lost; call again).
  Status CatchUp(size_t* applied);

  // Follows the log until `stop` becomes true: batches while there is work, otherwise waits on
  // every partition (EventLog::WaitForEvents). Retries after Unavailable errors. When an event
  // cannot be applied it does not advance past it (last_error() and stopped_at() say which) and
  // waits, until `stop`, for an operator's skip decision about that event (polled every
  // retry_backoff) or a Rebuild that gets past it; other errors are retried every few seconds.
  // Never throws: any exception is turned into last_error().
  void Run(const std::atomic<bool>& stop);

  // Per partition: end offset - live checkpoint (>= 0).
  Status Lag(std::vector<int64_t>* per_partition);

  // Read-your-writes: OK once the live checkpoint of `partition` is past `offset` (the event at
  // `offset` is reflected in the tables). Timeout when it is not within `timeout`; the failure
  // status when the projector stopped before reaching it; InvalidArgument for a bad partition.
  // Progress made by another process running this projection is noticed too (polled).
  Status WaitForPosition(int partition, int64_t offset, std::chrono::milliseconds timeout);

  // Builds the tables from offset zero into a fresh schema "<schema>__rebuild_<n>" while the live
  // tables keep serving, catches it up to the log's end (pausing live batches only for this last
  // step), then in ONE transaction renames the live schema away, renames the fresh one to the
  // live name, moves its checkpoints to the live slot and records the version; the old copy is
  // dropped afterwards. On failure the live schema is untouched. The fresh schema is filled by a
  // second log follower (checkpoint slot 'rebuild'), which reads, skips and stops like the live
  // one; when it stops at an event, the rebuild fails naming that event.
  Status Rebuild();

  // The failure that stopped the projector (OK while it runs).
  Status last_error() const;
  // The event the live projection is stopped at (nullopt while it runs, or when it stopped for
  // another reason than an event).
  std::optional<StoppedEvent> stopped_at() const;
  // Reads the operator decisions recorded since the last call (CatchUp, Run and Rebuild honour
  // them). *added (optional) = how many new ones. Run() calls it by itself while stopped.
  Status RefreshDecisions(size_t* added = nullptr);
  // The live checkpoints: next offset per partition.
  std::vector<int64_t> checkpoints() const;
  ProjectorStats stats() const;
  const Projection& projection() const { return *projection_; }

 private:
  using Target = projector_detail::ProjectorTarget;
  Status CheckInitialized() const;
  // Run while the stored tables are of another version: idle, or retry a failed rebuild once an
  // operator decided about the event it stopped at.
  void IdleUntilRebuilt(const std::atomic<bool>& stop);
  // A connection of its own (Initialize, Rebuild); Unavailable naming the projection when not.
  Status Connect(std::unique_ptr<projector_detail::PgSession>* session) const;
  // Rebuild's steps (projector_rebuild.cc): prepare the fresh schema, build it to the log's end,
  // swap it in with live batches paused; on failure, abandon it and record why.
  Status PrepareFreshSchema(projector_detail::PgSession* session, int* generation,
                            std::string* fresh_schema);
  Status BuildToEnd(LogFollower* builder);
  Status SwapIn(projector_detail::PgSession* session, LogFollower* builder,
                const std::string& fresh_schema, const std::string& old_copy, int generation);
  Status AbandonRebuild(const Status& s, const LogFollower& builder,
                        const std::string& fresh_schema);

  EventLog* log_;
  std::string uri_;
  const Projection* projection_;
  ProjectorOptions options_;

  std::unique_ptr<projector_detail::SharedProjectorStats> stats_;
  std::unique_ptr<Target> live_;           // the live tables: checkpoint store and batch handler
  std::unique_ptr<LogFollower> follower_;  // follows the log into live_
  std::mutex rebuild_mu_;                  // one Rebuild at a time

  mutable std::mutex state_mu_;  // guards everything below
  bool initialized_ = false;
  bool needs_rebuild_ = false;
  std::string rebuild_reason_;
};

}  // namespace edu
