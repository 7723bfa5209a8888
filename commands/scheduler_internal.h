// Helpers shared by the scheduler's translation units (scheduler.cc, scheduler_<m>.cc).
#pragma once

#include <string>

#include "commands/scheduler.h"

namespace edu::scheduler_internal {

// A deadline issuing `command` to its own stream at `due`, named by kind, stream and due time.
template <class Command>
Deadline Make(const std::string& kind, const std::string& marketplace, const Command& command,
              Timestamp due) {
  Deadline d;
  d.kind = kind;
  d.stream_id = command.stream_id();
  d.subject = d.stream_id;
  d.due = due;
  d.command_type = Command::kType;
  d.command = MakeTypedCommand(marketplace, command);
  d.command_id = DeadlineCommandId(kind, d.stream_id, due);
  return d;
}

}  // namespace edu::scheduler_internal
