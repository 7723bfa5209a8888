// PgEventLog (eventstore/pg_event_log.h): opening the log (options, schema, partition count),
// starting and stopping its writer, listener and sealer threads, its counters, and the public
// methods, which forward to Impl (eventstore/pg_event_log_internal.h lists the other files).
#include "eventstore/pg_event_log.h"

#include <unistd.h>

#include "eventstore/pg_event_log_internal.h"

namespace edu {
namespace {

// Idempotent; run under an advisory lock so concurrent openers do not race on the catalogs.
constexpr const char* kSchemaSql = R"sql(
CREATE SCHEMA IF NOT EXISTS eventstore;
CREATE TABLE IF NOT EXISTS eventstore.config (
  key text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE IF NOT EXISTS eventstore.partitions (
  partition int PRIMARY KEY,
  next_offset bigint NOT NULL,
  last_hash text NOT NULL
);
CREATE TABLE IF NOT EXISTS eventstore.events (
  partition int NOT NULL,
  "offset" bigint NOT NULL,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  stream_version bigint NOT NULL,
  type text NOT NULL,
  schema_version int NOT NULL,
  marketplace text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  causation_id uuid NOT NULL,
  correlation_id uuid NOT NULL,
  actor_id text NOT NULL,
  actor_role text NOT NULL,
  metadata json NOT NULL,
  payload json NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (partition, "offset"),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS eventstore.streams (
  stream_id text PRIMARY KEY,
  partition int NOT NULL,
  version bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS eventstore.commands (
  command_id uuid PRIMARY KEY,
  request_hash text NOT NULL,
  result text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS eventstore.head_seals (
  partition int PRIMARY KEY,
  partition_count int NOT NULL,
  next_offset bigint NOT NULL,
  last_hash text NOT NULL,
  epoch bigint NOT NULL,
  sealed_at_us bigint NOT NULL,
  sealed_since_us bigint NOT NULL,
  taint text NOT NULL,
  key_id text NOT NULL,
  mac text NOT NULL
);
COMMENT ON TABLE eventstore.head_seals IS
  'each partition head signed (HMAC-SHA256) with the audit key, which is kept outside the database; times in microseconds since 1970 exactly as signed; see docs/tamper-evidence.md';
)sql";

}  // namespace

using pg_log::Connect;
using pg_log::Guard;
using pg_log::Text;

Status PgEventLog::Impl::Start() {
  auto first = std::make_unique<Writer>();
  EDU_RETURN_IF_ERROR(Connect(uri_, "writer", nullptr, &first->conn));
  first->used = true;
  EDU_RETURN_IF_ERROR(
      Guard("creating the event log schema", [&] { return InitSchema(*first->conn); }));
  writers_.push_back(std::move(first));
  for (int i = 1; i < options_.writer_threads; ++i) {
    auto w = std::make_unique<Writer>();
    EDU_RETURN_IF_ERROR(Connect(uri_, "writer", nullptr, &w->conn));
    w->used = true;
    writers_.push_back(std::move(w));
  }
  EDU_RETURN_IF_ERROR(StartListener());
  for (auto& w : writers_) w->thread = std::thread([this, raw = w.get()] { WriterLoop(raw); });
  if (!options_.seal_key.empty() && options_.seal_interval.count() > 0) {
    sealer_ = std::thread([this] { SealerLoop(); });
  }
  return Status::OK();
}

Status PgEventLog::Impl::InitSchema(pqxx::connection& c) {
  pqxx::work tx(c);
  tx.exec("SET LOCAL client_min_messages = warning");  // no "already exists, skipping" notices
  tx.exec("SELECT pg_advisory_xact_lock(hashtext('eduledger.eventstore.schema'))");
  tx.exec(kSchemaSql);
  pqxx::result stored =
      tx.exec("SELECT value FROM eventstore.config WHERE key = 'partition_count'");
  if (stored.empty()) {
    tx.exec("INSERT INTO eventstore.config (key, value) VALUES ('partition_count', " +
            tx.quote(std::to_string(options_.partitions)) + ")");
    tx.exec(
        "INSERT INTO eventstore.partitions (partition, next_offset, last_hash) "
        "SELECT p, 0, '' FROM generate_series(0, " +
        std::to_string(options_.partitions - 1) + ") AS p");
  } else {
    std::string value = Text(stored[0][0]);
    if (value != std::to_string(options_.partitions)) {
      return Status::InvalidArgument("event log was created with " + value +
                                     " partitions; configuration asks for " +
                                     std::to_string(options_.partitions));
    }
  }
  if (!options_.seal_key.empty()) SealNewLog(tx);
  tx.commit();
  return Status::OK();
}

void PgEventLog::Impl::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(sealer_mu_);
    sealer_stop_ = true;
  }
  sealer_cv_.notify_all();
  if (sealer_.joinable()) sealer_.join();
  sealer_conn_.reset();
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    stopping_ = true;
  }
  for (auto& w : writers_) w->queued.notify_all();
  for (auto& w : writers_) {
    if (w->thread.joinable()) w->thread.join();
  }
  listener_stop_ = true;
  if (wake_pipe_[1] >= 0) {
    char byte = 1;
    [[maybe_unused]] ssize_t n = write(wake_pipe_[1], &byte, 1);
  }
  if (listener_.joinable()) listener_.join();
  try {
    receiver_.reset();  // UNLISTEN may throw on a dead connection
  } catch (...) {
  }
  listen_conn_.reset();
  for (int& fd : wake_pipe_) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
}

PgEventLog::Stats PgEventLog::Impl::stats() const {
  Stats s;
  s.transactions_committed = transactions_committed_;
  s.requests_committed = requests_committed_;
  s.batches_isolated = batches_isolated_;
  s.reconnects = reconnects_;
  s.largest_batch = largest_batch_;
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    for (const auto& w : writers_) s.queued += w->queue.size();
  }
  return s;
}

