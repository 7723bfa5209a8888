// The API side of the Kafka deployment: a CommandService that submits each command to
// <prefix>.commands (partition = PartitionOf(the command's stream), so it reaches the one
// processor that owns that stream) and answers with the result the processor writes to
// <prefix>.command-results, correlated by command id.
//
// When no processor answers within the timeout, the answer is
// Rejection{kUnavailable, "no_command_processor", ...}: the command may still be decided later,
// and retrying with the same command id (Idempotency-Key) is always safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "commands/command_service.h"
#include "commands/registry.h"
#include "eventstore/kafka_requests.h"

namespace edu {

// The value of a command message (edu.kind = "command"): the request as JSON, body as text.
std::string EncodeCommandMessage(const CommandRequest& request);
Status DecodeCommandMessage(std::string_view json, CommandRequest* out);

// The stream the command would append to, or nullopt when the request does not get that far
// (malformed body, unknown type): such a command is routed by its id, and the processor that
// receives it answers with the same rejection the pipeline gives everywhere.
std::optional<std::string> CommandStream(const Registry& registry, const CommandRequest& request);

class KafkaCommandClient : public CommandService {
 public:
  // `channel` and `registry` must outlive the client.
  KafkaCommandClient(KafkaRequestChannel* channel, const Registry* registry,
                     std::chrono::milliseconds timeout);

  CommandResult Handle(const CommandRequest& request) override;

 private:
  KafkaRequestChannel* channel_;
  const Registry* registry_;
  std::chrono::milliseconds timeout_;
};

}  // namespace edu
