// The command processors of the Kafka deployment: the one writer of each partition.
//
// Processors form the consumer group <prefix>.processors on <prefix>.commands. The owner of
// commands partition p (see docs/kafka.md for the full argument):
//   1. takes a transactional producer with transactional.id <prefix>.owner-<p>; init_transactions
//      fences every earlier owner of p (a real Kafka aborts its open transaction);
//   2. rebuilds partition p from the log, from offset 0: events p (KafkaPartitionIndex: the
//      streams' versions and the chain head) and command-results p (which command offsets were
//      answered, and the command records that make retried command ids no-ops);
//   3. decides each batch of commands with the ordinary CommandPipeline, over an EventLog that is
//      this partition's index plus the open transaction, and in ONE Kafka transaction produces the
//      events, the command results and the consumed offsets (send_offsets_to_transaction).
// Correctness does not rest on broker transactions alone: a command at an offset already answered
// in command-results is skipped, a retried command id replays its first result (records come from
// event headers and results), and readers accept each (stream, version) once. After a failed or
// aborted transaction the owner rebuilds from the log, so it always decides on what readers see.
//
// Streams of other partitions (command references) are read through Options::log.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "commands/registry.h"
#include "domain/policies.h"
#include "eventstore/clock.h"
#include "eventstore/event_log.h"
#include "eventstore/kafka_client.h"
#include "eventstore/kafka_event_log.h"

namespace edu {

class KafkaCommandProcessor {
 public:
  struct Options {
    KafkaSettings settings;
    const Registry* registry = nullptr;
    const Policies* policies = nullptr;
    // Reads streams and command records of partitions this processor does not own (references
    // of a command to other aggregates), caught up with the broker once per batch and partition so
    // a command sees every reference its client was already answered about.
    KafkaEventLog* log = nullptr;
    const Clock* clock = SystemClock::Instance();  // recorded_at of events
    size_t max_batch = 256;                        // commands per transaction
    std::string name = "processor";                // in log lines and client.id
    // Test hook, called after a batch's events and results are produced and before its commit.
    // Returning true makes the processor die right there like a killed process: nothing is
    // committed or aborted, and the group notices only when the session times out.
    std::function<bool(int partition)> crash_before_commit;
    // Wraps the EventLog view the pipeline decides on (one per owned partition), e.g. in a
    // PersonalDataLog so that personal data is sealed before it is produced (docs/gdpr.md).
    std::function<std::unique_ptr<EventLog>(EventLog* partition_view)> decorate_log;
  };

  struct Stats {
    uint64_t commands = 0;      // commands and appends decided
    uint64_t transactions = 0;  // committed
    uint64_t aborts = 0;        // transactions aborted (then rebuilt and retried)
    uint64_t rebuilds = 0;      // partition rebuilds from the log
    uint64_t skipped = 0;       // redelivered commands already answered in the log
  };

  // Joins the group and returns; partitions are taken over asynchronously (ReadyPartitions).
  static Status Start(Options options, std::unique_ptr<KafkaCommandProcessor>* out);
  ~KafkaCommandProcessor();

  // Finishes the batches in flight, commits them and leaves the group.
  void Stop();
  // Dies like a killed process (see crash_before_commit).
  void Kill();
  bool dead() const { return killed_; }

  // Partitions this processor owns and has rebuilt (it is answering their commands).
  std::vector<int> ReadyPartitions() const;
  Stats stats() const;

  class Owner;  // one per owned partition (adapters/kafka/kafka_processor_owner.h)

 private:
  explicit KafkaCommandProcessor(Options options);
  void Run();
  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                          rd_kafka_topic_partition_list_t* partitions, void* opaque);
  void StopOwners();

  Options options_;
  KafkaHandle consumer_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> killed_{false};
  std::thread thread_;
  mutable std::mutex owners_mu_;
  std::map<int, std::unique_ptr<Owner>> owners_;
  mutable std::mutex stats_mu_;
  Stats stats_;
};

}  // namespace edu
