#include "eventstore/pg_person_keys.h"

#include <pqxx/pqxx>

namespace edu {
namespace {

constexpr const char* kCreateSql = R"sql(
SELECT pg_advisory_xact_lock(hashtext('eduledger.person_keys'));
CREATE SCHEMA IF NOT EXISTS eduledger;
CREATE SEQUENCE IF NOT EXISTS eduledger.person_key_erasures;
CREATE TABLE IF NOT EXISTS eduledger.person_keys (
  subject uuid PRIMARY KEY,
  key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  erasure bigint UNIQUE,
  CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
);
)sql";

// The current exception as a Status (call inside a catch block only).
Status CurrentError(const std::string& context) {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable(context + ": lost connection to PostgreSQL: " + e.what());
  } catch (const pqxx::sql_error& e) {
    return Status::Internal(context + ": SQLSTATE " + e.sqlstate() + ": " + e.what());
  } catch (const std::exception& e) {
    return Status::Internal(context + ": " + e.what());
  }
}

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Unhex(const std::string& hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  }
  return out;
}

// (key hex or NULL, destroyed_at micros or NULL) of one row into a Lookup.
PersonKeyStore::Lookup FromRow(const pqxx::row& row) {
  PersonKeyStore::Lookup out;
  if (!row[0].is_null()) {
    out.state = PersonKeyStore::KeyState::kLive;
    out.key = Unhex(row[0].as<std::string>());
  } else {
    out.state = PersonKeyStore::KeyState::kDestroyed;
    out.destroyed_at = Timestamp{row[1].is_null() ? 0 : row[1].as<int64_t>()};
  }
  return out;
}

constexpr const char* kSelectKey =
    "SELECT encode(key, 'hex'), (extract(epoch FROM destroyed_at) * 1000000)::bigint "
    "FROM eduledger.person_keys WHERE subject = $1";

}  // namespace

struct PgPersonKeyStore::Connection {
  explicit Connection(const std::string& uri) : conn(uri) {}
  pqxx::connection conn;
};

PgPersonKeyStore::PgPersonKeyStore(std::string uri, Options options)
    : uri_(std::move(uri)), options_(options) {}

PgPersonKeyStore::~PgPersonKeyStore() = default;

Status PgPersonKeyStore::Open(const std::string& uri, Options options,
                              std::unique_ptr<PgPersonKeyStore>* out) {
  std::unique_ptr<PgPersonKeyStore> store(new PgPersonKeyStore(uri, options));
  EDU_RETURN_IF_ERROR(store->WithConnection("opening the person key store",
                                            [](pqxx::connection&) { return Status::OK(); }));
  *out = std::move(store);
  return Status::OK();
}

template <class F>
Status PgPersonKeyStore::WithConnection(const std::string& context, F&& fn) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int attempt = 0;; ++attempt) {
    try {
      if (!conn_ || !conn_->conn.is_open()) {
        conn_ = std::make_unique<Connection>(uri_);
        pqxx::nontransaction tx(conn_->conn);
        tx.exec("SET application_name = 'eduledger-person-keys'");
      }
      return fn(conn_->conn);
    } catch (const pqxx::broken_connection&) {
      conn_.reset();
      if (attempt == 0) continue;  // once: the server may have closed an idle connection
      return CurrentError(context);
    } catch (...) {
      return CurrentError(context);
    }
  }
}

Status PgPersonKeyStore::EnsureTable() {
  if (table_ready_) return Status::OK();  // mu_ held by the caller's WithConnection
  pqxx::work tx(conn_->conn);
  tx.exec(kCreateSql);
  tx.commit();
  table_ready_ = true;
  return Status::OK();
}

bool PgPersonKeyStore::FromCache(const Uuid& subject, Lookup* out) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = cache_.find(subject);
  if (it == cache_.end()) return false;
  if (it->second.lookup.state == KeyState::kLive &&
      std::chrono::steady_clock::now() - it->second.fetched > options_.live_key_ttl) {
    cache_.erase(it);
    return false;
  }
  *out = it->second.lookup;
  return true;
}

