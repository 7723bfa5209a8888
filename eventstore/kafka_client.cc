#include "eventstore/kafka_client.h"

#include <chrono>
#include <cstring>
#include <thread>

namespace edu {

void KafkaHandleDeleter::operator()(rd_kafka_t* rk) const {
  if (rk == nullptr) return;
  if (rd_kafka_type(rk) == RD_KAFKA_CONSUMER) (void)rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
}

Status CreateKafkaClient(const KafkaSettings& settings, const KafkaClientSpec& spec,
                         KafkaHandle* out) {
  if (settings.bootstrap_servers.empty()) {
    return Status::InvalidArgument("kafka: no bootstrap servers configured");
  }
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  auto set = [&](const std::string& key, const std::string& value) -> Status {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof error) !=
        RD_KAFKA_CONF_OK) {
      return Status::InvalidArgument("kafka property '" + key + "': " + error);
    }
    return Status::OK();
  };
  Status st = set("bootstrap.servers", settings.bootstrap_servers);
  // Small request/response exchanges dominate (commands, results): do not wait for Nagle.
  if (st.ok()) st = set("socket.nagle.disable", "true");
  for (const auto& [k, v] : spec.defaults) {
    if (st.ok() && settings.properties.count(k) == 0) st = set(k, v);
  }
  for (const auto& [k, v] : settings.properties) {
    if (st.ok() && spec.required.count(k) == 0) st = set(k, v);
  }
  for (const auto& [k, v] : spec.required) {
    if (st.ok()) st = set(k, v);
  }
  if (!st.ok()) {
    rd_kafka_conf_destroy(conf);
    return st;
  }
  if (spec.configure) spec.configure(conf);
  rd_kafka_t* rk = rd_kafka_new(spec.type, conf, error, sizeof error);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::InvalidArgument(std::string("kafka client: ") + error);
  }
  out->reset(rk);
  return Status::OK();
}

KafkaClientSpec KafkaReaderSpec(const std::string& name, bool partition_eof, bool reads_log) {
  KafkaClientSpec spec;
  spec.type = RD_KAFKA_CONSUMER;
  // The broker answers a fetch at once when data is there; this bounds the wait when it is not.
  spec.defaults = {{"fetch.wait.max.ms", "10"}};
  spec.required = {{"group.id", name},
                   {"isolation.level", "read_committed"},
                   {"enable.auto.commit", "false"},
                   {"enable.partition.eof", partition_eof ? "true" : "false"}};
  if (reads_log) spec.required["auto.offset.reset"] = "earliest";
  return spec;
}

Status KafkaAssign(rd_kafka_t* consumer, const std::vector<KafkaTopicPartition>& partitions) {
  rd_kafka_topic_partition_list_t* list =
      rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size()));
  for (const KafkaTopicPartition& tp : partitions) {
    rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition)->offset = tp.offset;
  }
  Status st = KafkaStatus(rd_kafka_assign(consumer, list), "kafka: assigning partitions");
  rd_kafka_topic_partition_list_destroy(list);
  return st;
}

Status KafkaStatus(rd_kafka_resp_err_t err, const std::string& context) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::OK();
  std::string message = context + ": " + rd_kafka_err2str(err);
  switch (err) {
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
      return Status::Timeout(message);
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
      return Status::Unavailable(message);
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
      return Status::InvalidArgument(message);
    default:
      return Status::Internal(message);
  }
}

Status KafkaStatus(rd_kafka_error_t* error, const std::string& context) {
  if (error == nullptr) return Status::OK();
  // The error string is more specific than err2str: it names the request and the broker.
  std::string detail = context + ": " + rd_kafka_error_string(error);
  Status st = KafkaStatus(rd_kafka_error_code(error), context);
  bool retriable = rd_kafka_error_is_retriable(error);
  rd_kafka_error_destroy(error);
  switch (st.code()) {
    case Status::Code::kTimeout:
      return Status::Timeout(detail);
    case Status::Code::kUnavailable:
      return Status::Unavailable(detail);
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(detail);
    default:
      return retriable ? Status::Unavailable(detail) : Status::Internal(detail);
  }
}

