// Replay for analytics: events of some or all partitions, from the beginning, an offset, a time or
// a resume token, up to the log's end at the start ("now") or a position, filtered by type,
// marketplace or stream, handed to a sink one by one. The client-side contract (docs/replay.md):
//
//   - Within a partition, and so within a stream, events come in offset (= version) order. Across
//     partitions they are merged by recorded_at (ties: lower partition first); that is no causal
//     order, just a stable, time-like one.
//   - Position = for each partition, the next offset to read. Every event before it that passes
//     the filter was handed to the sink, none after it was. A replay that stops (signal,
//     --max-events, error) reports that position as a resume token; a replay started from that
//     token with the same filters hands over exactly the events the first would have handed over
//     next: no gap, no duplicate.
//   - The token carries a digest of the filters and the partition selection; resuming with other
//     ones is refused (their "next offsets" would not mean the same).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/core/time.h"
#include "eventstore/event_log.h"
#include "eventstore/upcasters.h"

namespace edu {

struct ReplayFilter {
  std::set<std::string> types;         // empty: every type
  std::set<std::string> marketplaces;  // empty: every marketplace
  // Exact stream ids, or categories ("mentorship.session") matching every stream of theirs.
  std::set<std::string> streams;

  bool Matches(const RecordedEvent& e) const;
};

struct ReplayOptions {
  std::vector<int> partitions;  // empty: every partition
  // Where to start, per partition (only the selected ones are read). Absent: offset 0.
  std::optional<std::vector<int64_t>> from_offsets;
  // Start at the first event recorded at or after this time (binary search on recorded_at, which
  // writers stamp in offset order; events before it are never handed over).
  std::optional<Timestamp> since;
  // Exclusive end per partition. Absent: the end offsets when the replay starts ("now").
  std::optional<std::vector<int64_t>> until;
  ReplayFilter filter;
  size_t batch = 1000;                // events read per partition at a time
  int64_t max_events = 0;             // stop after handing over this many (0: no limit)
  std::function<bool()> should_stop;  // polled between events (a signal)
  // Upcasting to the current shape: the current schema version of (marketplace, type), or 0 when
  // unknown (then the event is handed over as stored). Null: no upcasting.
  std::function<int(const std::string& marketplace, const std::string& type)> current_version;
  const Upcasters* upcasters = &Upcasters::Global();
};

struct ReplayProgress {
  int64_t read = 0;     // events read (handed over or filtered out)
  int64_t emitted = 0;  // handed to the sink
  int64_t total = 0;    // events between start and end, all selected partitions
  double seconds = 0;
};

struct ReplayResult {
  ReplayProgress totals;
  bool complete = false;      // reached the end of every selected partition
  std::vector<int64_t> next;  // per partition of the log: next offset (position)
  std::string resume_token;   // the position as a token (see EncodeResumeToken)
};

// Runs the replay. The sink's error stops it (returned, with *result telling where it stopped:
// the failed event is not counted as handed over). `progress` (optional) is called every batch.
Status ReplayLog(EventLog* log, const ReplayOptions& options,
                 const std::function<Status(const RecordedEvent&)>& sink,
                 const std::function<void(const ReplayProgress&)>& progress, ReplayResult* result);

// "r1.<digest>.<next offset of partition 0>,<p1>,..." with "-" for partitions not selected. The
// digest covers the filter and the partition selection.
std::string ReplayDigest(const ReplayFilter& filter, const std::vector<int>& partitions);
std::string EncodeResumeToken(const std::string& digest, const std::vector<int64_t>& next,
                              const std::vector<int>& partitions);
// Parses a token printed for a log of `partition_count` partitions; InvalidArgument naming the
// problem (malformed, other partition count, other filters when `expected_digest` is not empty).
Status DecodeResumeToken(const std::string& token, int partition_count,
                         const std::string& expected_digest, std::vector<int64_t>* next);

}  // namespace edu
