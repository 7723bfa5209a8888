// Where the Kafka event log lives and how its clients talk to the cluster. Everything the Kafka
// backend needs is here; adapters fill it from the process configuration
// (adapters/config/config.h).
#pragma once

#include <map>
#include <string>

namespace edu {

struct KafkaSettings {
  std::string bootstrap_servers;  // host:port[,host:port...]
  std::string topic_prefix = "eduledger";
  int partitions = 8;           // of each of the three co-partitioned topics
  int replication_factor = -1;  // for topics this backend creates; -1 = the broker's default
  // librdkafka properties given to every client, unchanged (security.protocol, sasl.*, ssl.*,
  // client.id, ...). They override this backend's tuning defaults but not the few properties
  // correctness depends on (isolation.level, transactional.id, enable.auto.commit, ...).
  std::map<std::string, std::string> properties;
  // Consumer-group session of the command processors: how long a dead processor keeps its
  // partitions. librdkafka 2.0.2's mock cluster needs >= 3000 (its first join waits 3 s).
  int session_timeout_ms = 10'000;
  // How long a submitter (HTTP API, KafkaEventLog::Append) waits for a processor's answer.
  int request_timeout_ms = 10'000;

  std::string CommandsTopic() const { return topic_prefix + ".commands"; }
  std::string EventsTopic() const { return topic_prefix + ".events"; }
  std::string ResultsTopic() const { return topic_prefix + ".command-results"; }
  std::string ProcessorGroup() const { return topic_prefix + ".processors"; }
  // One transactional id per commands partition: a new owner of partition p fences every earlier
  // producer of p (Kafka aborts its open transaction and rejects its later writes).
  std::string OwnerTransactionalId(int partition) const {
    return topic_prefix + ".owner-" + std::to_string(partition);
  }
};

}  // namespace edu
