#include "eventstore/pg_event_log.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <future>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <pqxx/pqxx>

#include "eventstore/append_validation.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/json_binding.h"
#include "eventstore/metrics.h"
#include "eventstore/utf8.h"

namespace edu {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kChannel = "eventstore_appended";

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

// The seal columns, as read next to a partition row (NULLs when the partition has no seal).
constexpr const char* kSealColumns =
    "s.partition, s.partition_count, s.next_offset, s.last_hash, s.epoch, s.sealed_at_us, "
    "s.sealed_since_us, s.taint, s.key_id, s.mac";
constexpr const char* kSealInsert =
    "INSERT INTO eventstore.head_seals (partition, partition_count, next_offset, last_hash, "
    "epoch, sealed_at_us, sealed_since_us, taint, key_id, mac) VALUES ";
constexpr const char* kSealUpsertTail =
    " ON CONFLICT (partition) DO UPDATE SET partition_count = EXCLUDED.partition_count, "
    "next_offset = EXCLUDED.next_offset, last_hash = EXCLUDED.last_hash, epoch = EXCLUDED.epoch, "
    "sealed_at_us = EXCLUDED.sealed_at_us, sealed_since_us = EXCLUDED.sealed_since_us, "
    "taint = EXCLUDED.taint, key_id = EXCLUDED.key_id, mac = EXCLUDED.mac";

// Timestamps leave as exact microseconds (extract(epoch) is numeric since PostgreSQL 14).
constexpr const char* kEventColumns =
    "partition, \"offset\", event_id::text, stream_id, stream_version, type, schema_version, "
    "marketplace, (extract(epoch FROM occurred_at) * 1000000)::bigint, "
    "(extract(epoch FROM recorded_at) * 1000000)::bigint, causation_id::text, "
    "correlation_id::text, actor_id, actor_role, metadata::text, payload::text, prev_hash, hash";

std::string TrimMessage(std::string message) {
  while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) {
    message.pop_back();
  }
  return message;
}

// Translates the exception being handled (call only inside a catch block). The boundary rule:
// nothing from libpqxx escapes this file.
Status StatusFromCurrentException(const std::string& context) {
  try {
    throw;
  } catch (const pqxx::in_doubt_error& e) {
    return Status::Unavailable(context +
                               ": connection to PostgreSQL lost during COMMIT; the outcome is "
                               "unknown: " +
                               TrimMessage(e.what()));
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable(context +
                               ": lost connection to PostgreSQL: " + TrimMessage(e.what()));
  } catch (const pqxx::sql_error& e) {
    return Status::Internal(context + ": SQLSTATE " + e.sqlstate() + ": " + TrimMessage(e.what()));
  } catch (const pqxx::conversion_error& e) {
    return Status::Corruption(context + ": unexpected stored value: " + TrimMessage(e.what()));
  } catch (const pqxx::usage_error& e) {
    return Status::Internal(context + ": libpqxx usage error: " + TrimMessage(e.what()));
  } catch (const std::exception& e) {
    return Status::Internal(context + ": " + TrimMessage(e.what()));
  } catch (...) {
    return Status::Internal(context + ": unknown exception");
  }
}

template <class F>
Status Guard(const std::string& context, F&& fn) {
  try {
    return fn();
  } catch (...) {
    return StatusFromCurrentException(context);
  }
}

bool IsOpen(const std::unique_ptr<pqxx::connection>& c) { return c != nullptr && c->is_open(); }

using ConnectionSetup = std::function<void(pqxx::connection&)>;

// A new connection, tagged for pg_stat_activity. Unavailable carries libpq's own message.
Status Connect(const std::string& uri, const std::string& role, const ConnectionSetup& setup,
               std::unique_ptr<pqxx::connection>* out) {
  out->reset();
  try {
    auto c = std::make_unique<pqxx::connection>(uri);
    c->set_client_encoding("UTF8");
    {
      pqxx::nontransaction tx(*c);
      tx.exec("SET application_name = " + tx.quote("eduledger-eventlog-" + role));
    }
    if (setup) setup(*c);
    *out = std::move(c);
    return Status::OK();
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable("cannot connect to PostgreSQL: " + TrimMessage(e.what()));
  } catch (...) {
    return StatusFromCurrentException("connecting to PostgreSQL");
  }
}

// PostgreSQL text cannot hold NUL and the database is UTF-8; refuse such input before it is queued
// rather than failing a whole batch with it.
bool IsValidUtf8(std::string_view s) {
  return s.find('\0') == std::string_view::npos && utf8::IsValid(s);
}

Status ValidateText(const AppendRequest& request) {
  auto check = [&](const std::string& what, std::string_view value) {
    return IsValidUtf8(value)
               ? Status::OK()
               : Status::InvalidArgument(what + " contains a NUL byte or is not valid UTF-8");
  };
  EDU_RETURN_IF_ERROR(check("stream id", request.stream_id));
  for (size_t i = 0; i < request.events.size(); ++i) {
    const NewEvent& e = request.events[i];
    std::string which = "event #" + std::to_string(i) + " of " + request.stream_id;
    EDU_RETURN_IF_ERROR(check(which + ": type", e.type));
    EDU_RETURN_IF_ERROR(check(which + ": marketplace", e.marketplace));
    EDU_RETURN_IF_ERROR(check(which + ": actor id", e.actor.id));
    EDU_RETURN_IF_ERROR(check(which + ": actor role", e.actor.role));
    EDU_RETURN_IF_ERROR(check(which + ": payload", e.payload));
    for (const auto& [key, value] : e.metadata) {
      EDU_RETURN_IF_ERROR(check(which + ": metadata key", key));
      EDU_RETURN_IF_ERROR(check(which + ": metadata '" + key + "'", value));
    }
  }
  if (request.command) {
    EDU_RETURN_IF_ERROR(check("command request hash", request.command->request_hash));
    EDU_RETURN_IF_ERROR(check("command result", request.command->result));
  }
  return Status::OK();
}

std::string Text(const pqxx::field& f) { return std::string(f.c_str(), f.size()); }

Status ParseUuidField(const pqxx::field& f, const char* what, Uuid* out) {
  auto id = ParseUuid(f.c_str());
  if (!id)
    return Status::Corruption(std::string("stored ") + what + " '" + f.c_str() + "' is not a UUID");
  *out = *id;
  return Status::OK();
}

