// The projector's lifecycle: Initialize (bookkeeping and the projection's schema), and the live
// follower's CatchUp / Run / Lag / WaitForPosition. A batch's work is in projector_target.cc, the
// rebuild in projector_rebuild.cc, PostgreSQL plumbing in projector_pg.cc.
#include "projections/projector.h"

#include <regex>
#include <thread>

#include <fmt/format.h>

#include "projections/projector_pg.h"
#include "projections/projector_target.h"

namespace edu {

using projector_detail::DdlFor;
using projector_detail::kBookkeepingDdl;
using projector_detail::kBookkeepingLockKey;
using projector_detail::PgError;
using projector_detail::PgSession;
using projector_detail::RunPg;
using projector_detail::SharedProjectorStats;
using projector_detail::ToStatus;

Projector::Projector(EventLog* log, std::string pg_uri, const Projection* projection,
                     ProjectorOptions options)
    : log_(log),
      uri_(std::move(pg_uri)),
      projection_(projection),
      options_(std::move(options)),
      stats_(std::make_unique<SharedProjectorStats>()) {
  if (options_.batch_size == 0) options_.batch_size = 1;
  live_ = std::make_unique<Target>(uri_, projection_, &options_, stats_.get(),
                                   projection_->schema(), /*live=*/true);
  FollowerOptions follow;
  follow.component = "projection";
  follow.name = projection_->name();
  follow.batch_size = options_.batch_size;
  follow.idle_wait = options_.idle_wait;
  follow.retry_backoff = options_.retry_backoff;
  follower_ = std::make_unique<LogFollower>(log_, live_.get(), live_.get(), std::move(follow));
}

Projector::~Projector() = default;

bool Projector::needs_rebuild() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return needs_rebuild_;
}

Status Projector::CheckInitialized() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  if (!initialized_) return Status::InvalidArgument("Projector::Initialize() has not succeeded");
  return Status::OK();
}

Status Projector::last_error() const { return follower_->last_error(); }

std::optional<StoppedEvent> Projector::stopped_at() const { return follower_->stopped_at(); }

Status Projector::RefreshDecisions(size_t* added) {
  return follower_->RefreshDecisions(added).Annotate(
      fmt::format("projection '{}'", projection_->name()));
}

std::vector<int64_t> Projector::checkpoints() const { return follower_->checkpoints(); }

ProjectorStats Projector::stats() const {
  std::lock_guard<std::mutex> lock(stats_->mu);
  return stats_->stats;
}

namespace {

// What Initialize found in the bookkeeping: whether the tables must be rebuilt (and why), and
// whether the projection was stopped.
struct StoredTables {
  bool needs_rebuild = false;
  std::string reason;
  bool was_failed = false;
};

Status CheckNames(const Projection& projection) {
  const std::string name = projection.name();
  const std::string schema = projection.schema();
  static const std::regex kPlainName("[a-z_][a-z0-9_]{0,39}");
  if (name.empty()) return Status::InvalidArgument("projection has an empty name");
  if (!std::regex_match(schema, kPlainName)) {
    return Status::InvalidArgument(fmt::format(
        "projection '{}': schema '{}' must be a plain lowercase identifier of at most 40 "
        "characters (rebuilds append \"__rebuild_<n>\")",
        name, schema));
  }
  for (const char* reserved : {"eduledger", "public"}) {
    if (schema == reserved) {
      return Status::InvalidArgument(
          fmt::format("projection '{}': schema '{}' is reserved", name, schema));
    }
  }
  return Status::OK();
}

// First use: the projection's schema and tables and its status row; or, when the schema already
// holds tables nobody recorded building, a status row asking for a rebuild.
void RecordFirstUse(pqxx::work& tx, const Projection& projection, int64_t relations,
                    StoredTables* found) {
  const std::string name = projection.name();
  const std::string schema = projection.schema();
  if (relations > 0) {
    // Someone else's tables: never write into them; a rebuild replaces them wholesale.
    tx.exec_params(
        "INSERT INTO eduledger.projection_status (projection, version, live_schema, state) "
        "VALUES ($1, 0, $2, 'running')",
        name, schema);
    found->needs_rebuild = true;
    found->reason = fmt::format(
        "projection '{}': schema '{}' already holds tables that no projector recorded "
        "building; call Rebuild() to build them afresh from the log",
        name, schema);
  } else {
    tx.exec("CREATE SCHEMA IF NOT EXISTS " + schema + ";\n" + DdlFor(projection, schema));
    tx.exec_params(
        "INSERT INTO eduledger.projection_status (projection, version, live_schema, state) "
        "VALUES ($1, $2, $3, 'running')",
        name, projection.version(), schema);
  }
}

// Known: the stored version and schema decide whether the tables must be rebuilt.
void CompareWithStored(const Projection& projection, int stored_version, bool schema_exists,
                       StoredTables* found) {
  const std::string name = projection.name();
  const std::string schema = projection.schema();
  const int version = projection.version();
  if (stored_version != version) {
    found->needs_rebuild = true;
    found->reason = fmt::format(
        "projection '{}': the tables in schema '{}' were built by version {}, this code is "
        "version {}; call Rebuild() to rebuild them from the log",
        name, schema, stored_version, version);
  } else if (!schema_exists) {
    found->needs_rebuild = true;
    found->reason = fmt::format(
        "projection '{}': its schema '{}' is missing; call Rebuild() to rebuild it", name, schema);
  }
}

// One transaction: the bookkeeping tables, this projection's status row (and, on first use, its
// tables) and zero live checkpoints where none are stored.
PgError InitializeBookkeeping(PgSession* session, const Projection& projection, int partitions,
                              StoredTables* found) {
  const std::string name = projection.name();
  const std::string schema = projection.schema();
  return RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec(fmt::format("SELECT pg_advisory_xact_lock({});\n", kBookkeepingLockKey) +
            kBookkeepingDdl);
    auto owner = tx.exec_params(
        "SELECT projection FROM eduledger.projection_status "
        "WHERE live_schema = $1 AND projection <> $2",
        schema, name);
    if (!owner.empty()) {
      throw std::runtime_error(fmt::format("schema '{}' already belongs to projection '{}'", schema,
                                           owner[0][0].c_str()));
    }
    auto stored = tx.exec_params(
        "SELECT version, state FROM eduledger.projection_status WHERE projection = $1 FOR UPDATE",
        name);
    auto relations =
        tx.exec_params(
              "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = $1",
              schema)[0][0]
            .as<int64_t>();
    auto schema_exists = tx.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema);
    if (stored.empty()) {
      RecordFirstUse(tx, projection, relations, found);
    } else {
      found->was_failed = std::string(stored[0][1].c_str()) == "failed";
      CompareWithStored(projection, stored[0][0].as<int>(), !schema_exists.empty(), found);
    }
    tx.exec_params(
        "INSERT INTO eduledger.projection_checkpoints (projection, slot, partition, next_offset) "
        "SELECT $1, 'live', p, 0 FROM generate_series(0, $2 - 1) AS p ON CONFLICT DO NOTHING",
        name, partitions);
    tx.commit();
  });
}

}  // namespace

