// librdkafka's mock cluster: an in-memory Kafka that speaks the real protocol, for development
// (`eduledger dev-broker`), the demo and tests. NOT durable (everything is lost when the process
// ends) and it keeps only about the latest 5 MiB per partition.
//
// Known limits of librdkafka 2.0.2's mock (the backend must be correct despite them):
//   - transactions are accepted but not enforced: read_committed consumers also receive aborted
//     and still-open transactions, send_offsets_to_transaction stores nothing, and a second
//     producer with the same transactional.id does not fence the first;
//   - no CreateTopics: topics are created in-process (CreateTopics below);
//   - a consumer group's first join waits 3 s, so session.timeout.ms must be >= 3000.
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <memory>
#include <string>
#include <vector>

#include "eventstore/kafka_client.h"

namespace edu {

class KafkaMockCluster {
 public:
  // A cluster of `brokers` brokers (ids 1..brokers) listening on 127.0.0.1 ephemeral ports.
  static Status Start(int brokers, std::unique_ptr<KafkaMockCluster>* out);
  ~KafkaMockCluster();
  KafkaMockCluster(const KafkaMockCluster&) = delete;
  KafkaMockCluster& operator=(const KafkaMockCluster&) = delete;

  // host:port,... to give clients (also from other processes).
  const std::string& bootstrap_servers() const { return bootstrap_; }
  int brokers() const { return brokers_; }

  // Creates the backend's three topics with settings.partitions partitions (no-op when present).
  Status CreateTopics(const KafkaSettings& settings);

  // Fault injection.
  Status SetBrokerDown(int broker_id);
  Status SetBrokerUp(int broker_id);
  // The next errors.size() requests of kind api_key (e.g. RD_KAFKAP_Produce = 0) fail with them.
  void PushRequestErrors(int16_t api_key, const std::vector<rd_kafka_resp_err_t>& errors);

  rd_kafka_mock_cluster_t* raw() const { return cluster_; }

 private:
  KafkaMockCluster() = default;
  KafkaHandle host_;  // the handle the mock cluster runs in
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_;
  int brokers_ = 0;
};

}  // namespace edu
