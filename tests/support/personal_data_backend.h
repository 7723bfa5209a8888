// PersonalDataLog as an event-log contract backend (tests/support/event_log_contract.h), over
// another contract backend `Inner`, which provides the log underneath and the key store the
// deployment would pair with it:
//
//   std::unique_ptr<PersonKeyStore> MakePersonKeyStore();
//
// The contract's default event type (mentorship ThingHappened) is declared personal here: its
// "text" is sealed for the data subject its "n" names, so every contract case writes sealed bytes
// and reads them back opened. The stored log (the inner one) is what the hash chain covers.
#pragma once

#include <memory>
#include <string>

#include <rapidjson/document.h>

#include "eventstore/personal_data.h"
#include "eventstore/personal_data_log.h"
#include "tests/support/event_log_contract.h"

namespace edu::testing {

inline PersonalEventTypes ContractPersonalEventTypes() {
  PersonalEventType thing;
  thing.personal_fields = {"text"};
  thing.data_subject = [](const std::string& payload, Uuid* subject) {
    rapidjson::Document doc;
    doc.Parse(payload.data(), payload.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("n") || !doc["n"].IsUint64()) {
      return Status::InvalidArgument("the payload names no subject (\"n\")");
    }
    *subject = TestUuid(doc["n"].GetUint64(), 0x5b1ec7);
    return Status::OK();
  };
  PersonalEventTypes types;
  types[{"mentorship", "ThingHappened"}] = thing;
  return types;
}

template <class Inner>
class PersonalDataBackend {
 public:
  explicit PersonalDataBackend(int partitions)
      : inner_(partitions),
        keys_(inner_.MakePersonKeyStore()),
        cipher_(keys_.get()),
        log_(&inner_.log(), &cipher_, ContractPersonalEventTypes()) {}

  EventLog& log() { return log_; }
  EventLog& stored_log() { return inner_.log(); }

 private:
  Inner inner_;
  std::unique_ptr<PersonKeyStore> keys_;
  PersonalDataCipher cipher_;
  PersonalDataLog log_;
};

}  // namespace edu::testing
