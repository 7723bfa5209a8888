// KafkaEventLog: the EventLog contract on a Kafka cluster (see docs/kafka.md).
//
// Reads: a background consumer (read_committed) reads every partition of <prefix>.events and
// <prefix>.command-results from the start and keeps, per partition, a KafkaPartitionIndex: the
// accepted events in log order (each (stream, version) once, first in log order wins, see
// kafka_index.h) plus the command records found in event and result headers. ReadPartition,
// ReadStream, LookupCommand and WaitForEvents answer from it. Offsets are Kafka offsets of the
// events topic; they may skip numbers (transaction markers, dropped duplicates), so readers
// resume at last offset + 1, as the contract allows.
//
// Writes: there is exactly one writer per partition, the command processor that owns commands
// partition p (adapters/kafka/kafka_processor.h). Append sends the request to that owner through
// the commands topic (EncodeAppendRequest) and waits for its answer; the owner checks the expected
// version and the command id against its own index and writes the events in a Kafka transaction.
// Append then waits until this reader has read its own events, so a caller reads its writes.
// Without a running processor, Append returns Unavailable after settings.request_timeout_ms.
//
// Event ids: unlike the PostgreSQL and in-memory logs, this log does not refuse an event whose id
// is already in the log. The owner of a partition knows only that partition's events; refusing an
// id used on another partition would need a log-wide index of event ids that no owner keeps. The
// command pipeline derives event ids from the command id, whose record is looked up first, so
// only a writer that reuses ids by mistake can repeat one. (The contract suite declares it:
// kRefusesDuplicateEventIds = false.)
//
// Memory: the index holds every event of the log (fine for development, tests and the demo; a
// large deployment would page the index out, see docs/kafka.md). All methods are thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "eventstore/event_log.h"
#include "eventstore/kafka_client.h"
#include "eventstore/kafka_index.h"
#include "eventstore/kafka_requests.h"
#include "eventstore/kafka_wire.h"

namespace edu {

class KafkaEventLog : public EventLog {
 public:
  // Starts reading and returns once the reader has read what the log held at the call (so a
  // fresh process sees the log it joins). Topics must exist (EnsureKafkaTopics).
  static Status Open(const KafkaSettings& settings, std::unique_ptr<KafkaEventLog>* out);
  ~KafkaEventLog() override;

  int partition_count() const override { return settings_.partitions; }
  Status Append(const AppendRequest& request, AppendResult* result) override;
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out) override;
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override;
  // The index's ends after catching up with the broker's high watermarks (bounded wait).
  Status EndOffsets(std::vector<int64_t>* end_offsets) override;
  Status WaitForEvents(int partition, int64_t from_offset,
                       std::chrono::milliseconds timeout) override;
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) override;
  Status StreamVersion(const std::string& stream_id, int64_t* version) override;

  // Blocks until the reader has read every events partition (or just `partitions`) up to the end
  // the broker reports now. Timeout (or Unavailable when the broker cannot be asked) otherwise.
  // A writer that must see another partition's latest committed events (command references)
  // calls this first.
  Status CatchUp(std::chrono::milliseconds timeout);
  Status CatchUp(const std::vector<int>& partitions, std::chrono::milliseconds timeout);

  // Events read but not accepted (duplicates, zombie branches): a health figure.
  size_t dropped_events() const;
  const KafkaSettings& settings() const { return settings_; }

 private:
  explicit KafkaEventLog(KafkaSettings settings);
  void Run();
  void Consume(const rd_kafka_message_t* m);
  Status PartitionHealth(int partition) const;  // mu_ held

  KafkaSettings settings_;
  KafkaHandle consumer_;
  std::unique_ptr<KafkaRequestChannel> requests_;
  std::mutex requests_mu_;  // creating requests_ lazily

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<KafkaPartitionIndex> partitions_;
  std::vector<int64_t> positions_;  // next offset the reader will fetch, per events partition
  std::map<Uuid, CommandRecord> commands_;
  std::unique_ptr<kafka_wire::ResultClaims> result_claims_;  // under mu_
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace edu
