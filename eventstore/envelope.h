// The event envelope: everything the log keeps about one event. The payload is the event's JSON
// (schema `type`@`schema_version`); the rest is metadata every backend stores the same way.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "domain/core/actor.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu {

// Request metadata kept for auditors: ip, user_agent, idempotency key, ...
using Metadata = std::map<std::string, std::string>;

// An event as a writer hands it to the log.
struct NewEvent {
  Uuid event_id;
  std::string type;
  int schema_version = 1;
  std::string marketplace;
  Timestamp occurred_at;  // when the decision was made (the command's "now")
  Uuid causation_id;      // the command that caused it
  Uuid correlation_id;    // the conversation it belongs to
  Actor actor;
  Metadata metadata;
  std::string payload;  // JSON object text
};

// An event as the log returns it: the new event plus where the log put it.
struct RecordedEvent : NewEvent {
  std::string stream_id;
  int64_t stream_version = 0;  // 1, 2, 3, ... contiguous within the stream
  int partition = 0;
  int64_t offset = 0;     // 0, 1, 2, ... contiguous within the partition (embedded log)
  Timestamp recorded_at;  // when the log accepted it
  std::string prev_hash;  // hash of the previous event of the partition ("" for the first)
  std::string hash;       // SHA-256 (hex) chaining this event to prev_hash
};

}  // namespace edu
