#include "eventstore/checkpoint_store.h"

#include <algorithm>
#include <string>

namespace edu {

Status MemoryCheckpointStore::Load(int partitions, std::vector<int64_t>* next) {
  std::lock_guard<std::mutex> lock(mu_);
  if (next_.size() > static_cast<size_t>(partitions)) {
    return Status::Corruption("checkpoints of " + std::to_string(next_.size()) +
                              " partitions, but the log has " + std::to_string(partitions));
  }
  next_.resize(static_cast<size_t>(partitions), 0);
  *next = next_;
  return Status::OK();
}

Status MemoryCheckpointStore::Commit(const std::vector<int64_t>& from,
                                     const std::vector<int64_t>& next) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_commits_ > 0) {
    --fail_commits_;
    return Status::Unavailable("memory checkpoint store: an injected failure");
  }
  next_.resize(std::max(next_.size(), next.size()), 0);
  for (size_t p = 0; p < next.size() && p < from.size(); ++p) {
    if (next[p] != from[p] && next_[p] != from[p]) {
      return Status::Unavailable("memory checkpoint store: partition " + std::to_string(p) +
                                 " moved under the commit");
    }
  }
  for (size_t p = 0; p < next.size(); ++p) next_[p] = std::max(next_[p], next[p]);
  ++commits_;
  return Status::OK();
}

Status MemoryCheckpointStore::Observe(int partition, std::optional<int64_t>* next) {
  std::lock_guard<std::mutex> lock(mu_);
  next->reset();
  if (partition >= 0 && static_cast<size_t>(partition) < next_.size()) {
    *next = next_[static_cast<size_t>(partition)];
  }
  return Status::OK();
}

void MemoryCheckpointStore::FailCommits(int count) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_commits_ = count;
}

std::vector<int64_t> MemoryCheckpointStore::stored() const {
  std::lock_guard<std::mutex> lock(mu_);
  return next_;
}

int64_t MemoryCheckpointStore::commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commits_;
}

}  // namespace edu
