// PgEventLog: the EventLog on PostgreSQL, the embedded default backend.
//
// Storage (schema `eventstore`, outside the four marketplace schemas):
//   config(key, value)                         the partition count the log was created with
//   partitions(partition, next_offset, last_hash)  one row per partition: its end and chain head
//   events(partition, "offset", event_id, stream_id, stream_version, ..., payload json, prev_hash,
//   hash) streams(stream_id, partition, version)     current version per stream
//   commands(command_id, request_hash, result, recorded_at)
//   head_seals(partition, partition_count, next_offset, last_hash, epoch, sealed_at_us,
//              sealed_since_us, taint, key_id, mac)   each partition's head signed with the audit
//                                                    key (eventstore/head_seal.h)
// Payload and metadata are `json` (not jsonb), so the stored text is byte-identical to what the
// hash chain covers.
//
// Writes: Append() validates, enqueues and waits. Writer threads (one connection each; writer k
// serves the partitions p with p % writer_threads == k, so they never contend with each other)
// take every pending request of their queue (up to max_batch) and handle them in ONE transaction
// (group commit): they lock the involved partition rows in ascending order (no deadlock with other
// processes' writers), decide each request in FIFO order against the locked state (command ids,
// expected versions), write with multi-row statements, NOTIFY and commit. Offsets are assigned
// under the partition row lock, held until commit, so commits within a partition become visible
// in offset order: a reader never skips an event that commits late, whichever process wrote it.
// A batch that fails as a whole is retried request by request, so only the culprit gets the error.
//
// Signed heads (Options::seal_key set): the same transaction also upserts a signed seal of every
// partition head it moved (one more statement in the batch's single round trip; one HMAC per
// partition and batch). The seal of the head it locked is checked first: a head that is not the
// signed one (edited, truncated, seal removed) is appended to anyway, and the finding travels in
// every later seal (HeadSeal::taint). A sealer thread re-signs every partition at a new epoch each
// seal_interval, so a partition rolled back to an earlier seal stands out. A new log is signed at
// creation; a log that has events but no seals is adopted only by SealCurrentHeads
// (`eduledger audit seal`), never silently: stripping the seals must not be a way to reset them.
//
// Reads use a small connection pool. WaitForEvents is woken by this process's writers, by
// LISTEN/NOTIFY for appends made elsewhere, and by a periodic re-check of the partition ends.
//
// Every libpqxx exception is translated into a Status here; nothing throws out of PgEventLog.
// All methods are thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eventstore/clock.h"
#include "eventstore/event_log.h"
#include "eventstore/head_seal.h"

namespace edu {

class PgEventLog : public EventLog {
 public:
  // What a test hook learns about the group-commit transaction it is called in.
  struct BatchInfo {
    int64_t sequence = 0;  // 1, 2, 3, ... per log instance, in the order transactions are tried
    int backend_pid = 0;   // the writer connection's server process
    size_t requests = 0;   // append requests in the transaction
    std::vector<int> partitions;  // partition rows it holds locked, ascending
  };

  struct Options {
    int partitions = 8;
    int writer_threads = 2;  // each owns partitions p % writer_threads == its index
    size_t max_batch = 256;  // append requests per group-commit transaction
    int read_pool_size = 4;  // connections shared by the read methods
    const Clock* clock = SystemClock::Instance();  // recorded_at
    // How often waiting readers re-check the partition ends in the database, so that a lost
    // notification delays a reader but never hangs it.
    std::chrono::milliseconds recheck_interval{500};
    // Test hook: called by a writer after all rows of a batch are written and before COMMIT
    // (partition locks held). Lets tests hold a commit back or kill the connection.
    std::function<void(const BatchInfo&)> before_commit;
    // The audit key that signs partition heads; empty: heads are not signed (read-only tools,
    // tests of other things). Every writer of one log must use the same key.
    SealKey seal_key;
    // How often every partition is re-signed at a new epoch (needs seal_key); 0: never.
    std::chrono::milliseconds seal_interval{60'000};
  };

  // Counters for tests and the metrics endpoint.
  struct Stats {
    int64_t transactions_committed = 0;  // group-commit transactions that committed
    int64_t requests_committed = 0;      // append requests completed by a committed transaction
    int64_t batches_isolated = 0;        // failed batches retried request by request
    int64_t reconnects = 0;              // writer / reader / listener connections re-established
    size_t largest_batch = 0;
    size_t queued = 0;  // requests waiting for a writer right now
  };

  // Connects, creates the schema if needed (serialised by an advisory lock, so concurrent
  // openers are safe) and starts the writer and listener threads.
  // Returns InvalidArgument for bad options or when the database was created with another
  // partition count, Unavailable (with the libpq message) when the server cannot be reached,
  // Internal for other database errors.
  static Status Open(const std::string& uri, const Options& options,
                     std::unique_ptr<PgEventLog>* out);

  // Completes the requests already queued, then stops the threads and closes the connections.
  ~PgEventLog() override;
  PgEventLog(const PgEventLog&) = delete;
  PgEventLog& operator=(const PgEventLog&) = delete;

  int partition_count() const override;
  // Besides the EventLog results: Unavailable saying the outcome is unknown when the connection
  // was lost during COMMIT (retrying with the same command id is safe), Duplicate when an event id
  // is already in the log, Internal (with the SQLSTATE) for other database errors.
  Status Append(const AppendRequest& request, AppendResult* result) override;
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out) override;
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override;
  Status EndOffsets(std::vector<int64_t>* end_offsets) override;
  Status WaitForEvents(int partition, int64_t from_offset,
                       std::chrono::milliseconds timeout) override;
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) override;
  // From the streams table (one indexed row) rather than reading the stream.
  Status StreamVersion(const std::string& stream_id, int64_t* version) override;

  Stats stats() const;

  // The stored head seals, ascending by partition (none when the log was never signed).
  Status ReadSeals(std::vector<HeadSeal>* out);
  // Signs every partition's current head as it is, with no taint and a new sealed_since: adopting
  // a log written without the key, or an operator's decision after an incident. Needs seal_key.
  // `verified` holds, per partition, the (next_offset, last_hash) the caller checked; when the
  // locked heads differ (the log moved meanwhile), nothing is written and FailedPrecondition-like
  // WrongExpectedVersion is returned.
  Status SealCurrentHeads(const std::vector<std::pair<int64_t, std::string>>& verified);
  // Re-signs every partition at a new epoch now (what the sealer thread does each seal_interval).
  Status Reseal();

  class Impl;

 private:
  explicit PgEventLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace edu
