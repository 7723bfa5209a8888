// Taking a commands partition over (adapters/kafka/kafka_processor_owner.h): a transactional
// producer whose init_transactions fences every earlier owner, the partition rebuilt from the log
// (events and command-results) before anything is decided, and the owner's loop that batches the
// queued commands, skips those already answered and rebuilds after a failed transaction.
#include <algorithm>
#include <cstring>

#include "adapters/kafka/kafka_processor_owner.h"
#include "eventstore/kafka_wire.h"

namespace edu {

using kafka_processor::kTxnTimeoutMs;

void KafkaCommandProcessor::Owner::Run() {
  bool acquired = false;
  while (!Stopping()) {
    if (!acquired) {
      Status st = Acquire();
      if (!st.ok()) {
        if (fenced_ || processor_->killed_) break;
        Log("taking over failed, retrying: " + st.ToString());
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait_for(lock, std::chrono::milliseconds(500), [&] { return stop_; });
        continue;
      }
      acquired = true;
      ready_ = true;
    }
    std::vector<Inbound> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, std::chrono::milliseconds(100),
                     [&] { return stop_ || !queue_.empty(); });
      if (stop_) break;
      uint64_t skipped = 0;
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        // Delivered again (the mock stores no transactional offsets; a crashed owner's batch):
        // the log already holds its answer.
        if (queue_.front().offset <= answered_up_to_) {
          ++skipped;
        } else {
          batch.push_back(std::move(queue_.front()));
        }
        queue_.pop_front();
      }
      if (skipped) {
        std::lock_guard<std::mutex> stats_lock(processor_->stats_mu_);
        processor_->stats_.skipped += skipped;
      }
    }
    if (batch.empty()) continue;
    Status st = RunBatch(batch);
    if (processor_->killed_) break;
    if (st.ok()) {
      answered_up_to_ = batch.back().offset;
      continue;
    }
    if (fenced_) break;
    // Decide the batch again on what the log now holds.
    Log("transaction failed, rebuilding and retrying " + std::to_string(batch.size()) +
        " command(s): " + st.ToString());
    ready_ = false;
    acquired = false;
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
  }
  ready_ = false;
  if (fenced_) Log("fenced by a newer owner of this partition; stopped writing");
  if (in_transaction_ && producer_ && !processor_->killed_) {
    (void)KafkaStatus(rd_kafka_abort_transaction(producer_.get(), 5000), "abort");
  }
}

