// KafkaCommandProcessor (adapters/kafka/kafka_processor.h): the member of the processors' consumer
// group that polls the commands topic and hands each message to the owner of its partition;
// assignments start owners and revocations stop them after their batch in flight. The owners are in
// adapters/kafka/kafka_processor_owner.h.
#include "adapters/kafka/kafka_processor.h"

#include <algorithm>

#include "adapters/kafka/kafka_processor_owner.h"
#include "eventstore/kafka_wire.h"

namespace edu {

using kafka_processor::Inbound;

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