// One row of kEventColumns.
Status EventFromRow(const pqxx::row& row, RecordedEvent* e) {
  e->partition = row[0].as<int>();
  e->offset = row[1].as<int64_t>();
  EDU_RETURN_IF_ERROR(ParseUuidField(row[2], "event id", &e->event_id));
  e->stream_id = Text(row[3]);
  e->stream_version = row[4].as<int64_t>();
  e->type = Text(row[5]);
  e->schema_version = row[6].as<int>();
  e->marketplace = Text(row[7]);
  e->occurred_at = Timestamp{row[8].as<int64_t>()};
  e->recorded_at = Timestamp{row[9].as<int64_t>()};
  EDU_RETURN_IF_ERROR(ParseUuidField(row[10], "causation id", &e->causation_id));
  EDU_RETURN_IF_ERROR(ParseUuidField(row[11], "correlation id", &e->correlation_id));
  e->actor = Actor{Text(row[12]), Text(row[13])};
  e->metadata.clear();
  Status metadata = json::Decode(Text(row[14]), &e->metadata);
  if (!metadata.ok()) {
    return Status::Corruption("metadata of event at partition " + std::to_string(e->partition) +
                              " offset " + std::to_string(e->offset) + ": " + metadata.message());
  }
  e->payload = Text(row[15]);
  e->prev_hash = Text(row[16]);
  e->hash = Text(row[17]);
  return Status::OK();
}

Status EventsFromResult(const pqxx::result& rows, std::vector<RecordedEvent>* out) {
  out->clear();
  out->reserve(rows.size());
  for (const auto& row : rows) {
    RecordedEvent e;
    EDU_RETURN_IF_ERROR(EventFromRow(row, &e));
    out->push_back(std::move(e));
  }
  return Status::OK();
}

void PrepareReadStatements(pqxx::connection& c) {
  c.prepare("read_stream",
            std::string("SELECT ") + kEventColumns +
                " FROM eventstore.events WHERE stream_id = $1 AND stream_version >= $2"
                " ORDER BY stream_version");
  c.prepare("read_partition",
            std::string("SELECT ") + kEventColumns +
                " FROM eventstore.events WHERE partition = $1 AND \"offset\" >= $2"
                " ORDER BY \"offset\" LIMIT $3");
  c.prepare("end_offsets",
            "SELECT partition, next_offset FROM eventstore.partitions ORDER BY partition");
  c.prepare("lookup_command",
            "SELECT request_hash, result FROM eventstore.commands WHERE command_id = $1::uuid");
  c.prepare("stream_version", "SELECT version FROM eventstore.streams WHERE stream_id = $1");
}

// A fixed number of lazily opened connections for the read methods. A connection found broken is
// replaced and the (idempotent) read tried once more.
class ConnectionPool {
 public:
  ConnectionPool(std::string uri, size_t size, std::atomic<int64_t>* reconnects)
      : uri_(std::move(uri)), slots_(size), reconnects_(reconnects) {
    for (size_t i = 0; i < size; ++i) free_.push_back(i);
  }

  template <class F>
  Status Run(const std::string& context, F&& fn) {
    size_t slot = Acquire();
    Status result;
    for (int attempt = 0; attempt < 2; ++attempt) {
      Slot& s = slots_[slot];
      if (!IsOpen(s.conn)) {
        if (s.used) ++*reconnects_;
        result = Connect(uri_, "reader", PrepareReadStatements, &s.conn).Annotate(context);
        if (!result.ok()) break;
        s.used = true;
      }
      try {
        result = fn(*s.conn);
        break;
      } catch (...) {
        result = StatusFromCurrentException(context);
        if (IsOpen(s.conn)) break;  // a query error, not a lost connection
        s.conn.reset();
      }
    }
    Release(slot);
    return result;
  }

 private:
  struct Slot {
    std::unique_ptr<pqxx::connection> conn;
    bool used = false;
  };

  size_t Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    size_t slot = free_.back();
    free_.pop_back();
    return slot;
  }
  void Release(size_t slot) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(slot);
    }
    cv_.notify_one();
  }

  const std::string uri_;
  std::vector<Slot> slots_;  // slot i is touched only by the thread that acquired it
  std::atomic<int64_t>* reconnects_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<size_t> free_;
};

// Delivers NOTIFY payloads of kChannel to a callback.
class AppendedReceiver : public pqxx::notification_receiver {
 public:
  AppendedReceiver(pqxx::connection_base& c, std::function<void(const std::string&)> on_payload)
      : pqxx::notification_receiver(c, kChannel), on_payload_(std::move(on_payload)) {}
  void operator()(const std::string& payload, int) override { on_payload_(payload); }

 private:
  std::function<void(const std::string&)> on_payload_;
};

// kSealColumns starting at row[first]; nullopt when the partition has no seal row.
std::optional<HeadSeal> SealFromRow(const pqxx::row& row, int first) {
  if (row[first].is_null()) return std::nullopt;
  HeadSeal seal;
  seal.partition = row[first].as<int>();
  seal.partition_count = row[first + 1].as<int>();
  seal.next_offset = row[first + 2].as<int64_t>();
  seal.last_hash = Text(row[first + 3]);
  seal.epoch = row[first + 4].as<int64_t>();
  seal.sealed_at = Timestamp{row[first + 5].as<int64_t>()};
  seal.sealed_since = Timestamp{row[first + 6].as<int64_t>()};
  seal.taint = Text(row[first + 7]);
  seal.key_id = Text(row[first + 8]);
  seal.mac = Text(row[first + 9]);
  return seal;
}

// One VALUES row of kSealInsert.
std::string SealValues(pqxx::transaction_base& tx, const HeadSeal& seal) {
  return std::to_string(seal.partition) + "," + std::to_string(seal.partition_count) + "," +
         std::to_string(seal.next_offset) + "," + tx.quote(seal.last_hash) + "," +
         std::to_string(seal.epoch) + "," + std::to_string(seal.sealed_at.micros) + "," +
         std::to_string(seal.sealed_since.micros) + "," + tx.quote(seal.taint) + "," +
         tx.quote(seal.key_id) + "," + tx.quote(seal.mac);
}

std::string SealUpsert(pqxx::transaction_base& tx, const std::vector<HeadSeal>& seals) {
  std::string sql = kSealInsert;
  for (size_t i = 0; i < seals.size(); ++i) {
    sql += (i == 0 ? "(" : ",(") + SealValues(tx, seals[i]) + ")";
  }
  return sql + kSealUpsertTail;
}

