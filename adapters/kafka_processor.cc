#include "adapters/kafka_processor.h"

#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <set>
#include <unordered_map>

#include <boost/functional/hash.hpp>

#include "adapters/kafka_command_client.h"
#include "commands/pipeline.h"
#include "eventstore/append_validation.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/kafka_index.h"
#include "eventstore/kafka_wire.h"
#include "eventstore/metrics.h"

namespace edu {
namespace {

constexpr int kTxnTimeoutMs = 30'000;

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
Status DescribeError(const rd_kafka_error_t* error, const std::string& context) {
  Status st = KafkaStatus(rd_kafka_error_code(error), context);
  std::string detail = context + ": " + rd_kafka_error_string(error);
  if (st.code() == Status::Code::kTimeout) return Status::Timeout(detail);
  if (st.IsUnavailable() || rd_kafka_error_is_retriable(error)) return Status::Unavailable(detail);
  return Status::Internal(detail);
}

bool IsFenced(rd_kafka_resp_err_t code) {
  return code == RD_KAFKA_RESP_ERR__FENCED || code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
         code == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH ||
         code == RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
}

}  // namespace

// The owner of one partition: a thread, a transactional producer, the partition's index, and the
// EventLog view the pipeline decides on (this partition from the index plus the open
// transaction; other partitions through Options::log).
class KafkaCommandProcessor::Owner final : public EventLog {
 public:
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

void KafkaCommandProcessor::Owner::OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m,
                                              void* opaque) {
  auto* owner = static_cast<Owner*>(opaque);
  if (m->err) {
    if (owner->delivery_error_.ok()) {
      owner->delivery_error_ =
          KafkaStatus(m->err, "kafka: delivering to " + std::string(rd_kafka_topic_name(m->rkt)));
    }
    return;
  }
  auto slot = reinterpret_cast<uintptr_t>(m->_private);
  if (slot > 0 && slot <= owner->pending_.size()) owner->pending_[slot - 1].offset = m->offset;
}

Status KafkaCommandProcessor::Owner::Append(const AppendRequest& request, AppendResult* result) {
  EDU_RETURN_IF_ERROR(ValidateAppend(request));
  *result = AppendResult{};
  result->partition = partition_;
  if (PartitionOf(request.stream_id) != partition_) {
    return Status::InvalidArgument("stream " + request.stream_id + " belongs to partition " +
                                   std::to_string(PartitionOf(request.stream_id)) +
                                   ", not to partition " + std::to_string(partition_) +
                                   " (misrouted command)");
  }
  if (request.command) {
    auto it = records_.find(request.command->command_id);
    if (it != records_.end()) {
      result->duplicate_of = it->second;
      return Status::OK();
    }
  }
  int64_t current = index_.StreamVersion(request.stream_id);
  if (!request.expected.Admits(current)) {
    return WrongExpectedVersionError(request.stream_id, current, request.expected);
  }
  Timestamp now = options_.clock->Now();
  result->last_version = current;
  for (size_t i = 0; i < request.events.size(); ++i) {
    RecordedEvent r;
    static_cast<NewEvent&>(r) = request.events[i];
    r.stream_id = request.stream_id;
    r.stream_version = ++current;
    r.partition = partition_;
    r.offset = -1;  // the record's Kafka offset, known once delivered
    r.recorded_at = now;
    SealEvent(index_.head(), &r);
    // The last event carries the command record: a command whose events are in the log is known
    // as handled even if its result never made it.
    bool last = i + 1 == request.events.size();
    KafkaHeaderList headers = kafka_wire::EventHeaders(
        r, i, request.events.size(), last && request.command ? &*request.command : nullptr);
    std::string value = EncodeEnvelope(r);
    pending_.push_back(Pending{index_.AppendOwn(std::move(r)), request.events[i].event_id, -1});
    Status produced =
        KafkaProduce(producer_.get(), settings_.EventsTopic(), partition_, request.stream_id, value,
                     headers, reinterpret_cast<void*>(static_cast<uintptr_t>(pending_.size())));
    // The batch is now unusable (part of this append may be on its way): it will be aborted.
    if (!produced.ok()) {
      produce_error_ = produced;
      return Status::Unavailable(produced.message());
    }
    if (i == 0) result->first_version = current;
    result->last_version = current;
  }
  if (request.command) {
    records_.emplace(request.command->command_id, *request.command);
    recorded_ = request.command;
  }
  return Status::OK();
}

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
  return Rebuild();
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
      } else {
        auto record = kafka_wire::RecordFromHeaders(m);
        if (record) records_.emplace(record->command_id, std::move(*record));
        answered_up_to_ = std::max(answered_up_to_, kafka_wire::AnsweredOffset(m));
      }
    }
    rd_kafka_message_destroy(m);
  }
  EDU_RETURN_IF_ERROR(index_.health());
  // A fresh pipeline: its state cache must not hold states of an aborted batch.
  if (!decorated_ && options_.decorate_log) decorated_ = options_.decorate_log(this);
  pipeline_ = std::make_unique<CommandPipeline>(decorated_ ? decorated_.get() : this,
                                                options_.registry, options_.policies);
  return Status::OK();
}

