// An in-process EventLog with the full contract (expected versions, command records, unique event
// ids, offsets, hash chain, waiting readers). A fake for fast unit tests and for the contract
// suite's own sanity; nothing is durable.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "eventstore/clock.h"
#include "eventstore/event_log.h"

namespace edu {

class MemoryEventLog : public EventLog {
 public:
  explicit MemoryEventLog(int partitions = 4, const Clock* clock = SystemClock::Instance());

  int partition_count() const override { return static_cast<int>(partitions_.size()); }
  Status Append(const AppendRequest& request, AppendResult* result) override;
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out) override;
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override;
  Status EndOffsets(std::vector<int64_t>* end_offsets) override;
  Status WaitForEvents(int partition, int64_t from_offset,
                       std::chrono::milliseconds timeout) override;
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) override;

 private:
  const Clock* clock_;
  mutable std::mutex mu_;
  std::condition_variable appended_;
  std::vector<std::vector<RecordedEvent>> partitions_;
  std::map<std::string, std::vector<std::pair<int, int64_t>>> streams_;  // -> (partition, offset)
  std::map<Uuid, CommandRecord> commands_;
  std::set<Uuid> event_ids_;  // every event id in the log: a second use is refused (Duplicate)
};

}  // namespace edu
