// Personal data on the log, encrypted per person (crypto-shredding; docs/gdpr.md).
//
// Every Personal<T> field of an event is written to the log as a sealed value
//   {"pii":"v1","subject":"<uuid>","nonce":"<base64 96-bit>","ct":"<base64 ciphertext+tag>"}
// AES-256-GCM with the data subject's own key, a random nonce, and the subject id as associated
// data; the plaintext is the field's JSON value. Forgetting a person destroys their key: the log
// (and its hash chain) never changes, and every sealed value of that person reads back as null,
// which the codec turns into Personal{erased = true}. Plain (unsealed) values of events written
// before encryption stay readable as they are.
//
// PersonKeyStore keeps the keys outside the log (PostgreSQL: eventstore/pg_person_keys.h; memory:
// below). PersonalDataCipher seals and opens payloads with it. PersonalDataLog
// (eventstore/personal_data_log.h) applies the cipher to everything written to and read from an
// EventLog.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/status.h"

namespace edu {

// Where the per-person keys live. A destroyed key leaves a tombstone, so "forgotten" (read back as
// erased) is told apart from "never had a key here" (a wrong key store: an error, never a silent
// erasure). Implementations are thread-safe.
class PersonKeyStore {
 public:
  virtual ~PersonKeyStore() = default;

  enum class KeyState { kUnknown, kLive, kDestroyed };
  struct Lookup {
    KeyState state = KeyState::kUnknown;
    std::string key;         // 32 bytes when live
    Timestamp destroyed_at;  // when destroyed
  };

  // The subject's key, created (random, 256 bits) on first use. InvalidArgument saying so when the
  // subject was forgotten: personal data about them can no longer be recorded.
  virtual Status KeyForWriting(const Uuid& subject, std::string* key) = 0;

  // The subject's key state for reading.
  virtual Status KeyForReading(const Uuid& subject, Lookup* out) = 0;

  // Destroys the subject's key (a tombstone is kept; also for a subject that never had a key, so
  // that nothing personal about them can be recorded later). Idempotent.
  virtual Status Destroy(const Uuid& subject) = 0;

  // How many keys were ever destroyed: grows with every erasure, so that a process can tell that
  // erasures happened elsewhere (read tables then need a rebuild).
  virtual Status ErasureCount(int64_t* count) = 0;
};

// In memory, for tests and tools.
class MemoryPersonKeyStore : public PersonKeyStore {
 public:
  Status KeyForWriting(const Uuid& subject, std::string* key) override;
  Status KeyForReading(const Uuid& subject, Lookup* out) override;
  Status Destroy(const Uuid& subject) override;
  Status ErasureCount(int64_t* count) override;

 private:
  std::mutex mu_;
  std::map<Uuid, Lookup> keys_;
  int64_t erasures_ = 0;
};

// 32 random bytes from OpenSSL's CSPRNG; Internal if it cannot provide them.
Status NewPersonKey(std::string* key);

// The JSON member that marks a sealed value, and the current format.
inline constexpr const char* kSealedMarker = "pii";
inline constexpr const char* kSealedFormat = "v1";

// Seals and opens payloads. Thread-safe (the key store is).
class PersonalDataCipher {
 public:
  explicit PersonalDataCipher(PersonKeyStore* keys) : keys_(keys) {}

  // Replaces the named top-level members of a JSON object payload by sealed values for `subject`.
  // Absent and null members stay as they are. InvalidArgument when the payload is not an object
  // or the subject was forgotten.
  Status Seal(const Uuid& subject, const std::vector<std::string>& members, std::string* payload);

  // Replaces every sealed value anywhere in the payload by its plaintext, or by null when its
  // subject's key was destroyed. Corruption when a value does not open with a live key (edited
  // ciphertext) or its key is unknown to the key store (a wrong key store).
  // *erased (optional) counts values read back as null.
  Status Open(std::string* payload, int* erased = nullptr);

  // Destroys the subject's key.
  Status Forget(const Uuid& subject) { return keys_->Destroy(subject); }

  PersonKeyStore& keys() { return *keys_; }

  // One value: `plain_json` is the JSON text of the value.
  static Status SealValue(const std::string& key, const Uuid& subject,
                          const std::string& plain_json, std::string* sealed_json);
  static Status OpenValue(const std::string& key, const Uuid& subject, const std::string& nonce_b64,
                          const std::string& ct_b64, std::string* plain_json);

 private:
  PersonKeyStore* keys_;
};

}  // namespace edu
