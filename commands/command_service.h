// The seam between the API layer and whatever decides commands: the in-process pipeline over the
// embedded log (CommandPipeline), or the Kafka command processors reached through the commands
// topic (KafkaCommandClient, adapters/kafka/kafka_command_client.h). The HTTP server depends only
// on this interface, so the deployment picks the backend without touching it.
#pragma once

#include "commands/command.h"

namespace edu {

class CommandService {
 public:
  virtual ~CommandService() = default;

  // Decides one command and answers with its result: the appended events and their log position,
  // or a Rejection saying why nothing was appended. A command id already handled returns the
  // first result (replayed = true). Never throws. Thread-safe.
  virtual CommandResult Handle(const CommandRequest& request) = 0;
};

}  // namespace edu
