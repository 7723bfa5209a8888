// The projector integration tests' common bed: a small "ledger" projection (accounts, per-owner
// totals, deposits) over real PostgreSQL, fed by an in-memory event log, whose expected read model
// the Ledger computes alongside the events it appends. Shared by projector_test.cc,
// projector_rebuild_test.cc and projector_batch_test.cc.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "domain/core/stream.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"
#include "projections/projector.h"
#include "projections/sql_writer.h"
#include "tests/support/test_database.h"

namespace edu {
namespace projector_test {

using namespace std::chrono_literals;
using testing::TestDatabase;

// ---- the test projection -----------------------------------------------------------------------

struct Opened {
  std::string owner;
  std::vector<std::string> tags;
  Timestamp opened_at;
  std::string meta;  // a JSON document, stored in a jsonb column
  EDU_FIELDS(owner, tags, opened_at, meta)
};
struct Moved {  // Deposited and DepositReversed carry the figures; the projection adds nothing up
  Uuid deposit_id;
  int64_t amount_minor = 0;
  int64_t balance_after_minor = 0;
  std::string owner;
  EDU_FIELDS(deposit_id, amount_minor, balance_after_minor, owner)
};
struct StatusChanged {
  std::string status;
  EDU_FIELDS(status)
};

class LedgerProjection : public Projection {
 public:
  explicit LedgerProjection(std::string schema = "ledger_test", int version = 1,
                            bool foreign_keys = false)
      : schema_(std::move(schema)), version_(version), foreign_keys_(foreign_keys) {}

  std::string name() const override { return schema_; }
  int version() const override { return version_; }
  std::string schema() const override { return schema_; }
  std::vector<std::string> Ddl() const override {
    return {
        "CREATE TABLE {schema}.accounts (id uuid PRIMARY KEY, owner text NOT NULL, "
        "tags text[] NOT NULL DEFAULT '{}', balance numeric(14,2) NOT NULL DEFAULT 0, "
        "status text NOT NULL, opened_at timestamptz NOT NULL, meta jsonb, "
        "closed boolean NOT NULL DEFAULT false)",
        "CREATE TABLE {schema}.owner_totals (owner text PRIMARY KEY, "
        "accounts bigint NOT NULL DEFAULT 0, deposited numeric(16,2) NOT NULL DEFAULT 0)",
        std::string(
            "CREATE TABLE {schema}.deposits (id uuid PRIMARY KEY, account_id uuid NOT NULL") +
            (foreign_keys_ ? " REFERENCES {schema}.accounts (id)" : "") +
            ", amount numeric(14,2) NOT NULL CHECK (amount > 0))",
        "CREATE INDEX ON {schema}.deposits (account_id)",
    };
  }
  bool Handles(const RecordedEvent& e) const override {
    return e.type == "AccountOpened" || e.type == "Deposited" || e.type == "DepositReversed" ||
           e.type == "StatusChanged" || e.type == "AccountClosed";
  }
  Status Apply(const RecordedEvent& e, RowOps* ops) const override {
    if (poison_stream == e.stream_id && poison_version == e.stream_version) {
      return Status::InvalidArgument("poisoned for the test");
    }
    auto stream = ParseStreamId(e.stream_id);
    if (!stream) return Status::InvalidArgument("not an account stream: " + e.stream_id);
    const Uuid id = stream->id;
    json::DecodeOptions tolerant{false};
    if (e.type == "AccountOpened") {
      Opened o;
      EDU_RETURN_IF_ERROR(json::Decode(e.payload, &o, tolerant));
      ops->Insert("accounts", {{"id", id},
                               {"owner", o.owner},
                               {"tags", o.tags},
                               {"status", StatusValue("open")},
                               {"opened_at", o.opened_at},
                               {"meta", Json{o.meta}}});
      ops->Increment("owner_totals", {{"owner", o.owner}}, {{"accounts", int64_t{1}}});
    } else if (e.type == "Deposited" || e.type == "DepositReversed") {
      Moved m;
      EDU_RETURN_IF_ERROR(json::Decode(e.payload, &m, tolerant));
      bool reversal = e.type == "DepositReversed";
      if (reversal) {
        ops->Delete("deposits", {{"id", m.deposit_id}});
      } else {
        ops->Insert(
            "deposits",
            {{"id", m.deposit_id}, {"account_id", id}, {"amount", Decimal{m.amount_minor, 2}}});
      }
      ops->Update("accounts", {{"id", id}}, {{"balance", Decimal{m.balance_after_minor, 2}}});
      ops->Increment("owner_totals", {{"owner", m.owner}},
                     {{"deposited", Decimal{reversal ? -m.amount_minor : m.amount_minor, 2}}});
    } else if (e.type == "StatusChanged") {
      StatusChanged s;
      EDU_RETURN_IF_ERROR(json::Decode(e.payload, &s, tolerant));
      ops->Update("accounts", {{"id", id}}, {{"status", StatusValue(s.status)}});
    } else if (e.type == "AccountClosed") {
      ops->Update("accounts", {{"id", id}}, {{"status", StatusValue("closed")}, {"closed", true}});
    }
    return Status::OK();
  }

