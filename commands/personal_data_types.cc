#include "commands/personal_data_types.h"

#include "domain/privacy/person.h"

namespace edu {

PersonalEventTypes PersonalEventTypesOf(const Registry& registry) {
  PersonalEventTypes out;
  for (const EventTypeInfo& info : registry.EventTypes()) {
    PersonalEventType t;
    for (const FieldInfo& f : info.fields) {
      if (f.personal) t.personal_fields.push_back(f.name);
    }
    t.forgets_subject = info.type == privacy::PersonForgotten::kType;
    if (t.personal_fields.empty() && !t.forgets_subject) continue;
    if (info.ops && info.ops->has_data_subject()) {
      std::shared_ptr<const EventTypeOps> ops = info.ops;
      t.data_subject = [ops](const std::string& payload, Uuid* subject) {
        return ops->DataSubjectOf(payload, subject);
      };
    }
    out[{info.marketplace, info.type}] = std::move(t);
  }
  return out;
}

}  // namespace edu
