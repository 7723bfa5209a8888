// Thin helpers over librdkafka's C API shared by the Kafka backend: client construction with the
// settings' pass-through properties, error translation into Status, topic creation, watermarks
// and message headers. librdkafka never throws; every error code becomes a Status here.
#pragma once

#include <librdkafka/rdkafka.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventstore/kafka_settings.h"
#include "eventstore/status.h"

namespace edu {

struct KafkaHandleDeleter {
  void operator()(rd_kafka_t* rk) const;
};
// Destroying a consumer handle closes it (leaves its group) first.
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaHandleDeleter>;

struct KafkaClientSpec {
  rd_kafka_type_t type = RD_KAFKA_PRODUCER;
  // Tuning this backend prefers; settings.properties override them.
  std::map<std::string, std::string> defaults;
  // Properties correctness depends on; they override settings.properties.
  std::map<std::string, std::string> required;
  // Installs callbacks and the opaque on the configuration before the handle is created.
  std::function<void(rd_kafka_conf_t*)> configure;
};

// A consumer of assigned partitions (no group membership, no offset commits) reading with
// read_committed. `name` only labels it: librdkafka wants a group.id even for assign().
// With partition_eof it reports reaching the end of each partition. A reader of the log must see
// every event: when its position is lost (out of range after a broker outage or retention) it
// restarts from the earliest offset and the index drops what it already holds; a reader that only
// waits for new answers (reads_log = false) keeps librdkafka's default (the end).
KafkaClientSpec KafkaReaderSpec(const std::string& name, bool partition_eof, bool reads_log = true);

struct KafkaTopicPartition {
  std::string topic;
  int partition = 0;
  int64_t offset = RD_KAFKA_OFFSET_BEGINNING;  // where to start reading
};
// rd_kafka_assign of exactly these partitions.
Status KafkaAssign(rd_kafka_t* consumer, const std::vector<KafkaTopicPartition>& partitions);

// A client for settings.bootstrap_servers. InvalidArgument naming the property librdkafka refused.
Status CreateKafkaClient(const KafkaSettings& settings, const KafkaClientSpec& spec,
                         KafkaHandle* out);

// "context: <librdkafka message>" with a code that says whether retrying can help: Unavailable for
// transport and broker availability errors, Timeout for timeouts, InvalidArgument for
// configuration errors, Internal otherwise.
Status KafkaStatus(rd_kafka_resp_err_t err, const std::string& context);
// The same for an rd_kafka_error_t, which it destroys. OK for nullptr.
Status KafkaStatus(rd_kafka_error_t* error, const std::string& context);

// Makes sure the commands, events (retention.ms=-1) and command-results topics exist with
// settings.partitions partitions: creates the absent ones with the admin API and refuses topics
// with another partition count (co-partitioning by stream id would break).
Status EnsureKafkaTopics(const KafkaSettings& settings);

// The partition count of a topic: NotFound when the cluster has no such topic.
Status KafkaTopicPartitions(rd_kafka_t* rk, const std::string& topic, int timeout_ms, int* count);

// Fetches metadata for the topics so that the first produce does not wait for a refresh.
Status WarmUpKafkaMetadata(rd_kafka_t* rk, const std::vector<std::string>& topics, int timeout_ms);

// The low (first kept) and high (next to be written) offsets of a partition, from the broker.
Status KafkaWatermarks(rd_kafka_t* rk, const std::string& topic, int partition, int timeout_ms,
                       int64_t* low, int64_t* high);

// Message headers.
using KafkaHeaderList = std::vector<std::pair<std::string, std::string>>;
// A new rd_kafka_headers_t holding the list (ownership passes to the caller / producev).
rd_kafka_headers_t* MakeKafkaHeaders(const KafkaHeaderList& headers);
// The last value of header `name`, or nullopt.
std::optional<std::string> KafkaHeader(const rd_kafka_message_t* message, const char* name);
std::string_view KafkaKey(const rd_kafka_message_t* message);
std::string_view KafkaValue(const rd_kafka_message_t* message);

// Produces one message to an explicit partition (headers may be empty). The message is copied.
Status KafkaProduce(rd_kafka_t* producer, const std::string& topic, int partition,
                    std::string_view key, std::string_view value, const KafkaHeaderList& headers,
                    void* opaque);

}  // namespace edu
