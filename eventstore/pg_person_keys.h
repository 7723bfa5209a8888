// PgPersonKeyStore: the per-person keys in PostgreSQL, outside the log.
//
//   eduledger.person_keys(subject uuid PRIMARY KEY, key bytea NULL, created_at, destroyed_at NULL,
//                         erasure bigint NULL)
// created on demand (the first key written or destroyed). A destroyed key is overwritten with NULL
// and keeps its row as a tombstone; `erasure` numbers destructions (ErasureCount = the highest).
// Backups of this table hold live keys: keep them short-lived, or erasure is undone by a restore.
//
// A small in-process cache keeps looked-up keys: live ones for `live_key_ttl` (so a key destroyed
// by another process stops opening data here within that time), destroyed ones for good. The
// process that destroys a key drops it from its cache at once, and ErasureCount() seeing a new
// erasure drops every cached live key (the erasure rebuilder calls it before rebuilding).
//
// libpqxx exceptions are translated into Status here. Thread-safe (one connection, serialized;
// lookups are rare thanks to the cache).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "eventstore/personal_data.h"

namespace edu {

class PgPersonKeyStore : public PersonKeyStore {
 public:
  struct Options {
    std::chrono::milliseconds live_key_ttl{30'000};
  };

  // Connects (Unavailable with libpq's message when it cannot). Creates nothing yet.
  static Status Open(const std::string& uri, Options options,
                     std::unique_ptr<PgPersonKeyStore>* out);
  static Status Open(const std::string& uri, std::unique_ptr<PgPersonKeyStore>* out) {
    return Open(uri, Options{}, out);
  }
  ~PgPersonKeyStore() override;

  Status KeyForWriting(const Uuid& subject, std::string* key) override;
  Status KeyForReading(const Uuid& subject, Lookup* out) override;
  Status Destroy(const Uuid& subject) override;
  Status ErasureCount(int64_t* count) override;

  // Lookups that reached the database (tests check the cache with it).
  int64_t database_lookups() const;

 private:
  PgPersonKeyStore(std::string uri, Options options);
  struct Cached {
    Lookup lookup;
    std::chrono::steady_clock::time_point fetched;
  };
  // Runs fn(connection) under mu_, reconnecting once after a lost connection.
  template <class F>
  Status WithConnection(const std::string& context, F&& fn);
  Status EnsureTable();
  Status Fetch(const Uuid& subject, Lookup* out);
  bool FromCache(const Uuid& subject, Lookup* out);

  std::string uri_;
  Options options_;
  struct Connection;  // the libpqxx connection (pg_person_keys.cc)
  std::mutex mu_;     // guards conn_, table_ready_
  std::unique_ptr<Connection> conn_;
  bool table_ready_ = false;
  mutable std::mutex cache_mu_;
  std::map<Uuid, Cached> cache_;
  int64_t database_lookups_ = 0;
  int64_t erasures_seen_ = 0;
};

}  // namespace edu
