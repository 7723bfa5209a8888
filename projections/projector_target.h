// One place a projector's batches go: the live tables (slot 'live') or a rebuild's fresh schema
// (slot 'rebuild'). It is both halves of what the log follower (eventstore/log_follower.h) needs:
//   - the CheckpointStore: eduledger.projection_checkpoints(projection, slot, partition,
//     next_offset), loaded per slot;
//   - the BatchHandler: maps a batch's events to row operations (Projection::Apply), folds them
//     into a few statements (projections/sql_writer.h) and commits them together with the new
//     checkpoints IN ONE TRANSACTION (BatchOutcome::checkpoint_committed): the exactly-once
//     effect. The checkpoint update is guarded: it expects the checkpoints the batch was read
//     from and the projection's stored version (live) or rebuild schema (rebuild), so a twin's
//     batch rolls back (checkpoints_moved) instead of applying an event twice.
// A folded batch that fails is replayed event by event in a fresh transaction to name the event;
// if the replay succeeds (the failure came from running statements together), it is committed.
// A stop at an event is recorded in eduledger.projection_status (state failed, error_* columns);
// the next committed batch of the live target marks the projection running again.
//
// Internal to projections/ (projector.cc and projector_rebuild.cc). Not thread-safe except
// Observe (its own connection) and the shared stats: the follower serializes the rest.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "eventstore/log_follower.h"
#include "projections/projection.h"
#include "projections/projector.h"
#include "projections/sql_writer.h"

namespace edu {
namespace projector_detail {

class PgSession;
struct PgError;

// Counters shared by a projector's live and rebuild targets.
struct SharedProjectorStats {
  std::mutex mu;
  ProjectorStats stats;
};

class ProjectorTarget : public CheckpointStore, public BatchHandler {
 public:
  // `projection`, `options` and `stats` must outlive the target.
  ProjectorTarget(std::string uri, const Projection* projection, const ProjectorOptions* options,
                  SharedProjectorStats* stats, std::string schema, bool live);
  ~ProjectorTarget() override;

  // CheckpointStore: Load connects if needed and reads this slot's checkpoints (and the
  // catalog of the target schema); Commit advances them alone, guarded like a batch.
  Status Load(int partitions, std::vector<int64_t>* next) override;
  Status Commit(const std::vector<int64_t>& from, const std::vector<int64_t>& next) override;
  Status Observe(int partition, std::optional<int64_t>* next) override;

  // BatchHandler.
  BatchOutcome Handle(const FollowerBatch& batch) override;
  std::string StopMessage(const RecordedEvent& event, const std::string& cause) const override;
  void OnStopped(const StoppedEvent& at) override;

  // Forgets the catalog (the schema was swapped or recreated); the next batch reads it again.
  void ForgetCatalog();
  // Never read the catalog (tables of another version must not be looked at).
  void MarkCatalogLoaded() { catalog_loaded_ = true; }
  // The next committed batch marks the projection running again in projection_status.
  void set_reset_status(bool reset) { reset_status_ = reset; }
  const std::string& schema() const { return schema_; }
  // This target's connection (connecting when needed); nullptr with *error set when it cannot.
  PgSession* Session(Status* error);

 private:
  const char* slot() const { return live_ ? "live" : "rebuild"; }
  std::string BookkeepingSql(const std::vector<int64_t>& from, const std::vector<int64_t>& next,
                             size_t* statements);
  BatchOutcome Replay(const FollowerBatch& batch, const std::vector<RowOps>& ops,
                      const std::string& bookkeeping, bool* committed);
  // Handle's steps: connect (and read the catalog), map events to row operations, send the
  // folded statements with the bookkeeping, replay a failed batch event by event, record stats.
  Status ConnectAndReadCatalog();
  BatchOutcome MapToRowOps(const FollowerBatch& batch, std::vector<RowOps>* ops, size_t* handled,
                           size_t* skipped);
  std::string ApplyAndValidate(const RecordedEvent& event, RowOps* ops);
  PgError SendFolded(const std::string& bookkeeping, const std::vector<RowOps>& ops,
                     size_t* statement_count, size_t* trips);
  BatchOutcome ReplayToNameTheEvent(const FollowerBatch& batch, const std::vector<RowOps>& ops,
                                    const std::string& bookkeeping);
  BatchOutcome CommitFailed(const PgError& error, size_t events);
  void RecordCommitted(size_t events, size_t handled, size_t skipped, bool replayed, size_t sent,
                       size_t trips);

  const std::string uri_;
  const Projection* const projection_;
  const ProjectorOptions* const options_;
  SharedProjectorStats* const stats_;
  const std::string schema_;
  const bool live_;

  std::unique_ptr<PgSession> session_;
  SchemaCatalog catalog_;
  bool catalog_loaded_ = false;
  bool reset_status_ = false;

  std::mutex observer_mu_;  // a separate connection to poll checkpoints written elsewhere
  std::unique_ptr<PgSession> observer_;
};

}  // namespace projector_detail
}  // namespace edu