// A partition row and its seal, locked by one of the whole-log sealing transactions.
struct LockedHead {
  int partition = 0;
  int64_t next_offset = 0;
  std::string last_hash;
  std::optional<HeadSeal> stored;
};

// Locks every partition row, ascending as the writers do (so no deadlock with them).
std::vector<LockedHead> LockAllHeads(pqxx::transaction_base& tx) {
  std::vector<LockedHead> heads;
  for (const auto& row :
       tx.exec(std::string("SELECT p.partition, p.next_offset, p.last_hash, ") + kSealColumns +
               " FROM eventstore.partitions p LEFT JOIN eventstore.head_seals s "
               "ON s.partition = p.partition ORDER BY p.partition FOR UPDATE "
               "OF p")) {
    LockedHead h;
    h.partition = row[0].as<int>();
    h.next_offset = row[1].as<int64_t>();
    h.last_hash = Text(row[2]);
    h.stored = SealFromRow(row, 3);
    heads.push_back(std::move(h));
  }
  return heads;
}

std::string JoinInts(const std::vector<int>& values) {
  std::string out;
  for (int v : values) {
    if (!out.empty()) out += ',';
    out += std::to_string(v);
  }
  return out;
}

// Metrics of one committed group (eventstore/metrics.h): its requests and the events they appended.
template <class Decisions>
void RecordGroupCommitMetrics(size_t requests, const Decisions& decisions) {
  size_t events = 0;
  for (const auto& d : decisions) {
    if (d.status.ok() && d.result.first_offset >= 0) {
      events += static_cast<size_t>(d.result.last_offset - d.result.first_offset + 1);
    }
  }
  metrics::RecordGroupCommit("postgresql", requests, events);
}

}  // namespace

// ---- Impl --------------------------------------------------------------------------------------

class PgEventLog::Impl {
 public:
  Impl(std::string uri, Options options)
      : uri_(std::move(uri)),
        options_(std::move(options)),
        reads_(uri_, static_cast<size_t>(options_.read_pool_size), &reconnects_),
        known_end_(static_cast<size_t>(options_.partitions), 0) {}
  ~Impl() { Shutdown(); }

  Status Start();
  int partitions() const { return options_.partitions; }
  Status Append(const AppendRequest& request, AppendResult* result);
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out);
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out);
  Status EndOffsets(std::vector<int64_t>* end_offsets);
  Status WaitForEvents(int partition, int64_t from_offset, std::chrono::milliseconds timeout);
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out);
  Status StreamVersion(const std::string& stream_id, int64_t* version);
  Stats stats() const;
  Status ReadSeals(std::vector<HeadSeal>* out);
  Status SealCurrentHeads(const std::vector<std::pair<int64_t, std::string>>* verified);
  Status Reseal();

 private:
  struct PendingAppend {
    const AppendRequest* request = nullptr;
    int partition = 0;
    Status status;
    AppendResult result;
    std::promise<void> done;
  };

  // Writer k serves the partitions p with p % writer_threads == k, so this process's writers
  // never wait on each other's partition locks and commit in parallel.
  struct Writer {
    std::unique_ptr<pqxx::connection> conn;
    bool used = false;
    std::deque<PendingAppend*> queue;  // guarded by queue_mu_
    std::condition_variable queued;
    std::thread thread;
  };

  // What one request got, decided against the locked state; applies only if the batch commits.
  struct Decision {
    Status status;
    AppendResult result;
  };

  struct PartitionHead {
    int64_t next_offset = 0;
    std::string last_hash;
    bool appended = false;
    // As locked, before this batch (the seal is checked against it); with a seal key only.
    int64_t found_next_offset = 0;
    std::string found_last_hash;
    std::optional<HeadSeal> stored_seal;
  };

  // Everything a batch writes, decided before the first write.
  struct BatchPlan {
    std::vector<Decision> decisions;  // parallel to the batch
    std::vector<RecordedEvent> events;
    std::map<std::string, std::pair<int, int64_t>>
        stream_versions;                     // folded: stream -> (partition, version)
    std::map<Uuid, CommandRecord> commands;  // sorted: a stable lock order
    std::map<int, PartitionHead> heads;
    Timestamp recorded_at;
  };

  enum class Outcome { kCommitted, kFailed, kLostBeforeCommit, kInDoubt };
  struct Attempt {
    Outcome outcome = Outcome::kCommitted;
    Status error;
    std::string sqlstate;
  };

  Status InitSchema(pqxx::connection& c);
  void WriterLoop(Writer* w);
  void Process(Writer* w, const std::vector<PendingAppend*>& batch);
  Attempt TryCommit(Writer* w, const std::vector<PendingAppend*>& batch, BatchPlan* plan);
  void Decide(const std::vector<PendingAppend*>& batch,
              const std::map<std::string, int64_t>& stored_versions,
              const std::map<Uuid, CommandRecord>& stored_commands, BatchPlan* plan) const;
  std::string WriteStatements(pqxx::transaction_base& tx, const BatchPlan& plan) const;
  Status SingleRequestError(const PendingAppend& p, const Attempt& a) const;
  Status EnsureWriterConnected(Writer* w);
  static void Complete(PendingAppend* p, Status status, AppendResult result);

  Status StartListener();
  void ListenerLoop();
  Status ConnectListener();
  void RefreshEnds(pqxx::connection& c);
  void OnNotification(const std::string& payload);
  void AdvanceKnownEnd(int partition, int64_t end);
  void Shutdown();
  void SealerLoop();
  // Signs every partition in one transaction: at a new epoch, either carrying each seal's
  // findings forward (Reseal) or starting afresh after the caller verified the heads (adoption).
  Status SealAll(pqxx::connection& c, bool adopt,
                 const std::vector<std::pair<int64_t, std::string>>* verified);
  // Signs the empty heads of a log that has no event and no seal yet (in InitSchema).
  void SealNewLog(pqxx::transaction_base& tx);

  const std::string uri_;
  const Options options_;

  // Guards the writers' queues and stopping_.
  mutable std::mutex queue_mu_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Writer>> writers_;

  ConnectionPool reads_;

  // Partition ends known to this process; waiters sleep on wait_cv_.
  std::mutex wait_mu_;
  std::condition_variable wait_cv_;
  std::vector<int64_t> known_end_;
  int waiters_ = 0;

  // LISTEN connection, owned by the listener thread once it runs.
  std::unique_ptr<pqxx::connection> listen_conn_;
  std::unique_ptr<AppendedReceiver> receiver_;
  std::thread listener_;
  std::atomic<bool> listener_stop_{false};
  std::atomic<bool> refresh_requested_{false};
  int wake_pipe_[2] = {-1, -1};

  // The periodic re-sealing (seal_interval), on its own connection.
  std::thread sealer_;
  std::mutex sealer_mu_;
  std::condition_variable sealer_cv_;
  bool sealer_stop_ = false;
  std::unique_ptr<pqxx::connection> sealer_conn_;
  std::mutex sealer_conn_mu_;  // Reseal() and SealCurrentHeads() share sealer_conn_

  std::atomic<int64_t> batch_sequence_{0};
  std::atomic<int64_t> transactions_committed_{0};
  std::atomic<int64_t> requests_committed_{0};
  std::atomic<int64_t> batches_isolated_{0};
  std::atomic<int64_t> reconnects_{0};
  std::atomic<size_t> largest_batch_{0};
};

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

