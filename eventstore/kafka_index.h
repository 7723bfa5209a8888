// What a reader or a partition owner knows of one events partition: the events it accepted, in
// log order, with their streams' versions.
//
// The acceptance rule makes every reader agree on one history even when the broker shows data a
// real Kafka would hide (the librdkafka 2.0.2 mock cluster shows aborted and open transactions
// to read_committed consumers, and does not fence a zombie writer):
//   an event read at some offset is accepted iff it extends the partition's hash chain
//   (prev_hash == hash of the last accepted event, "" for the first) AND its stream
//   (stream_version == the stream's current version + 1);
//   the events of one append (header edu.append = "i/n") are accepted together, once all n have
//   been read in a row, or not at all: an append torn by a crash never shows half of itself.
//   and, once the partition has been claimed (eventstore/kafka_wire.h, "Ownership claims"), it
//   was written by the owner of the last claim (an event written by a superseded owner is dropped
//   before it can tear its successor's append).
// Everything else is dropped: a second copy of a (stream, version), an event written by a zombie
// on a branch that lost, the pieces of a torn append. First in log order wins, for the whole
// branch after a fork.
// A partition whose first retained event is chained to an earlier one was truncated (retention);
// it cannot be rebuilt and every read of it reports Corruption.
//
// Not thread-safe: owners use it from one thread, KafkaEventLog under its mutex.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "eventstore/envelope.h"
#include "eventstore/status.h"

namespace edu {

class KafkaPartitionIndex {
 public:
  explicit KafkaPartitionIndex(int partition) : partition_(partition) {}

  enum class Verdict {
    kAccepted,  // accepted, with the rest of its append
    kPending,   // part of an append not read completely yet
    kDuplicate,
    kOffChain,
    kBroken,
    kSuperseded,  // written by another owner than the one of the last claim
  };

  // An event read from the log (e.offset set), the `index`-th (0-based) of an append of `size`
  // events, written by `owner` ("" when it names none). Accepted, held or dropped as described
  // above.
  Verdict Consume(RecordedEvent e, int index = 0, int size = 1, const std::string& owner = "");
  // A claim of the partition by `owner`: from here on only its events count. An append still
  // being read is torn (its writer was superseded).
  void Claim(const std::string& owner);
  const std::string& owner() const { return owner_; }
  // A record that is not an event at all (counted with the dropped ones).
  void Drop() { ++dropped_; }

  // An event the partition's owner writes itself, already sealed on head() and at the stream's
  // next version. Its offset is -1 until SetOffset. Returns its position for SetOffset.
  size_t AppendOwn(RecordedEvent e);
  void SetOffset(size_t position, int64_t offset);

  int partition() const { return partition_; }
  // The hash of the last accepted event ("" when none): the prev_hash of the next event.
  const std::string& head() const { return events_.empty() ? empty_ : events_.back().hash; }
  // Last accepted offset + 1; 0 when none. (Only meaningful when all offsets are known.)
  int64_t end() const { return events_.empty() ? 0 : events_.back().offset + 1; }
  size_t size() const { return events_.size(); }
  size_t dropped() const { return dropped_; }
  // OK, or Corruption when the partition was truncated before its first event.
  const Status& health() const { return health_; }

  int64_t StreamVersion(const std::string& stream_id) const;
  // Events of the stream with version >= from_version, in order.
  void ReadStream(const std::string& stream_id, int64_t from_version,
                  std::vector<RecordedEvent>* out) const;
  // Up to max_count accepted events with offset >= from_offset, appended to *out.
  void ReadFrom(int64_t from_offset, size_t max_count, std::vector<RecordedEvent>* out) const;
  const RecordedEvent& at(size_t position) const { return events_[position]; }

 private:
  int partition_;
  std::string empty_;
  std::vector<RecordedEvent> events_;                             // accepted, in log order
  std::unordered_map<std::string, std::vector<size_t>> streams_;  // stream -> positions by version
  std::vector<RecordedEvent> append_;  // the append being read (kPending)
  int append_size_ = 0;
  size_t dropped_ = 0;
  std::string owner_;  // of the last claim read ("" before any)
  Status health_;
};

}  // namespace edu
