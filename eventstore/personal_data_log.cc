#include "eventstore/personal_data_log.h"

namespace edu {

PersonalDataLog::PersonalDataLog(EventLog* inner, PersonalDataCipher* cipher,
                                 PersonalEventTypes types, Options options)
    : inner_(inner), cipher_(cipher), types_(std::move(types)), options_(std::move(options)) {}

const PersonalEventType* PersonalDataLog::Find(const std::string& marketplace,
                                               const std::string& type) const {
  auto it = types_.find({marketplace, type});
  return it == types_.end() ? nullptr : &it->second;
}

Status PersonalDataLog::SubjectOf(const PersonalEventType& t, const std::string& type,
                                  const std::string& payload, Uuid* subject) const {
  if (!t.data_subject) {
    return Status::Internal("event type " + type +
                            " has personal fields but declares no DataSubject(): refusing to "
                            "append its personal data unencrypted");
  }
  EDU_RETURN_IF_ERROR(
      t.data_subject(payload, subject).Annotate(type + ": reading its data subject"));
  if (subject->is_nil()) {
    return Status::InvalidArgument(type +
                                   ": the data subject of its personal data is the nil UUID");
  }
  return Status::OK();
}

Status PersonalDataLog::SealPayload(const std::string& marketplace, const std::string& type,
                                    std::string* payload) {
  const PersonalEventType* t = Find(marketplace, type);
  if (t == nullptr || t->personal_fields.empty()) return Status::OK();
  Uuid subject;
  EDU_RETURN_IF_ERROR(SubjectOf(*t, type, *payload, &subject));
  return cipher_->Seal(subject, t->personal_fields, payload).Annotate(type);
}

Status PersonalDataLog::Append(const AppendRequest& request, AppendResult* result) {
  AppendRequest sealed = request;
  std::vector<Uuid> forgotten;
  for (NewEvent& e : sealed.events) {
    EDU_RETURN_IF_ERROR(SealPayload(e.marketplace, e.type, &e.payload));
    const PersonalEventType* t = Find(e.marketplace, e.type);
    if (t != nullptr && t->forgets_subject) {
      Uuid subject;
      EDU_RETURN_IF_ERROR(SubjectOf(*t, e.type, e.payload, &subject));
      forgotten.push_back(subject);
    }
  }
  EDU_RETURN_IF_ERROR(inner_->Append(sealed, result));
  if (result->duplicate_of) return Status::OK();
  for (const Uuid& subject : forgotten) {
    // The erasure is recorded; if destroying the key fails now, the next reader of the event
    // destroys it (OpenEvents), and the caller learns that it did not complete yet.
    EDU_RETURN_IF_ERROR(cipher_->Forget(subject).Annotate(
        "the erasure of " + ToString(subject) +
        " is recorded but its key could not be destroyed yet (readers will)"));
    if (options_.on_forgotten) options_.on_forgotten(subject);
  }
  return Status::OK();
}

Status PersonalDataLog::OpenEvents(std::vector<RecordedEvent>* events) {
  for (const RecordedEvent& e : *events) {
    const PersonalEventType* t = Find(e.marketplace, e.type);
    if (t == nullptr || !t->forgets_subject) continue;
    Uuid subject;
    EDU_RETURN_IF_ERROR(SubjectOf(*t, e.type, e.payload, &subject));
    PersonKeyStore::Lookup key;
    EDU_RETURN_IF_ERROR(cipher_->keys().KeyForReading(subject, &key));
    if (key.state == PersonKeyStore::KeyState::kDestroyed) continue;
    EDU_RETURN_IF_ERROR(cipher_->Forget(subject));
    if (options_.on_forgotten) options_.on_forgotten(subject);
  }
  for (RecordedEvent& e : *events) {
    EDU_RETURN_IF_ERROR(cipher_->Open(&e.payload)
                            .Annotate(e.stream_id + " v" + std::to_string(e.stream_version) + " (" +
                                      e.type + ", partition " + std::to_string(e.partition) +
                                      " offset " + std::to_string(e.offset) + ")"));
  }
  return Status::OK();
}

Status PersonalDataLog::ReadStream(const std::string& stream_id, int64_t from_version,
                                   std::vector<RecordedEvent>* out) {
  EDU_RETURN_IF_ERROR(inner_->ReadStream(stream_id, from_version, out));
  return OpenEvents(out);
}

Status PersonalDataLog::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                      std::vector<RecordedEvent>* out) {
  EDU_RETURN_IF_ERROR(inner_->ReadPartition(partition, from_offset, max_count, out));
  return OpenEvents(out);
}

}  // namespace edu
