// KafkaCommandProcessor::Owner (adapters/kafka/kafka_processor.h), internal to the processor: the
// owner of one commands partition, with the messages it takes and the answers it produces.
//   kafka_processor.cc        the consumer group: assignments start and stop owners
//   kafka_processor_owner.cc  taking a partition over: fencing, rebuilding from the log, the loop
//   kafka_processor_batch.cc  one batch in ONE Kafka transaction: the EventLog view the pipeline
//                             appends to, the answers, committing with the consumed offsets
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "adapters/kafka/kafka_processor.h"
#include "commands/pipeline.h"
#include "eventstore/kafka_index.h"

namespace edu {
namespace kafka_processor {

inline constexpr int kTxnTimeoutMs = 30'000;

// A command message, copied out of librdkafka so the consumer never waits on the owner.
struct Inbound {
  int64_t offset = 0;
  std::string kind;
  std::string key;
  std::string value;
};

// What a batch answers for one inbound message, once the offsets of its events are known.
struct Outbound {
  int64_t command_offset = 0;
  std::string kind;
  std::string key;
  std::optional<CommandRecord> record;  // recorded by this handling
  // kind == command-result
  CommandResult command;
  // kind == append-result
  Status append_status;
  AppendResult append;
  size_t first_pending = 0;  // this append's events in the batch's pending list
  size_t pending_count = 0;
};

// The Status of a transactional API error, leaving the error to the caller (Recover classifies it).
Status DescribeError(const rd_kafka_error_t* error, const std::string& context);

// Whether a transactional error means a newer owner of the partition fenced this one.
bool IsFenced(rd_kafka_resp_err_t code);

}  // namespace kafka_processor

// The owner of one partition: a thread, a transactional producer, the partition's index, and the
// EventLog view the pipeline decides on (this partition from the index plus the open
// transaction; other partitions through Options::log).
class KafkaCommandProcessor::Owner final : public EventLog {
 public:
  using Inbound = kafka_processor::Inbound;
  using Outbound = kafka_processor::Outbound;

  Owner(KafkaCommandProcessor* processor, int partition)
      : processor_(processor),
        options_(processor->options_),
        settings_(options_.settings),
        partition_(partition),
        index_(partition) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Owner() override {
    RequestStop();
    if (thread_.joinable()) thread_.join();
    if (producer_ && processor_->killed_) {
      // Like a killed process: no abort, no flush.
      rd_kafka_destroy_flags(producer_.release(), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    }
  }

  void Enqueue(Inbound m) {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(m));
    wake_.notify_all();
  }
  void RequestStop() {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    wake_.notify_all();
  }
  bool ready() const { return ready_; }

  // ---- EventLog: what the pipeline sees ----
  int partition_count() const override { return settings_.partitions; }
  Status Append(const AppendRequest& request, AppendResult* result) override;
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out) override {
    out->clear();
    int p = PartitionOf(stream_id);
    if (p != partition_) {
      EDU_RETURN_IF_ERROR(CatchUpReferences(p));
      return options_.log->ReadStream(stream_id, from_version, out);
    }
    index_.ReadStream(stream_id, from_version, out);
    return Status::OK();
  }
  Status StreamVersion(const std::string& stream_id, int64_t* version) override {
    int p = PartitionOf(stream_id);
    if (p != partition_) {
      EDU_RETURN_IF_ERROR(CatchUpReferences(p));
      return options_.log->StreamVersion(stream_id, version);
    }
    *version = index_.StreamVersion(stream_id);
    return Status::OK();
  }
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) override {
    auto it = records_.find(command_id);
    if (it != records_.end()) {
      *out = it->second;
      return Status::OK();
    }
    // An id first used for a stream of another partition (reuse is refused by the pipeline).
    return options_.log->LookupCommand(command_id, out);
  }
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override {
    return options_.log->ReadPartition(partition, from_offset, max_count, out);
  }
  Status EndOffsets(std::vector<int64_t>* end_offsets) override {
    return options_.log->EndOffsets(end_offsets);
  }
  Status WaitForEvents(int partition, int64_t from_offset,
                       std::chrono::milliseconds timeout) override {
    return options_.log->WaitForEvents(partition, from_offset, timeout);
  }

 private:
  struct Pending {
    size_t position = 0;  // in index_
    Uuid event_id;
    int64_t offset = -1;
  };

  // Once per batch and partition: the reader catches up with what the broker has committed.
  Status CatchUpReferences(int partition) {
    if (caught_up_.count(partition)) return Status::OK();
    EDU_RETURN_IF_ERROR(options_.log->CatchUp({partition}, std::chrono::seconds(10)));
    caught_up_.insert(partition);
    return Status::OK();
  }
  void Run();
  Status Acquire();
  // Writes this owner's claim (eventstore/kafka_wire.h) to results then events partition p, in a
  // committed transaction, under a fresh owner id.
  Status Claim();
  Status Rebuild();
  Status RunBatch(const std::vector<Inbound>& batch);
  void Handle(const Inbound& m, Outbound* out);
  Status ProduceResults(std::vector<Outbound>* outputs);
  Status Commit(int64_t next_offset);
  // After a failed batch: classifies the error, aborts the transaction if it can.
  void Recover(rd_kafka_error_t* error, const Status& status);
  bool Stopping() {
    std::lock_guard<std::mutex> lock(mu_);
    return stop_ || processor_->killed_;
  }
  void Log(const std::string& line) const {
    std::fprintf(stderr, "[kafka %s p%d] %s\n", options_.name.c_str(), partition_, line.c_str());
  }
  static void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque);

  KafkaCommandProcessor* processor_;
  const Options& options_;
  const KafkaSettings& settings_;
  const int partition_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Inbound> queue_;
  bool stop_ = false;
  std::atomic<bool> ready_{false};
  bool fenced_ = false;

  KafkaHandle producer_;
  bool initialized_ = false;  // init_transactions done on producer_
  bool in_transaction_ = false;
  std::string owner_id_;  // of this owner's last claim; every event and result carries it
  KafkaPartitionIndex index_;
  std::map<Uuid, CommandRecord> records_;
  int64_t answered_up_to_ = -1;          // the last commands offset answered in the log
  std::unique_ptr<EventLog> decorated_;  // options_.decorate_log(this), when set
  std::unique_ptr<CommandPipeline> pipeline_;

  // The batch in flight.
  std::vector<Pending> pending_;
  std::set<int> caught_up_;  // partitions whose references were caught up in this batch
  std::optional<CommandRecord> recorded_;  // by the Append of the message being handled
  Status produce_error_;                   // the batch cannot be committed
  Status delivery_error_;

  std::thread thread_;
};

}  // namespace edu
