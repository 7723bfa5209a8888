// The event log as a process's application code sees it: the backend's log (PostgreSQL or Kafka)
// behind PersonalDataLog, with the per-person keys in PostgreSQL (eduledger.person_keys in the
// --db database, next to the read tables). Composition roots (EmbeddedSystem, serve, replay,
// rebuild, audit) open one and hand log() to the pipeline, projectors, reactors and tools; only
// `audit verify` reads the backend directly. See docs/gdpr.md.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "commands/registry.h"
#include "eventstore/personal_data_log.h"
#include "eventstore/pg_person_keys.h"

namespace edu {

class PersonalDataLayer {
 public:
  // `backend` and `registry` must outlive the layer. `on_forgotten` runs after a person's key was
  // destroyed by this process (read tables then need a rebuild: adapters/erasure_rebuilder.h).
  // Unavailable when the key store's database cannot be reached.
  static Status Open(EventLog* backend, const std::string& db_uri, const Registry& registry,
                     std::function<void(const Uuid&)> on_forgotten,
                     std::unique_ptr<PersonalDataLayer>* out);
  // Same, with a key store of the caller's (tests: MemoryPersonKeyStore).
  static std::unique_ptr<PersonalDataLayer> With(EventLog* backend, PersonKeyStore* keys,
                                                 const Registry& registry,
                                                 std::function<void(const Uuid&)> on_forgotten);

  EventLog* log() { return log_.get(); }
  PersonalDataLog& personal_log() { return *log_; }
  PersonKeyStore& keys() { return *keys_; }
  PersonalDataCipher& cipher() { return *cipher_; }

 private:
  PersonalDataLayer() = default;
  std::unique_ptr<PgPersonKeyStore> owned_keys_;
  PersonKeyStore* keys_ = nullptr;
  std::unique_ptr<PersonalDataCipher> cipher_;
  std::unique_ptr<PersonalDataLog> log_;
};

}  // namespace edu