  // Version 2 stores statuses in capitals: a different output for the same events.
  SqlValue StatusValue(std::string s) const {
    if (version_ >= 2) std::transform(s.begin(), s.end(), s.begin(), ::toupper);
    return s;
  }

  std::string poison_stream;  // Apply fails on this event (set by tests)
  int64_t poison_version = 0;

 private:
  std::string schema_;
  int version_;
  bool foreign_keys_;
};

// ---- events and the expected read model --------------------------------------------------------

using Table = std::vector<std::vector<std::string>>;

inline std::string Text(const Table& t) {
  std::string out;
  for (const auto& row : t) out += fmt::format("{}\n", fmt::join(row, " | "));
  return out;
}

// The three tables of a schema, in a stable order, as text.
inline std::string Dump(const TestDatabase& db, const std::string& schema) {
  return "accounts\n" +
         Text(db.Rows(fmt::format(
             "SELECT id::text, owner, array_to_string(tags, '|'), balance::text, status, "
             "closed::text, meta::text FROM {}.accounts ORDER BY id",
             schema))) +
         "owner_totals\n" +
         Text(db.Rows(fmt::format("SELECT owner, accounts::text, deposited::text FROM "
                                  "{}.owner_totals ORDER BY owner COLLATE \"C\"",
                                  schema))) +
         "deposits\n" +
         Text(db.Rows(fmt::format(
             "SELECT id::text, account_id::text, amount::text FROM {}.deposits ORDER BY id",
             schema)));
}

class Ledger {
 public:
  explicit Ledger(EventLog* log) : log_(log) {}