// ---- appends -----------------------------------------------------------------------------------

Status PgEventLog::Impl::Append(const AppendRequest& request, AppendResult* result) {
  EDU_RETURN_IF_ERROR(ValidateAppend(request));
  EDU_RETURN_IF_ERROR(ValidateText(request));
  PendingAppend pending;
  pending.request = &request;
  pending.partition =
      static_cast<int>(Murmur2(request.stream_id) % static_cast<uint32_t>(options_.partitions));
  std::future<void> done = pending.done.get_future();
  Writer& writer = *writers_[static_cast<size_t>(pending.partition % options_.writer_threads)];
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (stopping_) return Status::Unavailable("event log is shutting down");
    writer.queue.push_back(&pending);
  }
  writer.queued.notify_one();
  done.wait();
  *result = pending.result;
  return pending.status;
}

void PgEventLog::Impl::WriterLoop(Writer* w) {
  for (;;) {
    std::vector<PendingAppend*> batch;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      w->queued.wait(lock, [&] { return stopping_ || !w->queue.empty(); });
      if (w->queue.empty()) return;  // stopping, and everything queued has been handled
      while (!w->queue.empty() && batch.size() < options_.max_batch) {
        batch.push_back(w->queue.front());
        w->queue.pop_front();
      }
    }
    Process(w, batch);
  }
}

void PgEventLog::Impl::Complete(PendingAppend* p, Status status, AppendResult result) {
  p->status = std::move(status);
  p->result = std::move(result);
  p->done.set_value();  // the caller may return and destroy *p from here on
}

Status PgEventLog::Impl::EnsureWriterConnected(Writer* w) {
  if (IsOpen(w->conn)) return Status::OK();
  if (w->used) ++reconnects_;
  EDU_RETURN_IF_ERROR(Connect(uri_, "writer", nullptr, &w->conn));
  w->used = true;
  return Status::OK();
}

void PgEventLog::Impl::Process(Writer* w, const std::vector<PendingAppend*>& batch) {
  constexpr int kMaxTransientRetries = 3;
  bool retried_lost_connection = false;
  for (int transient_retries = 0;;) {
    Status connected = EnsureWriterConnected(w);
    if (!connected.ok()) {
      for (PendingAppend* p : batch) Complete(p, connected, AppendResult{});
      return;
    }
    BatchPlan plan;
    Attempt attempt = TryCommit(w, batch, &plan);
    switch (attempt.outcome) {
      case Outcome::kCommitted: {
        ++transactions_committed_;
        requests_committed_ += static_cast<int64_t>(batch.size());
        RecordGroupCommitMetrics(batch.size(), plan.decisions);
        size_t largest = largest_batch_.load();
        while (batch.size() > largest &&
               !largest_batch_.compare_exchange_weak(largest, batch.size())) {
        }
        // Wake in-process readers before the appenders return, so an appender's next
        // WaitForEvents sees its own events.
        for (const auto& [partition, head] : plan.heads) {
          if (head.appended) AdvanceKnownEnd(partition, head.next_offset);
        }
        for (size_t i = 0; i < batch.size(); ++i) {
          Complete(batch[i], plan.decisions[i].status, plan.decisions[i].result);
        }
        return;
      }
      case Outcome::kLostBeforeCommit:
        // The server rolls back a transaction whose connection dropped before COMMIT was sent:
        // nothing was written, so one retry on a fresh connection is safe.
        w->conn.reset();
        if (!retried_lost_connection) {
          retried_lost_connection = true;
          continue;
        }
        for (PendingAppend* p : batch) Complete(p, attempt.error, AppendResult{});
        return;
      case Outcome::kInDoubt:
        w->conn.reset();
        for (PendingAppend* p : batch) {
          std::string detail =
              attempt.error.message().empty() ? "" : ": " + attempt.error.message();
          Complete(
              p,
              Status::Unavailable("appending to " + p->request->stream_id +
                                  ": connection to PostgreSQL lost during COMMIT; the outcome is "
                                  "unknown (retrying with the same command id is safe)" +
                                  detail),
              AppendResult{});
        }
        return;
      case Outcome::kFailed: {
        if (batch.size() > 1) {
          // Do not blame innocent requests: find the culprit by handling each alone.
          ++batches_isolated_;
          for (PendingAppend* p : batch) Process(w, {p});
          return;
        }
        bool transient = attempt.sqlstate == "40001" || attempt.sqlstate == "40P01" ||
                         (attempt.sqlstate == "23505" &&
                          attempt.error.message().find("commands_pkey") != std::string::npos);
        if (transient && transient_retries < kMaxTransientRetries) {
          ++transient_retries;
          continue;
        }
        Complete(batch[0], SingleRequestError(*batch[0], attempt), AppendResult{});
        return;
      }
    }
  }
}

Status PgEventLog::Impl::SingleRequestError(const PendingAppend& p, const Attempt& a) const {
  const std::string& stream = p.request->stream_id;
  if (a.sqlstate == "23505" && a.error.message().find("events_event_id_key") != std::string::npos) {
    return Status::Duplicate("appending to " + stream +
                             ": an event id is already in the log: " + a.error.message());
  }
  if (a.sqlstate.rfind("22", 0) == 0) {  // data exception: the input, not the server
    return Status::InvalidArgument("appending to " + stream +
                                   ": PostgreSQL refused the data: " + a.error.message());
  }
  return a.error.Annotate("appending to " + stream);
}

