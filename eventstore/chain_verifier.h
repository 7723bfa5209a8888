// Chain verification for auditors: re-computes every partition's hash chain from the stored events
// and names the first event that was edited, removed, reordered or inserted.
//
// Each event's hash is SHA-256(prev_hash + "\n" + CanonicalForHash(event)) and its prev_hash is
// the hash of the event before it in its partition (eventstore/envelope_codec.h). Per partition,
// in offset order, the first of these that fails is reported and the partition is not checked
// further (everything after a break is suspect):
//   offset gap        offsets must be contiguous (PostgreSQL log): an offset is missing, i.e. an
//                     event was removed (Kafka offsets skip numbers legitimately: not checked)
//   content changed   the stored hash is not the hash of the stored event: it was edited
//   reordered         prev_hash is the hash of another event of the partition: events moved
//   link broken       prev_hash names no event nearby: an event before it was removed or
//                     replaced, or this one was inserted
//   stream version gap  a stream's versions jump although the chain holds: the history was
//                     rewritten and re-sealed after removing or inserting an event
// The chain is a plain hash chain: it proves the log is self-consistent, and a later run proves
// nothing changed since an earlier one only against heads recorded then (the report lists each
// partition's head hash for that purpose).
//
// Read the backend's log directly, not through PersonalDataLog: the sealed bytes are what the
// chain covers, and they never change, erasure included.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "eventstore/event_log.h"

namespace edu {

struct ChainFinding {
  enum class Kind { kOffsetGap, kContentChanged, kReordered, kLinkBroken, kStreamVersionGap };
  Kind kind = Kind::kContentChanged;
  int partition = 0;
  int64_t offset = 0;  // of the event named
  std::string stream_id;
  int64_t stream_version = 0;
  Uuid event_id;
  std::string type;
  std::string detail;  // what exactly does not match
};

const char* ChainFindingKindName(ChainFinding::Kind kind);  // "content changed", ...
// "partition 3, offset 17: mentorship.session-… v3 (PaymentCaptured, event …): content changed: …"
std::string DescribeFinding(const ChainFinding& f);

struct PartitionVerdict {
  int partition = 0;
  int64_t events = 0;        // events checked (up to and including a break)
  int64_t last_offset = -1;  // of the last event checked
  std::string head_hash;     // hash of the last event checked
  std::optional<ChainFinding> first_break;
};

struct ChainReport {
  std::vector<PartitionVerdict> partitions;
  int64_t events = 0;
  bool intact() const {
    for (const auto& p : partitions) {
      if (p.first_break) return false;
    }
    return true;
  }
};

struct ChainVerifyOptions {
  std::vector<int> partitions;     // empty: every partition
  bool contiguous_offsets = true;  // true for the PostgreSQL log; false for Kafka
  size_t batch = 2000;             // events per read
  // Called after each batch with the events checked so far (progress bars).
  std::function<void(int64_t checked, int64_t total)> progress;
};

// Verifies up to the log's end as of the call. OK with the report filled whether or not the chain
// is intact (report->intact()); a non-OK status means the log could not be read.
Status VerifyChains(EventLog* log, const ChainVerifyOptions& options, ChainReport* report);

}  // namespace edu
