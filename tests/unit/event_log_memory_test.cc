#include "eventstore/memory_event_log.h"
#include "tests/support/event_log_contract.h"

namespace {

struct MemoryBackend {
  explicit MemoryBackend(int partitions) : log_(partitions) {}
  edu::EventLog& log() { return log_; }
  edu::MemoryEventLog log_;
};

}  // namespace

EDU_APPLY_EVENT_LOG_CONTRACT(MemoryBackend)