void KafkaCommandProcessor::Owner::Handle(const Inbound& m, Outbound* out) {
  out->command_offset = m.offset;
  out->key = m.key;
  recorded_.reset();
  if (m.kind == kafka_wire::kKindAppend) {
    out->kind = kafka_wire::kKindAppendResult;
    AppendRequest request;
    out->first_pending = pending_.size();
    out->append_status = kafka_wire::DecodeAppendRequest(m.value, &request);
    if (out->append_status.ok()) out->append_status = Append(request, &out->append);
    out->pending_count = pending_.size() - out->first_pending;
  } else {
    out->kind = kafka_wire::kKindCommandResult;
    CommandRequest request;
    Status decoded = DecodeCommandMessage(m.value, &request);
    if (decoded.ok()) {
      out->key = ToString(request.command_id);
      out->command = pipeline_->Handle(request);
    } else {
      out->command.error =
          Rejection{ErrorKind::kMalformed, codes::kMalformedCommandMessage.code, decoded.message()};
    }
  }
  out->record = recorded_;
}

Status KafkaCommandProcessor::Owner::ProduceResults(std::vector<Outbound>* outputs) {
  std::unordered_map<Uuid, int64_t, boost::hash<Uuid>> offsets;
  for (const Pending& p : pending_) {
    offsets[p.event_id] = p.offset;
    index_.SetOffset(p.position, p.offset);
  }
  for (Outbound& out : *outputs) {
    std::string value;
    if (out.kind == kafka_wire::kKindAppendResult) {
      if (out.pending_count > 0) {
        out.append.first_offset = pending_[out.first_pending].offset;
        out.append.last_offset = pending_[out.first_pending + out.pending_count - 1].offset;
      }
      value = kafka_wire::EncodeAppendOutcome(out.append_status, out.append);
    } else {
      for (AppendedEventInfo& e : out.command.events) {
        auto it = offsets.find(e.event_id);
        if (it != offsets.end()) e.offset = it->second;
      }
      value = EncodeCommandResult(out.command);
    }
    KafkaHeaderList headers = {{kafka_wire::kKind, out.kind},
                               {kafka_wire::kCommandOffset, std::to_string(out.command_offset)}};
    if (out.record) kafka_wire::AddRecordHeaders(*out.record, &headers);
    EDU_RETURN_IF_ERROR(KafkaProduce(producer_.get(), settings_.ResultsTopic(), partition_, out.key,
                                     value, headers, nullptr));
  }
  return Status::OK();
}

