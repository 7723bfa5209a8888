// Internals of PgEventLog (eventstore/pg_event_log.h): the Impl class and the helpers its source
// files share. Included by those files only:
//   pg_event_log.cc             Open, the schema, starting and stopping the threads, stats
//   pg_event_log_connection.cc  libpqxx errors translated into Status; new tagged connections
//   pg_event_log_append.cc      Append: the writers' queues, group commit, retries, isolation
//   pg_event_log_batch.cc       a batch decided against the locked state, and the SQL writing it
//   pg_event_log_read.cc        the read methods (stream, partition, ends, commands, versions)
//   pg_event_log_seals.cc       signed partition heads: at creation, re-sealing, adoption
//   pg_event_log_wait.cc        WaitForEvents: the known partition ends and the LISTEN thread
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "eventstore/pg_event_log.h"

namespace edu {
namespace pg_log {

using SteadyClock = std::chrono::steady_clock;

// The NOTIFY channel of appends: payload "partition:end,partition:end" ("" means "re-read").
inline constexpr const char* kChannel = "eventstore_appended";

// The seal columns, as read next to a partition row (NULLs when the partition has no seal).
inline constexpr const char* kSealColumns =
    "s.partition, s.partition_count, s.next_offset, s.last_hash, s.epoch, s.sealed_at_us, "
    "s.sealed_since_us, s.taint, s.key_id, s.mac";

// ---- errors and connections (pg_event_log_connection.cc) ----

std::string TrimMessage(std::string message);

// Translates the exception being handled (call only inside a catch block). The boundary rule:
// nothing from libpqxx escapes PgEventLog.
Status StatusFromCurrentException(const std::string& context);

template <class F>
Status Guard(const std::string& context, F&& fn) {
  try {
    return fn();
  } catch (...) {
    return StatusFromCurrentException(context);
  }
}

inline bool IsOpen(const std::unique_ptr<pqxx::connection>& c) {
  return c != nullptr && c->is_open();
}

using ConnectionSetup = std::function<void(pqxx::connection&)>;

// A new connection, tagged for pg_stat_activity. Unavailable carries libpq's own message.
Status Connect(const std::string& uri, const std::string& role, const ConnectionSetup& setup,
               std::unique_ptr<pqxx::connection>* out);

inline std::string Text(const pqxx::field& f) { return std::string(f.c_str(), f.size()); }

// ---- reads (pg_event_log_read.cc) ----

// Prepares the read methods' statements on a new reader connection.
void PrepareReadStatements(pqxx::connection& c);

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

// ---- signed heads (pg_event_log_seals.cc) ----

// kSealColumns starting at row[first]; nullopt when the partition has no seal row.
std::optional<HeadSeal> SealFromRow(const pqxx::row& row, int first);

// One statement inserting or replacing the given partitions' seals.
std::string SealUpsert(pqxx::transaction_base& tx, const std::vector<HeadSeal>& seals);

}  // namespace pg_log

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
  // Steps 1 and 2 of TryCommit, inside its transaction (libpqxx exceptions propagate to it):
  // locks the batch's partition rows into plan->heads (Internal when a row is missing), then
  // reads the batch's stream versions and recorded command ids (Corruption for a bad stored id).
  Status LockHeads(pqxx::transaction_base& tx, const std::vector<int>& partitions,
                   BatchPlan* plan) const;
  static Status ReadStoredState(pqxx::transaction_base& tx,
                                const std::vector<PendingAppend*>& batch,
                                std::map<std::string, int64_t>* stored_versions,
                                std::map<Uuid, CommandRecord>* stored_commands);
  void Decide(const std::vector<PendingAppend*>& batch,
              const std::map<std::string, int64_t>& stored_versions,
              const std::map<Uuid, CommandRecord>& stored_commands, BatchPlan* plan) const;
  std::string WriteStatements(pqxx::transaction_base& tx, const BatchPlan& plan) const;
  // The moved heads' new seals; what the locked heads' seals said is carried forward.
  std::vector<HeadSeal> SignMovedHeads(
      const std::vector<std::pair<int, const PartitionHead*>>& moved, Timestamp recorded_at) const;
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

  pg_log::ConnectionPool reads_;

  // Partition ends known to this process; waiters sleep on wait_cv_.
  std::mutex wait_mu_;
  std::condition_variable wait_cv_;
  std::vector<int64_t> known_end_;
  int waiters_ = 0;

  // LISTEN connection, owned by the listener thread once it runs.
  std::unique_ptr<pqxx::connection> listen_conn_;
  std::unique_ptr<pg_log::AppendedReceiver> receiver_;
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

}  // namespace edu
