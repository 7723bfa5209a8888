#include "eventstore/log_replay.h"

#include <algorithm>
#include <chrono>
#include <deque>

#include "domain/core/stream.h"
#include "eventstore/envelope_codec.h"

namespace edu {
namespace {

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "|") + i;
  return out;
}

// The first offset of the partition recorded at or after `since`, within [from, end).
Status FirstAtOrAfter(EventLog* log, int partition, int64_t from, int64_t end, Timestamp since,
                      int64_t* out) {
  int64_t lo = from;
  int64_t hi = end;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    std::vector<RecordedEvent> one;
    EDU_RETURN_IF_ERROR(log->ReadPartition(partition, mid, 1, &one));
    if (one.empty() || one.front().offset >= hi) {
      hi = mid;
    } else if (one.front().recorded_at < since) {
      lo = one.front().offset + 1;
    } else {
      hi = mid;
    }
  }
  *out = lo;
  return Status::OK();
}

struct Cursor {
  int partition = 0;
  int64_t read_from = 0;  // next offset to read from the log
  int64_t end = 0;        // exclusive
  bool exhausted = false;
  std::deque<RecordedEvent> buffer;
};

}  // namespace

bool ReplayFilter::Matches(const RecordedEvent& e) const {
  if (!types.empty() && !types.count(e.type)) return false;
  if (!marketplaces.empty() && !marketplaces.count(e.marketplace)) return false;
  if (!streams.empty() && !streams.count(e.stream_id)) {
    auto parsed = ParseStreamId(e.stream_id);
    if (!parsed || !streams.count(parsed->category)) return false;
  }
  return true;
}

std::string ReplayDigest(const ReplayFilter& filter, const std::vector<int>& partitions) {
  std::set<int> sorted(partitions.begin(), partitions.end());
  std::string selection;
  for (int p : sorted) selection += (selection.empty() ? "" : "|") + std::to_string(p);
  std::string canonical = "types=" + Join(filter.types) +
                          ";marketplaces=" + Join(filter.marketplaces) +
                          ";streams=" + Join(filter.streams) + ";partitions=" + selection;
  return Sha256Hex(canonical).substr(0, 8);
}

std::string EncodeResumeToken(const std::string& digest, const std::vector<int64_t>& next,
                              const std::vector<int>& partitions) {
  std::set<int> selected(partitions.begin(), partitions.end());
  std::string list;
  for (size_t p = 0; p < next.size(); ++p) {
    if (p) list += ',';
    list += selected.count(static_cast<int>(p)) ? std::to_string(next[p]) : "-";
  }
  return "r1." + digest + "." + list;
}

Status DecodeResumeToken(const std::string& token, int partition_count,
                         const std::string& expected_digest, std::vector<int64_t>* next) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("resume token '" + token + "' " + why +
                                   " (expected r1.<digest>.<offset>,<offset>,... as printed by "
                                   "eduledger replay)");
  };
  if (token.rfind("r1.", 0) != 0) return bad("is not a replay position");
  size_t dot = token.find('.', 3);
  if (dot == std::string::npos) return bad("has no offsets");
  std::string digest = token.substr(3, dot - 3);
  std::vector<int64_t> offsets;
  std::string list = token.substr(dot + 1) + ",";
  size_t start = 0;
  for (size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1) {
    std::string item = list.substr(start, comma - start);
    if (item == "-") {
      offsets.push_back(-1);
      continue;
    }
    if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos ||
        item.size() > 18) {
      return bad("has a malformed offset '" + item + "'");
    }
    offsets.push_back(std::stoll(item));
  }
  if (static_cast<int>(offsets.size()) != partition_count) {
    return Status::InvalidArgument("resume token '" + token + "' is for a log of " +
                                   std::to_string(offsets.size()) + " partitions; this log has " +
                                   std::to_string(partition_count));
  }
  if (!expected_digest.empty() && digest != expected_digest) {
    return Status::InvalidArgument(
        "resume token '" + token +
        "' was printed by a replay with other filters or partitions (--type, --marketplace, "
        "--stream, --partition); resume with the same ones, or start anew with --from-offset");
  }
  *next = std::move(offsets);
  return Status::OK();
}

