#include "commands/state_cache.h"

namespace edu {

std::optional<StateCache::Entry> StateCache::Get(const std::string& stream_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = slots_.find(stream_id);
  if (it == slots_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second.position);
  return it->second.entry;
}

void StateCache::Put(const std::string& stream_id, Entry entry) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = slots_.find(stream_id);
  if (it != slots_.end()) {
    if (entry.version >= it->second.entry.version) it->second.entry = std::move(entry);
    lru_.splice(lru_.begin(), lru_, it->second.position);
    return;
  }
  lru_.push_front(stream_id);
  slots_.emplace(stream_id, Slot{std::move(entry), lru_.begin()});
  while (slots_.size() > capacity_) {
    slots_.erase(lru_.back());
    lru_.pop_back();
  }
}

void StateCache::Erase(const std::string& stream_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = slots_.find(stream_id);
  if (it == slots_.end()) return;
  lru_.erase(it->second.position);
  slots_.erase(it);
}

size_t StateCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_.size();
}

}  // namespace edu
