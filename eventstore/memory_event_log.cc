#include "eventstore/memory_event_log.h"

#include <set>

#include "eventstore/append_validation.h"
#include "eventstore/envelope_codec.h"

namespace edu {

MemoryEventLog::MemoryEventLog(int partitions, const Clock* clock)
    : clock_(clock), partitions_(static_cast<size_t>(partitions)) {}

Status MemoryEventLog::Append(const AppendRequest& request, AppendResult* result) {
  EDU_RETURN_IF_ERROR(ValidateAppend(request));
  std::lock_guard<std::mutex> lock(mu_);
  *result = AppendResult{};
  int p = PartitionOf(request.stream_id);
  result->partition = p;
  if (request.command) {
    auto found = commands_.find(request.command->command_id);
    if (found != commands_.end()) {
      result->duplicate_of = found->second;
      return Status::OK();
    }
  }
  auto found_stream = streams_.find(request.stream_id);
  int64_t current =
      found_stream == streams_.end() ? 0 : static_cast<int64_t>(found_stream->second.size());
  if (!request.expected.Admits(current)) {
    return WrongExpectedVersionError(request.stream_id, current, request.expected);
  }
  // An event id is unique in the whole log, as PostgreSQL's events_event_id_key makes it: checked
  // before anything is written, so a refused append leaves no trace (nor a half of itself).
  std::set<Uuid> ids_of_request;
  for (size_t i = 0; i < request.events.size(); ++i) {
    const Uuid& id = request.events[i].event_id;
    const bool in_log = event_ids_.count(id) != 0;
    if (in_log || !ids_of_request.insert(id).second) {
      return Status::Duplicate("appending to " + request.stream_id +
                               ": an event id is already in the log: event #" + std::to_string(i) +
                               " has id " + ToString(id) +
                               (in_log ? "" : ", like an earlier event of the same append"));
    }
  }
  auto& stream = streams_[request.stream_id];
  auto& log = partitions_[static_cast<size_t>(p)];
  Timestamp now = clock_->Now();
  result->last_version = current;
  for (const NewEvent& e : request.events) {
    RecordedEvent r;
    static_cast<NewEvent&>(r) = e;
    r.stream_id = request.stream_id;
    r.stream_version = ++current;
    r.partition = p;
    r.offset = static_cast<int64_t>(log.size());
    r.recorded_at = now;
    SealEvent(log.empty() ? std::string() : log.back().hash, &r);
    if (result->first_offset < 0) {
      result->first_offset = r.offset;
      result->first_version = r.stream_version;
    }
    result->last_offset = r.offset;
    result->last_version = r.stream_version;
    stream.emplace_back(p, r.offset);
    event_ids_.insert(r.event_id);
    log.push_back(std::move(r));
  }
  if (request.command) commands_[request.command->command_id] = *request.command;
  appended_.notify_all();
  return Status::OK();
}

Status MemoryEventLog::ReadStream(const std::string& stream_id, int64_t from_version,
                                  std::vector<RecordedEvent>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  out->clear();
  auto it = streams_.find(stream_id);
  if (it == streams_.end()) return Status::OK();
  for (size_t v = static_cast<size_t>(std::max<int64_t>(from_version, 1)); v <= it->second.size();
       ++v) {
    auto [p, offset] = it->second[v - 1];
    out->push_back(partitions_[static_cast<size_t>(p)][static_cast<size_t>(offset)]);
  }
  return Status::OK();
}

Status MemoryEventLog::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                     std::vector<RecordedEvent>* out) {
  if (partition < 0 || partition >= partition_count()) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  std::lock_guard<std::mutex> lock(mu_);
  out->clear();
  const auto& log = partitions_[static_cast<size_t>(partition)];
  for (int64_t o = std::max<int64_t>(from_offset, 0);
       o < static_cast<int64_t>(log.size()) && out->size() < max_count; ++o) {
    out->push_back(log[static_cast<size_t>(o)]);
  }
  return Status::OK();
}

Status MemoryEventLog::EndOffsets(std::vector<int64_t>* end_offsets) {
  std::lock_guard<std::mutex> lock(mu_);
  end_offsets->clear();
  for (const auto& log : partitions_) end_offsets->push_back(static_cast<int64_t>(log.size()));
  return Status::OK();
}

Status MemoryEventLog::WaitForEvents(int partition, int64_t from_offset,
                                     std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  bool ready = appended_.wait_for(lock, timeout, [&] {
    return static_cast<int64_t>(partitions_[static_cast<size_t>(partition)].size()) > from_offset;
  });
  return ready ? Status::OK() : Status::Timeout("no new events");
}

Status MemoryEventLog::LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = commands_.find(command_id);
  *out = it == commands_.end() ? std::nullopt : std::optional<CommandRecord>(it->second);
  return Status::OK();
}

}  // namespace edu