PgEventLog::Impl::Attempt PgEventLog::Impl::TryCommit(Writer* w,
                                                      const std::vector<PendingAppend*>& batch,
                                                      BatchPlan* plan) {
  bool committing = false;
  auto lost = [&](const Status& error) {
    return Attempt{committing ? Outcome::kInDoubt : Outcome::kLostBeforeCommit, error, ""};
  };
  try {
    pqxx::work tx(*w->conn);
    std::set<int> involved;
    for (const PendingAppend* p : batch) involved.insert(p->partition);
    std::vector<int> partitions(involved.begin(), involved.end());

    // 1. Lock the partition rows, ascending (LockRows runs above the sort), so writers never
    //    deadlock on each other. Offsets are assigned under these locks, held until COMMIT.
    //    With a seal key, each row comes with its seal (same round trip), checked in
    //    WriteStatements against the head as locked.
    const bool sealing = !options_.seal_key.empty();
    pqxx::result heads = tx.exec(
        sealing ? std::string("SELECT p.partition, p.next_offset, p.last_hash, ") + kSealColumns +
                      " FROM eventstore.partitions p LEFT JOIN eventstore.head_seals s ON "
                      "s.partition = p.partition WHERE p.partition IN (" +
                      JoinInts(partitions) + ") ORDER BY p.partition FOR UPDATE OF p"
                : "SELECT partition, next_offset, last_hash FROM eventstore.partitions WHERE "
                  "partition IN (" +
                      JoinInts(partitions) + ") ORDER BY partition FOR UPDATE");
    for (const auto& row : heads) {
      PartitionHead& head = plan->heads[row[0].as<int>()];
      head.next_offset = row[1].as<int64_t>();
      head.last_hash = Text(row[2]);
      head.found_next_offset = head.next_offset;
      head.found_last_hash = head.last_hash;
      if (sealing) head.stored_seal = SealFromRow(row, 3);
    }
    if (plan->heads.size() != partitions.size()) {
      return Attempt{Outcome::kFailed,
                     Status::Internal("eventstore.partitions lacks a row for one of partitions " +
                                      JoinInts(partitions)),
                     ""};
    }

    // 2. The current versions of the batch's streams and the batch's already recorded command
    //    ids, in one round trip, read after the locks so it sees every earlier commit.
    std::set<std::string> stream_ids;
    std::set<Uuid> command_ids;
    for (const PendingAppend* p : batch) {
      stream_ids.insert(p->request->stream_id);
      if (p->request->command) command_ids.insert(p->request->command->command_id);
    }
    std::string lookup =
        "SELECT 's', stream_id, version::text, NULL::text FROM eventstore.streams WHERE stream_id "
        "IN (";
    bool first = true;
    for (const std::string& s : stream_ids) {
      lookup += (first ? "" : ",") + tx.quote(s);
      first = false;
    }
    lookup += ")";
    if (!command_ids.empty()) {
      lookup +=
          " UNION ALL SELECT 'c', command_id::text, request_hash, result FROM eventstore.commands "
          "WHERE command_id IN (";
      first = true;
      for (const Uuid& id : command_ids) {
        lookup += (first ? "'" : ",'") + ToString(id) + "'";
        first = false;
      }
      lookup += ")";
    }
    std::map<std::string, int64_t> stored_versions;
    std::map<Uuid, CommandRecord> stored_commands;
    for (const auto& row : tx.exec(lookup)) {
      if (row[0].c_str()[0] == 's') {
        stored_versions[Text(row[1])] = row[2].as<int64_t>();
      } else {
        CommandRecord record;
        auto id = ParseUuid(row[1].c_str());
        if (!id)
          return Attempt{Outcome::kFailed, Status::Corruption("stored command id is not a UUID"),
                         ""};
        record.command_id = *id;
        record.request_hash = Text(row[2]);
        record.result = Text(row[3]);
        stored_commands[*id] = std::move(record);
      }
    }

    // 3. Decide every request in FIFO order, then 4. write it all with multi-row statements.
    plan->recorded_at = options_.clock->Now();
    Decide(batch, stored_versions, stored_commands, plan);
    std::string writes = WriteStatements(tx, *plan);
    if (!writes.empty()) tx.exec(writes);

    if (options_.before_commit) {
      BatchInfo info;
      info.sequence = ++batch_sequence_;
      info.backend_pid = w->conn->backendpid();
      info.requests = batch.size();
      info.partitions = partitions;
      options_.before_commit(info);
    }
    committing = true;
    tx.commit();
    return Attempt{};
  } catch (const pqxx::in_doubt_error&) {
    committing = true;
    return lost(Status::Unavailable(""));  // libpqxx's text adds nothing to ours
  } catch (const pqxx::broken_connection&) {
    return lost(StatusFromCurrentException("appending"));
  } catch (const pqxx::sql_error& e) {
    Status error = StatusFromCurrentException("appending");
    // A server that terminates the session answers with an error (57P01) and then hangs up.
    if (!IsOpen(w->conn)) return lost(Status::Unavailable(error.message()));
    return Attempt{Outcome::kFailed, error, e.sqlstate()};
  } catch (...) {
    Status error = StatusFromCurrentException("appending");
    if (!IsOpen(w->conn) || committing) return lost(Status::Unavailable(error.message()));
    return Attempt{Outcome::kFailed, error, ""};
  }
}

