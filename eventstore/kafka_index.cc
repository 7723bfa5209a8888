#include "eventstore/kafka_index.h"

#include <algorithm>

namespace edu {

KafkaPartitionIndex::Verdict KafkaPartitionIndex::Consume(RecordedEvent e, int index, int size,
                                                          const std::string& owner) {
  if (!health_.ok()) return Verdict::kBroken;
  if (!owner_.empty() && owner != owner_) {
    ++dropped_;
    return Verdict::kSuperseded;
  }
  if (events_.empty() && append_.empty() && dropped_ == 0 && !e.prev_hash.empty() && e.offset > 0) {
    health_ = Status::Corruption(
        "events partition " + std::to_string(partition_) + " starts at offset " +
        std::to_string(e.offset) +
        " with an event chained to an earlier one: the log was "
        "truncated by retention (the development broker keeps only about 5 MiB per partition) "
        "and can no longer be read from the start");
    return Verdict::kBroken;
  }
  e.partition = partition_;
  if (!append_.empty()) {
    const RecordedEvent& last = append_.back();
    if (index == static_cast<int>(append_.size()) && size == append_size_ &&
        e.prev_hash == last.hash && e.stream_id == last.stream_id &&
        e.stream_version == last.stream_version + 1) {
      append_.push_back(std::move(e));
      if (static_cast<int>(append_.size()) < append_size_) return Verdict::kPending;
      for (RecordedEvent& a : append_) AppendOwn(std::move(a));
      append_.clear();
      return Verdict::kAccepted;
    }
    // The append was torn (its writer died half way): none of it counts. Judge e on its own.
    dropped_ += append_.size();
    append_.clear();
  }
  if (index != 0) {  // a later piece of an append whose start was dropped
    ++dropped_;
    return Verdict::kOffChain;
  }
  if (e.prev_hash != head()) {
    ++dropped_;
    return Verdict::kOffChain;
  }
  if (e.stream_version != StreamVersion(e.stream_id) + 1) {
    ++dropped_;
    return Verdict::kDuplicate;
  }
  if (size > 1) {
    append_size_ = size;
    append_.push_back(std::move(e));
    return Verdict::kPending;
  }
  AppendOwn(std::move(e));
  return Verdict::kAccepted;
}

void KafkaPartitionIndex::Claim(const std::string& owner) {
  owner_ = owner;
  dropped_ += append_.size();
  append_.clear();
}

size_t KafkaPartitionIndex::AppendOwn(RecordedEvent e) {
  size_t position = events_.size();
  streams_[e.stream_id].push_back(position);
  events_.push_back(std::move(e));
  return position;
}

void KafkaPartitionIndex::SetOffset(size_t position, int64_t offset) {
  events_[position].offset = offset;
}

int64_t KafkaPartitionIndex::StreamVersion(const std::string& stream_id) const {
  auto it = streams_.find(stream_id);
  return it == streams_.end() ? 0 : static_cast<int64_t>(it->second.size());
}

void KafkaPartitionIndex::ReadStream(const std::string& stream_id, int64_t from_version,
                                     std::vector<RecordedEvent>* out) const {
  auto it = streams_.find(stream_id);
  if (it == streams_.end()) return;
  for (size_t v = static_cast<size_t>(std::max<int64_t>(from_version, 1)); v <= it->second.size();
       ++v) {
    out->push_back(events_[it->second[v - 1]]);
  }
}

void KafkaPartitionIndex::ReadFrom(int64_t from_offset, size_t max_count,
                                   std::vector<RecordedEvent>* out) const {
  auto first =
      std::lower_bound(events_.begin(), events_.end(), from_offset,
                       [](const RecordedEvent& e, int64_t offset) { return e.offset < offset; });
  for (auto it = first; it != events_.end() && max_count > 0; ++it, --max_count) {
    out->push_back(*it);
  }
}

}  // namespace edu