Status KafkaCommandProcessor::Owner::RunBatch(const std::vector<Inbound>& batch) {
  pending_.clear();
  caught_up_.clear();
  produce_error_ = Status::OK();
  delivery_error_ = Status::OK();
  rd_kafka_error_t* error = rd_kafka_begin_transaction(producer_.get());
  if (error) {
    Status st = DescribeError(error, "kafka: begin_transaction");
    Recover(error, st);
    return st;
  }
  in_transaction_ = true;
  std::vector<Outbound> outputs(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) Handle(batch[i], &outputs[i]);
  // The events' offsets: every answer names the log position of its events.
  rd_kafka_resp_err_t flushed = rd_kafka_flush(producer_.get(), kTxnTimeoutMs / 3);
  Status st = produce_error_;
  if (st.ok()) st = delivery_error_;
  if (st.ok()) st = KafkaStatus(flushed, "kafka: flushing events");
  for (const Pending& p : pending_) {
    if (st.ok() && p.offset < 0) st = Status::Unavailable("kafka: an event was not delivered");
  }
  if (st.ok()) st = ProduceResults(&outputs);
  if (!st.ok()) {
    Recover(nullptr, st);
    return st;
  }
  if (options_.crash_before_commit && options_.crash_before_commit(partition_)) {
    rd_kafka_flush(producer_.get(), 5000);  // "between producing and committing"
    processor_->killed_ = true;
    return Status::Internal("killed before commit (test hook)");
  }
  if (processor_->killed_) return Status::Internal("killed");
  st = Commit(batch.back().offset + 1);
  if (!st.ok()) return st;
  metrics::RecordGroupCommit("kafka", batch.size(), pending_.size());
  std::lock_guard<std::mutex> lock(processor_->stats_mu_);
  processor_->stats_.commands += batch.size();
  ++processor_->stats_.transactions;
  return Status::OK();
}

Status KafkaCommandProcessor::Owner::Commit(int64_t next_offset) {
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(offsets, settings_.CommandsTopic().c_str(), partition_)
      ->offset = next_offset;
  rd_kafka_consumer_group_metadata_t* group =
      rd_kafka_consumer_group_metadata(processor_->consumer_.get());
  rd_kafka_error_t* error =
      rd_kafka_send_offsets_to_transaction(producer_.get(), offsets, group, kTxnTimeoutMs);
  rd_kafka_consumer_group_metadata_destroy(group);
  rd_kafka_topic_partition_list_destroy(offsets);
  for (int attempt = 0; error == nullptr; ++attempt) {
    error = rd_kafka_commit_transaction(producer_.get(), kTxnTimeoutMs);
    if (error == nullptr) {
      in_transaction_ = false;
      return Status::OK();
    }
    // A commit that timed out may be retried as is.
    if (!rd_kafka_error_is_retriable(error) || attempt >= 3 || Stopping()) break;
    rd_kafka_error_destroy(error);
    error = nullptr;
  }
  Status st = DescribeError(error, "kafka: committing");
  Recover(error, st);
  return st;
}

void KafkaCommandProcessor::Owner::Recover(rd_kafka_error_t* error, const Status& status) {
  bool fatal = false;
  if (error) {
    fenced_ = IsFenced(rd_kafka_error_code(error));
    fatal = rd_kafka_error_is_fatal(error);
    rd_kafka_error_destroy(error);
  }
  char reason[512];
  rd_kafka_resp_err_t fatal_code = rd_kafka_fatal_error(producer_.get(), reason, sizeof reason);
  if (fatal_code) {
    fatal = true;
    fenced_ = fenced_ || IsFenced(fatal_code);
  }
  if (fenced_) return;
  if (!fatal && in_transaction_) {
    rd_kafka_error_t* aborted = rd_kafka_abort_transaction(producer_.get(), kTxnTimeoutMs);
    if (aborted == nullptr) {
      in_transaction_ = false;
    } else {
      fatal = fatal || rd_kafka_error_is_fatal(aborted);
      Log("abort failed: " + KafkaStatus(aborted, "abort_transaction").ToString());
    }
  }
  std::lock_guard<std::mutex> lock(processor_->stats_mu_);
  ++processor_->stats_.aborts;
  // A producer that cannot continue is replaced; its successor fences it.
  if (fatal || in_transaction_) producer_.reset();
  (void)status;
}

// ---- the processor ---------------------------------------------------------------------------

KafkaCommandProcessor::KafkaCommandProcessor(Options options) : options_(std::move(options)) {}

