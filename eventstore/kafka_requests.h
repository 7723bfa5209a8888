// The submitting side of the command processors: produces a request to <prefix>.commands and
// waits for its answer on <prefix>.command-results, correlated by the result's key (the command id
// or the append's request id). Used by KafkaEventLog::Append and by the HTTP API's
// KafkaCommandClient.
//
// The results consumer starts at the topic's end as it is when Open returns, so every answer to a
// request sent afterwards is seen; it reads with read_committed (an aborted answer is never
// taken, on a real Kafka). Thread-safe: many callers wait at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "eventstore/kafka_client.h"
#include "eventstore/kafka_wire.h"

namespace edu {

class KafkaRequestChannel {
 public:
  static Status Open(const KafkaSettings& settings, std::unique_ptr<KafkaRequestChannel>* out);
  ~KafkaRequestChannel();
  KafkaRequestChannel(const KafkaRequestChannel&) = delete;
  KafkaRequestChannel& operator=(const KafkaRequestChannel&) = delete;

  struct Answer {
    std::string kind;   // the edu.kind header of the result
    std::string value;  // the result message's value
  };

  // Produces the request to commands partition `partition` and waits up to `timeout` for the
  // first result keyed `correlation`. Returns OK with *answer, Timeout when no processor answered
  // in time (the request may still be handled later: retry with the same id), or Unavailable when
  // the request could not be delivered to the broker.
  Status Call(int partition, const std::string& key, const std::string& value,
              const KafkaHeaderList& headers, const std::string& correlation,
              std::chrono::milliseconds timeout, Answer* answer);

  const KafkaSettings& settings() const { return settings_; }

 private:
  struct Slot;
  explicit KafkaRequestChannel(KafkaSettings settings) : settings_(std::move(settings)) {}
  void Run();
  static void OnDelivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);

  KafkaSettings settings_;
  KafkaHandle producer_;
  KafkaHandle consumer_;
  std::mutex mu_;
  std::condition_variable answered_;
  std::unordered_multimap<std::string, std::shared_ptr<Slot>> waiting_;
  // Answers count only from the owner of each partition's last claim seen since Open
  // (eventstore/kafka_wire.h): a superseded owner's answer is never taken. Used by Run only.
  std::unique_ptr<kafka_wire::ResultClaims> claims_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace edu