  Uuid Open(const std::string& owner, std::vector<std::string> tags = {"basic"},
            std::string meta = "{\"tier\": 1}", Timestamp opened_at = Timestamp{0}) {
    Uuid id = NextId();
    if (opened_at.micros == 0) opened_at = Timestamp{1'700'000'000'000'000 + serial_ * 1'000'001};
    accounts_[id] = Account{owner, tags, 0, "open", false, meta};
    totals_[owner].accounts++;
    Append(id, "AccountOpened", json::Encode(Opened{owner, tags, opened_at, meta}));
    return id;
  }
  Uuid Deposit(const Uuid& account, int64_t amount_minor) {
    Uuid deposit = NextId();
    Account& a = accounts_.at(account);
    a.balance += amount_minor;
    totals_[a.owner].deposited += amount_minor;
    deposits_[deposit] = {account, amount_minor};
    Append(account, "Deposited", json::Encode(Moved{deposit, amount_minor, a.balance, a.owner}));
    return deposit;
  }
  void Reverse(const Uuid& account, const Uuid& deposit) {
    Account& a = accounts_.at(account);
    int64_t amount = deposits_.at(deposit).second;
    a.balance -= amount;
    totals_[a.owner].deposited -= amount;
    deposits_.erase(deposit);
    Append(account, "DepositReversed", json::Encode(Moved{deposit, amount, a.balance, a.owner}));
  }
  // Events that carry a figure directly (a negative balance, say).
  void DepositWithBalance(const Uuid& account, int64_t amount_minor, int64_t balance_after) {
    Uuid deposit = NextId();
    Account& a = accounts_.at(account);
    a.balance = balance_after;
    totals_[a.owner].deposited += amount_minor;
    deposits_[deposit] = {account, amount_minor};
    Append(account, "Deposited",
           json::Encode(Moved{deposit, amount_minor, balance_after, a.owner}));
  }
  void SetStatus(const Uuid& account, const std::string& status) {
    if (accounts_.count(account)) accounts_[account].status = status;
    Append(account, "StatusChanged", json::Encode(StatusChanged{status}));
  }
  void Close(const Uuid& account) {
    accounts_.at(account).status = "closed";
    accounts_.at(account).closed = true;
    Append(account, "AccountClosed", "{}");
  }
  void Note(const Uuid& account) { Append(account, "NoteAdded", "{\"text\": \"not projected\"}"); }

  // A deterministic mix over `count` accounts shared by a few owners.
  void Populate(int count, uint32_t seed) {
    std::mt19937 rng(seed);
    const std::vector<std::string> owners = {"asha", "bilal", "chen", "dara", "emeka"};
    for (int i = 0; i < count; ++i) {
      Uuid id = Open(owners[rng() % owners.size()]);
      std::optional<Uuid> last;
      for (uint32_t d = rng() % 4; d > 0; --d) last = Deposit(id, 100 + rng() % 100'000);
      if (last && rng() % 3 == 0) Reverse(id, *last);
      if (rng() % 2) SetStatus(id, rng() % 2 ? "frozen" : "active");
      if (rng() % 4 == 0) Close(id);
      if (rng() % 2) Note(id);
    }
  }

  std::string Expected(const std::string& schema = "", bool capitals = false) const {
    (void)schema;
    Table accounts, totals, deposits;
    for (const auto& [id, a] : accounts_) {
      std::string status = a.status;
      if (capitals) std::transform(status.begin(), status.end(), status.begin(), ::toupper);
      std::string tags = fmt::format("{}", fmt::join(a.tags, "|"));
      accounts.push_back({ToString(id), a.owner, tags, DecimalText({a.balance, 2}), status,
                          a.closed ? "true" : "false", a.meta});
    }
    for (const auto& [owner, t] : totals_) {
      totals.push_back({owner, std::to_string(t.accounts), DecimalText({t.deposited, 2})});
    }
    for (const auto& [id, d] : deposits_) {
      deposits.push_back({ToString(id), ToString(d.first), DecimalText({d.second, 2})});
    }
    return "accounts\n" + Text(accounts) + "owner_totals\n" + Text(totals) + "deposits\n" +
           Text(deposits);
  }

  size_t handled() const { return handled_; }
  size_t appended() const { return appended_; }
  const AppendResult& last() const { return last_; }
  std::string StreamOf(const Uuid& account) const { return StreamId("ledger.account", account); }

 private:
  struct Account {
    std::string owner;
    std::vector<std::string> tags;
    int64_t balance = 0;
    std::string status;
    bool closed = false;
    std::string meta;
  };
  struct Totals {
    int64_t accounts = 0;
    int64_t deposited = 0;
  };

  Uuid NextId() {
    // std::map<Uuid> orders by bytes, as PostgreSQL orders uuids: expected rows sort alike.
    return DeriveUuid(EduledgerNamespace(), fmt::format("ledger-{}", ++serial_));
  }
  void Append(const Uuid& account, const std::string& type, std::string payload) {
    NewEvent e;
    e.event_id = NextId();
    e.type = type;
    e.marketplace = "mentorship";
    e.occurred_at = Timestamp{1'700'000'000'000'000 + serial_};
    e.causation_id = e.event_id;
    e.correlation_id = e.event_id;
    e.actor = Actor{"system:test", "system"};
    e.payload = std::move(payload);
    AppendRequest r;
    r.stream_id = StreamOf(account);
    r.expected = ExpectedVersion::Any();
    r.events.push_back(std::move(e));
    REQUIRE(log_->Append(r, &last_).ok());
    ++appended_;
    if (type != "NoteAdded") ++handled_;
  }

  EventLog* log_;
  int64_t serial_ = 0;
  size_t handled_ = 0;
  size_t appended_ = 0;
  AppendResult last_;
  std::map<Uuid, Account> accounts_;
  std::map<std::string, Totals> totals_;
  std::map<Uuid, std::pair<Uuid, int64_t>> deposits_;
};

inline std::vector<int64_t> Ends(EventLog& log) {
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  return ends;
}

inline std::string StoredCheckpoints(const TestDatabase& db, const std::string& projection) {
  return Text(db.Rows(fmt::format(
      "SELECT slot, partition::text, next_offset::text FROM eduledger.projection_checkpoints "
      "WHERE projection = '{}' ORDER BY slot, partition",
      projection)));
}

inline std::string LiveCheckpointsText(const std::vector<int64_t>& next) {
  Table t;
  for (size_t p = 0; p < next.size(); ++p) {
    t.push_back({"live", std::to_string(p), std::to_string(next[p])});
  }
  return Text(t);
}

inline ProjectorOptions Options(size_t batch_size) {
  ProjectorOptions o;
  o.batch_size = batch_size;
  o.idle_wait = 50ms;
  o.retry_backoff = 10ms;
  return o;
}

// What most tests start from: a fresh database, a 4-partition log, the ledger writing to it, the
// projection and an initialized projector over them.
struct Bed {
  Bed() : log(4), ledger(&log), projector(&log, db.uri(), &projection, Options(500)) {
    Status s = projector.Initialize();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  TestDatabase db;
  MemoryEventLog log;
  Ledger ledger;
  LedgerProjection projection;
  Projector projector;
};

// Two instances of one projection, as two processes would run it.
struct TwinBed {
  TwinBed()
      : log(4),
        ledger(&log),
        a(&log, db.uri(), &projection, Options(5)),
        b(&log, db.uri(), &projection, Options(5)) {
    REQUIRE(a.Initialize().ok());
    REQUIRE(b.Initialize().ok());
  }
  TestDatabase db;
  MemoryEventLog log;
  Ledger ledger;
  LedgerProjection projection;
  Projector a;
  Projector b;
};

}  // namespace projector_test
}  // namespace edu
