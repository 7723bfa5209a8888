#include "eventstore/memory_event_log.h"
#include "eventstore/personal_data.h"
#include "tests/support/event_log_contract.h"
#include "tests/support/personal_data_backend.h"

namespace {

struct MemoryBackend {
  explicit MemoryBackend(int partitions) : log_(partitions) {}
  edu::EventLog& log() { return log_; }
  std::unique_ptr<edu::PersonKeyStore> MakePersonKeyStore() {
    return std::make_unique<edu::MemoryPersonKeyStore>();
  }
  edu::MemoryEventLog log_;
};

}  // namespace

// The in-memory log, and the personal-data wrapper over it (the composition root's view of any
// backend: everything the application reads and writes goes through it).
EDU_APPLY_EVENT_LOG_CONTRACT(MemoryBackend, edu::testing::PersonalDataBackend<MemoryBackend>)