Status Projector::Initialize() {
  EDU_RETURN_IF_ERROR(CheckNames(*projection_));
  const int partitions = log_->partition_count();
  auto paused = follower_->PauseBatches();
  std::unique_ptr<PgSession> session;
  EDU_RETURN_IF_ERROR(Connect(&session));
  StoredTables found;
  PgError error = InitializeBookkeeping(session.get(), *projection_, partitions, &found);
  if (!error.ok()) {
    return ToStatus(error, fmt::format("projection '{}': initializing", projection_->name()));
  }
  live_->ForgetCatalog();
  live_->set_reset_status(found.was_failed);
  // Checkpoints start at zero until loaded below (tables that must be rebuilt are never read).
  follower_->Restart(std::vector<int64_t>(static_cast<size_t>(partitions), 0));
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    initialized_ = true;
    needs_rebuild_ = found.needs_rebuild;
    rebuild_reason_ = found.reason;
  }
  paused.unlock();
  // The operators' skip decisions, before the first batch (a rebuild reads them again).
  EDU_RETURN_IF_ERROR(RefreshDecisions());
  if (found.needs_rebuild) {
    live_->MarkCatalogLoaded();  // the tables are not this version's: never read them
    return Status::InvalidArgument(found.reason);
  }
  return follower_->Start();
}

Status Projector::Connect(std::unique_ptr<PgSession>* session) const {
  try {
    *session = std::make_unique<PgSession>(uri_);
  } catch (const std::exception& e) {
    return Status::Unavailable(fmt::format("projection '{}': connecting to PostgreSQL: {}",
                                           projection_->name(), e.what()));
  }
  return Status::OK();
}

Status Projector::CatchUp(size_t* applied) {
  size_t local = 0;
  if (applied == nullptr) applied = &local;
  *applied = 0;
  EDU_RETURN_IF_ERROR(CheckInitialized());
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (needs_rebuild_) return Status::InvalidArgument(rebuild_reason_);
  }
  const uint64_t before = stats().events_applied;
  Status s = follower_->CatchUp(nullptr);
  *applied = static_cast<size_t>(stats().events_applied - before);
  return s;
}

void Projector::IdleUntilRebuilt(const std::atomic<bool>& stop) {
  if (follower_->last_error().ok()) {
    auto until = std::chrono::steady_clock::now() + options_.idle_wait;
    while (!stop.load() && needs_rebuild() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return;
  }
  // A rebuild failed (at an event, or PostgreSQL was away): try again once an operator decided
  // about that event, or after a while for other failures.
  follower_->WaitWhileStopped(stop);
  if (stop.load()) return;
  try {
    Rebuild();  // records its own failure
  } catch (...) {
  }
}

void Projector::Run(const std::atomic<bool>& stop) {
  if (!CheckInitialized().ok()) return;
  while (!stop.load()) {
    if (needs_rebuild()) {  // idle until a Rebuild swaps in tables of this version
      IdleUntilRebuilt(stop);
      continue;
    }
    follower_->Run(stop, [this] { return needs_rebuild(); });
  }
}

Status Projector::Lag(std::vector<int64_t>* per_partition) {
  EDU_RETURN_IF_ERROR(CheckInitialized());
  return follower_->Lag(per_partition);
}

Status Projector::WaitForPosition(int partition, int64_t offset,
                                  std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= log_->partition_count()) {
    return Status::InvalidArgument(fmt::format("partition {} does not exist (the log has {})",
                                               partition, log_->partition_count()));
  }
  EDU_RETURN_IF_ERROR(CheckInitialized());
  return follower_->WaitForPosition(partition, offset, timeout);
}

}  // namespace edu
