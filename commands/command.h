// A command as the API layer submits it, and the result the pipeline answers with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/actor.h"
#include "domain/core/decision.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/envelope.h"
#include "eventstore/status.h"

namespace edu {

struct CommandRequest {
  Uuid command_id;   // the Idempotency-Key: a retried command with the same id is a no-op
  std::string type;  // e.g. "BookSession"
  // JSON object: {"marketplace": "...", "expected_version": n (optional), ...command fields}
  std::string body;
  Actor actor;          // from the verified bearer token
  Uuid correlation_id;  // nil unless X-Correlation-Id was sent: then the command id is used
  Timestamp now;        // when the API accepted it: the decision's "now"
  Metadata metadata;    // ip, user_agent: kept with the events for auditors
};

struct AppendedEventInfo {
  Uuid event_id;
  std::string type;
  std::string stream_id;
  int64_t stream_version = 0;
  int partition = 0;
  int64_t offset = -1;
};

struct CommandResult {
  Uuid command_id;
  std::optional<Rejection> error;  // set when refused; then nothing was appended
  std::string marketplace;
  std::string stream_id;
  int64_t stream_version = 0;  // the stream's version after the command
  std::vector<AppendedEventInfo> events;
  bool replayed = false;  // the stored result of an earlier handling of this command id

  bool ok() const { return !error.has_value(); }
};

// {"command_id", "status": "accepted"|"rejected", "replayed", "stream_id", "stream_version",
//  "events": [{"event_id","type","stream_id","stream_version","partition","offset"}],
//  "error": {"code","kind","message","field" (when about one input field)}}
std::string EncodeCommandResult(const CommandResult& r);
Status DecodeCommandResult(std::string_view json, CommandResult* out);

// {"error": {"code", "kind", "message", "field" (when about one input field)}}
std::string EncodeRejection(const Rejection& r);

}  // namespace edu
