// Upcasting: old schema versions of an event are rewritten to the current shape on read, so
// deciders, projections and replays only ever see current events. An upcaster rewrites the JSON
// payload of (marketplace, type) from version v to v + 1; chains run until the current version.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <tuple>

#include <rapidjson/document.h>

#include "eventstore/status.h"

namespace edu {

class Upcasters {
 public:
  // Rewrites `payload` (a JSON object) in place from version `from` to `from + 1`.
  using Fn = std::function<Status(rapidjson::Document& payload)>;

  void Register(const std::string& marketplace, const std::string& type, int from, Fn fn);

  // Upgrades payload text from `version` to `target`; OK with the payload unchanged when equal.
  // Corruption when a step is missing or the payload is newer than `target`.
  Status Upcast(const std::string& marketplace, const std::string& type, int version, int target,
                std::string* payload) const;

  bool empty() const { return steps_.empty(); }

  // Process-wide registry used by every reader (deciders' state loading, projections, replay).
  static Upcasters& Global();

 private:
  std::map<std::tuple<std::string, std::string, int>, Fn> steps_;
};

}  // namespace edu