// ---- PgEventLog --------------------------------------------------------------------------------

Status PgEventLog::Open(const std::string& uri, const Options& options,
                        std::unique_ptr<PgEventLog>* out) {
  out->reset();
  if (options.partitions < 1)
    return Status::InvalidArgument("event log needs at least 1 partition");
  if (options.writer_threads < 1)
    return Status::InvalidArgument("event log needs at least 1 writer thread");
  if (options.max_batch < 1)
    return Status::InvalidArgument("event log max_batch must be at least 1");
  if (options.read_pool_size < 1)
    return Status::InvalidArgument("event log read_pool_size must be at least 1");
  if (options.clock == nullptr) return Status::InvalidArgument("event log needs a clock");
  auto impl = std::make_unique<Impl>(uri, options);
  EDU_RETURN_IF_ERROR(impl->Start());
  out->reset(new PgEventLog(std::move(impl)));
  return Status::OK();
}

PgEventLog::PgEventLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PgEventLog::~PgEventLog() = default;

int PgEventLog::partition_count() const { return impl_->partitions(); }

Status PgEventLog::Append(const AppendRequest& request, AppendResult* result) {
  *result = AppendResult{};
  return impl_->Append(request, result);
}

Status PgEventLog::ReadStream(const std::string& stream_id, int64_t from_version,
                              std::vector<RecordedEvent>* out) {
  return impl_->ReadStream(stream_id, from_version, out);
}

Status PgEventLog::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                 std::vector<RecordedEvent>* out) {
  return impl_->ReadPartition(partition, from_offset, max_count, out);
}

Status PgEventLog::EndOffsets(std::vector<int64_t>* end_offsets) {
  return impl_->EndOffsets(end_offsets);
}

Status PgEventLog::WaitForEvents(int partition, int64_t from_offset,
                                 std::chrono::milliseconds timeout) {
  return impl_->WaitForEvents(partition, from_offset, timeout);
}

Status PgEventLog::LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) {
  return impl_->LookupCommand(command_id, out);
}

Status PgEventLog::StreamVersion(const std::string& stream_id, int64_t* version) {
  return impl_->StreamVersion(stream_id, version);
}

PgEventLog::Stats PgEventLog::stats() const { return impl_->stats(); }

Status PgEventLog::ReadSeals(std::vector<HeadSeal>* out) { return impl_->ReadSeals(out); }

Status PgEventLog::SealCurrentHeads(const std::vector<std::pair<int64_t, std::string>>& verified) {
  return impl_->SealCurrentHeads(&verified);
}

Status PgEventLog::Reseal() { return impl_->Reseal(); }

}  // namespace edu
