// A command as the API layer submits it, and the result the pipeline answers with.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/typed_command.h"
#include "domain/core/actor.h"
#include "domain/core/decision.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/envelope.h"
#include "eventstore/status.h"

namespace edu {

// A command arrives in one of three forms; the first one set is the command:
//   command   a typed value, issued inside the process (reactions, schedulers): no JSON at all;
//   document  the JSON body already parsed (the HTTP API parses it once and hands the DOM on);
//   body      the JSON body as text (the Kafka command processor, tests, the CLI).
// JSON bodies are objects {"marketplace": "...", "expected_version": n (optional), ...fields}.
struct CommandRequest {
  Uuid command_id;   // the Idempotency-Key: a retried command with the same id is a no-op
  std::string type;  // e.g. "BookSession" (for a typed command: command->type())
  std::string body;
  std::shared_ptr<const rapidjson::Document> document;
  std::shared_ptr<const TypedCommand> command;
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

// Whether a projection the client asked to wait for (X-Wait-For-Projection) applied the events.
struct ProjectionWaited {
  std::string name;
  bool applied = false;
};

// {"command_id", "status": "accepted"|"rejected", "replayed", "stream_id", "stream_version",
//  "events": [{"event_id","type","stream_id","stream_version","partition","offset"}],
//  "error": {"code","kind","message","field" (when about one input field)},
//  "projection": {"name","applied"} (only when `projection` is given)}
std::string EncodeCommandResult(const CommandResult& r,
                                const ProjectionWaited* projection = nullptr);
Status DecodeCommandResult(std::string_view json, CommandResult* out);

// {"error": {"code", "kind", "message", "field" (when about one input field)}}
std::string EncodeRejection(const Rejection& r);

}  // namespace edu
