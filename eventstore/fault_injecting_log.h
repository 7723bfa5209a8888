// FaultInjectingEventLog: wraps any EventLog and fails chosen calls with Unavailable, LevelDB
// style (a fault-injecting wrapper, not a mock). Used to prove that callers stay correct when the
// log is unreachable and, above all, when a commit is ambiguous: an append that the log carried
// out but whose answer the client never received (FaultPoint::kAfterDelegating). Retrying such an
// append with the same command id must yield the first result and append nothing twice.
//
// Thread-safe; the wrapped log must outlive the wrapper.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

#include "eventstore/event_log.h"

namespace edu {

enum class FaultPoint {
  kBeforeDelegating,  // the wrapped log never sees the call
  kAfterDelegating,   // the wrapped log handles it, then the caller gets Unavailable anyway
};

class FaultInjectingEventLog : public EventLog {
 public:
  explicit FaultInjectingEventLog(EventLog* base);

  // The nth Append from now (1 = the next one) fails at `point`. Several may be scheduled.
  void FailAppend(int nth, FaultPoint point);
  // Every Append fails at `point` until ClearFaults().
  void FailAllAppends(FaultPoint point);
  // The next `count` reads (ReadStream, ReadPartition, EndOffsets, WaitForEvents, LookupCommand,
  // StreamVersion) fail before delegating; a negative count fails every read until ClearFaults().
  void FailReads(int count);
  void ClearFaults();

  int64_t appends_seen() const;     // Append calls made through the wrapper
  int64_t faults_injected() const;  // calls answered with an injected Unavailable

  int partition_count() const override { return base_->partition_count(); }
  Status Append(const AppendRequest& request, AppendResult* result) override;
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out) override;
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override;
  Status EndOffsets(std::vector<int64_t>* end_offsets) override;
  Status WaitForEvents(int partition, int64_t from_offset,
                       std::chrono::milliseconds timeout) override;
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) override;
  Status StreamVersion(const std::string& stream_id, int64_t* version) override;

 private:
  // Whether the current read fails; counts it.
  bool TakeReadFault();
  Status ReadFault(const std::string& what);

  EventLog* const base_;
  mutable std::mutex mu_;
  int64_t appends_seen_ = 0;
  int64_t faults_injected_ = 0;
  std::map<int64_t, FaultPoint> append_faults_;  // absolute append number (1-based) -> where
  std::optional<FaultPoint> all_appends_fail_;
  int read_faults_left_ = 0;  // negative: every read fails
};

}  // namespace edu