Status PgPersonKeyStore::Fetch(const Uuid& subject, Lookup* out) {
  EDU_RETURN_IF_ERROR(
      WithConnection("reading the key of person " + ToString(subject), [&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        if (tx.exec1("SELECT to_regclass('eduledger.person_keys') IS NULL")[0].as<bool>()) {
          *out = Lookup{};  // no key was ever written here
          return Status::OK();
        }
        pqxx::result r = tx.exec_params(kSelectKey, ToString(subject));
        *out = r.empty() ? Lookup{} : FromRow(r[0]);
        return Status::OK();
      }));
  std::lock_guard<std::mutex> lock(cache_mu_);
  ++database_lookups_;
  if (out->state != KeyState::kUnknown)
    cache_[subject] = Cached{*out, std::chrono::steady_clock::now()};
  return Status::OK();
}

Status PgPersonKeyStore::KeyForReading(const Uuid& subject, Lookup* out) {
  if (FromCache(subject, out)) return Status::OK();
  return Fetch(subject, out);
}

Status PgPersonKeyStore::KeyForWriting(const Uuid& subject, std::string* key) {
  Lookup found;
  if (!FromCache(subject, &found) || found.state != KeyState::kLive) {
    std::string fresh;
    EDU_RETURN_IF_ERROR(NewPersonKey(&fresh));
    EDU_RETURN_IF_ERROR(
        WithConnection("writing the key of person " + ToString(subject), [&](pqxx::connection& c) {
          EDU_RETURN_IF_ERROR(EnsureTable());
          pqxx::work tx(c);
          // First writer wins; everyone then reads the one stored key.
          tx.exec_params(
              "INSERT INTO eduledger.person_keys (subject, key) VALUES ($1, decode($2, 'hex')) "
              "ON CONFLICT (subject) DO NOTHING",
              ToString(subject), Hex(fresh));
          found = FromRow(tx.exec_params1(kSelectKey, ToString(subject)));
          tx.commit();
          return Status::OK();
        }));
    std::lock_guard<std::mutex> lock(cache_mu_);
    cache_[subject] = Cached{found, std::chrono::steady_clock::now()};
  }
  if (found.state == KeyState::kDestroyed) {
    return Status::InvalidArgument("person " + ToString(subject) + " was forgotten at " +
                                   FormatIso8601(found.destroyed_at) +
                                   ": personal data about them can no longer be recorded");
  }
  *key = found.key;
  return Status::OK();
}

Status PgPersonKeyStore::Destroy(const Uuid& subject) {
  EDU_RETURN_IF_ERROR(
      WithConnection("destroying the key of person " + ToString(subject), [&](pqxx::connection& c) {
        EDU_RETURN_IF_ERROR(EnsureTable());
        pqxx::work tx(c);
        tx.exec_params(
            "INSERT INTO eduledger.person_keys AS k (subject, key, destroyed_at, erasure) "
            "VALUES ($1, NULL, now(), nextval('eduledger.person_key_erasures')) "
            "ON CONFLICT (subject) DO UPDATE SET key = NULL, destroyed_at = now(), "
            "erasure = nextval('eduledger.person_key_erasures') WHERE k.destroyed_at IS NULL",
            ToString(subject));
        tx.commit();
        return Status::OK();
      }));
  std::lock_guard<std::mutex> lock(cache_mu_);
  cache_.erase(subject);
  return Status::OK();
}

Status PgPersonKeyStore::ErasureCount(int64_t* count) {
  EDU_RETURN_IF_ERROR(WithConnection("counting erasures", [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    *count = 0;
    if (tx.exec1("SELECT to_regclass('eduledger.person_keys') IS NULL")[0].as<bool>()) {
      return Status::OK();
    }
    *count =
        tx.exec1("SELECT coalesce(max(erasure), 0) FROM eduledger.person_keys")[0].as<int64_t>();
    return Status::OK();
  }));
  // Keys were destroyed since this process last looked (maybe by another process): forget the
  // live keys cached here, so nothing opens with a key that may be gone (a rebuild follows this).
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (*count != erasures_seen_) {
    erasures_seen_ = *count;
    for (auto it = cache_.begin(); it != cache_.end();) {
      it = it->second.lookup.state == KeyState::kLive ? cache_.erase(it) : std::next(it);
    }
  }
  return Status::OK();
}

int64_t PgPersonKeyStore::database_lookups() const {
  std::lock_guard<std::mutex> lock(cache_mu_);
  return database_lookups_;
}

}  // namespace edu
