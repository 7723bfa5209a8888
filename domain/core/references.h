// Facts a decision may consult beyond its own stream: the folded states of the other aggregates a
// command reads (the mentor a session is booked with, the course an enrollment is for). The
// pipeline loads them before deciding, so deciders stay pure. They are not locked: a decision sees
// them as of loading, as with any cross-aggregate read in an event-sourced system.
//
// A lookup says which case happened: the stream exists (found), it does not (absent: the only
// answer a decider may turn into "not found"), it was never loaded (the command's references()
// does not name it), or it holds another aggregate's state (wrong type). The last two are bugs in
// the command or the decider; References remembers the first of them (Misuse()), and the pipeline
// refuses a decision that met one as an internal error instead of answering "does not exist".
// Not thread-safe: one decision reads it.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <typeinfo>

namespace edu {

enum class ReferenceCase { kFound, kAbsent, kNotLoaded, kWrongType };

inline const char* ReferenceCaseName(ReferenceCase c) {
  switch (c) {
    case ReferenceCase::kFound:
      return "found";
    case ReferenceCase::kAbsent:
      return "absent";
    case ReferenceCase::kNotLoaded:
      return "not_loaded";
    case ReferenceCase::kWrongType:
      return "wrong_type";
  }
  return "?";
}

// The outcome of one lookup. Converts to true only when found.
template <class State>
class ReferenceLookup {
 public:
  ReferenceLookup(ReferenceCase which, const State* state) : which_(which), state_(state) {}

  ReferenceCase which() const { return which_; }
  bool found() const { return which_ == ReferenceCase::kFound; }
  bool absent() const { return which_ == ReferenceCase::kAbsent; }
  // The state when found, else nullptr.
  const State* get() const { return state_; }
  explicit operator bool() const { return found(); }
  const State* operator->() const { return state_; }
  const State& operator*() const { return *state_; }

 private:
  ReferenceCase which_;
  const State* state_;
};

class References {
 public:
  // version 0 means the stream does not exist (state is then the aggregate's initial state).
  void Put(const std::string& stream_id, std::any state, int64_t version) {
    entries_[stream_id] = Entry{std::move(state), version};
  }

  // Which of the four cases `stream_id` is, and its state when found. A not-loaded or wrong-type
  // lookup is remembered for Misuse().
  template <class State>
  ReferenceLookup<State> Lookup(const std::string& stream_id) const {
    auto it = entries_.find(stream_id);
    if (it == entries_.end()) {
      Remember(stream_id + " was not loaded (the command's references() does not name it)");
      return {ReferenceCase::kNotLoaded, nullptr};
    }
    const State* state = std::any_cast<State>(&it->second.state);
    if (state == nullptr) {
      Remember(stream_id + " holds a " + it->second.state.type().name() + ", read as a " +
               typeid(State).name());
      return {ReferenceCase::kWrongType, nullptr};
    }
    if (it->second.version == 0) return {ReferenceCase::kAbsent, nullptr};
    return {ReferenceCase::kFound, state};
  }

  // The state of an existing stream, else nullptr (Lookup(...).get(): the cases it folds into
  // nullptr other than absent are remembered for Misuse()).
  template <class State>
  const State* Find(const std::string& stream_id) const {
    return Lookup<State>(stream_id).get();
  }

  int64_t VersionOf(const std::string& stream_id) const {
    auto it = entries_.find(stream_id);
    return it == entries_.end() ? 0 : it->second.version;
  }

  // The first lookup that was not loaded or of the wrong type, described; nullopt when none was.
  const std::optional<std::string>& Misuse() const { return misuse_; }

 private:
  struct Entry {
    std::any state;
    int64_t version = 0;
  };
  void Remember(std::string what) const {
    if (!misuse_) misuse_ = std::move(what);
  }

  std::map<std::string, Entry> entries_;
  mutable std::optional<std::string> misuse_;
};

}  // namespace edu
