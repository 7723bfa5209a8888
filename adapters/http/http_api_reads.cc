// The read side of the HTTP API (adapters/http/http_api.h has the contract): the command listing,
// projection listing and waits, and /healthz.
#include <algorithm>

#include "adapters/http/http_api.h"
#include "adapters/http/http_api_internal.h"
#include "commands/pipeline.h"
#include "domain/core/marketplace.h"
#include "domain/core/rejection_codes.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

// The JSON shapes of the listing endpoints (json::Encode writes fields in this order).
struct WireField {
  std::string name;
  std::string type;
  bool required = true;
  bool personal = false;
  EDU_FIELDS(name, type, required, personal)
};
struct WireCommand {
  std::string marketplace;
  std::string type;
  std::string path;
  std::string summary;
  std::vector<std::string> allowed_roles;
  std::vector<WireField> fields;
  EDU_FIELDS(marketplace, type, path, summary, allowed_roles, fields)
};
struct WireCommandList {
  std::vector<WireField> envelope;  // the reserved members every command body may carry
  std::vector<WireCommand> commands;
  EDU_FIELDS(envelope, commands)
};
struct WirePartition {
  int32_t partition = 0;
  int64_t checkpoint = 0;
  int64_t end_offset = 0;
  int64_t lag = 0;
  EDU_FIELDS(partition, checkpoint, end_offset, lag)
};
struct WireProjection {
  std::string name;
  std::string state;
  std::optional<std::string> error;
  int64_t lag = 0;
  std::vector<WirePartition> partitions;
  EDU_FIELDS(name, state, error, lag, partitions)
};
struct WireProjectionList {
  std::vector<WireProjection> projections;
  EDU_FIELDS(projections)
};
struct WireStopped {
  std::string kind;  // projection or reaction
  std::string name;
  std::optional<std::string> event_id;
  std::optional<std::string> event_type;
  std::optional<std::string> stream_id;
  std::optional<int64_t> stream_version;
  std::optional<int32_t> partition;
  std::optional<int64_t> offset;
  std::string error;
  EDU_FIELDS(kind, name, event_id, event_type, stream_id, stream_version, partition, offset, error)
};
struct WireHealth {
  std::string status;
  int32_t partitions = 0;
  std::vector<WireStopped> stopped;
  std::optional<std::string> resolve;
  EDU_FIELDS(status, partitions, stopped, resolve)
};
struct WireWaitResult {
  std::string projection;
  int32_t partition = 0;
  int64_t offset = 0;
  bool applied = true;
  EDU_FIELDS(projection, partition, offset, applied)
};

}  // namespace

using http_detail::Contains;
using http_detail::FromRejection;
using http_detail::IntParam;
using http_detail::Json;
using http_detail::kWaitSlice;
using http_detail::ParseQuery;
using http_detail::Shown;
using http_detail::SteadyClock;

HttpResponseData HttpApi::ListCommands(const std::string& query) const {
  auto params = ParseQuery(query);
  std::string marketplace;
  if (auto it = params.find("marketplace"); it != params.end()) {
    marketplace = it->second;
    if (!ParseEnum<Marketplace>(marketplace)) {
      return Error(400, ErrorKind::kMalformed, codes::kUnknownMarketplace.code,
                   "query parameter 'marketplace' must be one of " + EnumChoices<Marketplace>() +
                       ", got '" + Shown(marketplace) + "'");
    }
  }
  WireCommandList list;
  list.envelope = {{"marketplace", FieldTypeName<Marketplace>(), true, false},
                   {"expected_version", "integer", false, false}};
  for (const CommandType* c : ctx_.registry->Commands(marketplace)) {
    WireCommand w{c->marketplace(), c->type(),          "/v1/commands/" + c->type(),
                  c->summary(),     c->allowed_roles(), {}};
    for (const FieldInfo& f : c->fields())
      w.fields.push_back({f.name, f.type, f.required, f.personal});
    list.commands.push_back(std::move(w));
  }
  return Json(200, json::Encode(list));
}

HttpResponseData HttpApi::ListProjections() const {
  std::vector<ProjectionStatusSource::ProjectionStatus> list;
  if (ctx_.projections != nullptr) {
    Status s = ctx_.projections->List(&list);
    if (!s.ok()) return FromRejection(RejectionFromStatus(s.Annotate("listing projections")));
  }
  WireProjectionList out;
  for (const auto& p : list) {
    WireProjection w{p.name, p.state, std::nullopt, 0, {}};
    if (!p.error.empty()) w.error = p.error;
    for (const auto& part : p.partitions) {
      w.lag += part.lag;
      w.partitions.push_back({part.partition, part.checkpoint, part.end_offset, part.lag});
    }
    out.projections.push_back(std::move(w));
  }
  return Json(200, json::Encode(out));
}

