// A marketplace in memory, as the property tests drive it: the real command pipeline over a
// MemoryEventLog, the marketplace's reactions run in-process over every new event (issuing what the
// Reactor issues: ReactionRequest, typed, with its derived command ids, correlation and metadata)
// until nothing new appears, every new event shown to an observer first, accepted commands counted
// by type and refusals by code.
//
// Rules it checks itself (reported through on_violation): a refused command appends nothing, and a
// reaction's command is refused only with a code the reaction declares in expected_rejections().
// Not thread-safe: one test drives it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands/pipeline.h"
#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/core/time.h"
#include "domain/policies.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"

namespace edu::testing {

class CommandWorld {
 public:
  CommandWorld(std::string marketplace, Timestamp start,
               std::vector<std::unique_ptr<Reaction>> reactions, int partitions = 4);

  // Sees every new event once, in partition order, before the reactions do.
  std::function<void(const RecordedEvent&)> on_event;
  // Told of a broken harness rule (see above); by default it fails the current test.
  std::function<void(const std::string&)> on_violation;

  // Sends `command` of this marketplace as `actor` at clock().Now(), as a client would (its JSON
  // body, decoded and checked by the pipeline), then Drain()s.
  template <class Command>
  CommandResult Send(const Command& command, const Actor& actor) {
    return SendBody(Command::kType, CommandJsonBody(*MakeTypedCommand(marketplace_, command)),
                    actor);
  }
  CommandResult SendBody(const std::string& type, const std::string& body, const Actor& actor);
  // Sends `command` as a typed value, as the process's own reactions and schedulers do: no JSON.
  template <class Command>
  CommandResult SendTyped(const Command& command, const Actor& actor) {
    CommandRequest r = NextRequest(Command::kType, actor);
    r.command = MakeTypedCommand(marketplace_, command);
    return Submit(r);
  }

  // Runs the reactions over everything new until nothing new appears.
  void Drain();
  size_t EventCount();

  ManualClock& clock() { return clock_; }
  Policies& policies() { return policies_; }
  Registry& registry() { return registry_; }
  CommandPipeline& pipeline() { return pipeline_; }
  MemoryEventLog& log() { return log_; }

  // Accepted commands by type; refusals by code (a reaction's as "reaction:<code>").
  const std::map<std::string, int>& accepted() const { return accepted_; }
  const std::map<std::string, int>& rejected() const { return rejected_; }
  int reaction_commands() const { return reaction_commands_; }

 private:
  CommandRequest NextRequest(const std::string& type, const Actor& actor);
  CommandResult Submit(const CommandRequest& request);
  void Violation(const std::string& what);

  std::string marketplace_;
  ManualClock clock_;
  MemoryEventLog log_;
  Registry registry_;
  Policies policies_;
  CommandPipeline pipeline_;
  std::vector<std::unique_ptr<Reaction>> reactions_;
  std::vector<int64_t> offsets_;
  std::map<std::string, int> accepted_, rejected_;
  int commands_ = 0, reaction_commands_ = 0;
};

}  // namespace edu::testing
