#include "projections/projector_target.h"

#include <algorithm>

#include <fmt/format.h>

#include "projections/projector_pg.h"

namespace edu {
namespace projector_detail {

ProjectorTarget::ProjectorTarget(std::string uri, const Projection* projection,
                                 const ProjectorOptions* options, SharedProjectorStats* stats,
                                 std::string schema, bool live)
    : uri_(std::move(uri)),
      projection_(projection),
      options_(options),
      stats_(stats),
      schema_(std::move(schema)),
      live_(live) {}

ProjectorTarget::~ProjectorTarget() = default;

void ProjectorTarget::ForgetCatalog() {
  catalog_ = SchemaCatalog();
  catalog_loaded_ = false;
}

PgSession* ProjectorTarget::Session(Status* error) {
  if (!session_) {
    try {
      session_ = std::make_unique<PgSession>(uri_);
    } catch (const std::exception& e) {
      *error = Status::Unavailable(fmt::format("projection '{}': connecting to PostgreSQL: {}",
                                               projection_->name(), e.what()));
      return nullptr;
    }
  }
  return session_.get();
}

Status ProjectorTarget::Load(int partitions, std::vector<int64_t>* out) {
  const std::string name = projection_->name();
  Status connected;
  PgSession* session = Session(&connected);
  if (session == nullptr) return connected;
  const size_t count = static_cast<size_t>(partitions);
  std::vector<int64_t> next(count, 0);
  std::string bad;
  PgError error = RunPg([&] {
    pqxx::work tx(session->conn());
    for (const auto& row :
         tx.exec_params("SELECT partition, next_offset FROM eduledger.projection_checkpoints "
                        "WHERE projection = $1 AND slot = $2",
                        name, std::string(slot()))) {
      size_t p = row[0].as<size_t>();
      if (p >= count) {
        bad = fmt::format("a checkpoint for partition {} but the log has {} partitions", p, count);
        continue;
      }
      next[p] = row[1].as<int64_t>();
    }
    if (!catalog_loaded_) LoadCatalog(tx, schema_, &catalog_);
    tx.commit();
  });
  if (!error.ok()) {
    session_.reset();
    return ToStatus(error, fmt::format("projection '{}': loading checkpoints", name));
  }
  if (!bad.empty()) return Status::Corruption(fmt::format("projection '{}': {}", name, bad));
  catalog_loaded_ = true;
  *out = std::move(next);
  return Status::OK();
}

std::string ProjectorTarget::BookkeepingSql(const std::vector<int64_t>& from,
                                            const std::vector<int64_t>& next, size_t* statements) {
  const std::string name = projection_->name();
  std::string values;
  size_t moved = 0;
  for (size_t p = 0; p < next.size(); ++p) {
    if (next[p] == from[p]) continue;
    values +=
        fmt::format("{}({}, {}::bigint, {}::bigint)", moved++ ? "," : "", p, from[p], next[p]);
  }
  LiteralQuoter quote = session_->Quoter();
  std::string guard = live_ ? fmt::format("s.version = {}", projection_->version())
                            : fmt::format("s.rebuild_schema = {}", quote(schema_));
  std::string sql = fmt::format(
      "WITH v (partition, expected, next_offset) AS (VALUES {}), "
      "c AS (UPDATE eduledger.projection_checkpoints AS cp "
      "SET next_offset = v.next_offset, updated_at = now() FROM v "
      "WHERE cp.projection = {} AND cp.slot = '{}' AND cp.partition = v.partition "
      "AND cp.next_offset = v.expected AND EXISTS (SELECT 1 FROM eduledger.projection_status s "
      "WHERE s.projection = {} AND {}) RETURNING 1) "
      "SELECT eduledger.expect_rows({}, (SELECT count(*) FROM c), '{}', {});\n",
      values, quote(name), slot(), quote(name), guard, moved, kCheckpointMovedState,
      quote(fmt::format("checkpoints of projection '{}' ({}) moved under this batch (another "
                        "instance running, or a rebuild swapped them in)",
                        name, slot())));
  *statements = 1;
  if (reset_status_) {
    sql += fmt::format(
        "UPDATE eduledger.projection_status SET state = 'running', last_error = NULL, "
        "error_stream = NULL, error_version = NULL, error_partition = NULL, error_offset = NULL, "
        "error_event_type = NULL, error_event_id = NULL, updated_at = now() "
        "WHERE projection = {};\n",
        quote(name));
    ++*statements;
  }
  return sql;
}

Status ProjectorTarget::Commit(const std::vector<int64_t>& from, const std::vector<int64_t>& next) {
  if (from == next) return Status::OK();
  Status connected;
  if (Session(&connected) == nullptr) return connected;
  size_t statements = 0;
  PgError error = RunPg([&] {
    std::string sql = BookkeepingSql(from, next, &statements);
    pqxx::work tx(session_->conn());
    tx.exec(sql);
    tx.commit();
  });
  if (!error.ok() && error.kind != PgErrorKind::kStatement) session_.reset();
  return ToStatus(error,
                  fmt::format("projection '{}': committing checkpoints", projection_->name()));
}

Status ProjectorTarget::Observe(int partition, std::optional<int64_t>* next) {
  std::lock_guard<std::mutex> lock(observer_mu_);
  next->reset();
  std::optional<int64_t> stored;
  PgError error = RunPg([&] {
    if (!observer_) observer_ = std::make_unique<PgSession>(uri_);
    pqxx::nontransaction tx(observer_->conn());
    auto r = tx.exec_params(
        "SELECT next_offset FROM eduledger.projection_checkpoints "
        "WHERE projection = $1 AND slot = $2 AND partition = $3",
        projection_->name(), std::string(slot()), partition);
    if (!r.empty()) stored = r[0][0].as<int64_t>();
  });
  if (!error.ok()) {
    observer_.reset();
    return ToStatus(error, "reading the stored checkpoint");
  }
  *next = stored;
  return Status::OK();
}

std::string ProjectorTarget::StopMessage(const RecordedEvent& event,
                                         const std::string& cause) const {
  std::string where = live_ ? "" : fmt::format(" (rebuilding into {})", schema_);
  return fmt::format(
      "projection '{}'{} stopped at event {} (stream {}, version {}, partition {}, offset {}): {}",
      projection_->name(), where, event.type, event.stream_id, event.stream_version,
      event.partition, event.offset, cause);
}

void ProjectorTarget::OnStopped(const StoppedEvent& at) {
  // Best effort: the status row is for operators; the follower's status is what callers act on.
  Status connected;
  PgSession* session = Session(&connected);
  if (session != nullptr) {
    PgError error = RunPg([&] {
      pqxx::work tx(session->conn());
      tx.exec_params(
          "UPDATE eduledger.projection_status SET state = 'failed', last_error = $2, "
          "error_stream = $3, error_version = $4, error_partition = $5, error_offset = $6, "
          "error_event_type = $7, error_event_id = $8, updated_at = now() WHERE projection = $1",
          projection_->name(), at.error, at.stream_id, at.stream_version, at.partition, at.offset,
          at.event_type, ToString(at.event_id));
      tx.commit();
    });
    if (error.kind == PgErrorKind::kTransient) session_.reset();
  }
  reset_status_ = live_;
}

BatchOutcome ProjectorTarget::Handle(const FollowerBatch& batch) {
  BatchOutcome outcome;
  outcome.status = ConnectAndReadCatalog();
  if (!outcome.status.ok()) return outcome;

  // 1. Map events to row operations. Pure; any problem stops here, before SQL.
  std::vector<RowOps> ops(batch.events.size());
  size_t handled = 0, skipped = 0;
  BatchOutcome mapped = MapToRowOps(batch, &ops, &handled, &skipped);
  if (!mapped.status.ok()) return mapped;

  // 2. Bookkeeping first (it also locks the checkpoint rows against a twin), then the tables.
  size_t bookkeeping_statements = 0;
  const std::string bookkeeping = BookkeepingSql(batch.from, batch.next, &bookkeeping_statements);

  // 3. The folded statements in one transaction; a failed one replayed event by event.
  size_t statements = 0, trips = 0;
  PgError error = SendFolded(bookkeeping, ops, &statements, &trips);
  bool replayed = false;
  if (error.kind == PgErrorKind::kStatement || error.kind == PgErrorKind::kOther) {
    replayed = true;
    BatchOutcome replay = ReplayToNameTheEvent(batch, ops, bookkeeping);
    if (!replay.status.ok()) return replay;
  } else if (!error.ok()) {
    return CommitFailed(error, batch.events.size());
  }

  // 4. Committed, checkpoints included.
  RecordCommitted(batch.events.size(), handled, skipped, replayed,
                  bookkeeping_statements + statements, trips);
  outcome.checkpoint_committed = true;
  return outcome;
}

Status ProjectorTarget::ConnectAndReadCatalog() {
  Status connected;
  if (Session(&connected) == nullptr) return connected;
  if (catalog_loaded_) return Status::OK();
  PgError error = RunPg([&] {
    pqxx::work tx(session_->conn());
    LoadCatalog(tx, schema_, &catalog_);
    tx.commit();
  });
  if (!error.ok()) {
    session_.reset();
    return ToStatus(error,
                    fmt::format("projection '{}': reading the catalog", projection_->name()));
  }
  catalog_loaded_ = true;
  return Status::OK();
}

// An event an operator decided to skip is passed over like one the projection does not handle.
// Whatever a projection throws is that event's failure, never the process's.
BatchOutcome ProjectorTarget::MapToRowOps(const FollowerBatch& batch, std::vector<RowOps>* ops,
                                          size_t* handled, size_t* skipped) {
  const std::vector<RecordedEvent>& events = batch.events;
  BatchOutcome outcome;
  for (size_t i = 0; i < events.size(); ++i) {
    std::string failure;
    try {
      if (!projection_->Handles(events[i])) continue;
      if (batch.skipped[i]) {
        ++*skipped;
        continue;
      }
      ++*handled;
      failure = ApplyAndValidate(events[i], &(*ops)[i]);
    } catch (const std::exception& e) {
      failure = std::string("Apply threw: ") + e.what();
    } catch (...) {
      failure = "Apply threw an exception of unknown type";
    }
    if (!failure.empty()) {
      outcome.status = Status::Internal(failure);
      outcome.failed_event = i;
      return outcome;
    }
  }
  return outcome;
}

// The event's row operations, checked against the catalog: "" or what is wrong with them.
std::string ProjectorTarget::ApplyAndValidate(const RecordedEvent& event, RowOps* ops) {
  Status s = projection_->Apply(event, ops);
  if (!s.ok()) return "Apply failed: " + s.ToString();
  for (const RowOp& op : ops->ops()) {
    Status v = ValidateOp(op, catalog_);
    if (!v.ok()) return "invalid row operation: " + v.message();
  }
  return "";
}

// Folded statements in one exec (plus two round trips per COPY of a large insert): BEGIN, exec,
// COMMIT whatever the batch size. Rendering quotes values through the connection, which refuses
// some (invalid UTF-8 throws pqxx::argument_error): such a batch is replayed event by event,
// which names the event.
PgError ProjectorTarget::SendFolded(const std::string& bookkeeping, const std::vector<RowOps>& ops,
                                    size_t* statement_count, size_t* trips) {
  std::vector<RenderedStatement> statements;
  PgError error;
  try {
    SqlWriter writer(schema_, &catalog_, session_->Quoter());
    writer.set_copy_min_rows(options_->copy_min_rows);
    for (const RowOps& event_ops : ops) {
      for (const RowOp& op : event_ops.ops()) writer.Add(op);
    }
    statements = writer.Finish();
  } catch (const std::exception& e) {
    error = {PgErrorKind::kOther, std::string("rendering the batch: ") + e.what()};
  }
  if (error.ok()) {
    error = RunPg([&] {
      pqxx::work tx(session_->conn());
      ++*trips;
      *trips += SendStatements(tx, bookkeeping, statements);
      tx.commit();
      ++*trips;
    });
  }
  *statement_count = statements.size();
  return error;
}

// Names the event: replays one event at a time, operation by operation. If that succeeds, the
// failure came from running statements together and the replay's result is committed.
BatchOutcome ProjectorTarget::ReplayToNameTheEvent(const FollowerBatch& batch,
                                                   const std::vector<RowOps>& ops,
                                                   const std::string& bookkeeping) {
  bool committed = false;
  BatchOutcome replay = Replay(batch, ops, bookkeeping, &committed);
  if (!replay.status.ok()) return replay;
  if (!committed) {
    BatchOutcome outcome;
    outcome.status = Status::Internal("replay neither committed nor failed");
    return outcome;
  }
  return replay;
}

// A commit in doubt or a twin: the follower re-reads what PostgreSQL holds.
BatchOutcome ProjectorTarget::CommitFailed(const PgError& error, size_t events) {
  BatchOutcome outcome;
  if (error.kind == PgErrorKind::kCheckpointMoved) {
    outcome.checkpoints_moved = true;
    std::lock_guard<std::mutex> lock(stats_->mu);
    stats_->stats.moved_checkpoints++;
  } else {
    session_.reset();
  }
  outcome.status = ToStatus(error, fmt::format("projection '{}': committing a batch of {} events",
                                               projection_->name(), events));
  return outcome;
}

void ProjectorTarget::RecordCommitted(size_t events, size_t handled, size_t skipped, bool replayed,
                                      size_t sent, size_t trips) {
  reset_status_ = false;
  std::lock_guard<std::mutex> lock(stats_->mu);
  ProjectorStats& st = stats_->stats;
  st.batches++;
  st.events_read += events;
  st.events_applied += handled;
  st.events_skipped += skipped;
  if (!replayed) {
    st.statements += sent;
    st.round_trips += trips;
    st.last_batch_statements = sent;
    st.last_batch_round_trips = trips;
    st.max_batch_statements = std::max(st.max_batch_statements, sent);
    st.max_batch_round_trips = std::max(st.max_batch_round_trips, trips);
  } else {
    st.replayed_batches++;
  }
  st.last_batch_events = events;
}

BatchOutcome ProjectorTarget::Replay(const FollowerBatch& batch, const std::vector<RowOps>& ops,
                                     const std::string& bookkeeping, bool* committed) {
  *committed = false;
  const std::vector<RecordedEvent>& events = batch.events;
  std::optional<size_t> failed_at;
  std::string cause;
  PgError error = RunPg([&] {
    pqxx::work tx(session_->conn());
    tx.exec(bookkeeping);
    for (size_t i = 0; i < events.size() && !failed_at; ++i) {
      if (ops[i].size() == 0) continue;
      // Rendering inside the step: a value the connection refuses to quote is this event's fault.
      PgError step = RunPg([&] {
        SqlWriter writer(schema_, &catalog_, session_->Quoter(), /*fold=*/false);
        for (const RowOp& op : ops[i].ops()) writer.Add(op);
        tx.exec(JoinStatements(writer.Finish()));
      });
      if (step.kind == PgErrorKind::kStatement || step.kind == PgErrorKind::kOther) {
        failed_at = i;
        cause = step.message;
      } else if (!step.ok()) {
        throw pqxx::broken_connection(step.message);
      }
    }
    if (failed_at) {
      tx.abort();
    } else {
      tx.commit();
      *committed = true;
    }
  });
  BatchOutcome outcome;
  if (failed_at) {
    outcome.status = Status::Internal(cause);
    outcome.failed_event = *failed_at;
    return outcome;
  }
  if (!error.ok()) {
    if (error.kind == PgErrorKind::kCheckpointMoved) {
      outcome.checkpoints_moved = true;
    } else {
      session_.reset();
    }
    outcome.status = ToStatus(error, fmt::format("projection '{}': replaying a failed batch "
                                                 "event by event",
                                                 projection_->name()));
  }
  return outcome;
}

}  // namespace projector_detail
}  // namespace edu
