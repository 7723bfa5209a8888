#include "projections/mentorship/audit_log_rows.h"

#include <rapidjson/document.h>

#include "domain/core/stream.h"
#include "eventstore/json_binding.h"
#include "projections/values.h"

namespace edu {
namespace {

constexpr std::string_view kPreviousPrefix = "previous_";

SqlValue MetadataValue(const Metadata& metadata, const char* key) {
  auto it = metadata.find(key);
  if (it == metadata.end() || it->second.empty()) return Null{};
  return it->second;
}

}  // namespace

Status AppendAuditLogRow(const RecordedEvent& event, RowOps* ops) {
  rapidjson::Document payload;
  Status parsed = json::ParseDocument(event.payload, &payload);
  if (!parsed.ok() || !payload.IsObject()) {
    return Status::Corruption("audit log of " + event.type + ": the payload is not a JSON object");
  }
  rapidjson::Document old_values(rapidjson::kObjectType);
  rapidjson::Document new_values(rapidjson::kObjectType);
  for (auto m = payload.MemberBegin(); m != payload.MemberEnd(); ++m) {
    std::string_view name(m->name.GetString(), m->name.GetStringLength());
    bool previous = name.size() > kPreviousPrefix.size() &&
                    name.substr(0, kPreviousPrefix.size()) == kPreviousPrefix;
    rapidjson::Document& target = previous ? old_values : new_values;
    if (previous) name.remove_prefix(kPreviousPrefix.size());
    rapidjson::Value key(name.data(), static_cast<rapidjson::SizeType>(name.size()),
                         target.GetAllocator());
    rapidjson::Value value(m->value, target.GetAllocator());
    target.AddMember(key, value, target.GetAllocator());
  }
  std::string resource_type = event.stream_id;
  std::string resource_id;
  if (auto parsed_stream = ParseStreamId(event.stream_id)) {
    resource_type = parsed_stream->category;
    size_t dot = resource_type.find('.');
    if (dot != std::string::npos)
      resource_type.erase(0, dot + 1);  // "mentorship.session" -> "session"
    resource_id = ToString(parsed_stream->id);
  }
  ops->Insert(
      "audit_logs",
      {{"id", event.event_id},
       {"user_id", event.actor.IsSystem() ? SqlValue(Null{}) : ActorUserValue(event.actor.id)},
       {"action_type", event.type},
       {"resource_type", resource_type},
       {"resource_id", resource_id.empty() ? SqlValue(Null{}) : resource_id},
       {"old_values",
        old_values.MemberCount() ? SqlValue(Json{json::Stringify(old_values)}) : Null{}},
       {"new_values", Json{json::Stringify(new_values)}},
       {"ip_address", MetadataValue(event.metadata, "ip")},
       {"user_agent", MetadataValue(event.metadata, "user_agent")},
       {"created_at", event.occurred_at}});
  return Status::OK();
}

}  // namespace edu
