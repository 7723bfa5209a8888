// One batch of a partition's owner (adapters/kafka/kafka_processor_owner.h) in ONE Kafka
// transaction: each command decided by the pipeline over the owner's EventLog view (this
// partition's index plus the events produced so far), the events' offsets learnt from their
// delivery, the answers produced to command-results, and the consumed offsets committed with them.
// A failed batch is aborted if it can be, and a producer that cannot continue is replaced.
#include <cstdint>
#include <unordered_map>

#include <boost/functional/hash.hpp>

#include "adapters/kafka/kafka_command_client.h"
#include "adapters/kafka/kafka_processor_owner.h"
#include "eventstore/append_validation.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/kafka_wire.h"
#include "eventstore/metrics.h"

namespace edu {
namespace kafka_processor {

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

}  // namespace kafka_processor

using kafka_processor::DescribeError;
using kafka_processor::IsFenced;
using kafka_processor::kTxnTimeoutMs;

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
    headers.emplace_back(kafka_wire::kOwner, owner_id_);
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
                               {kafka_wire::kCommandOffset, std::to_string(out.command_offset)},
                               {kafka_wire::kOwner, owner_id_}};
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

}  // namespace edu
