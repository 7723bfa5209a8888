// Projector::Rebuild: the blue-green rebuild. A second log follower, on the 'rebuild' checkpoint
// slot and a fresh schema, builds the tables from offset zero while the live follower keeps
// serving; the swap renames the schemas and moves the checkpoints in one transaction and restarts
// the live follower from the fresh checkpoints.
#include <thread>

#include <fmt/format.h>

#include "projections/projector.h"
#include "projections/projector_pg.h"
#include "projections/projector_target.h"

namespace edu {

using projector_detail::DdlFor;
using projector_detail::kBookkeepingLockKey;
using projector_detail::PgError;
using projector_detail::PgSession;
using projector_detail::RunPg;
using projector_detail::ToStatus;
using projector_detail::Transient;

Status Projector::Rebuild() {
  std::lock_guard<std::mutex> rebuild_lock(rebuild_mu_);
  EDU_RETURN_IF_ERROR(CheckInitialized());
  // A rebuild honours every skip decision recorded so far (and any recorded while it runs is
  // read by the live projector; the next rebuild reads it too).
  EDU_RETURN_IF_ERROR(RefreshDecisions());
  std::unique_ptr<PgSession> session;
  EDU_RETURN_IF_ERROR(Connect(&session));

  // 1. A fresh schema with the current DDL and zero checkpoints in the rebuild slot.
  int generation = 0;
  std::string fresh_schema;
  EDU_RETURN_IF_ERROR(PrepareFreshSchema(session.get(), &generation, &fresh_schema));

  // The fresh schema's follower: same reading, skipping and stopping as the live one; its stops
  // are reported through the rebuild's result (and the live follower when it cannot serve).
  Target fresh(uri_, projection_, &options_, stats_.get(), fresh_schema, /*live=*/false);
  FollowerOptions follow = follower_->options();
  follow.report_stops = false;
  LogFollower builder(log_, &fresh, &fresh, follow);

  // 2. Build from offset zero while the live tables serve (and advance, if Run is going).
  Status s = builder.Start();
  if (s.ok()) s = BuildToEnd(&builder);
  if (!s.ok()) return AbandonRebuild(s, builder, fresh_schema);
  if (options_.before_swap) options_.before_swap(fresh_schema);

  // 3. Pause live batches, take the last events in, swap in one transaction.
  const std::string old_copy = fmt::format("{}__old_{}", projection_->schema(), generation);
  EDU_RETURN_IF_ERROR(SwapIn(session.get(), &builder, fresh_schema, old_copy, generation));

  // 4. Drop the old copy outside the swap, so that readers still on it never block the swap. A
  // failure leaves a leftover the next rebuild removes.
  RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec("DROP SCHEMA IF EXISTS " + old_copy + " CASCADE");
    tx.commit();
  });
  return Status::OK();
}

Status Projector::PrepareFreshSchema(PgSession* session, int* generation,
                                     std::string* fresh_schema) {
  const std::string name = projection_->name();
  const std::string schema = projection_->schema();
  const size_t partitions = static_cast<size_t>(log_->partition_count());
  PgError error = RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kBookkeepingLockKey);
    auto stored = tx.exec_params(
        "SELECT generation FROM eduledger.projection_status WHERE projection = $1 FOR UPDATE",
        name);
    if (stored.empty()) throw std::runtime_error("no status row: Initialize() first");
    *generation = stored[0][0].as<int>();
    *fresh_schema = fmt::format("{}__rebuild_{}", schema, *generation + 1);
    // Leftovers of a rebuild that crashed or whose old copy could not be dropped.
    std::string drops;
    for (const auto& row : tx.exec_params(
             "SELECT nspname FROM pg_namespace WHERE left(nspname, length($1) + 9) = $1 || "
             "'__rebuild' OR left(nspname, length($1) + 5) = $1 || '__old'",
             schema)) {
      drops += fmt::format("DROP SCHEMA {} CASCADE;\n", QuoteIdentifier(row[0].c_str()));
    }
    if (!drops.empty()) tx.exec(drops);
    tx.exec("CREATE SCHEMA " + *fresh_schema + ";\n" + DdlFor(*projection_, *fresh_schema));
    tx.exec_params(
        "DELETE FROM eduledger.projection_checkpoints WHERE projection = $1 AND slot = 'rebuild'",
        name);
    tx.exec_params(
        "INSERT INTO eduledger.projection_checkpoints (projection, slot, partition, next_offset) "
        "SELECT $1, 'rebuild', p, 0 FROM generate_series(0, $2 - 1) AS p",
        name, static_cast<int>(partitions));
    tx.exec_params(
        "UPDATE eduledger.projection_status SET state = 'rebuilding', rebuild_schema = $2, "
        "updated_at = now() WHERE projection = $1",
        name, *fresh_schema);
    tx.commit();
  });
  if (!error.ok()) {
    return ToStatus(error, fmt::format("projection '{}': preparing a rebuild", name));
  }
  return Status::OK();
}

