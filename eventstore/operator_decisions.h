// Operator decisions about events a projection or a reaction cannot process, recorded on the event
// log itself so that auditors see them in replay and `audit stream`, and every process and every
// rebuild reads the same decisions.
//
// A projection (or reactor) that cannot apply an event stops at it and reports it (/healthz
// degraded, `eduledger status`). The operator resolves it either by fixing the cause and
// restarting, or by an explicit, recorded decision to skip that one event
// (`eduledger projection skip <name> --event <id> --reason "..."`): an event
// "ProjectionEventSkipped" (or "ReactionEventSkipped") in the stream DecisionStreamId(component,
// name), with marketplace "eduledger" (operations, not a marketplace), the operator as actor and
// the reason, the skipped event's id, type, stream and log position in the payload. Projectors and
// reactors read that stream: a skipped event is passed over (its checkpoint advances, nothing is
// applied), live and in every rebuild, so the tables stay equal to a rebuild.
//
// Thread safety: free functions; as thread-safe as the EventLog given.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/core/actor.h"
#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/event_log.h"

namespace edu {

inline constexpr const char* kOperationsMarketplace = "eduledger";
inline constexpr const char* kProjectionEventSkipped = "ProjectionEventSkipped";
inline constexpr const char* kReactionEventSkipped = "ReactionEventSkipped";

// The event a projector or reactor stopped at: for /healthz, `eduledger status` and the decision.
struct StoppedEvent {
  Uuid event_id;
  std::string event_type;
  std::string stream_id;
  int64_t stream_version = 0;
  int partition = 0;
  int64_t offset = 0;
  std::string error;  // the full message (also last_error())
};

// The payload of a ProjectionEventSkipped / ReactionEventSkipped event.
struct SkipDecision {
  std::string component;  // "projection" or "reaction"
  std::string name;       // the projection's or reaction's name
  std::string event_id;   // the skipped event (canonical UUID)
  std::string event_type;
  std::string stream_id;
  int64_t stream_version = 0;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string reason;  // the operator's words; required
  std::string error;   // what the component said when it stopped at the event
  EDU_FIELDS(component, name, event_id, event_type, stream_id, stream_version, partition, offset,
             reason, error)
};

// "eduledger.decisions-<uuid derived from component/name>": one stream per component, so a reader
// reads only its own decisions.
std::string DecisionStreamId(const std::string& component, const std::string& name);

// Appends the decision (InvalidArgument for an empty reason, name or unparseable event id). The
// decision's event id is derived from (component, name, skipped event id), so recording the same
// decision twice is refused by the log rather than duplicated; callers check
// ReadSkipDecisions first to say so politely.
Status RecordSkipDecision(EventLog* log, const SkipDecision& decision, const Actor& operator_actor,
                          Timestamp now, AppendResult* result);

// The decisions recorded for a component, from stream version `from_version` (1 = all) in
// order; *last_version = the stream's last version read (unchanged when none).
Status ReadSkipDecisions(EventLog* log, const std::string& component, const std::string& name,
                         int64_t from_version, std::vector<SkipDecision>* out,
                         int64_t* last_version);

// Follows one component's decisions: Refresh() reads those recorded since the last call.
class SkipDecisionSet {
 public:
  SkipDecisionSet(std::string component, std::string name)
      : component_(std::move(component)), name_(std::move(name)) {}
  // *added (optional) = how many new decisions were read. Not thread-safe: callers serialize.
  Status Refresh(EventLog* log, size_t* added = nullptr);
  bool Skips(const Uuid& event_id) const { return skipped_.count(event_id) > 0; }
  size_t size() const { return skipped_.size(); }

 private:
  std::string component_;
  std::string name_;
  int64_t version_ = 0;
  std::set<Uuid> skipped_;
};

}  // namespace edu
