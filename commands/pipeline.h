// The command handler pipeline:
//   parse -> authorize (role) -> idempotency check -> load state (cache + tail) and references
//   -> decide (pure) -> append with the expected version -> retry only on a version conflict.
// A command id makes a retried command return its first result and append nothing new. Bad input
// gets a specific Rejection and appends nothing. Thread-safe: many API threads share one pipeline.
#pragma once

#include <any>
#include <memory>
#include <optional>
#include <string>

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
  struct Parsed;  // the request's command as parsed and resolved (pipeline.cc)

  // The steps of Handle, in order. A Rejection (or a result) ends the command there.
  // Parse: the actor and command id, the marketplace and type (typed or JSON), the command type.
  std::optional<Rejection> Parse(const CommandRequest& request, Parsed* parsed) const;
  std::optional<Rejection> ParseJsonEnvelope(const CommandRequest& request, Parsed* parsed) const;
  // Authorize: the actor's role may issue the command.
  std::optional<Rejection> Authorize(const CommandRequest& request, const Parsed& parsed) const;
  static std::string RequestHash(const Parsed& parsed);
  // Idempotency: the first result when the command id was handled before.
  std::optional<CommandResult> EarlierResult(const CommandRequest& request,
                                             const std::string& request_hash);
  // The request's metadata checked and the command's fields read into a PreparedCommand.
  std::optional<Rejection> Prepare(const CommandRequest& request, const Parsed& parsed,
                                   std::unique_ptr<PreparedCommand>* command) const;
  // One attempt: load state and references, decide, append with the expected version.
  // nullopt when another writer appended first (decide again).
  std::optional<CommandResult> DecideAndAppend(const CommandRequest& request, const Parsed& parsed,
                                               const PreparedCommand& command);
  Status LoadReferences(const PreparedCommand& command, References* refs);
  std::optional<Rejection> Decide(const CommandRequest& request, const Parsed& parsed,
                                  const PreparedCommand& command, const std::any& state,
                                  References* refs, Decided* decided) const;
  static AppendRequest NewEvents(const CommandRequest& request, const Parsed& parsed,
                                 const std::string& stream_id, int64_t version, Decided* decided);
  std::optional<CommandResult> AppendAtVersion(const CommandRequest& request, const Parsed& parsed,
                                               const AppendRequest& append, std::any state_after);

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
