// The EventLog contract on the Kafka backend: librdkafka's mock cluster, appends going through the
// partition owner (a command processor) and reads through KafkaEventLog's index.
#include "tests/integration/kafka_test_bed.h"
#include "tests/support/event_log_contract.h"

namespace {

struct KafkaContractBackend {
  explicit KafkaContractBackend(int partitions)
      : bed(partitions, /*processors=*/1, /*brokers=*/1, /*own_cluster=*/false) {}
  edu::EventLog& log() { return bed.backend().log(); }
  edu::testing::KafkaTestBed bed;
};

}  // namespace

EDU_APPLY_EVENT_LOG_CONTRACT(KafkaContractBackend)
