// The EventLog contract on the Kafka backend: librdkafka's mock cluster, appends going through the
// partition owner (a command processor) and reads through KafkaEventLog's index.
#include "tests/integration/kafka_test_bed.h"
#include "tests/support/event_log_contract.h"

namespace {

struct KafkaContractBackend {
  explicit KafkaContractBackend(int partitions)
      : bed([partitions] {
          auto o = edu::testing::KafkaTestBed::Options(partitions, 1);
          o.shared_cluster = true;
          return o;
        }()) {}
  edu::EventLog& log() { return bed.backend().log(); }
  // A partition's owner knows only its own partition's events, so an event id used on another
  // partition goes unnoticed (see kafka_event_log.h).
  static constexpr bool kRefusesDuplicateEventIds = false;
  edu::testing::KafkaTestBed bed;
};

}  // namespace

EDU_APPLY_EVENT_LOG_CONTRACT(KafkaContractBackend)