void PgEventLog::Impl::Decide(const std::vector<PendingAppend*>& batch,
                              const std::map<std::string, int64_t>& stored_versions,
                              const std::map<Uuid, CommandRecord>& stored_commands,
                              BatchPlan* plan) const {
  std::map<std::string, int64_t> versions = stored_versions;  // advanced as the batch appends
  plan->decisions.assign(batch.size(), Decision{});
  for (size_t i = 0; i < batch.size(); ++i) {
    const AppendRequest& request = *batch[i]->request;
    const int p = batch[i]->partition;
    Decision& d = plan->decisions[i];
    d.result.partition = p;
    if (request.command) {
      const Uuid& id = request.command->command_id;
      auto stored = stored_commands.find(id);
      if (stored != stored_commands.end()) {
        d.result.duplicate_of = stored->second;
        continue;
      }
      auto earlier = plan->commands.find(id);  // recorded by an earlier request of this batch
      if (earlier != plan->commands.end()) {
        d.result.duplicate_of = earlier->second;
        continue;
      }
    }
    int64_t& current = versions[request.stream_id];
    if (!request.expected.Admits(current)) {
      d.status = WrongExpectedVersionError(request.stream_id, current, request.expected);
      continue;
    }
    PartitionHead& head = plan->heads[p];
    d.result.last_version = current;
    for (const NewEvent& e : request.events) {
      RecordedEvent r;
      static_cast<NewEvent&>(r) = e;
      r.stream_id = request.stream_id;
      r.stream_version = ++current;
      r.partition = p;
      r.offset = head.next_offset++;
      r.recorded_at = plan->recorded_at;
      SealEvent(head.last_hash, &r);
      head.last_hash = r.hash;
      head.appended = true;
      if (d.result.first_offset < 0) {
        d.result.first_offset = r.offset;
        d.result.first_version = r.stream_version;
      }
      d.result.last_offset = r.offset;
      d.result.last_version = r.stream_version;
      plan->events.push_back(std::move(r));
    }
    if (!request.events.empty()) plan->stream_versions[request.stream_id] = {p, current};
    if (request.command) plan->commands[request.command->command_id] = *request.command;
  }
}

std::string PgEventLog::Impl::WriteStatements(pqxx::transaction_base& tx,
                                              const BatchPlan& plan) const {
  std::string sql;
  auto rows = [&](const char* head, size_t count, const auto& row_at, const char* tail) {
    if (count == 0) return;
    sql += head;
    for (size_t i = 0; i < count; ++i) {
      sql += i == 0 ? "(" : ",\n(";
      sql += row_at(i);
      sql += ")";
    }
    sql += tail;
    sql += ";\n";
  };
  std::string recorded_at = tx.quote(FormatIso8601(plan.recorded_at));

  rows(
      "INSERT INTO eventstore.events (partition, \"offset\", event_id, stream_id, stream_version, "
      "type, "
      "schema_version, marketplace, occurred_at, recorded_at, causation_id, correlation_id, "
      "actor_id, "
      "actor_role, metadata, payload, prev_hash, hash) VALUES ",
      plan.events.size(),
      [&](size_t i) {
        const RecordedEvent& e = plan.events[i];
        std::string r;
        r.reserve(256 + e.payload.size());
        r += std::to_string(e.partition) + "," + std::to_string(e.offset) + ",'" +
             ToString(e.event_id) + "'," + tx.quote(e.stream_id) + "," +
             std::to_string(e.stream_version) + "," + tx.quote(e.type) + "," +
             std::to_string(e.schema_version) + "," + tx.quote(e.marketplace) + "," +
             tx.quote(FormatIso8601(e.occurred_at)) + "," + recorded_at + ",'" +
             ToString(e.causation_id) + "','" + ToString(e.correlation_id) + "'," +
             tx.quote(e.actor.id) + "," + tx.quote(e.actor.role) + "," +
             tx.quote(json::Encode(e.metadata)) + "," + tx.quote(e.payload) + "," +
             tx.quote(e.prev_hash) + "," + tx.quote(e.hash);
        return r;
      },
      "");

  // Folded per stream first: ON CONFLICT DO UPDATE refuses one key twice in a statement.
  std::vector<const std::pair<const std::string, std::pair<int, int64_t>>*> streams;
  for (const auto& entry : plan.stream_versions) streams.push_back(&entry);
  rows(
      "INSERT INTO eventstore.streams (stream_id, partition, version) VALUES ", streams.size(),
      [&](size_t i) {
        return tx.quote(streams[i]->first) + "," + std::to_string(streams[i]->second.first) + "," +
               std::to_string(streams[i]->second.second);
      },
      " ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version");

  std::vector<const CommandRecord*> commands;
  for (const auto& entry : plan.commands) commands.push_back(&entry.second);
  rows(
      "INSERT INTO eventstore.commands (command_id, request_hash, result, recorded_at) VALUES ",
      commands.size(),
      [&](size_t i) {
        return "'" + ToString(commands[i]->command_id) + "'," +
               tx.quote(commands[i]->request_hash) + "," + tx.quote(commands[i]->result) + "," +
               recorded_at;
      },
      "");

  std::vector<std::pair<int, const PartitionHead*>> moved;
  for (const auto& [partition, head] : plan.heads) {
    if (head.appended) moved.emplace_back(partition, &head);
  }
  rows(
      "UPDATE eventstore.partitions AS p SET next_offset = v.next_offset, last_hash = v.last_hash "
      "FROM (VALUES ",
      moved.size(),
      [&](size_t i) {
        return std::to_string(moved[i].first) + "," + std::to_string(moved[i].second->next_offset) +
               "::bigint," + tx.quote(moved[i].second->last_hash) + "::text";
      },
      ") AS v(partition, next_offset, last_hash) WHERE p.partition = v.partition");

  if (!moved.empty() && !options_.seal_key.empty()) {
    // The new heads, signed; what the locked heads' seals said is carried forward.
    std::vector<HeadSeal> seals;
    for (const auto& [partition, head] : moved) {
      SealCarry carry =
          CarryForward(options_.seal_key, partition, options_.partitions, head->found_next_offset,
                       head->found_last_hash, head->stored_seal ? &*head->stored_seal : nullptr,
                       plan.recorded_at);
      HeadSeal seal;
      seal.partition = partition;
      seal.partition_count = options_.partitions;
      seal.next_offset = head->next_offset;
      seal.last_hash = head->last_hash;
      seal.epoch = carry.epoch;
      seal.sealed_at = plan.recorded_at;
      seal.sealed_since = carry.sealed_since;
      seal.taint = std::move(carry.taint);
      seal.Sign(options_.seal_key);
      seals.push_back(std::move(seal));
    }
    sql += SealUpsert(tx, seals) + ";\n";
  }

  if (!moved.empty()) {
    // Delivered at COMMIT to every listener on this database: "partition:end,partition:end".
    std::string payload;
    for (const auto& [partition, head] : moved) {
      if (!payload.empty()) payload += ',';
      payload += std::to_string(partition) + ":" + std::to_string(head->next_offset);
    }
    if (payload.size() > 7000) payload.clear();  // NOTIFY payloads are capped; "" means "re-read"
    sql += "SELECT pg_notify(" + tx.quote(kChannel) + "," + tx.quote(payload) + ");\n";
  }
  return sql;
}

// ---- reads -------------------------------------------------------------------------------------

