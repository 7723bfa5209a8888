#include "adapters/kafka/kafka_backend.h"

#include <algorithm>
#include <set>
#include <thread>

namespace edu {

Status KafkaBackend::Start(KafkaBackendOptions options, std::unique_ptr<KafkaBackend>* out) {
  if (!options.registry || !options.policies) {
    return Status::InvalidArgument("kafka backend: registry and policies are required");
  }
  std::unique_ptr<KafkaBackend> backend(new KafkaBackend(std::move(options)));
  const KafkaSettings& settings = backend->options_.settings;
  if (backend->options_.create_topics) EDU_RETURN_IF_ERROR(EnsureKafkaTopics(settings));
  EDU_RETURN_IF_ERROR(KafkaEventLog::Open(settings, &backend->log_));
  EDU_RETURN_IF_ERROR(KafkaRequestChannel::Open(settings, &backend->channel_));
  backend->client_ =
      std::make_unique<KafkaCommandClient>(backend->channel_.get(), backend->options_.registry,
                                           std::chrono::milliseconds(settings.request_timeout_ms));
  for (int i = 0; i < backend->options_.processors; ++i) {
    EDU_RETURN_IF_ERROR(backend->AddProcessor("processor-" + std::to_string(i)));
  }
  *out = std::move(backend);
  return Status::OK();
}

KafkaBackend::~KafkaBackend() {
  // Processors first: they read references through log_.
  processors_.clear();
  client_.reset();
  channel_.reset();
  log_.reset();
}

Status KafkaBackend::AddProcessor(const std::string& name,
                                  std::function<bool(int partition)> crash_before_commit) {
  KafkaCommandProcessor::Options o;
  o.settings = options_.settings;
  o.registry = options_.registry;
  o.policies = options_.policies;
  o.log = log_.get();
  o.clock = options_.clock;
  o.max_batch = options_.max_batch;
  o.name = name;
  o.crash_before_commit = std::move(crash_before_commit);
  o.decorate_log = options_.decorate_log;
  std::unique_ptr<KafkaCommandProcessor> processor;
  EDU_RETURN_IF_ERROR(KafkaCommandProcessor::Start(std::move(o), &processor));
  processors_.push_back(std::move(processor));
  return Status::OK();
}

Status KafkaBackend::WaitUntilReady(std::chrono::milliseconds timeout) {
  if (processors_.empty()) return Status::OK();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::set<int> owned;
    for (const auto& p : processors_) {
      if (p->dead()) continue;
      for (int partition : p->ReadyPartitions()) owned.insert(partition);
    }
    if (static_cast<int>(owned.size()) == options_.settings.partitions) return Status::OK();
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Timeout("kafka: processors own " + std::to_string(owned.size()) + " of " +
                             std::to_string(options_.settings.partitions) + " partitions after " +
                             std::to_string(timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

KafkaSettings KafkaSettingsFromConfig(const Config& config) {
  KafkaSettings s;
  s.bootstrap_servers = config.kafka.bootstrap_servers;
  s.topic_prefix = config.kafka.topic_prefix;
  s.partitions = config.partitions;
  s.properties = config.kafka.properties;
  return s;
}

Status StartKafkaDevCluster(const KafkaSettings& settings,
                            std::unique_ptr<KafkaMockCluster>* cluster, KafkaSettings* connected) {
  EDU_RETURN_IF_ERROR(KafkaMockCluster::Start(1, cluster));
  EDU_RETURN_IF_ERROR((*cluster)->CreateTopics(settings));
  *connected = settings;
  connected->bootstrap_servers = (*cluster)->bootstrap_servers();
  // The mock's first group join waits 3 s; a session shorter than that never completes it.
  connected->session_timeout_ms = std::max(connected->session_timeout_ms, 3000);
  return Status::OK();
}

}  // namespace edu
