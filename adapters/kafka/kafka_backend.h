// Everything a process needs to run on the Kafka event log, in one object: the log (reader, and
// Append through the partition owners), the command service the HTTP API calls, and this
// process's command processors. Used by `eduledger serve|demo|bench --log=kafka` and the tests.
//
//   KafkaBackendOptions o;
//   o.settings = KafkaSettingsFromConfig(config);       // or fill KafkaSettings directly
//   o.registry = &registry;  o.policies = &policies;
//   std::unique_ptr<KafkaBackend> kafka;
//   Status st = KafkaBackend::Start(o, &kafka);
//   st = kafka->WaitUntilReady(std::chrono::seconds(30));   // processors own every partition
//   HttpServer(..., &kafka->commands(), &kafka->log(), ...);  // projectors read kafka->log()
//
// Without a broker, StartKafkaDevCluster runs librdkafka's mock cluster in this process
// (in-memory, not durable, keeps only ~5 MiB per partition: development and tests only).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "adapters/config/config.h"
#include "adapters/kafka/kafka_command_client.h"
#include "adapters/kafka/kafka_processor.h"
#include "eventstore/kafka_event_log.h"
#include "eventstore/kafka_mock_cluster.h"

namespace edu {

struct KafkaBackendOptions {
  KafkaSettings settings;
  const Registry* registry = nullptr;  // required; must outlive the backend
  const Policies* policies = nullptr;  // required; must outlive the backend
  const Clock* clock = SystemClock::Instance();
  // Command processors run by this process (each joins the group and owns some partitions).
  // 0 when they run elsewhere: commands() then only submits and waits.
  int processors = 1;
  // Create absent topics with the admin API (a real Kafka; the mock has topics created for it).
  bool create_topics = true;
  size_t max_batch = 256;  // commands per processor transaction
  // See KafkaCommandProcessor::Options::decorate_log (personal data: docs/gdpr.md).
  std::function<std::unique_ptr<EventLog>(EventLog* partition_view)> decorate_log;
};

class KafkaBackend {
 public:
  static Status Start(KafkaBackendOptions options, std::unique_ptr<KafkaBackend>* out);
  // Stops the processors (committing their batches in flight), then the clients.
  ~KafkaBackend();

  KafkaEventLog& log() { return *log_; }
  CommandService& commands() { return *client_; }
  const KafkaSettings& settings() const { return options_.settings; }

  // Blocks until this process's processors own and have rebuilt every partition (with
  // processors == 0: returns OK at once). Timeout otherwise; the group needs about the session
  // timeout per rebalance.
  Status WaitUntilReady(std::chrono::milliseconds timeout);

  // Processors of this process, and one more (scale out; tests kill and add them).
  size_t processor_count() const { return processors_.size(); }
  KafkaCommandProcessor& processor(size_t i) { return *processors_[i]; }
  // crash_before_commit: see KafkaCommandProcessor::Options (tests).
  Status AddProcessor(const std::string& name,
                      std::function<bool(int partition)> crash_before_commit = nullptr);

 private:
  explicit KafkaBackend(KafkaBackendOptions options) : options_(std::move(options)) {}
  KafkaBackendOptions options_;
  std::unique_ptr<KafkaEventLog> log_;
  std::unique_ptr<KafkaRequestChannel> channel_;
  std::unique_ptr<KafkaCommandClient> client_;
  std::vector<std::unique_ptr<KafkaCommandProcessor>> processors_;
};

// The Kafka settings of the process configuration: bootstrap servers, topic prefix, partitions
// (log.partitions) and every kafka.* librdkafka property.
KafkaSettings KafkaSettingsFromConfig(const Config& config);

// Starts librdkafka's mock cluster in this process with the backend's topics created, and
// returns settings pointing at it. Prints nothing; callers say "in-memory, not durable".
Status StartKafkaDevCluster(const KafkaSettings& settings,
                            std::unique_ptr<KafkaMockCluster>* cluster, KafkaSettings* connected);

}  // namespace edu