namespace {

// Topic name -> partition count, for every topic of the cluster (an all-topics request never
// auto-creates a topic with the broker's default partition count).
Status ListTopics(rd_kafka_t* rk, int timeout_ms, std::map<std::string, int>* out) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &md, timeout_ms);
  if (err) return KafkaStatus(err, "kafka: listing topics");
  out->clear();
  for (int i = 0; i < md->topic_cnt; ++i) {
    if (md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      (*out)[md->topics[i].topic] = md->topics[i].partition_cnt;
    }
  }
  rd_kafka_metadata_destroy(md);
  return Status::OK();
}

}  // namespace

Status EnsureKafkaTopics(const KafkaSettings& settings) {
  if (settings.partitions < 1) {
    return Status::InvalidArgument("kafka: partitions must be at least 1, got " +
                                   std::to_string(settings.partitions));
  }
  KafkaHandle admin;
  EDU_RETURN_IF_ERROR(CreateKafkaClient(settings, KafkaClientSpec{}, &admin));
  constexpr int kTimeoutMs = 10'000;
  std::map<std::string, int> existing;
  EDU_RETURN_IF_ERROR(ListTopics(admin.get(), kTimeoutMs, &existing));
  struct Wanted {
    std::string name;
    bool keep_forever;
  };
  // The events topic is the log itself; command-results holds the idempotency records of
  // commands, which the embedded log also keeps forever.
  std::vector<Wanted> wanted = {{settings.CommandsTopic(), false},
                                {settings.EventsTopic(), true},
                                {settings.ResultsTopic(), true}};
  std::vector<rd_kafka_NewTopic_t*> to_create;
  Status st;
  for (const Wanted& w : wanted) {
    auto found = existing.find(w.name);
    if (found != existing.end()) {
      if (found->second != settings.partitions) {
        st = Status::InvalidArgument(
            "kafka topic " + w.name + " has " + std::to_string(found->second) +
            " partitions but the log is configured with " + std::to_string(settings.partitions) +
            ": the commands, events and command-results topics must be co-partitioned");
        break;
      }
      continue;
    }
    char error[512];
    rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(
        w.name.c_str(), settings.partitions, settings.replication_factor, error, sizeof error);
    if (topic == nullptr) {
      st = Status::InvalidArgument("kafka topic " + w.name + ": " + error);
      break;
    }
    if (w.keep_forever) {
      (void)rd_kafka_NewTopic_set_config(topic, "retention.ms", "-1");
      (void)rd_kafka_NewTopic_set_config(topic, "retention.bytes", "-1");
    }
    to_create.push_back(topic);
  }
  if (st.ok() && !to_create.empty()) {
    rd_kafka_queue_t* queue = rd_kafka_queue_new(admin.get());
    rd_kafka_AdminOptions_t* options =
        rd_kafka_AdminOptions_new(admin.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
    char error[512];
    (void)rd_kafka_AdminOptions_set_request_timeout(options, kTimeoutMs, error, sizeof error);
    rd_kafka_CreateTopics(admin.get(), to_create.data(), to_create.size(), options, queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, kTimeoutMs + 2000);
    if (event == nullptr) {
      st = Status::Timeout(
          "kafka: creating topics timed out (the broker never answered CreateTopics; "
          "librdkafka 2.0.2's mock cluster cannot create topics: start it with `eduledger "
          "dev-broker`, which creates them)");
    } else if (rd_kafka_event_error(event)) {
      st = KafkaStatus(rd_kafka_event_error(event), "kafka: creating topics")
               .Annotate(rd_kafka_event_error_string(event));
    } else {
      size_t n = 0;
      const rd_kafka_topic_result_t** results =
          rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &n);
      for (size_t i = 0; i < n && st.ok(); ++i) {
        rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
          continue;
        }
        const char* why = rd_kafka_topic_result_error_string(results[i]);
        st = KafkaStatus(err, std::string("kafka: creating topic ") +
                                  rd_kafka_topic_result_name(results[i]) + " (" + (why ? why : "") +
                                  ")");
      }
    }
    if (event) rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
  }
  for (rd_kafka_NewTopic_t* t : to_create) rd_kafka_NewTopic_destroy(t);
  if (!st.ok() || to_create.empty()) return st;
  // Created: wait until the metadata shows them, so clients started next find their partitions.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
  for (;;) {
    EDU_RETURN_IF_ERROR(ListTopics(admin.get(), kTimeoutMs, &existing));
    bool all = true;
    for (const Wanted& w : wanted) {
      auto found = existing.find(w.name);
      all = all && found != existing.end() && found->second == settings.partitions;
    }
    if (all) return Status::OK();
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Timeout("kafka: created topics did not appear in the cluster metadata");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Status KafkaTopicPartitions(rd_kafka_t* rk, const std::string& topic, int timeout_ms, int* count) {
  std::map<std::string, int> existing;
  EDU_RETURN_IF_ERROR(ListTopics(rk, timeout_ms, &existing));
  auto found = existing.find(topic);
  if (found == existing.end()) return Status::NotFound("kafka topic " + topic + " does not exist");
  *count = found->second;
  return Status::OK();
}

Status WarmUpKafkaMetadata(rd_kafka_t* rk, const std::vector<std::string>& topics, int timeout_ms) {
  for (const std::string& name : topics) {
    rd_kafka_topic_t* topic = rd_kafka_topic_new(rk, name.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, topic, &md, timeout_ms);
    if (md) rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(topic);
    if (err) return KafkaStatus(err, "kafka: metadata of " + name);
  }
  return Status::OK();
}

Status KafkaWatermarks(rd_kafka_t* rk, const std::string& topic, int partition, int timeout_ms,
                       int64_t* low, int64_t* high) {
  return KafkaStatus(
      rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, low, high, timeout_ms),
      "kafka: watermarks of " + topic + " [" + std::to_string(partition) + "]");
}