HttpResponseData HttpApi::WaitForProjection(const std::string& name,
                                            const std::string& query) const {
  if (ctx_.projections == nullptr || !Contains(ctx_.projections->Names(), name)) {
    return Error(404, ErrorKind::kNotFound, codes::kUnknownProjection.code,
                 "no projection named '" + Shown(name) + "'");
  }
  auto params = ParseQuery(query);
  int64_t partition = 0, offset = 0, timeout_ms = max_wait_.count();
  if (auto bad = IntParam(params, "partition", true, ctx_.log->partition_count() - 1, &partition)) {
    return *bad;
  }
  if (auto bad = IntParam(params, "offset", true, int64_t{1} << 62, &offset)) return *bad;
  if (auto bad = IntParam(params, "timeout_ms", false, 3'600'000, &timeout_ms)) return *bad;
  auto timeout = std::min(std::chrono::milliseconds(timeout_ms), max_wait_);

  Status s = WaitApplied(name, static_cast<int>(partition), offset, SteadyClock::now() + timeout);
  if (s.code() == Status::Code::kTimeout) {
    return Error(504, ErrorKind::kUnavailable, codes::kProjectionWaitTimeout.code,
                 "projection '" + name + "' has not applied partition " +
                     std::to_string(partition) + " offset " + std::to_string(offset) + " within " +
                     std::to_string(timeout.count()) + " ms");
  }
  if (s.IsNotFound())
    return Error(404, ErrorKind::kNotFound, codes::kUnknownProjection.code, s.message());
  if (!s.ok()) {
    std::string incident =
        LogIncident("projection " + name + " cannot reach partition " + std::to_string(partition) +
                    " offset " + std::to_string(offset) + ": " + s.ToString());
    return Error(503, ErrorKind::kUnavailable, codes::kProjectionFailed.code,
                 "projection '" + name + "' cannot reach the position (incident " + incident +
                     "); see GET /v1/projections");
  }
  return Json(200,
              json::Encode(WireWaitResult{name, static_cast<int32_t>(partition), offset, true}));
}

HttpResponseData HttpApi::Health() const {
  std::vector<int64_t> ends;
  Status s = ctx_.log->EndOffsets(&ends);
  if (!s.ok()) {
    std::string incident = LogIncident("healthz: the event log does not answer: " + s.ToString());
    return Json(503, R"({"status":"unavailable",)" +
                         EncodeRejection(
                             Rejection{ErrorKind::kUnavailable, codes::kLogUnavailable.code,
                                       "the event log does not answer (incident " + incident + ")"})
                             .substr(1));
  }
  // A projection or reaction stopped at an event is "degraded", answered 200: commands are still
  // taken and every other read model stays current, so a load balancer must not pull the
  // instance (every instance reads the same log and would be pulled alike).
  std::vector<ProjectionStatusSource::StoppedComponent> stopped;
  if (ctx_.projections != nullptr) stopped = ctx_.projections->Stopped();
  if (stopped.empty()) {
    return Json(200, R"({"status":"ok","partitions":)" + std::to_string(ends.size()) + "}");
  }
  WireHealth health;
  health.status = "degraded";
  health.partitions = static_cast<int32_t>(ends.size());
  for (const auto& c : stopped) {
    WireStopped w;
    w.kind = c.kind;
    w.name = c.name;
    w.error = c.error;
    if (!c.event_id.empty()) {
      w.event_id = c.event_id;
      w.event_type = c.event_type;
      w.stream_id = c.stream_id;
      w.stream_version = c.stream_version;
      w.partition = c.partition;
      w.offset = c.offset;
    }
    health.stopped.push_back(std::move(w));
  }
  health.resolve =
      "fix the cause and restart, or record a decision: eduledger <projection|reaction> skip "
      "<name> --event <event_id> --reason \"...\"";
  return Json(200, json::Encode(health));
}

Status HttpApi::WaitApplied(const std::string& projection, int partition, int64_t offset,
                            SteadyClock::time_point deadline) const {
  for (;;) {
    if (stopping_ != nullptr && stopping_->load()) {
      return Status::Unavailable("the server is stopping");
    }
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    auto slice = std::max(std::chrono::milliseconds(0), std::min(left, kWaitSlice));
    Status s = ctx_.projections->WaitForPosition(projection, partition, offset, slice);
    if (s.code() != Status::Code::kTimeout || SteadyClock::now() >= deadline) return s;
  }
}

}  // namespace edu
