#include "eventstore/kafka_event_log.h"

#include <cstring>

#include "eventstore/append_validation.h"
#include "eventstore/kafka_wire.h"

namespace edu {

KafkaEventLog::KafkaEventLog(KafkaSettings settings) : settings_(std::move(settings)) {
  for (int p = 0; p < settings_.partitions; ++p) partitions_.emplace_back(p);
  positions_.assign(static_cast<size_t>(settings_.partitions), 0);
  result_claims_ = std::make_unique<kafka_wire::ResultClaims>(settings_.partitions);
}

Status KafkaEventLog::Open(const KafkaSettings& settings, std::unique_ptr<KafkaEventLog>* out) {
  std::unique_ptr<KafkaEventLog> log(new KafkaEventLog(settings));
  KafkaClientSpec spec = KafkaReaderSpec(settings.topic_prefix + ".reader", true);
  EDU_RETURN_IF_ERROR(CreateKafkaClient(settings, spec, &log->consumer_));
  for (const std::string& topic : {settings.EventsTopic(), settings.ResultsTopic()}) {
    int count = 0;
    EDU_RETURN_IF_ERROR(
        KafkaTopicPartitions(log->consumer_.get(), topic, settings.request_timeout_ms, &count));
    if (count != settings.partitions) {
      return Status::InvalidArgument("kafka topic " + topic + " has " + std::to_string(count) +
                                     " partitions, the log is configured with " +
                                     std::to_string(settings.partitions));
    }
  }
  std::vector<KafkaTopicPartition> assignment;
  for (const std::string& topic : {settings.EventsTopic(), settings.ResultsTopic()}) {
    for (int p = 0; p < settings.partitions; ++p) assignment.push_back({topic, p});
  }
  EDU_RETURN_IF_ERROR(KafkaAssign(log->consumer_.get(), assignment));
  KafkaEventLog* self = log.get();
  log->thread_ = std::thread([self] { self->Run(); });
  EDU_RETURN_IF_ERROR(
      log->CatchUp(std::chrono::milliseconds(std::max(30'000, settings.request_timeout_ms)))
          .Annotate("kafka: reading the log"));
  *out = std::move(log);
  return Status::OK();
}

KafkaEventLog::~KafkaEventLog() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void KafkaEventLog::Run() {
  const std::string events_topic = settings_.EventsTopic();
  while (!stop_) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer_.get(), 50);
    if (m == nullptr) continue;
    Consume(m);
    rd_kafka_message_destroy(m);
  }
}

void KafkaEventLog::Consume(const rd_kafka_message_t* m) {
  bool events = std::strcmp(rd_kafka_topic_name(m->rkt), settings_.EventsTopic().c_str()) == 0;
  size_t p = static_cast<size_t>(m->partition);
  if (m->partition < 0 || p >= partitions_.size()) return;
  if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    if (events) {
      std::lock_guard<std::mutex> lock(mu_);
      positions_[p] = std::max(positions_[p], m->offset);
      changed_.notify_all();
    }
    return;
  }
  if (m->err) return;  // transient consumer errors: librdkafka retries on its own
  if (!events) {
    auto record = kafka_wire::RecordFromHeaders(m);
    std::lock_guard<std::mutex> lock(mu_);
    if (result_claims_->Admit(m) && record) {
      commands_.emplace(record->command_id, std::move(*record));
    }
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  positions_[p] = std::max(positions_[p], m->offset + 1);
  kafka_wire::IndexEventMessage(m, &partitions_[p], &commands_);
  changed_.notify_all();
}

Status KafkaEventLog::CatchUp(std::chrono::milliseconds timeout) {
  std::vector<int> all(static_cast<size_t>(settings_.partitions));
  for (int p = 0; p < settings_.partitions; ++p) all[static_cast<size_t>(p)] = p;
  return CatchUp(all, timeout);
}

Status KafkaEventLog::CatchUp(const std::vector<int>& partitions,
                              std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<int64_t> highs(partitions.size());
  for (size_t i = 0; i < partitions.size(); ++i) {
    if (partitions[i] < 0 || partitions[i] >= settings_.partitions) {
      return Status::InvalidArgument("partition " + std::to_string(partitions[i]) +
                                     " does not exist");
    }
    int64_t low = 0;
    EDU_RETURN_IF_ERROR(KafkaWatermarks(consumer_.get(), settings_.EventsTopic(), partitions[i],
                                        static_cast<int>(timeout.count()), &low, &highs[i]));
  }
  std::unique_lock<std::mutex> lock(mu_);
  bool caught_up = changed_.wait_until(lock, deadline, [&] {
    for (size_t i = 0; i < partitions.size(); ++i) {
      if (positions_[static_cast<size_t>(partitions[i])] < highs[i]) return false;
    }
    return true;
  });
  if (caught_up) return Status::OK();
  return Status::Timeout("kafka: the reader did not reach the end of " + settings_.EventsTopic() +
                         " within " + std::to_string(timeout.count()) + " ms");
}

Status KafkaEventLog::Append(const AppendRequest& request, AppendResult* result) {
  EDU_RETURN_IF_ERROR(ValidateAppend(request));
  KafkaRequestChannel* channel = nullptr;
  {
    std::lock_guard<std::mutex> lock(requests_mu_);
    if (!requests_) EDU_RETURN_IF_ERROR(KafkaRequestChannel::Open(settings_, &requests_));
    channel = requests_.get();
  }
  int p = PartitionOf(request.stream_id);
  std::string request_id = ToString(kafka_wire::NewRequestId());
  KafkaRequestChannel::Answer answer;
  Status called = channel->Call(p, request_id, kafka_wire::EncodeAppendRequest(request),
                                {{kafka_wire::kKind, kafka_wire::kKindAppend}}, request_id,
                                std::chrono::milliseconds(settings_.request_timeout_ms), &answer);
  if (called.code() == Status::Code::kTimeout) {
    return Status::Unavailable("appending to " + request.stream_id + ": " + called.message() +
                               "; is a command processor running (eduledger serve --log=kafka)?");
  }
  EDU_RETURN_IF_ERROR(called.Annotate("appending to " + request.stream_id));
  Status outcome;
  EDU_RETURN_IF_ERROR(kafka_wire::DecodeAppendOutcome(answer.value, &outcome, result));
  EDU_RETURN_IF_ERROR(outcome);
  if (result->duplicate_of) return Status::OK();
  std::unique_lock<std::mutex> lock(mu_);
  if (request.command) commands_.emplace(request.command->command_id, *request.command);
  if (result->last_offset < 0) return Status::OK();
  // Read-your-writes: wait until this reader has read the events the owner wrote.
  size_t ps = static_cast<size_t>(p);
  bool read = changed_.wait_for(lock, std::chrono::milliseconds(settings_.request_timeout_ms),
                                [&] { return positions_[ps] > result->last_offset; });
  if (!read) {
    return Status::Unavailable("appended to " + request.stream_id + " at offset " +
                               std::to_string(result->last_offset) +
                               " but the reader has not read it yet");
  }
  std::vector<RecordedEvent> last;
  partitions_[ps].ReadFrom(result->last_offset, 1, &last);
  if (last.empty() || last[0].offset != result->last_offset ||
      last[0].event_id != request.events.back().event_id) {
    return Status::Internal("the owner of partition " + std::to_string(p) + " wrote " +
                            request.stream_id + " at offset " +
                            std::to_string(result->last_offset) +
                            " but readers do not accept it (another writer's branch won)");
  }
  return Status::OK();
}

Status KafkaEventLog::PartitionHealth(int partition) const {
  return partitions_[static_cast<size_t>(partition)].health();
}

Status KafkaEventLog::ReadStream(const std::string& stream_id, int64_t from_version,
                                 std::vector<RecordedEvent>* out) {
  out->clear();
  int p = PartitionOf(stream_id);
  std::lock_guard<std::mutex> lock(mu_);
  EDU_RETURN_IF_ERROR(PartitionHealth(p));
  partitions_[static_cast<size_t>(p)].ReadStream(stream_id, from_version, out);
  return Status::OK();
}

Status KafkaEventLog::StreamVersion(const std::string& stream_id, int64_t* version) {
  int p = PartitionOf(stream_id);
  std::lock_guard<std::mutex> lock(mu_);
  EDU_RETURN_IF_ERROR(PartitionHealth(p));
  *version = partitions_[static_cast<size_t>(p)].StreamVersion(stream_id);
  return Status::OK();
}

Status KafkaEventLog::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                    std::vector<RecordedEvent>* out) {
  out->clear();
  if (partition < 0 || partition >= partition_count()) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  std::lock_guard<std::mutex> lock(mu_);
  EDU_RETURN_IF_ERROR(PartitionHealth(partition));
  partitions_[static_cast<size_t>(partition)].ReadFrom(from_offset, max_count, out);
  return Status::OK();
}

Status KafkaEventLog::EndOffsets(std::vector<int64_t>* end_offsets) {
  EDU_RETURN_IF_ERROR(CatchUp(std::chrono::milliseconds(5000)));
  std::lock_guard<std::mutex> lock(mu_);
  end_offsets->clear();
  for (const KafkaPartitionIndex& index : partitions_) {
    EDU_RETURN_IF_ERROR(index.health());
    end_offsets->push_back(index.end());
  }
  return Status::OK();
}

Status KafkaEventLog::WaitForEvents(int partition, int64_t from_offset,
                                    std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= partition_count()) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  std::unique_lock<std::mutex> lock(mu_);
  const KafkaPartitionIndex& index = partitions_[static_cast<size_t>(partition)];
  bool ready = changed_.wait_for(lock, timeout, [&] { return index.end() > from_offset; });
  return ready ? Status::OK() : Status::Timeout("no new events");
}

Status KafkaEventLog::LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = commands_.find(command_id);
  *out = it == commands_.end() ? std::nullopt : std::optional<CommandRecord>(it->second);
  return Status::OK();
}

size_t KafkaEventLog::dropped_events() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const KafkaPartitionIndex& index : partitions_) n += index.dropped();
  return n;
}

}  // namespace edu
