#include "eventstore/operator_decisions.h"

#include "domain/core/stream.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

const char* TypeFor(const std::string& component) {
  return component == "reaction" ? kReactionEventSkipped : kProjectionEventSkipped;
}

}  // namespace

std::string DecisionStreamId(const std::string& component, const std::string& name) {
  return StreamId("eduledger.decisions",
                  DeriveUuid(EduledgerNamespace(), "operator-decisions/" + component + "/" + name));
}

Status RecordSkipDecision(EventLog* log, const SkipDecision& decision, const Actor& operator_actor,
                          Timestamp now, AppendResult* result) {
  if (decision.component != "projection" && decision.component != "reaction") {
    return Status::InvalidArgument("a skip decision is about a projection or a reaction, not '" +
                                   decision.component + "'");
  }
  if (decision.name.empty()) return Status::InvalidArgument("a skip decision needs a name");
  auto skipped = ParseUuid(decision.event_id);
  if (!skipped) {
    return Status::InvalidArgument("'" + decision.event_id + "' is not an event id (a UUID)");
  }
  if (decision.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(
        "a skip decision needs a reason: auditors read it next to the event it skips");
  }
  if (operator_actor.id.empty()) return Status::InvalidArgument("a skip decision needs an actor");
  const std::string key = "operator-decisions/" + decision.component + "/" + decision.name +
                          "/skip/" + ToString(*skipped);
  NewEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), key);
  e.type = TypeFor(decision.component);
  e.schema_version = 1;
  e.marketplace = kOperationsMarketplace;
  e.occurred_at = now;
  e.causation_id = DeriveUuid(EduledgerNamespace(), key + "/decision");
  e.correlation_id = e.causation_id;
  e.actor = operator_actor;
  e.metadata = {{"decision", "skip"}};
  SkipDecision normalized = decision;
  normalized.event_id = ToString(*skipped);
  e.payload = json::Encode(normalized);
  AppendRequest request;
  request.stream_id = DecisionStreamId(decision.component, decision.name);
  request.expected = ExpectedVersion::Any();
  request.events.push_back(std::move(e));
  AppendResult local;
  return log->Append(request, result != nullptr ? result : &local)
      .Annotate("recording the skip decision");
}

Status ReadSkipDecisions(EventLog* log, const std::string& component, const std::string& name,
                         int64_t from_version, std::vector<SkipDecision>* out,
                         int64_t* last_version) {
  std::vector<RecordedEvent> events;
  EDU_RETURN_IF_ERROR(log->ReadStream(DecisionStreamId(component, name), from_version, &events)
                          .Annotate("reading the operator decisions of " + component + " " + name));
  for (const RecordedEvent& e : events) {
    if (last_version != nullptr) *last_version = e.stream_version;
    if (e.type != TypeFor(component)) continue;
    SkipDecision d;
    EDU_RETURN_IF_ERROR(json::Decode(e.payload, &d, json::DecodeOptions{false})
                            .Annotate("decision " + ToString(e.event_id)));
    if (d.component != component || d.name != name || !ParseUuid(d.event_id)) continue;
    out->push_back(std::move(d));
  }
  return Status::OK();
}

Status SkipDecisionSet::Refresh(EventLog* log, size_t* added) {
  std::vector<SkipDecision> decisions;
  int64_t last = version_;
  EDU_RETURN_IF_ERROR(ReadSkipDecisions(log, component_, name_, version_ + 1, &decisions, &last));
  version_ = last;
  size_t count = 0;
  for (const SkipDecision& d : decisions) {
    if (auto id = ParseUuid(d.event_id)) count += skipped_.insert(*id).second ? 1 : 0;
  }
  if (added != nullptr) *added = count;
  return Status::OK();
}

}  // namespace edu