// Transient errors (a lost connection) are retried a few times before giving the rebuild up.
Status Projector::BuildToEnd(LogFollower* builder) {
  Status s;
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(options_.retry_backoff);
    s = builder->CatchUp();
    if (!Transient(s)) break;
  }
  return s;
}

// With live batches paused: takes the last events in, then in one transaction renames the live
// schema away and the fresh one in and moves the checkpoints; the live follower goes on from them.
Status Projector::SwapIn(PgSession* session, LogFollower* builder, const std::string& fresh_schema,
                         const std::string& old_copy, int generation) {
  const std::string name = projection_->name();
  const std::string schema = projection_->schema();
  auto paused = follower_->PauseBatches();
  Status s = BuildToEnd(builder);
  if (!s.ok()) return AbandonRebuild(s, *builder, fresh_schema);
  PgError error = RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec_params("SELECT 1 FROM eduledger.projection_status WHERE projection = $1 FOR UPDATE",
                   name);
    if (!tx.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema).empty()) {
      tx.exec(fmt::format("ALTER SCHEMA {} RENAME TO {}", schema, old_copy));
    }
    tx.exec(fmt::format("ALTER SCHEMA {} RENAME TO {}", fresh_schema, schema));
    tx.exec_params(
        "DELETE FROM eduledger.projection_checkpoints WHERE projection = $1 AND slot = 'live'",
        name);
    tx.exec_params(
        "UPDATE eduledger.projection_checkpoints SET slot = 'live', updated_at = now() "
        "WHERE projection = $1 AND slot = 'rebuild'",
        name);
    tx.exec_params(
        "UPDATE eduledger.projection_status SET version = $2, generation = $3, "
        "state = 'running', live_schema = $4, rebuild_schema = NULL, last_error = NULL, "
        "error_stream = NULL, error_version = NULL, error_partition = NULL, "
        "error_offset = NULL, error_event_type = NULL, error_event_id = NULL, "
        "updated_at = now() WHERE projection = $1",
        name, projection_->version(), generation + 1, schema);
    tx.commit();
  });
  if (!error.ok()) {
    return AbandonRebuild(
        ToStatus(error, fmt::format("projection '{}': swapping in {}", name, fresh_schema)),
        *builder, fresh_schema);
  }
  // The live follower goes on from the fresh checkpoints, into the swapped-in tables.
  live_->ForgetCatalog();
  live_->set_reset_status(false);
  follower_->Restart(builder->checkpoints());
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    needs_rebuild_ = false;
    rebuild_reason_.clear();
  }
  return Status::OK();
}

// The live tables are untouched and keep their state (running, unless they had failed or are of
// another version); records why the rebuild stopped and returns `s`. An event's failure keeps the
// error_* columns the stop wrote.
Status Projector::AbandonRebuild(const Status& s, const LogFollower& builder,
                                 const std::string& fresh_schema) {
  bool live_ok;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    live_ok = follower_->last_error().ok() && !needs_rebuild_;
    // Tables that must be rebuilt cannot serve: the projection is stopped where the rebuild
    // stopped (Run waits for a decision about that event, then rebuilds again).
    if (needs_rebuild_) follower_->ReportStopped(s, builder.stopped_at());
  }
  RunPg([&] {
    pqxx::connection c(uri_);
    pqxx::work tx(c);
    tx.exec_params(
        "UPDATE eduledger.projection_status SET state = $2, last_error = $3, "
        "updated_at = now() WHERE projection = $1",
        projection_->name(), std::string(live_ok ? "running" : "failed"),
        fmt::format("rebuild into {} failed: {}", fresh_schema, s.ToString()));
    tx.commit();
  });
  return s;
}

}  // namespace edu
