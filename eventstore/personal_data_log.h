// PersonalDataLog: an EventLog seen through the personal-data cipher (docs/gdpr.md). Everything
// the application writes is sealed before it reaches the log; everything it reads comes back with
// personal data opened, or null where the person was forgotten. The composition root wraps the
// backend's log (PostgreSQL or Kafka) once and hands the wrapper to the command pipeline, the
// projectors, the reactors and replay: the codec itself stays free of keys and I/O.
//
//   auditors (`eduledger audit verify`) read the backend's log directly: the stored, sealed bytes
//   are what the hash chain covers, and they never change, erasure included.
//
// Writes: for each event of a type with personal fields, its data subject (the event's
// DataSubject()) is read from the plaintext payload and those fields are sealed with that
// person's key. An event of a type that forgets its subject (PersonForgotten) destroys the
// subject's key once the append succeeded, then calls `on_forgotten`.
// Reads: a PersonForgotten met in what was read destroys its key too before anything is opened
// (completing an erasure whose append succeeded but whose key destruction did not), so a reader
// never opens data the log says is forgotten.
//
// Thread-safe when the inner log, the cipher's key store and `on_forgotten` are.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "eventstore/event_log.h"
#include "eventstore/personal_data.h"

namespace edu {

// What the log needs to know about one event type (built from the registry:
// commands/personal_data_types.h).
struct PersonalEventType {
  std::vector<std::string> personal_fields;  // top-level payload members to seal
  bool forgets_subject = false;              // recording it destroys the subject's key
  // The data subject named by a plaintext payload; empty when the type declares none.
  std::function<Status(const std::string& payload, Uuid* subject)> data_subject;
};
// Keyed by (marketplace, type); types absent from the map pass through untouched.
using PersonalEventTypes = std::map<std::pair<std::string, std::string>, PersonalEventType>;

class PersonalDataLog : public EventLog {
 public:
  struct Options {
    std::function<void(const Uuid& subject)> on_forgotten;
  };
  // `inner` and `cipher` must outlive this object.
  PersonalDataLog(EventLog* inner, PersonalDataCipher* cipher, PersonalEventTypes types,
                  Options options);
  PersonalDataLog(EventLog* inner, PersonalDataCipher* cipher, PersonalEventTypes types)
      : PersonalDataLog(inner, cipher, std::move(types), Options{}) {}

  int partition_count() const override { return inner_->partition_count(); }
  // Besides the inner log's results: InvalidArgument when a payload does not name its data
  // subject or the subject was forgotten; Internal when a type with personal fields declares no
  // data subject (a programming error: nothing is appended unencrypted).
  Status Append(const AppendRequest& request, AppendResult* result) override;
  Status ReadStream(const std::string& stream_id, int64_t from_version,
                    std::vector<RecordedEvent>* out) override;
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override;
  Status EndOffsets(std::vector<int64_t>* end_offsets) override {
    return inner_->EndOffsets(end_offsets);
  }
  Status WaitForEvents(int partition, int64_t from_offset,
                       std::chrono::milliseconds timeout) override {
    return inner_->WaitForEvents(partition, from_offset, timeout);
  }
  Status LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) override {
    return inner_->LookupCommand(command_id, out);
  }
  Status StreamVersion(const std::string& stream_id, int64_t* version) override {
    return inner_->StreamVersion(stream_id, version);
  }

  EventLog& inner() { return *inner_; }

  // Seals one event's payload as Append does (tools that build NewEvents themselves).
  Status SealPayload(const std::string& marketplace, const std::string& type, std::string* payload);
  // Opens events as the read methods do.
  Status OpenEvents(std::vector<RecordedEvent>* events);

 private:
  const PersonalEventType* Find(const std::string& marketplace, const std::string& type) const;
  Status SubjectOf(const PersonalEventType& t, const std::string& type, const std::string& payload,
                   Uuid* subject) const;

  EventLog* inner_;
  PersonalDataCipher* cipher_;
  PersonalEventTypes types_;
  Options options_;
};

}  // namespace edu