Status ReplayLog(EventLog* log, const ReplayOptions& options,
                 const std::function<Status(const RecordedEvent&)>& sink,
                 const std::function<void(const ReplayProgress&)>& progress, ReplayResult* result) {
  const auto started = std::chrono::steady_clock::now();
  *result = ReplayResult{};
  const int count = log->partition_count();
  std::vector<int> partitions = options.partitions;
  if (partitions.empty()) {
    for (int p = 0; p < count; ++p) partitions.push_back(p);
  }
  for (int p : partitions) {
    if (p < 0 || p >= count) {
      return Status::InvalidArgument("partition " + std::to_string(p) +
                                     " does not exist (the log has " + std::to_string(count) + ")");
    }
  }
  std::vector<int64_t> ends;
  if (options.until) {
    ends = *options.until;
  } else {
    EDU_RETURN_IF_ERROR(log->EndOffsets(&ends).Annotate("reading the log's end offsets"));
  }
  if (static_cast<int>(ends.size()) != count) {
    return Status::InvalidArgument("the end position names " + std::to_string(ends.size()) +
                                   " partitions; the log has " + std::to_string(count));
  }
  if (options.from_offsets && static_cast<int>(options.from_offsets->size()) != count) {
    return Status::InvalidArgument("the start position names " +
                                   std::to_string(options.from_offsets->size()) +
                                   " partitions; the log has " + std::to_string(count));
  }
  const std::string digest = ReplayDigest(options.filter, partitions);
  result->next.assign(static_cast<size_t>(count), 0);
  std::vector<Cursor> cursors;
  ReplayProgress& totals = result->totals;
  for (int p : partitions) {
    Cursor c;
    c.partition = p;
    c.end = ends[static_cast<size_t>(p)];
    c.read_from = options.from_offsets ? (*options.from_offsets)[static_cast<size_t>(p)] : 0;
    if (c.read_from < 0) {
      return Status::InvalidArgument("the start position has no offset for partition " +
                                     std::to_string(p));
    }
    if (options.since && c.read_from < c.end) {
      EDU_RETURN_IF_ERROR(FirstAtOrAfter(log, p, c.read_from, c.end, *options.since, &c.read_from)
                              .Annotate("finding --since in partition " + std::to_string(p)));
    }
    result->next[static_cast<size_t>(p)] = c.read_from;
    totals.total += std::max<int64_t>(0, c.end - c.read_from);
    cursors.push_back(std::move(c));
  }
  auto finish = [&](bool complete) {
    result->complete = complete;
    totals.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result->resume_token = EncodeResumeToken(digest, result->next, partitions);
    if (progress) progress(totals);
  };
  auto fill = [&](Cursor& c) -> Status {
    while (c.buffer.empty() && !c.exhausted) {
      if (c.read_from >= c.end) {
        c.exhausted = true;
        break;
      }
      std::vector<RecordedEvent> batch;
      EDU_RETURN_IF_ERROR(log->ReadPartition(c.partition, c.read_from, options.batch, &batch)
                              .Annotate("reading partition " + std::to_string(c.partition)));
      if (batch.empty()) {
        // Nothing at or after read_from yet: the rest up to `end` holds no events (Kafka's
        // transaction markers), so the position moves to the end.
        result->next[static_cast<size_t>(c.partition)] = c.end;
        c.exhausted = true;
        break;
      }
      for (RecordedEvent& e : batch) {
        if (e.offset >= c.end) break;
        c.buffer.push_back(std::move(e));
      }
      c.read_from = batch.back().offset + 1;
      if (c.buffer.empty()) c.exhausted = true;  // the batch began at or after the end
    }
    return Status::OK();
  };

  int64_t since_report = 0;
  for (;;) {
    Cursor* next = nullptr;
    for (Cursor& c : cursors) {
      EDU_RETURN_IF_ERROR(fill(c));
      if (c.buffer.empty()) continue;
      if (next == nullptr || c.buffer.front().recorded_at < next->buffer.front().recorded_at)
        next = &c;
    }
    if (next == nullptr) break;
    if ((options.should_stop && options.should_stop()) ||
        (options.max_events > 0 && totals.emitted >= options.max_events)) {
      finish(false);
      return Status::OK();
    }
    RecordedEvent e = std::move(next->buffer.front());
    next->buffer.pop_front();
    int64_t& position = result->next[static_cast<size_t>(e.partition)];
    ++totals.read;
    bool wanted = options.filter.Matches(e) && !(options.since && e.recorded_at < *options.since);
    if (wanted) {
      if (options.current_version) {
        int target = options.current_version(e.marketplace, e.type);
        if (target > 0 && target != e.schema_version) {
          Status up = options.upcasters->Upcast(e.marketplace, e.type, e.schema_version, target,
                                                &e.payload);
          if (!up.ok()) {
            position = e.offset;
            finish(false);
            return up.Annotate("partition " + std::to_string(e.partition) + " offset " +
                               std::to_string(e.offset));
          }
          e.schema_version = target;
        }
      }
      Status s = sink(e);
      if (!s.ok()) {
        position = e.offset;
        finish(false);
        return s;
      }
      ++totals.emitted;
    }
    position = e.offset + 1;
    if (next->buffer.empty() && next->read_from >= next->end)
      position = std::max(position, next->end);
    if (progress && ++since_report >= 1000) {
      since_report = 0;
      totals.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      progress(totals);
    }
  }
  for (const Cursor& c : cursors) {
    int64_t& position = result->next[static_cast<size_t>(c.partition)];
    position = std::max(position, c.end);
  }
  finish(true);
  return Status::OK();
}

}  // namespace edu
