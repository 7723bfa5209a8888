#include "eventstore/append_validation.h"

#include <rapidjson/document.h>

#include "domain/core/stream.h"

namespace edu {

Status ValidateAppend(const AppendRequest& request) {
  if (!ParseStreamId(request.stream_id)) {
    return Status::InvalidArgument("stream id '" + request.stream_id +
                                   "' is not of the form <category>-<uuid>");
  }
  if (request.expected.kind == ExpectedVersion::Kind::kExact && request.expected.version < 0) {
    return Status::InvalidArgument("expected version " + std::to_string(request.expected.version) +
                                   " is negative");
  }
  for (size_t i = 0; i < request.events.size(); ++i) {
    const NewEvent& e = request.events[i];
    std::string which = "event #" + std::to_string(i) + " of " + request.stream_id;
    if (e.event_id.is_nil()) return Status::InvalidArgument(which + " has no event id");
    if (e.type.empty()) return Status::InvalidArgument(which + " has no type");
    if (e.schema_version < 1) return Status::InvalidArgument(which + " has schema version < 1");
    if (e.marketplace.empty()) return Status::InvalidArgument(which + " has no marketplace");
    rapidjson::Document doc;
    doc.Parse(e.payload.data(), e.payload.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      return Status::InvalidArgument(which + " (" + e.type +
                                     ") has a payload that is not a JSON object");
    }
  }
  return Status::OK();
}

}  // namespace edu