Status KafkaCommandProcessor::Owner::Acquire() {
  if (!producer_) {
    KafkaClientSpec spec;
    spec.type = RD_KAFKA_PRODUCER;
    spec.defaults = {{"linger.ms", "2"},
                     {"client.id", options_.name + "-p" + std::to_string(partition_)}};
    spec.required = {{"transactional.id", settings_.OwnerTransactionalId(partition_)},
                     {"transaction.timeout.ms", std::to_string(kTxnTimeoutMs)},
                     {"message.timeout.ms", std::to_string(kTxnTimeoutMs / 3)},
                     {"enable.idempotence", "true"},
                     {"acks", "all"}};
    spec.configure = [this](rd_kafka_conf_t* conf) {
      rd_kafka_conf_set_opaque(conf, this);
      rd_kafka_conf_set_dr_msg_cb(conf, &Owner::OnDelivery);
    };
    EDU_RETURN_IF_ERROR(CreateKafkaClient(settings_, spec, &producer_));
    initialized_ = false;
  }
  if (!initialized_) {
    EDU_RETURN_IF_ERROR(WarmUpKafkaMetadata(
        producer_.get(), {settings_.EventsTopic(), settings_.ResultsTopic()}, 10'000));
    // Fences every earlier producer of this partition; a real Kafka aborts its open transaction,
    // so the rebuild below reads no zombie's data.
    rd_kafka_error_t* error = rd_kafka_init_transactions(producer_.get(), kTxnTimeoutMs);
    if (error) {
      bool fatal = rd_kafka_error_is_fatal(error);
      Status st = KafkaStatus(error, "kafka: init_transactions");
      if (fatal) producer_.reset();
      return st;
    }
    initialized_ = true;
    in_transaction_ = false;
  }
  EDU_RETURN_IF_ERROR(Claim());
  return Rebuild();
}

Status KafkaCommandProcessor::Owner::Claim() {
  owner_id_ = ToString(kafka_wire::NewRequestId());
  rd_kafka_error_t* error = rd_kafka_begin_transaction(producer_.get());
  if (error) {
    Status st = kafka_processor::DescribeError(error, "kafka: begin_transaction (claim)");
    Recover(error, st);
    return st;
  }
  in_transaction_ = true;
  // Results first: a result read before this claim names events written before the events claim.
  for (const std::string& topic : {settings_.ResultsTopic(), settings_.EventsTopic()}) {
    Status st = KafkaProduce(producer_.get(), topic, partition_, "",
                             kafka_wire::ClaimValue(owner_id_, partition_),
                             kafka_wire::ClaimHeaders(owner_id_), nullptr);
    if (st.ok()) st = KafkaStatus(rd_kafka_flush(producer_.get(), kTxnTimeoutMs / 3), "flush");
    if (st.ok()) st = delivery_error_;
    if (!st.ok()) {
      delivery_error_ = Status::OK();
      st = st.Annotate("kafka: claiming partition " + std::to_string(partition_));
      Recover(nullptr, st);
      return st;
    }
  }
  error = rd_kafka_commit_transaction(producer_.get(), kTxnTimeoutMs);
  if (error) {
    Status st = kafka_processor::DescribeError(error, "kafka: committing the claim");
    Recover(error, st);
    return st;
  }
  in_transaction_ = false;
  return Status::OK();
}

Status KafkaCommandProcessor::Owner::Rebuild() {
  {
    std::lock_guard<std::mutex> lock(processor_->stats_mu_);
    ++processor_->stats_.rebuilds;
  }
  index_ = KafkaPartitionIndex(partition_);
  records_.clear();
  answered_up_to_ = -1;
  pipeline_.reset();
  KafkaHandle reader;
  EDU_RETURN_IF_ERROR(CreateKafkaClient(
      settings_, KafkaReaderSpec(settings_.topic_prefix + ".rebuild", true), &reader));
  const std::string events = settings_.EventsTopic();
  const std::string results = settings_.ResultsTopic();
  int64_t low = 0, events_end = 0, results_end = 0;
  EDU_RETURN_IF_ERROR(KafkaWatermarks(reader.get(), events, partition_, 10'000, &low, &events_end));
  EDU_RETURN_IF_ERROR(
      KafkaWatermarks(reader.get(), results, partition_, 10'000, &low, &results_end));
  EDU_RETURN_IF_ERROR(KafkaAssign(reader.get(), {{events, partition_}, {results, partition_}}));
  int64_t events_at = 0, results_at = 0;
  kafka_wire::ResultClaims result_claims(settings_.partitions);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (events_at < events_end || results_at < results_end) {
    if (Stopping()) return Status::Unavailable("stopped while rebuilding");
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Timeout("rebuilding partition " + std::to_string(partition_) +
                             " from the log took over 60 s");
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(reader.get(), 100);
    if (m == nullptr) continue;
    bool is_events = std::strcmp(rd_kafka_topic_name(m->rkt), events.c_str()) == 0;
    int64_t& at = is_events ? events_at : results_at;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      at = std::max(at, m->offset);
    } else if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      at = std::max(at, m->offset + 1);
      if (is_events) {
        kafka_wire::IndexEventMessage(m, &index_, &records_);
      } else if (result_claims.Admit(m)) {
        auto record = kafka_wire::RecordFromHeaders(m);
        if (record) records_.emplace(record->command_id, std::move(*record));
        answered_up_to_ = std::max(answered_up_to_, kafka_wire::AnsweredOffset(m));
      }
    }
    rd_kafka_message_destroy(m);
  }
  EDU_RETURN_IF_ERROR(index_.health());
  if (index_.owner() != owner_id_) {
    // Someone claimed the partition after this owner did: it is not the owner any more.
    return Status::Unavailable("partition " + std::to_string(partition_) +
                               " was claimed by another owner while rebuilding");
  }
  // A fresh pipeline: its state cache must not hold states of an aborted batch.
  if (!decorated_ && options_.decorate_log) decorated_ = options_.decorate_log(this);
  pipeline_ = std::make_unique<CommandPipeline>(decorated_ ? decorated_.get() : this,
                                                options_.registry, options_.policies);
  return Status::OK();
}

}  // namespace edu
