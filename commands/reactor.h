// The runtime of one Reaction: follows every partition of the log from its checkpoints (kept in
// PostgreSQL, schema eduledger, table reactor_checkpoints), issues each reaction command through a
// CommandService and advances the checkpoint once the commands are answered. At-least-once
// delivery plus derived command ids (see commands/reaction.h) gives an exactly-once effect.
//
// Outcomes per command: accepted or replayed -> continue; a rejection listed in
// expected_rejections() -> recorded in eduledger.reactor_outcomes and continue; unavailable ->
// retry with backoff (checkpoint not advanced); any other rejection, a React() error or an
// exception of any type -> the reactor stops at that event with state failed and a message naming
// it (stopped_at()); the process and the other reactors and projectors go on. While stopped, Run()
// reads the operator decisions (eventstore/operator_decisions.h) every retry_backoff and resumes
// past the event once an operator recorded a decision to skip it (`eduledger reaction skip`).
//
// Thread safety: Run() on one thread; Lag(), last_error() and WaitForPosition() from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "commands/command_service.h"
#include "commands/reaction.h"
#include "eventstore/event_log.h"
#include "eventstore/operator_decisions.h"

namespace edu {

struct ReactorOptions {
  size_t batch_size = 200;
  std::chrono::milliseconds idle_wait{200};
  std::chrono::milliseconds retry_backoff{250};
};

struct ReactorStats {
  uint64_t events_seen = 0;
  uint64_t commands_issued = 0;
  uint64_t commands_replayed = 0;  // answered with an earlier result: a redelivery
  uint64_t expected_rejections = 0;
  uint64_t events_skipped = 0;  // passed over by an operator's skip decision
};

class Reactor {
 public:
  // Borrowed pointers must outlive the reactor.
  Reactor(EventLog* log, CommandService* commands, std::string pg_uri, const Reaction* reaction,
          ReactorOptions options = {});
  ~Reactor();

  // Creates the bookkeeping tables and loads the checkpoints. Unavailable if PostgreSQL is down.
  Status Initialize();

  // Processes until every partition's checkpoint reaches the log's end. OK, or why it stopped.
  Status CatchUp(size_t* commands_issued);

  // Follows the log until `stop`; retries after unavailability, stays stopped after a failure.
  void Run(const std::atomic<bool>& stop);

  Status Lag(std::vector<int64_t>* per_partition);
  // OK once the event at (partition, offset) has been reacted to; Timeout otherwise.
  Status WaitForPosition(int partition, int64_t offset, std::chrono::milliseconds timeout);
  Status last_error() const;
  // The event the reactor is stopped at (nullopt while it runs).
  std::optional<StoppedEvent> stopped_at() const;
  ReactorStats stats() const;
  const Reaction& reaction() const { return *reaction_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const Reaction* reaction_;
};

}  // namespace edu
