// EventLog: the contract every event-log backend keeps (PostgreSQL embedded, Kafka scale-out).
// tests/support/event_log_contract.h checks it against each backend.
//
// Model: streams ("<category>-<uuid>") with contiguous versions 1..n; each stream lives on one of
// P partitions (PartitionOf); each partition is an ordered log with offsets. A checkpoint is one
// offset per partition. All methods are thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/envelope.h"
#include "eventstore/status.h"

namespace edu {

struct ExpectedVersion {
  enum class Kind { kAny, kNoStream, kStreamExists, kExact };
  Kind kind = Kind::kAny;
  int64_t version = 0;  // for kExact

  static ExpectedVersion Any() { return {Kind::kAny, 0}; }
  static ExpectedVersion NoStream() { return {Kind::kNoStream, 0}; }
  static ExpectedVersion StreamExists() { return {Kind::kStreamExists, 0}; }
  // Exactly(0) is the same as NoStream().
  static ExpectedVersion Exactly(int64_t v) { return {Kind::kExact, v}; }

  // Whether a stream currently at `current` (0 = absent) satisfies this expectation.
  bool Admits(int64_t current) const {
    switch (kind) {
      case Kind::kAny:
        return true;
      case Kind::kNoStream:
        return current == 0;
      case Kind::kStreamExists:
        return current > 0;
      case Kind::kExact:
        return current == version;
    }
    return false;
  }
  std::string ToString() const;
};

// The durable record of a handled command, written atomically with its events so that a command
// retried with the same id returns its first result and appends nothing.
struct CommandRecord {
  Uuid command_id;
  std::string request_hash;  // digest of the request; reuse of an id for another request is refused
  std::string result;        // JSON: the response the first handling produced
};

struct AppendRequest {
  std::string stream_id;
  ExpectedVersion expected;
  std::vector<NewEvent> events;          // may be empty (then only `command` is recorded)
  std::optional<CommandRecord> command;  // recorded in the same transaction when present
};

struct AppendResult {
  int partition = 0;
  int64_t first_version = 0;  // versions given to the events (0 when none were appended)
  int64_t last_version = 0;   // the stream's version after the append
  int64_t first_offset = -1;  // partition offsets given to the events (-1 when none)
  int64_t last_offset = -1;
  // Set when the command id was already recorded: nothing was appended and this is the stored
  // record of the first handling.
  std::optional<CommandRecord> duplicate_of;
};

class EventLog {
 public:
  virtual ~EventLog() = default;

  virtual int partition_count() const = 0;

  // The partition of a stream: murmur2(stream_id) mod partition_count, the same function Kafka's
  // default partitioner uses for keys, so external producers keyed by stream id agree.
  int PartitionOf(std::string_view stream_id) const;

  // Appends request.events to the stream atomically (all or none), if the stream's current
  // version satisfies request.expected.
  // Returns OK (result filled), or WrongExpectedVersion (nothing appended; message gives the
  // current version), or InvalidArgument (bad stream id, malformed payload), or Duplicate (an
  // event's id is already in the log or twice in the request; nothing appended, the message names
  // the id; the Kafka log cannot tell, see kafka_event_log.h), or Unavailable.
  // If request.command is set and its id is already recorded, returns OK with
  // result->duplicate_of set and appends nothing (checked first, then the expected version, then
  // the event ids).
  virtual Status Append(const AppendRequest& request, AppendResult* result) = 0;

  // Events of one stream with version >= from_version, in version order. An absent stream yields
  // OK with no events.
  virtual Status ReadStream(const std::string& stream_id, int64_t from_version,
                            std::vector<RecordedEvent>* out) = 0;

  // Up to max_count events of a partition with offset >= from_offset, in offset order. A reader
  // that has seen offset k will never later find an event with offset < k appear (no gaps from
  // late commits). Offsets may skip numbers on backends whose logs hold non-event records (Kafka
  // transaction markers); readers resume from last offset + 1.
  virtual Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                               std::vector<RecordedEvent>* out) = 0;

  // The next offset each partition will assign (its "end"): lag = end - checkpoint.
  virtual Status EndOffsets(std::vector<int64_t>* end_offsets) = 0;

  // Blocks until the partition's end offset exceeds `from_offset` or the timeout elapses.
  // Returns OK when there is something to read, Timeout otherwise.
  virtual Status WaitForEvents(int partition, int64_t from_offset,
                               std::chrono::milliseconds timeout) = 0;

  // The stored record of a command id, or nullopt.
  virtual Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) = 0;

  // The current version of a stream (0 when absent).
  virtual Status StreamVersion(const std::string& stream_id, int64_t* version);
};

// The WrongExpectedVersion every backend returns, so callers read one message whatever the log:
// "stream <id> is at version <current>, expected <expectation>".
Status WrongExpectedVersionError(const std::string& stream_id, int64_t current,
                                 const ExpectedVersion& expected);

// Kafka's murmur2 (the Java client's Utils.murmur2), positive-masked.
uint32_t Murmur2(std::string_view data);

}  // namespace edu
