#include "commands/command.h"

#include "eventstore/json_binding.h"

namespace edu {
namespace {

struct WireEvent {
  Uuid event_id;
  std::string type;
  std::string stream_id;
  int64_t stream_version = 0;
  int32_t partition = 0;
  int64_t offset = -1;
  EDU_FIELDS(event_id, type, stream_id, stream_version, partition, offset)
};

struct WireError {
  std::string code;
  std::string kind;
  std::string message;
  std::optional<std::string> field = std::nullopt;  // the input field it is about, when one
  EDU_FIELDS(code, kind, message, field)
};

WireError ToWire(const Rejection& r) {
  WireError w{r.code, ErrorKindName(r.kind), r.message};
  if (!r.field.empty()) w.field = r.field;
  return w;
}

struct WireErrorBody {
  WireError error;
  EDU_FIELDS(error)
};

struct WireProjection {
  std::string name;
  bool applied = false;
  EDU_FIELDS(name, applied)
};

struct WireResult {
  Uuid command_id;
  std::string status;
  bool replayed = false;
  std::string marketplace;
  std::string stream_id;
  int64_t stream_version = 0;
  std::vector<WireEvent> events;
  std::optional<WireError> error;
  std::optional<WireProjection> projection;
  EDU_FIELDS(command_id, status, replayed, marketplace, stream_id, stream_version, events, error,
             projection)
};

std::optional<ErrorKind> KindFromName(const std::string& name) {
  for (ErrorKind k : {ErrorKind::kMalformed, ErrorKind::kUnauthenticated, ErrorKind::kForbidden,
                      ErrorKind::kNotFound, ErrorKind::kConflict, ErrorKind::kInvalid,
                      ErrorKind::kUnavailable, ErrorKind::kInternal}) {
    if (name == ErrorKindName(k)) return k;
  }
  return std::nullopt;
}

}  // namespace

std::string EncodeCommandResult(const CommandResult& r, const ProjectionWaited* projection) {
  WireResult w;
  w.command_id = r.command_id;
  w.status = r.ok() ? "accepted" : "rejected";
  w.replayed = r.replayed;
  w.marketplace = r.marketplace;
  w.stream_id = r.stream_id;
  w.stream_version = r.stream_version;
  for (const auto& e : r.events) {
    w.events.push_back({e.event_id, e.type, e.stream_id, e.stream_version, e.partition, e.offset});
  }
  if (r.error) w.error = ToWire(*r.error);
  if (projection) w.projection = WireProjection{projection->name, projection->applied};
  return json::Encode(w);
}

Status DecodeCommandResult(std::string_view text, CommandResult* out) {
  WireResult w;
  EDU_RETURN_IF_ERROR(
      json::Decode(text, &w, json::DecodeOptions{false}).Annotate("command result"));
  out->command_id = w.command_id;
  out->replayed = w.replayed;
  out->marketplace = w.marketplace;
  out->stream_id = w.stream_id;
  out->stream_version = w.stream_version;
  out->events.clear();
  for (const auto& e : w.events) {
    out->events.push_back(
        {e.event_id, e.type, e.stream_id, e.stream_version, e.partition, e.offset});
  }
  out->error.reset();
  if (w.error) {
    auto kind = KindFromName(w.error->kind);
    if (!kind)
      return Status::InvalidArgument("command result: unknown error kind '" + w.error->kind + "'");
    out->error = Rejection{*kind, w.error->code, w.error->message, w.error->field.value_or("")};
  }
  return Status::OK();
}

std::string EncodeRejection(const Rejection& r) {
  WireErrorBody body{ToWire(r)};
  return json::Encode(body);
}

}  // namespace edu
