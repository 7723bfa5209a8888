// Facts a decision may consult beyond its own stream: the folded states of the other aggregates a
// command reads (the mentor a session is booked with, the course an enrollment is for). The
// pipeline loads them before deciding, so deciders stay pure. They are not locked: a decision sees
// them as of loading, as with any cross-aggregate read in an event-sourced system.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <string>

namespace edu {

class References {
 public:
  // version 0 means the stream does not exist (state is then the aggregate's initial state).
  void Put(const std::string& stream_id, std::any state, int64_t version) {
    entries_[stream_id] = Entry{std::move(state), version};
  }

  // The state of an existing stream, or nullptr when it does not exist or was not loaded.
  template <class State>
  const State* Find(const std::string& stream_id) const {
    auto it = entries_.find(stream_id);
    if (it == entries_.end() || it->second.version == 0) return nullptr;
    return std::any_cast<State>(&it->second.state);
  }

  int64_t VersionOf(const std::string& stream_id) const {
    auto it = entries_.find(stream_id);
    return it == entries_.end() ? 0 : it->second.version;
  }

 private:
  struct Entry {
    std::any state;
    int64_t version = 0;
  };
  std::map<std::string, Entry> entries_;
};

}  // namespace edu
