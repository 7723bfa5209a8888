// Fixtures of the scheduler's specs (tests/unit/scheduler*_test.cc): a command service that
// records what the scheduler issues, appending events, running the scheduler at an instant.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "commands/scheduler.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"

namespace edu {

inline const Timestamp kT0 = *ParseIso8601("2026-03-02T08:00:00Z");  // a Monday

// Answers every command as accepted, remembering it; a command id seen before is a replay (as
// the pipeline answers it).
class RecordingService : public CommandService {
 public:
  CommandResult Handle(const CommandRequest& request) override {
    requests.push_back(request);
    CommandResult r;
    for (const auto& seen : requests) {
      if (&seen != &requests.back() && seen.command_id == request.command_id) r.replayed = true;
    }
    return r;
  }
  std::vector<CommandRequest> requests;
};

template <class E>
inline void Append(MemoryEventLog* log, const std::string& marketplace, const std::string& stream,
                   const E& e, Timestamp occurred_at = kT0) {
  AppendRequest r;
  r.stream_id = stream;
  NewEvent n;
  n.event_id =
      DeriveUuid(EduledgerNamespace(), stream + "/" + E::kType + "/" + FormatIso8601(occurred_at));
  n.type = E::kType;
  n.schema_version = E::kSchemaVersion;
  n.marketplace = marketplace;
  n.occurred_at = occurred_at;
  n.actor = Actor{"system:test", "system"};
  n.payload = json::Encode(e);
  r.events.push_back(n);
  AppendResult result;
  REQUIRE(log->Append(r, &result).ok());
}

// Runs the scheduler at `at` and returns the commands it issued there.
inline std::vector<CommandRequest> IssuedAt(Scheduler* scheduler, ManualClock* clock,
                                            RecordingService* service, Timestamp at) {
  const size_t before = service->requests.size();
  clock->Set(at);
  Status ran = scheduler->RunDue();
  REQUIRE_MESSAGE(ran.ok(), ran.ToString());
  return {service->requests.begin() + static_cast<std::ptrdiff_t>(before), service->requests.end()};
}

}  // namespace edu
