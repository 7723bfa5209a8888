// FaultInjectingEventLog over the in-memory log: faults land exactly where they are scheduled,
// and with no fault scheduled the wrapper keeps the whole EventLog contract.
#include <doctest/doctest.h>

#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"
#include "tests/support/event_log_contract.h"

namespace {

struct FaultFreeBackend {
  explicit FaultFreeBackend(int partitions) : base_(partitions), log_(&base_) {}
  edu::EventLog& log() { return log_; }
  edu::MemoryEventLog base_;
  edu::FaultInjectingEventLog log_;
};

}  // namespace

EDU_APPLY_EVENT_LOG_CONTRACT(FaultFreeBackend)

namespace edu::testing {
namespace {

AppendRequest Commanded(uint64_t n, ExpectedVersion expected = ExpectedVersion::Any()) {
  AppendRequest r = TestAppend(TestStream(1), expected, {TestEvent(n << 8)});
  r.command = CommandRecord{TestUuid(n << 8, 0xc0de), "hash", "{\"n\":" + std::to_string(n) + "}"};
  return r;
}

size_t StreamLength(EventLog& log) {
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(TestStream(1), 1, &events).ok());
  return events.size();
}

TEST_CASE("fault log: the nth append fails before reaching the log, and only that one") {
  MemoryEventLog base(2);
  FaultInjectingEventLog log(&base);
  AppendResult r;
  REQUIRE(log.Append(Commanded(1), &r).ok());
  log.FailAppend(2, FaultPoint::kBeforeDelegating);  // counted from now: the 2nd append from here
  REQUIRE(log.Append(Commanded(2), &r).ok());
  Status st = log.Append(Commanded(3), &r);
  CHECK(st.IsUnavailable());
  CHECK(st.message().find("append #3") != std::string::npos);
  CHECK(StreamLength(base) == 2);  // the base never saw it
  std::optional<CommandRecord> found;
  REQUIRE(base.LookupCommand(TestUuid(3 << 8, 0xc0de), &found).ok());
  CHECK_FALSE(found.has_value());
  REQUIRE(log.Append(Commanded(3), &r).ok());  // the retry goes through
  CHECK_FALSE(r.duplicate_of.has_value());
  CHECK(StreamLength(base) == 3);
  CHECK(log.appends_seen() == 4);
  CHECK(log.faults_injected() == 1);
}

TEST_CASE("fault log: an append failed after delegating was committed; its retry is a no-op") {
  MemoryEventLog base(2);
  FaultInjectingEventLog log(&base);
  log.FailAppend(1, FaultPoint::kAfterDelegating);
  AppendResult r;
  Status st = log.Append(Commanded(1, ExpectedVersion::NoStream()), &r);
  CHECK(st.IsUnavailable());
  CHECK(st.message().find("after the log answered (OK)") != std::string::npos);
  CHECK(r.last_offset == -1);      // the caller learns nothing
  CHECK(StreamLength(base) == 1);  // yet the log appended it
  // The caller retries with the same command id: the first result, nothing appended twice.
  REQUIRE(log.Append(Commanded(1, ExpectedVersion::NoStream()), &r).ok());
  REQUIRE(r.duplicate_of.has_value());
  CHECK(r.duplicate_of->result == "{\"n\":1}");
  CHECK(StreamLength(base) == 1);
}

TEST_CASE("fault log: every append fails until the faults are cleared") {
  MemoryEventLog base(1);
  FaultInjectingEventLog log(&base);
  log.FailAllAppends(FaultPoint::kBeforeDelegating);
  AppendResult r;
  for (uint64_t n = 1; n <= 3; ++n) CHECK(log.Append(Commanded(n), &r).IsUnavailable());
  CHECK(StreamLength(base) == 0);
  log.ClearFaults();
  CHECK(log.Append(Commanded(4), &r).ok());
  CHECK(log.faults_injected() == 3);
}

TEST_CASE("fault log: reads fail for the scheduled count, or until cleared") {
  MemoryEventLog base(2);
  FaultInjectingEventLog log(&base);
  AppendResult r;
  REQUIRE(log.Append(Commanded(1), &r).ok());
  std::vector<RecordedEvent> events;
  std::vector<int64_t> ends;
  std::optional<CommandRecord> found;
  int64_t version = 0;
  log.FailReads(2);
  CHECK(log.ReadStream(TestStream(1), 1, &events).IsUnavailable());
  CHECK(log.EndOffsets(&ends).IsUnavailable());
  CHECK(log.ReadStream(TestStream(1), 1, &events).ok());
  CHECK(events.size() == 1);

  log.FailReads(-1);
  CHECK(log.ReadPartition(r.partition, 0, 10, &events).IsUnavailable());
  CHECK(log.WaitForEvents(r.partition, 0, std::chrono::milliseconds(1)).IsUnavailable());
  CHECK(log.LookupCommand(TestUuid(1 << 8, 0xc0de), &found).IsUnavailable());
  CHECK(log.StreamVersion(TestStream(1), &version).IsUnavailable());
  CHECK(log.Append(Commanded(2), &r).ok());  // appends are unaffected by read faults
  log.ClearFaults();
  CHECK(log.StreamVersion(TestStream(1), &version).ok());
  CHECK(version == 2);
  CHECK(log.faults_injected() == 6);
}

}  // namespace
}  // namespace edu::testing
