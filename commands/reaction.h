// Reactions (process managers): when an event happens on one stream, a command for another stream
// follows. Example: a PaymentSplit on a session credits the mentor's payout account. A reaction is
// pure, like a projection: event in, commands out. The Reactor (commands/reactor.h) runs it.
//
// Exactly-once effect without distributed transactions: each command's id is derived from the
// triggering event's id, the reaction's name and the command's key, so delivering the event again
// (after a crash, a rebalance, a rebuild) re-issues the same command id, which the pipeline answers
// with the first result and appends nothing. Its "now" is the event's occurred_at, so deciding it
// again decides it the same way.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands/command.h"
#include "eventstore/envelope.h"
#include "eventstore/status.h"

namespace edu {

// One command a reaction issues: a typed value (commands/typed_command.h), never JSON.
struct ReactionCommand {
  std::string type;  // e.g. "CreditMentorEarnings" (command->type())
  std::string key;   // distinguishes several commands caused by one event ("credit", "fee", ...)
  std::shared_ptr<const TypedCommand> command;

  // The command struct when it is a C, else nullptr.
  template <class C>
  const C* As() const {
    return command ? command->As<C>() : nullptr;
  }
};
using IssuedCommand = ReactionCommand;

// `command` of `marketplace`, issued under `key`.
template <class C>
ReactionCommand Issue(std::string marketplace, C command, std::string key) {
  return ReactionCommand{C::kType, std::move(key),
                         MakeTypedCommand(std::move(marketplace), std::move(command))};
}

class Reaction {
 public:
  virtual ~Reaction() = default;

  // Stable name: checkpoint key, part of every derived command id, and the actor
  // ("system:<name>", role "system") the commands are issued as.
  virtual std::string name() const = 0;

  // Cheap filter: whether this event may cause commands.
  virtual bool Handles(const RecordedEvent& event) const = 0;

  // The commands this event causes (possibly none). Pure. A non-OK status stops the reactor at
  // this event, as an undecodable event stops a projector.
  virtual Status React(const RecordedEvent& event, std::vector<ReactionCommand>* out) const = 0;

  // Codes of rejections that are an expected outcome of this reaction (e.g. "account_closed"):
  // the reactor records them and moves on. Any other rejection stops it, because a reaction the
  // domain refuses unexpectedly is a bug worth a human's attention, not something to skip.
  virtual std::vector<std::string> expected_rejections() const { return {}; }
};

// The request the Reactor hands the command pipeline for `command`, caused by `cause`: the derived
// id, the reaction's actor, the event's time as "now", the event's correlation id, and metadata
// naming the cause. One definition, so that in-process runners (tests/support/command_world.h)
// issue exactly what the Reactor issues.
inline CommandRequest ReactionRequest(const Reaction& reaction, const RecordedEvent& cause,
                                      const ReactionCommand& command) {
  CommandRequest r;
  r.command_id = DeriveUuid(cause.event_id, reaction.name() + "/" + command.key);
  r.type = command.type;
  r.command = command.command;
  r.actor = Actor{"system:" + reaction.name(), "system"};
  r.correlation_id = cause.correlation_id;
  r.now = cause.occurred_at;
  r.metadata = {{"caused_by_event", ToString(cause.event_id)}, {"reaction", reaction.name()}};
  return r;
}

}  // namespace edu
