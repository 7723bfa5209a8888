// The event log as a process's application code sees it: the backend's log (PostgreSQL or Kafka)
// behind PersonalDataLog, with the per-person keys in PostgreSQL (eduledger.person_keys in the
// --db database, next to the read tables). The assembly root (System,
// adapters/wiring/system.h: serve, demo, bench, tests) and the tools (replay, rebuild, audit
// stream) open one layer and wrap each log their pipeline, projectors, reactors and tools use;
// only `audit verify` reads the backend directly. See docs/gdpr.md.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "commands/registry.h"
#include "eventstore/personal_data_log.h"
#include "eventstore/pg_person_keys.h"

namespace edu {

class PersonalDataLayer {
 public:
  // Keys in PostgreSQL at `db_uri`. `on_forgotten` runs after a person's key was destroyed by
  // this process (read tables then need a rebuild: adapters/wiring/erasure_rebuilder.h). `registry`
  // must outlive the layer. Unavailable when the database cannot be reached.
  static Status Open(const std::string& db_uri, const Registry& registry,
                     std::function<void(const Uuid&)> on_forgotten,
                     std::unique_ptr<PersonalDataLayer>* out);
  // Same, with a key store of the caller's (tests: MemoryPersonKeyStore).
  static std::unique_ptr<PersonalDataLayer> With(PersonKeyStore* keys, const Registry& registry,
                                                 std::function<void(const Uuid&)> on_forgotten);

  // Wraps `backend` (which must outlive the layer); the wrapper lives as long as the layer.
  // Thread-safe.
  EventLog* Wrap(EventLog* backend);
  // A wrapper the caller owns (it must not outlive the layer): KafkaBackendOptions::decorate_log.
  std::unique_ptr<EventLog> NewWrapper(EventLog* backend);
  // The first log wrapped.
  EventLog* log();
  PersonKeyStore& keys() { return *keys_; }
  PersonalDataCipher& cipher() { return *cipher_; }

 private:
  PersonalDataLayer() = default;
  std::unique_ptr<PgPersonKeyStore> owned_keys_;
  PersonKeyStore* keys_ = nullptr;
  std::unique_ptr<PersonalDataCipher> cipher_;
  PersonalEventTypes types_;
  std::function<void(const Uuid&)> on_forgotten_;
  std::mutex mu_;
  std::vector<std::unique_ptr<EventLog>> logs_;
};

}  // namespace edu