rd_kafka_headers_t* MakeKafkaHeaders(const KafkaHeaderList& headers) {
  rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers.size());
  for (const auto& [name, value] : headers) {
    rd_kafka_header_add(hdrs, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  }
  return hdrs;
}

std::optional<std::string> KafkaHeader(const rd_kafka_message_t* message, const char* name) {
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(message, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  const void* value = nullptr;
  size_t size = 0;
  if (rd_kafka_header_get_last(hdrs, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return std::nullopt;
  }
  return value ? std::string(static_cast<const char*>(value), size) : std::string();
}

std::string_view KafkaKey(const rd_kafka_message_t* message) {
  return message->key ? std::string_view(static_cast<const char*>(message->key), message->key_len)
                      : std::string_view();
}

std::string_view KafkaValue(const rd_kafka_message_t* message) {
  return message->payload
             ? std::string_view(static_cast<const char*>(message->payload), message->len)
             : std::string_view();
}

Status KafkaProduce(rd_kafka_t* producer, const std::string& topic, int partition,
                    std::string_view key, std::string_view value, const KafkaHeaderList& headers,
                    void* opaque) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    rd_kafka_headers_t* hdrs = MakeKafkaHeaders(headers);
    rd_kafka_resp_err_t err =
        rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()),
                          RD_KAFKA_V_PARTITION(partition), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_KEY(const_cast<char*>(key.data()), key.size()),
                          RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                          RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::OK();  // headers now owned by librdkafka
    rd_kafka_headers_destroy(hdrs);
    // A full local queue drains as deliveries complete: serve them and try again.
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || std::chrono::steady_clock::now() > deadline) {
      return KafkaStatus(err,
                         "kafka: producing to " + topic + " [" + std::to_string(partition) + "]");
    }
    rd_kafka_poll(producer, 20);
  }
}

}  // namespace edu
