// Shared by the Kafka integration tests: librdkafka's mock cluster in this process, the backend's
// topics under a fresh prefix, and a KafkaBackend (log, command client, processors) on them.
#pragma once

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "adapters/kafka_backend.h"
#include "commands/registry.h"
#include "domain/policies.h"

namespace edu::testing {

// A topic prefix no other test of this process uses.
inline std::string FreshKafkaPrefix(const std::string& what) {
  static std::atomic<int> counter{0};
  return "t" + std::to_string(::getpid()) + "-" + what + "-" + std::to_string(++counter);
}

// Settings for tests: the mock's 3 s first join needs session.timeout.ms >= 3000; short request
// timeouts keep failing tests quick.
inline KafkaSettings TestKafkaSettings(const std::string& bootstrap, int partitions,
                                       const std::string& prefix) {
  KafkaSettings s;
  s.bootstrap_servers = bootstrap;
  s.topic_prefix = prefix;
  s.partitions = partitions;
  s.session_timeout_ms = 3000;
  s.request_timeout_ms = 15'000;
  s.properties = {{"log_level", "2"}};  // broker-down tests would flood the output otherwise
  return s;
}

inline const Registry& TestRegistry() {
  static const Registry registry = [] {
    Registry r;
    RegisterAllMarketplaces(&r);
    return r;
  }();
  return registry;
}

inline const Policies& TestPolicies() {
  static const Policies policies;
  return policies;
}

// A mock cluster of its own (fault tests) or the one shared by the process (contract suite).
class KafkaTestBed {
 public:
  KafkaTestBed(int partitions, int processors, int brokers = 1, bool own_cluster = true,
               size_t max_batch = 256) {
    if (own_cluster) {
      REQUIRE(KafkaMockCluster::Start(brokers, &own_).ok());
      cluster_ = own_.get();
    } else {
      cluster_ = &Shared();
    }
    settings_ =
        TestKafkaSettings(cluster_->bootstrap_servers(), partitions, FreshKafkaPrefix("bed"));
    REQUIRE(cluster_->CreateTopics(settings_).ok());
    KafkaBackendOptions o;
    o.settings = settings_;
    o.registry = &TestRegistry();
    o.policies = &TestPolicies();
    o.processors = processors;
    o.create_topics = false;
    o.max_batch = max_batch;
    Status st = KafkaBackend::Start(o, &backend_);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    if (processors > 0) {
      st = backend_->WaitUntilReady(std::chrono::seconds(30));
      REQUIRE_MESSAGE(st.ok(), st.ToString());
    }
  }

  KafkaMockCluster& cluster() { return *cluster_; }
  KafkaBackend& backend() { return *backend_; }
  const KafkaSettings& settings() const { return settings_; }

  static KafkaMockCluster& Shared() {
    static std::unique_ptr<KafkaMockCluster> shared = [] {
      std::unique_ptr<KafkaMockCluster> c;
      Status st = KafkaMockCluster::Start(1, &c);
      if (!st.ok()) FAIL(st.ToString());
      return c;
    }();
    return *shared;
  }

 private:
  std::unique_ptr<KafkaMockCluster> own_;
  KafkaMockCluster* cluster_ = nullptr;
  KafkaSettings settings_;
  std::unique_ptr<KafkaBackend> backend_;
};

}  // namespace edu::testing
