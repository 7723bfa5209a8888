// The runtime of one Reaction: a use of the log follower (eventstore/log_follower.h), which reads
// the log from the checkpoints, batches, threads, stops, retries and reads operator decisions the
// same way for reactors and projectors. What is the reactor's own: each handled event's commands
// are issued through a CommandService, and the checkpoints live in PostgreSQL (schema eduledger,
// table reactor_checkpoints) and are committed once the batch's commands are answered.
// At-least-once delivery plus derived command ids (see commands/reaction.h) gives an exactly-once
// effect.
//
// Outcomes per command: accepted or replayed -> continue; a rejection listed in
// expected_rejections() -> recorded in eduledger.reactor_outcomes and continue; unavailable ->
// retry with backoff (the checkpoint advances only past the events before it); any other
// rejection, a React() error or an exception of any type -> the reactor stops at that event with
// state failed and a message naming it (stopped_at()); the events before it in the batch keep
// their effect and checkpoint; the process and the other reactors and projectors go on. While
// stopped, Run() reads the operator decisions (eventstore/operator_decisions.h) every
// retry_backoff and resumes past the event once an operator recorded a decision to skip it
// (`eduledger reaction skip`).
//
// Thread safety: every method may be called from any thread; batches (CatchUp, Run) are
// serialized.
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
#include "eventstore/log_follower.h"
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

  // Processes until every partition's checkpoint reaches the log's end (LogFollower::CatchUp).
  // *commands_issued (optional) = commands answered meanwhile. OK, or why it stopped.
  Status CatchUp(size_t* commands_issued);

  // Follows the log until `stop` (LogFollower::Run); retries after unavailability, stays stopped
  // at a failing event until an operator's skip decision.
  void Run(const std::atomic<bool>& stop);

  // InvalidArgument before the checkpoints were loaded (Initialize).
  Status Lag(std::vector<int64_t>* per_partition);
  // OK once the event at (partition, offset) has been reacted to; Timeout otherwise; the failure
  // while stopped.
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