Status PgEventLog::Impl::ReadStream(const std::string& stream_id, int64_t from_version,
                                    std::vector<RecordedEvent>* out) {
  out->clear();
  return reads_.Run("reading stream " + stream_id, [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return EventsFromResult(tx.exec_prepared("read_stream", stream_id, from_version), out);
  });
}

Status PgEventLog::Impl::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                       std::vector<RecordedEvent>* out) {
  out->clear();
  if (partition < 0 || partition >= options_.partitions) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  auto limit =
      static_cast<int64_t>(std::min<size_t>(max_count, std::numeric_limits<int64_t>::max()));
  return reads_.Run("reading partition " + std::to_string(partition), [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return EventsFromResult(tx.exec_prepared("read_partition", partition, from_offset, limit), out);
  });
}

Status PgEventLog::Impl::EndOffsets(std::vector<int64_t>* end_offsets) {
  end_offsets->assign(static_cast<size_t>(options_.partitions), 0);
  EDU_RETURN_IF_ERROR(reads_.Run("reading partition ends", [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    for (const auto& row : tx.exec_prepared("end_offsets")) {
      int p = row[0].as<int>();
      if (p >= 0 && p < options_.partitions)
        (*end_offsets)[static_cast<size_t>(p)] = row[1].as<int64_t>();
    }
    return Status::OK();
  }));
  for (int p = 0; p < options_.partitions; ++p)
    AdvanceKnownEnd(p, (*end_offsets)[static_cast<size_t>(p)]);
  return Status::OK();
}

Status PgEventLog::Impl::LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) {
  out->reset();
  return reads_.Run("looking up command " + ToString(command_id), [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_prepared("lookup_command", ToString(command_id));
    if (!r.empty()) *out = CommandRecord{command_id, Text(r[0][0]), Text(r[0][1])};
    return Status::OK();
  });
}

Status PgEventLog::Impl::StreamVersion(const std::string& stream_id, int64_t* version) {
  *version = 0;
  return reads_.Run("reading the version of stream " + stream_id, [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_prepared("stream_version", stream_id);
    if (!r.empty()) *version = r[0][0].as<int64_t>();
    return Status::OK();
  });
}

// ---- signed heads ------------------------------------------------------------------------------

void PgEventLog::Impl::SealNewLog(pqxx::transaction_base& tx) {
  pqxx::row r = tx.exec1(
      "SELECT (SELECT count(*) FROM eventstore.head_seals), (SELECT coalesce(max(next_offset), 0) "
      "FROM eventstore.partitions)");
  // A log with events but no seal is adopted only on purpose (SealCurrentHeads): removing every
  // seal must not make the next start sign whatever the tables then hold.
  if (r[0].as<int64_t>() != 0 || r[1].as<int64_t>() != 0) return;
  const Timestamp now = options_.clock->Now();
  std::vector<HeadSeal> seals;
  for (int p = 0; p < options_.partitions; ++p) {
    HeadSeal seal;
    seal.partition = p;
    seal.partition_count = options_.partitions;
    seal.sealed_at = now;
    seal.sealed_since = now;
    seal.Sign(options_.seal_key);
    seals.push_back(std::move(seal));
  }
  tx.exec(SealUpsert(tx, seals));
}

Status PgEventLog::Impl::SealAll(pqxx::connection& c, bool adopt,
                                 const std::vector<std::pair<int64_t, std::string>>* verified) {
  const SealKey& key = options_.seal_key;
  pqxx::work tx(c);
  std::vector<LockedHead> heads = LockAllHeads(tx);
  if (heads.size() != static_cast<size_t>(options_.partitions)) {
    return Status::Corruption("eventstore.partitions holds " + std::to_string(heads.size()) +
                              " rows; the log has " + std::to_string(options_.partitions) +
                              " partitions");
  }
  int64_t newest_epoch = 0;
  bool any_seal = false;
  for (const LockedHead& h : heads) {
    any_seal = any_seal || h.stored.has_value();
    if (h.stored && h.stored->Verifies(key)) newest_epoch = std::max(newest_epoch, h.stored->epoch);
    if (verified != nullptr) {
      const auto& [offset, hash] = (*verified)[static_cast<size_t>(h.partition)];
      if (h.next_offset != offset || h.last_hash != hash) {
        return Status::WrongExpectedVersion(
            "partition " + std::to_string(h.partition) + " moved while it was being verified (" +
            std::to_string(offset) + " events then, " + std::to_string(h.next_offset) +
            " now); nothing was signed: run it again, or stop the writers first");
      }
    }
  }
  // Nothing to carry forward: evidence that every seal is gone stays as it is (verify reports it).
  if (!adopt && !any_seal) return Status::OK();
  const Timestamp now = options_.clock->Now();
  std::vector<HeadSeal> seals;
  for (const LockedHead& h : heads) {
    HeadSeal seal;
    seal.partition = h.partition;
    seal.partition_count = options_.partitions;
    seal.next_offset = h.next_offset;
    seal.last_hash = h.last_hash;
    seal.epoch = newest_epoch + 1;
    seal.sealed_at = now;
    seal.sealed_since = now;
    if (!adopt) {
      SealCarry carry = CarryForward(key, h.partition, options_.partitions, h.next_offset,
                                     h.last_hash, h.stored ? &*h.stored : nullptr, now);
      seal.sealed_since = carry.sealed_since;
      seal.taint = std::move(carry.taint);
      if (h.stored && h.stored->Verifies(key) && h.stored->epoch < newest_epoch) {
        seal.taint += (seal.taint.empty() ? "" : "; later ") + std::string("at offset ") +
                      std::to_string(h.next_offset) + " the re-sealing found a seal of epoch " +
                      std::to_string(h.stored->epoch) + " while the others were at epoch " +
                      std::to_string(newest_epoch) +
                      ": the partition was rolled back to an earlier seal";
      }
    }
    seal.Sign(key);
    seals.push_back(std::move(seal));
  }
  tx.exec(SealUpsert(tx, seals));
  tx.commit();
  return Status::OK();
}

Status PgEventLog::Impl::ReadSeals(std::vector<HeadSeal>* out) {
  out->clear();
  return reads_.Run("reading the signed heads", [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    for (const auto& row : tx.exec(std::string("SELECT ") + kSealColumns +
                                   " FROM eventstore.head_seals s ORDER BY s.partition")) {
      out->push_back(*SealFromRow(row, 0));
    }
    return Status::OK();
  });
}

