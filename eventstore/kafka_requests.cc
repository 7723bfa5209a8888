#include "eventstore/kafka_requests.h"

#include "eventstore/kafka_wire.h"

namespace edu {

struct KafkaRequestChannel::Slot {
  bool done = false;
  Status status;
  Answer answer;
};

Status KafkaRequestChannel::Open(const KafkaSettings& settings,
                                 std::unique_ptr<KafkaRequestChannel>* out) {
  std::unique_ptr<KafkaRequestChannel> channel(new KafkaRequestChannel(settings));
  KafkaRequestChannel* self = channel.get();
  KafkaClientSpec producer;
  producer.type = RD_KAFKA_PRODUCER;
  producer.defaults = {{"linger.ms", "1"}, {"acks", "all"}};
  producer.required = {{"enable.idempotence", "true"},
                       {"message.timeout.ms", std::to_string(settings.request_timeout_ms)}};
  producer.configure = [self](rd_kafka_conf_t* conf) {
    rd_kafka_conf_set_opaque(conf, self);
    rd_kafka_conf_set_dr_msg_cb(conf, &KafkaRequestChannel::OnDelivery);
  };
  EDU_RETURN_IF_ERROR(CreateKafkaClient(settings, producer, &channel->producer_));
  EDU_RETURN_IF_ERROR(WarmUpKafkaMetadata(channel->producer_.get(), {settings.CommandsTopic()},
                                          settings.request_timeout_ms));

  EDU_RETURN_IF_ERROR(CreateKafkaClient(
      settings, KafkaReaderSpec(settings.topic_prefix + ".requests", false, /*reads_log=*/false),
      &channel->consumer_));
  // From the end as it is now: every answer to a request sent from here on is seen.
  std::vector<KafkaTopicPartition> assignment;
  for (int p = 0; p < settings.partitions; ++p) {
    int64_t low = 0, high = 0;
    EDU_RETURN_IF_ERROR(KafkaWatermarks(channel->consumer_.get(), settings.ResultsTopic(), p,
                                        settings.request_timeout_ms, &low, &high));
    assignment.push_back({settings.ResultsTopic(), p, high});
  }
  EDU_RETURN_IF_ERROR(KafkaAssign(channel->consumer_.get(), assignment));
  channel->claims_ = std::make_unique<kafka_wire::ResultClaims>(settings.partitions);
  channel->thread_ = std::thread([self] { self->Run(); });
  *out = std::move(channel);
  return Status::OK();
}

KafkaRequestChannel::~KafkaRequestChannel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
  if (producer_) rd_kafka_flush(producer_.get(), 1000);
}

void KafkaRequestChannel::OnDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* channel = static_cast<KafkaRequestChannel*>(opaque);
  auto* slot = static_cast<std::shared_ptr<Slot>*>(message->_private);
  if (slot == nullptr) return;
  if (message->err) {
    std::lock_guard<std::mutex> lock(channel->mu_);
    if (!(*slot)->done) {
      (*slot)->done = true;
      (*slot)->status = KafkaStatus(
          message->err, "kafka: delivering the request to " + channel->settings_.CommandsTopic());
      if ((*slot)->status.ok() || (*slot)->status.code() == Status::Code::kInternal) {
        (*slot)->status = Status::Unavailable((*slot)->status.message());
      }
      channel->answered_.notify_all();
    }
  }
  delete slot;
}

void KafkaRequestChannel::Run() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
    }
    rd_kafka_poll(producer_.get(), 0);
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer_.get(), 50);
    if (m == nullptr) continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && claims_->Admit(m)) {
      std::string key(KafkaKey(m));
      std::lock_guard<std::mutex> lock(mu_);
      auto [first, last] = waiting_.equal_range(key);
      if (first != last) {
        Answer answer{KafkaHeader(m, kafka_wire::kKind).value_or(""), std::string(KafkaValue(m))};
        for (auto it = first; it != last; ++it) {
          if (it->second->done) continue;
          it->second->done = true;
          it->second->answer = answer;
        }
        answered_.notify_all();
      }
    }
    rd_kafka_message_destroy(m);
  }
}

Status KafkaRequestChannel::Call(int partition, const std::string& key, const std::string& value,
                                 const KafkaHeaderList& headers, const std::string& correlation,
                                 std::chrono::milliseconds timeout, Answer* answer) {
  auto slot = std::make_shared<Slot>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    waiting_.emplace(correlation, slot);
  }
  auto forget = [&] {
    auto [first, last] = waiting_.equal_range(correlation);
    for (auto it = first; it != last; ++it) {
      if (it->second == slot) {
        waiting_.erase(it);
        break;
      }
    }
  };
  auto* opaque = new std::shared_ptr<Slot>(slot);
  Status produced = KafkaProduce(producer_.get(), settings_.CommandsTopic(), partition, key, value,
                                 headers, opaque);
  std::unique_lock<std::mutex> lock(mu_);
  if (!produced.ok()) {
    delete opaque;
    forget();
    return produced;
  }
  bool done = answered_.wait_for(lock, timeout, [&] { return slot->done; });
  forget();
  if (!done) {
    return Status::Timeout("no command processor answered within " +
                           std::to_string(timeout.count()) + " ms (" + settings_.CommandsTopic() +
                           " partition " + std::to_string(partition) + ", consumer group " +
                           settings_.ProcessorGroup() + ")");
  }
  if (!slot->status.ok()) return slot->status;
  *answer = std::move(slot->answer);
  return Status::OK();
}

}  // namespace edu
