#include "eventstore/chain_verifier.h"

#include <deque>
#include <unordered_map>

#include "eventstore/envelope_codec.h"

namespace edu {
namespace {

constexpr size_t kSearchWindow = 1000;  // events looked at around a broken link

std::string Short(const std::string& hash) {
  return hash.empty() ? std::string("(none)") : hash.substr(0, 12) + "…";
}

ChainFinding FindingAt(const RecordedEvent& e, ChainFinding::Kind kind, std::string detail) {
  ChainFinding f;
  f.kind = kind;
  f.partition = e.partition;
  f.offset = e.offset;
  f.stream_id = e.stream_id;
  f.stream_version = e.stream_version;
  f.event_id = e.event_id;
  f.type = e.type;
  f.detail = std::move(detail);
  return f;
}

class PartitionChecker {
 public:
  PartitionChecker(EventLog* log, int partition, const ChainVerifyOptions& options)
      : log_(log), partition_(partition), options_(options) {}

  // The first break at `e`, if any; updates the running state when there is none.
  Status Check(const RecordedEvent& e, std::optional<ChainFinding>* finding) {
    finding->reset();
    if (options_.contiguous_offsets && e.offset != next_offset_) {
      int64_t missing = e.offset - next_offset_;
      std::string detail =
          missing > 0
              ? "offset" + std::string(missing > 1 ? "s " : " ") + std::to_string(next_offset_) +
                    (missing > 1 ? ".." + std::to_string(e.offset - 1) : "") +
                    " missing: " + std::to_string(missing) + " event(s) removed before this one"
              : "offset " + std::to_string(e.offset) + " comes after offset " +
                    std::to_string(next_offset_ - 1);
      *finding = FindingAt(e, ChainFinding::Kind::kOffsetGap, detail);
      return Status::OK();
    }
    std::string recomputed = ChainHash(e.prev_hash, CanonicalForHash(e));
    if (recomputed != e.hash) {
      *finding =
          FindingAt(e, ChainFinding::Kind::kContentChanged,
                    "its stored hash " + Short(e.hash) + " is not the hash of its content (" +
                        Short(recomputed) + "): the event was edited after it was written");
      return Status::OK();
    }
    if (e.prev_hash != head_) {
      EDU_RETURN_IF_ERROR(LinkFinding(e, finding));
      return Status::OK();
    }
    int64_t& version = stream_versions_[e.stream_id];
    if (e.stream_version != version + 1) {
      *finding = FindingAt(e, ChainFinding::Kind::kStreamVersionGap,
                           "stream " + e.stream_id + " goes from v" + std::to_string(version) +
                               " to v" + std::to_string(e.stream_version) +
                               " although the chain holds: the partition was rewritten and "
                               "re-sealed");
      return Status::OK();
    }
    version = e.stream_version;
    head_ = e.hash;
    head_offset_ = e.offset;
    next_offset_ = e.offset + 1;
    recent_.emplace_back(e.hash, e.offset);
    recent_index_[e.hash] = e.offset;
    if (recent_.size() > kSearchWindow) {
      recent_index_.erase(recent_.front().first);
      recent_.pop_front();
    }
    return Status::OK();
  }

  const std::string& head() const { return head_; }
  int64_t head_offset() const { return head_offset_; }

 private:
  // prev_hash does not name the event before: find whose hash it is, nearby.
  Status LinkFinding(const RecordedEvent& e, std::optional<ChainFinding>* finding) {
    std::string before = head_offset_ < 0
                             ? "the partition's first event must chain to nothing"
                             : "the event before it (offset " + std::to_string(head_offset_) +
                                   ") has hash " + Short(head_);
    std::optional<int64_t> named;
    auto it = recent_index_.find(e.prev_hash);
    if (it != recent_index_.end()) named = it->second;
    std::vector<RecordedEvent> ahead;
    if (!named) {
      EDU_RETURN_IF_ERROR(log_->ReadPartition(partition_, e.offset + 1, kSearchWindow, &ahead));
      for (const RecordedEvent& a : ahead) {
        if (a.hash == e.prev_hash) {
          named = a.offset;
          break;
        }
      }
    }
    if (named) {
      *finding =
          FindingAt(e, ChainFinding::Kind::kReordered,
                    "it chains to the event now at offset " + std::to_string(*named) + " (hash " +
                        Short(e.prev_hash) + "), but " + before + ": events were reordered");
    } else {
      *finding = FindingAt(e, ChainFinding::Kind::kLinkBroken,
                           "its prev_hash " + Short(e.prev_hash) +
                               " is the hash of no event near it; " + before +
                               ": an event before it was removed or replaced, or it was "
                               "inserted");
    }
    return Status::OK();
  }

