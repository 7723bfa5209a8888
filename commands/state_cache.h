// Folded aggregate states kept in memory (LRU), so loading a stream reads only the events after
// the cached version: the in-process equivalent of "snapshot + tail". Thread-safe.
#pragma once

#include <any>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace edu {

class StateCache {
 public:
  explicit StateCache(size_t capacity = 200'000) : capacity_(capacity) {}

  struct Entry {
    std::any state;
    int64_t version = 0;
  };

  std::optional<Entry> Get(const std::string& stream_id);
  // Keeps the newer of the cached and the given entry.
  void Put(const std::string& stream_id, Entry entry);
  void Erase(const std::string& stream_id);

  size_t size() const;

 private:
  using Lru = std::list<std::string>;
  struct Slot {
    Entry entry;
    Lru::iterator position;
  };
  size_t capacity_;
  mutable std::mutex mu_;
  Lru lru_;
  std::unordered_map<std::string, Slot> slots_;
};

}  // namespace edu