Status PgEventLog::Impl::SealCurrentHeads(
    const std::vector<std::pair<int64_t, std::string>>* verified) {
  if (options_.seal_key.empty()) return Status::InvalidArgument("signing heads needs an audit key");
  if (verified != nullptr && verified->size() != static_cast<size_t>(options_.partitions)) {
    return Status::InvalidArgument("expected the verified heads of all " +
                                   std::to_string(options_.partitions) + " partitions");
  }
  std::lock_guard<std::mutex> lock(sealer_conn_mu_);
  if (!IsOpen(sealer_conn_)) EDU_RETURN_IF_ERROR(Connect(uri_, "sealer", nullptr, &sealer_conn_));
  return Guard("signing the partition heads",
               [&] { return SealAll(*sealer_conn_, /*adopt=*/true, verified); });
}

Status PgEventLog::Impl::Reseal() {
  if (options_.seal_key.empty()) return Status::InvalidArgument("re-sealing needs an audit key");
  std::lock_guard<std::mutex> lock(sealer_conn_mu_);
  if (!IsOpen(sealer_conn_)) EDU_RETURN_IF_ERROR(Connect(uri_, "sealer", nullptr, &sealer_conn_));
  return Guard("re-sealing the partition heads",
               [&] { return SealAll(*sealer_conn_, /*adopt=*/false, nullptr); });
}

void PgEventLog::Impl::SealerLoop() {
  std::unique_lock<std::mutex> lock(sealer_mu_);
  while (!sealer_cv_.wait_for(lock, options_.seal_interval, [&] { return sealer_stop_; })) {
    lock.unlock();
    Reseal();  // a failure (database away) is retried at the next interval on a new connection
    lock.lock();
  }
}

// ---- waiting -----------------------------------------------------------------------------------

void PgEventLog::Impl::AdvanceKnownEnd(int partition, int64_t end) {
  if (partition < 0 || partition >= options_.partitions) return;
  bool advanced = false;
  {
    std::lock_guard<std::mutex> lock(wait_mu_);
    int64_t& known = known_end_[static_cast<size_t>(partition)];
    if (end > known) {
      known = end;
      advanced = true;
    }
  }
  if (advanced) wait_cv_.notify_all();
}

Status PgEventLog::Impl::WaitForEvents(int partition, int64_t from_offset,
                                       std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= options_.partitions) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  std::unique_lock<std::mutex> lock(wait_mu_);
  ++waiters_;
  bool ready = wait_cv_.wait_for(
      lock, timeout, [&] { return known_end_[static_cast<size_t>(partition)] > from_offset; });
  --waiters_;
  return ready ? Status::OK()
               : Status::Timeout("no new events in partition " + std::to_string(partition) +
                                 " from offset " + std::to_string(from_offset));
}

void PgEventLog::Impl::OnNotification(const std::string& payload) {
  // "p:end,p:end"; anything else (an empty payload included) asks for a re-read.
  bool understood = !payload.empty();
  size_t pos = 0;
  while (understood && pos < payload.size()) {
    size_t comma = payload.find(',', pos);
    std::string item =
        payload.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    size_t colon = item.find(':');
    char* end = nullptr;
    if (colon == std::string::npos) {
      understood = false;
      break;
    }
    long partition = std::strtol(item.c_str(), &end, 10);
    long long next = std::strtoll(item.c_str() + colon + 1, &end, 10);
    if (*end != '\0') {
      understood = false;
      break;
    }
    AdvanceKnownEnd(static_cast<int>(partition), static_cast<int64_t>(next));
    pos = comma == std::string::npos ? payload.size() : comma + 1;
  }
  if (!understood) refresh_requested_ = true;
}

void PgEventLog::Impl::RefreshEnds(pqxx::connection& c) {
  pqxx::nontransaction tx(c);
  for (const auto& row : tx.exec("SELECT partition, next_offset FROM eventstore.partitions")) {
    AdvanceKnownEnd(row[0].as<int>(), row[1].as<int64_t>());
  }
}

Status PgEventLog::Impl::ConnectListener() {
  receiver_.reset();
  EDU_RETURN_IF_ERROR(Connect(uri_, "listener", nullptr, &listen_conn_));
  // LISTEN first, then read the ends: an append in between is caught by one or the other.
  return Guard("listening for appends", [&] {
    receiver_ = std::make_unique<AppendedReceiver>(
        *listen_conn_, [this](const std::string& payload) { OnNotification(payload); });
    RefreshEnds(*listen_conn_);
    return Status::OK();
  });
}

Status PgEventLog::Impl::StartListener() {
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status::Internal("creating the listener's wake-up pipe failed");
  }
  EDU_RETURN_IF_ERROR(ConnectListener());
  listener_ = std::thread([this] { ListenerLoop(); });
  return Status::OK();
}

void PgEventLog::Impl::ListenerLoop() {
  const auto interval = std::max(options_.recheck_interval, std::chrono::milliseconds(1));
  auto next_refresh = SteadyClock::now() + interval;
  while (!listener_stop_) {
    if (!IsOpen(listen_conn_)) {
      ++reconnects_;
      if (!ConnectListener().ok()) {
        receiver_.reset();
        listen_conn_.reset();
        pollfd wake{wake_pipe_[0], POLLIN, 0};
        poll(&wake, 1, 500);  // back off; the stop request still wakes us
        continue;
      }
    }
    try {
      auto wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(next_refresh - SteadyClock::now());
      pollfd fds[2] = {{listen_conn_->sock(), POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
      poll(fds, 2, static_cast<int>(std::clamp<int64_t>(wait.count(), 0, interval.count())));
      if (fds[1].revents != 0) {
        char drain[64];
        while (read(wake_pipe_[0], drain, sizeof drain) > 0) {
        }
      }
      listen_conn_->get_notifs();  // also delivers notifications buffered during queries
      bool has_waiters;
      {
        std::lock_guard<std::mutex> lock(wait_mu_);
        has_waiters = waiters_ > 0;
      }
      bool due = SteadyClock::now() >= next_refresh;
      if (refresh_requested_.exchange(false) || (due && has_waiters)) {
        RefreshEnds(*listen_conn_);
        listen_conn_->get_notifs();
      }
      if (due) next_refresh = SteadyClock::now() + interval;
    } catch (...) {
      receiver_.reset();
      listen_conn_.reset();
    }
  }
  receiver_.reset();
  listen_conn_.reset();
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