  EventLog* log_;
  int partition_;
  const ChainVerifyOptions& options_;
  std::string head_;  // hash of the last event that checked out ("" before the first)
  int64_t head_offset_ = -1;
  int64_t next_offset_ = 0;
  std::unordered_map<std::string, int64_t> stream_versions_;
  std::deque<std::pair<std::string, int64_t>> recent_;
  std::unordered_map<std::string, int64_t> recent_index_;
};

}  // namespace

const char* ChainFindingKindName(ChainFinding::Kind kind) {
  switch (kind) {
    case ChainFinding::Kind::kOffsetGap:
      return "offset gap";
    case ChainFinding::Kind::kContentChanged:
      return "content changed";
    case ChainFinding::Kind::kReordered:
      return "reordered";
    case ChainFinding::Kind::kLinkBroken:
      return "previous-hash link broken";
    case ChainFinding::Kind::kStreamVersionGap:
      return "stream version gap";
  }
  return "?";
}

std::string DescribeFinding(const ChainFinding& f) {
  return "partition " + std::to_string(f.partition) + ", offset " + std::to_string(f.offset) +
         ": " + f.stream_id + " v" + std::to_string(f.stream_version) + " (" + f.type + ", event " +
         ToString(f.event_id) + "): " + ChainFindingKindName(f.kind) + ": " + f.detail;
}

Status VerifyChains(EventLog* log, const ChainVerifyOptions& options, ChainReport* report) {
  *report = ChainReport{};
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(log->EndOffsets(&ends).Annotate("reading the log's end offsets"));
  std::vector<int> partitions = options.partitions;
  if (partitions.empty()) {
    for (int p = 0; p < log->partition_count(); ++p) partitions.push_back(p);
  }
  int64_t total = 0;
  for (int p : partitions) {
    if (p < 0 || p >= log->partition_count()) {
      return Status::InvalidArgument("partition " + std::to_string(p) +
                                     " does not exist (the log has " +
                                     std::to_string(log->partition_count()) + ")");
    }
    total += ends[static_cast<size_t>(p)];
  }
  int64_t checked = 0;
  for (int p : partitions) {
    PartitionVerdict verdict;
    verdict.partition = p;
    PartitionChecker checker(log, p, options);
    const int64_t end = ends[static_cast<size_t>(p)];
    int64_t from = 0;
    while (from < end && !verdict.first_break) {
      std::vector<RecordedEvent> batch;
      EDU_RETURN_IF_ERROR(log->ReadPartition(p, from, options.batch, &batch)
                              .Annotate("reading partition " + std::to_string(p)));
      if (batch.empty()) break;
      for (const RecordedEvent& e : batch) {
        if (e.offset >= end) {
          from = end;
          break;
        }
        std::optional<ChainFinding> finding;
        EDU_RETURN_IF_ERROR(checker.Check(e, &finding));
        ++verdict.events;
        ++checked;
        if (finding) {
          verdict.first_break = std::move(finding);
          break;
        }
        from = e.offset + 1;
      }
      if (options.progress) options.progress(checked, total);
    }
    verdict.head_hash = checker.head();
    verdict.last_offset = checker.head_offset();
    report->events += verdict.events;
    report->partitions.push_back(std::move(verdict));
  }
  return Status::OK();
}

}  // namespace edu
