// The command handler pipeline:
//   parse -> authorize (role) -> idempotency check -> load state (cache + tail) and references
//   -> decide (pure) -> append with the expected version -> retry only on a version conflict.
// A command id makes a retried command return its first result and append nothing new. Bad input
// gets a specific Rejection and appends nothing. Thread-safe: many API threads share one pipeline.
#pragma once

#include <memory>

#include "commands/command.h"
#include "commands/command_service.h"
#include "commands/registry.h"
#include "commands/state_cache.h"
#include "eventstore/event_log.h"

namespace edu {

class CommandPipeline : public CommandService {
 public:
  struct Options {
    int max_conflict_retries = 8;
    size_t state_cache_capacity = 200'000;
  };

  CommandPipeline(EventLog* log, const Registry* registry, const Policies* policies);
  CommandPipeline(EventLog* log, const Registry* registry, const Policies* policies,
                  Options options);

  CommandResult Handle(const CommandRequest& request) override;

  // Loads a stream's folded state through the cache. `aggregate` must match its category.
  Status LoadState(const AggregateType& aggregate, const std::string& stream_id, std::any* state,
                   int64_t* version);

 private:
  CommandResult Fail(const CommandRequest& request, Rejection rejection);
  // Fail, unless the command id has been handled meanwhile (a concurrent twin): then its result.
  CommandResult FailUnlessHandled(const CommandRequest& request, Rejection rejection,
                                  const std::string& request_hash);
  CommandResult Replay(const CommandRequest& request, const CommandRecord& record,
                       const std::string& request_hash);

  EventLog* log_;
  const Registry* registry_;
  const Policies* policies_;
  Options options_;
  StateCache cache_;
};

// Maps a storage failure to the rejection an API client sees (503 for unavailability, 500 else).
// The message is generic with an incident reference; the details go to stderr with that reference
// (database addresses and stream ids are not for clients).
Rejection RejectionFromStatus(const Status& status);

// Writes `details` to stderr under a fresh random reference and returns the reference.
std::string LogIncident(const std::string& details);

}  // namespace edu