Status KafkaCommandProcessor::Start(Options options, std::unique_ptr<KafkaCommandProcessor>* out) {
  if (!options.registry || !options.policies || !options.log) {
    return Status::InvalidArgument("kafka processor: registry, policies and log are required");
  }
  std::unique_ptr<KafkaCommandProcessor> processor(new KafkaCommandProcessor(std::move(options)));
  KafkaCommandProcessor* self = processor.get();
  const KafkaSettings& s = self->options_.settings;
  KafkaClientSpec spec;
  spec.type = RD_KAFKA_CONSUMER;
  spec.defaults = {
      {"fetch.wait.max.ms", "10"},
      {"session.timeout.ms", std::to_string(s.session_timeout_ms)},
      {"heartbeat.interval.ms", std::to_string(std::max(100, s.session_timeout_ms / 10))},
      {"max.poll.interval.ms", std::to_string(std::max(30'000, 3 * s.session_timeout_ms))},
      {"client.id", self->options_.name}};
  spec.required = {{"group.id", s.ProcessorGroup()},          {"enable.auto.commit", "false"},
                   {"enable.auto.offset.store", "false"},     {"auto.offset.reset", "earliest"},
                   {"isolation.level", "read_committed"},     {"enable.partition.eof", "false"},
                   {"partition.assignment.strategy", "range"}};
  spec.configure = [self](rd_kafka_conf_t* conf) {
    rd_kafka_conf_set_opaque(conf, self);
    rd_kafka_conf_set_rebalance_cb(conf, &KafkaCommandProcessor::OnRebalance);
  };
  EDU_RETURN_IF_ERROR(CreateKafkaClient(s, spec, &processor->consumer_));
  rd_kafka_poll_set_consumer(processor->consumer_.get());
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, s.CommandsTopic().c_str(), RD_KAFKA_PARTITION_UA);
  Status st = KafkaStatus(rd_kafka_subscribe(processor->consumer_.get(), topics),
                          "kafka: subscribing to " + s.CommandsTopic());
  rd_kafka_topic_partition_list_destroy(topics);
  EDU_RETURN_IF_ERROR(st);
  processor->thread_ = std::thread([self] { self->Run(); });
  *out = std::move(processor);
  return Status::OK();
}

KafkaCommandProcessor::~KafkaCommandProcessor() {
  if (killed_) {
    Kill();
  } else {
    Stop();
  }
}

void KafkaCommandProcessor::Run() {
  while (!stop_ && !killed_) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer_.get(), 100);
    if (m == nullptr) continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::lock_guard<std::mutex> lock(owners_mu_);
      auto it = owners_.find(m->partition);
      if (it != owners_.end()) {
        it->second->Enqueue(Inbound{m->offset, KafkaHeader(m, kafka_wire::kKind).value_or(""),
                                    std::string(KafkaKey(m)), std::string(KafkaValue(m))});
      }
    }
    rd_kafka_message_destroy(m);
  }
  if (killed_) {
    // Like a killed process: no leave-group and no offset commit; the session must time out.
    // Owners go first: they read the consumer's group metadata.
    StopOwners();
    rd_kafka_destroy_flags(consumer_.release(), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
  }
}

void KafkaCommandProcessor::StopOwners() {
  std::map<int, std::unique_ptr<Owner>> owners;
  {
    std::lock_guard<std::mutex> lock(owners_mu_);
    owners.swap(owners_);
  }
  for (auto& [p, owner] : owners) owner->RequestStop();
  owners.clear();  // joins each owner after its batch in flight
}

void KafkaCommandProcessor::OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                        rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<KafkaCommandProcessor*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_assign(rk, partitions);
    std::lock_guard<std::mutex> lock(self->owners_mu_);
    for (int i = 0; i < partitions->cnt; ++i) {
      int p = partitions->elems[i].partition;
      self->owners_[p] = std::make_unique<Owner>(self, p);
    }
  } else {
    // Revoked (or an error): finish and commit the batches in flight before giving them up.
    self->StopOwners();
    rd_kafka_assign(rk, nullptr);
  }
}

void KafkaCommandProcessor::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (!consumer_) return;  // killed
  // Closing revokes the assignment (OnRebalance stops the owners) and leaves the group.
  (void)rd_kafka_consumer_close(consumer_.get());
  StopOwners();
  rd_kafka_destroy(consumer_.release());  // already closed
}

void KafkaCommandProcessor::Kill() {
  killed_ = true;
  if (thread_.joinable()) thread_.join();  // the poll thread tears down (see Run)
}

std::vector<int> KafkaCommandProcessor::ReadyPartitions() const {
  std::lock_guard<std::mutex> lock(owners_mu_);
  std::vector<int> ready;
  for (const auto& [p, owner] : owners_) {
    if (owner->ready()) ready.push_back(p);
  }
  return ready;
}

KafkaCommandProcessor::Stats KafkaCommandProcessor::stats() const {
  std::lock_guard<std::mutex> lock(stats_mu_);
  return stats_;
}

}  // namespace edu
