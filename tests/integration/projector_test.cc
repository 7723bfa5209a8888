// The projector runtime against real PostgreSQL, fed by an in-memory event log: a small "ledger"
// projection (accounts, per-owner totals, deposits) whose expected read model the test computes
// alongside the events it appends.
#include "projections/projector.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "domain/core/stream.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"
#include "projections/projector_bench.h"
#include "projections/sql_writer.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

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

std::string Text(const Table& t) {
  std::string out;
  for (const auto& row : t) out += fmt::format("{}\n", fmt::join(row, " | "));
  return out;
}

// The three tables of a schema, in a stable order, as text.
std::string Dump(const TestDatabase& db, const std::string& schema) {
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

std::vector<int64_t> Ends(EventLog& log) {
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  return ends;
}

std::string StoredCheckpoints(const TestDatabase& db, const std::string& projection) {
  return Text(db.Rows(fmt::format(
      "SELECT slot, partition::text, next_offset::text FROM eduledger.projection_checkpoints "
      "WHERE projection = '{}' ORDER BY slot, partition",
      projection)));
}

std::string LiveCheckpointsText(const std::vector<int64_t>& next) {
  Table t;
  for (size_t p = 0; p < next.size(); ++p) {
    t.push_back({"live", std::to_string(p), std::to_string(next[p])});
  }
  return Text(t);
}

ProjectorOptions Options(size_t batch_size) {
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

// ---- tests -------------------------------------------------------------------------------------

TEST_CASE("projector: after CatchUp the tables equal the expected read model") {
  for (bool foreign_keys : {false, true}) {
    CAPTURE(foreign_keys);
    TestDatabase db;
    MemoryEventLog log(4);
    Ledger ledger(&log);
    ledger.Populate(60, 7);
    LedgerProjection projection("ledger_test", 1, foreign_keys);
    Projector projector(&log, db.uri(), &projection, Options(37));
    REQUIRE(projector.Initialize().ok());
    size_t applied = 0;
    Status s = projector.CatchUp(&applied);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(applied == ledger.handled());
    CHECK(Dump(db, "ledger_test") == ledger.Expected());
    CHECK(projector.checkpoints() == Ends(log));
    CHECK(StoredCheckpoints(db, "ledger_test") == LiveCheckpointsText(Ends(log)));
    auto stats = projector.stats();
    CHECK(stats.events_read == ledger.appended());
    CHECK(stats.events_applied == ledger.handled());
    CHECK(stats.replayed_batches == 0);
    CHECK(db.Scalar("SELECT state || ' v' || version || ' ' || live_schema FROM "
                    "eduledger.projection_status WHERE projection = 'ledger_test'") ==
          "running v1 ledger_test");
    // Bookkeeping only in eduledger.
    CHECK(db.Scalar("SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY table_name) "
                    "FROM information_schema.tables WHERE table_name LIKE 'projection_%'") ==
          "eduledger.projection_checkpoints,eduledger.projection_status");
    // Nothing more to do: a second CatchUp applies nothing.
    REQUIRE(projector.CatchUp(&applied).ok());
    CHECK(applied == 0);
  }
}

TEST_CASE_FIXTURE(Bed,
                  "projector: an Apply failure mid-batch commits neither rows nor "
                  "checkpoints; resuming applies every event once") {
  ledger.Populate(20, 11);
  REQUIRE(projector.CatchUp(nullptr).ok());
  const std::string rows_before = Dump(db, "ledger_test");
  const std::string checkpoints_before = StoredCheckpoints(db, "ledger_test");
  const auto stats_before = projector.stats();

  // More events, one of them poisoned, all in one batch.
  ledger.Populate(10, 12);
  Uuid victim = ledger.Open("zoe");
  ledger.Deposit(victim, 500);
  AppendResult poisoned = ledger.last();
  ledger.Deposit(victim, 700);
  ledger.Populate(10, 13);
  projection.poison_stream = ledger.StreamOf(victim);
  projection.poison_version = poisoned.last_version;

  Status s = projector.CatchUp(nullptr);
  REQUIRE_FALSE(s.ok());
  const std::string expected_message = fmt::format(
      "projection 'ledger_test' stopped at event Deposited (stream {}, version 2, partition {}, "
      "offset {}): Apply failed: invalid argument: poisoned for the test",
      ledger.StreamOf(victim), poisoned.partition, poisoned.last_offset);
  CHECK(s.message() == expected_message);
  CHECK(projector.last_error().message() == expected_message);
  CHECK(Dump(db, "ledger_test") == rows_before);
  CHECK(StoredCheckpoints(db, "ledger_test") == checkpoints_before);
  CHECK(projector.stats().batches == stats_before.batches);
  CHECK(db.Rows("SELECT state, last_error, error_stream, error_version::text, "
                "error_partition::text, error_offset::text, error_event_type FROM "
                "eduledger.projection_status") ==
        Table{{"failed", expected_message, ledger.StreamOf(victim), "2",
               std::to_string(poisoned.partition), std::to_string(poisoned.last_offset),
               "Deposited"}});
  // It keeps refusing, without moving.
  CHECK_FALSE(projector.CatchUp(nullptr).ok());
  CHECK(StoredCheckpoints(db, "ledger_test") == checkpoints_before);

  // Fixed: a new projector (a restart) resumes from the checkpoints; every event counts once.
  projection.poison_stream.clear();
  Projector restarted(&log, db.uri(), &projection, Options(64));
  REQUIRE(restarted.Initialize().ok());
  Status resumed = restarted.CatchUp(nullptr);
  REQUIRE_MESSAGE(resumed.ok(), resumed.ToString());
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
  CHECK(restarted.last_error().ok());
  CHECK(db.Rows("SELECT state, coalesce(last_error, 'none'), coalesce(error_stream, 'none') FROM "
                "eduledger.projection_status") == Table{{"running", "none", "none"}});
}

TEST_CASE(
    "projector: a constraint violation is traced to its event, nothing advances, and after "
    "the fix it resumes") {
  TestDatabase db;
  MemoryEventLog log(3);
  Ledger ledger(&log);
  LedgerProjection projection("ledger_test", 1, /*foreign_keys=*/true);
  Projector projector(&log, db.uri(), &projection, Options(500));
  REQUIRE(projector.Initialize().ok());
  ledger.Populate(15, 21);
  Uuid account = ledger.Open("yara");
  ledger.Deposit(account, 0);  // violates CHECK (amount > 0)
  AppendResult bad = ledger.last();
  ledger.Populate(15, 22);

  Status s = projector.CatchUp(nullptr);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find(fmt::format("projection 'ledger_test' stopped at event Deposited (stream "
                                     "{}, version 2, partition {}, offset {}): ",
                                     ledger.StreamOf(account), bad.partition, bad.last_offset)) ==
        0);
  CHECK(s.message().find("violates check constraint \"deposits_amount_check\"") !=
        std::string::npos);
  CHECK(s.message().find("[SQLSTATE 23514]") != std::string::npos);
  CHECK(db.Scalar("SELECT count(*) FROM ledger_test.accounts") == "0");
  CHECK(db.Scalar("SELECT sum(next_offset) FROM eduledger.projection_checkpoints") == "0");

  db.Exec("ALTER TABLE ledger_test.deposits DROP CONSTRAINT deposits_amount_check");
  s = projector.CatchUp(nullptr);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
  CHECK(projector.checkpoints() == Ends(log));
}

TEST_CASE_FIXTURE(Bed, "projector: an Update of a missing row stops Run with the precise message") {
  ledger.Populate(10, 31);
  Uuid ghost = DeriveUuid(EduledgerNamespace(), "never opened");
  ledger.SetStatus(ghost, "frozen");
  AppendResult bad = ledger.last();
  ledger.Populate(10, 32);

  std::atomic<bool> stop{false};
  std::thread runner([&] { projector.Run(stop); });
  for (int i = 0; i < 500 && projector.last_error().ok(); ++i) std::this_thread::sleep_for(10ms);
  // Run stays stopped at the failure (waiting for an operator's decision) until told to stop.
  std::this_thread::sleep_for(50ms);
  CHECK(projector.stopped_at().has_value());
  stop = true;
  runner.join();
  const std::string expected = fmt::format(
      "projection 'ledger_test' stopped at event StatusChanged (stream {}, version 1, partition "
      "{}, offset {}): Update of ledger_test.accounts found no row with (id) = ('{}') "
      "(matched 0 of 1) [SQLSTATE ED002]",
      ledger.StreamOf(ghost), bad.partition, bad.last_offset, ToString(ghost));
  CHECK(projector.last_error().message() == expected);
  CHECK(db.Scalar("SELECT last_error FROM eduledger.projection_status") == expected);
  // Nothing of the batch was committed, and read-your-writes waits report the failure.
  CHECK(db.Scalar("SELECT sum(next_offset) FROM eduledger.projection_checkpoints") == "0");
  CHECK(db.Scalar("SELECT count(*) FROM ledger_test.accounts") == "0");
  Status wait = projector.WaitForPosition(bad.partition, bad.last_offset, 1s);
  CHECK(wait.message() == expected);
}

TEST_CASE("projector: increments from streams on every partition commute, whatever the batch") {
  TestDatabase db;
  MemoryEventLog log(4);
  Ledger ledger(&log);
  ledger.Populate(80, 41);
  std::vector<std::unique_ptr<LedgerProjection>> projections;
  for (size_t batch : {1, 7, 1000}) {
    projections.push_back(std::make_unique<LedgerProjection>(fmt::format("ledger_b{}", batch)));
    Projector projector(&log, db.uri(), projections.back().get(), Options(batch));
    REQUIRE(projector.Initialize().ok());
    Status s = projector.CatchUp(nullptr);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  const std::string expected = ledger.Expected();
  CHECK(Dump(db, "ledger_b1") == expected);
  CHECK(Dump(db, "ledger_b7") == expected);
  CHECK(Dump(db, "ledger_b1000") == expected);
  // The totals really were fed from several partitions.
  std::map<std::string, std::set<int>> partitions_of_owner;
  std::vector<RecordedEvent> events;
  for (int p = 0; p < 4; ++p) {
    REQUIRE(log.ReadPartition(p, 0, 10'000, &events).ok());
    for (const auto& e : events) {
      Moved m;
      if (e.type == "Deposited" && json::Decode(e.payload, &m).ok()) {
        partitions_of_owner[m.owner].insert(p);
      }
    }
  }
  size_t widest = 0;
  for (const auto& [owner, partitions] : partitions_of_owner) {
    CAPTURE(owner);
    CHECK(partitions.size() >= 2);
    widest = std::max(widest, partitions.size());
  }
  CHECK(widest == 4);
}

TEST_CASE_FIXTURE(Bed,
                  "projector: a lost connection is reported as Unavailable and the next "
                  "call reconnects and resumes from the stored checkpoints") {
  ledger.Populate(10, 55);
  REQUIRE(projector.CatchUp(nullptr).ok());
  ledger.Populate(10, 56);
  db.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND pid <> pg_backend_pid()");
  Status s;
  int calls = 0;
  do {
    s = projector.CatchUp(nullptr);
    ++calls;
    CHECK((s.ok() || s.code() == Status::Code::kUnavailable));
  } while (!s.ok() && calls < 3);
  MESSAGE("CatchUp calls after the connection was killed: ", calls);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
  CHECK(projector.checkpoints() == Ends(log));
}

TEST_CASE_FIXTURE(Bed, "projector: lag before and after catching up") {
  ledger.Populate(30, 51);
  std::vector<int64_t> lag;
  REQUIRE(projector.Lag(&lag).ok());
  CHECK(lag == Ends(log));
  REQUIRE(projector.CatchUp(nullptr).ok());
  REQUIRE(projector.Lag(&lag).ok());
  CHECK(lag == std::vector<int64_t>(4, 0));
  Uuid account = ledger.Open("lag");
  ledger.Deposit(account, 1);
  ledger.Note(account);
  REQUIRE(projector.Lag(&lag).ok());
  std::vector<int64_t> expected(4, 0);
  expected[static_cast<size_t>(ledger.last().partition)] = 3;
  CHECK(lag == expected);
}

TEST_CASE_FIXTURE(Bed,
                  "projector: WaitForPosition gives read-your-writes, in-process and "
                  "across processes") {
  // A second instance that never runs batches, as another process serving reads would.
  Projector observer(&log, db.uri(), &projection, Options(100));
  REQUIRE(observer.Initialize().ok());

  std::atomic<bool> stop{false};
  std::thread runner([&] { projector.Run(stop); });
  for (int i = 0; i < 20; ++i) {
    Uuid account = ledger.Open(fmt::format("reader{}", i));
    ledger.Deposit(account, 100 + i);
    const AppendResult written = ledger.last();
    Status s = projector.WaitForPosition(written.partition, written.last_offset, 10s);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    CHECK(db.Scalar(fmt::format("SELECT balance::text FROM ledger_test.accounts WHERE id = '{}'",
                                ToString(account))) == DecimalText({100 + i, 2}));
    s = observer.WaitForPosition(written.partition, written.last_offset, 10s);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  Status timeout = projector.WaitForPosition(0, 1'000'000, 100ms);
  CHECK(timeout.code() == Status::Code::kTimeout);
  CHECK(projector.WaitForPosition(4, 0, 10ms).code() == Status::Code::kInvalidArgument);
  stop = true;
  runner.join();
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
}

TEST_CASE_FIXTURE(TwinBed,
                  "projector: two instances of one projection never apply an event twice") {
  std::atomic<bool> stop{false};
  std::thread run_a([&] { a.Run(stop); });
  std::thread run_b([&] { b.Run(stop); });
  for (int round = 0; round < 10; ++round) {
    ledger.Populate(8, 60 + static_cast<uint32_t>(round));
    std::this_thread::sleep_for(5ms);
  }
  const AppendResult last = ledger.last();
  Status s = a.WaitForPosition(last.partition, last.last_offset, 20s);
  CHECK_MESSAGE(s.ok(), s.ToString());
  stop = true;
  run_a.join();
  run_b.join();
  CHECK(a.last_error().ok());
  CHECK(b.last_error().ok());
  REQUIRE(a.CatchUp(nullptr).ok());
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
  CHECK(a.stats().events_read + b.stats().events_read == ledger.appended());
  MESSAGE(
      fmt::format("instance a committed {} events in {} batches ({} conflicts), b {} in {} "
                  "({} conflicts)",
                  a.stats().events_read, a.stats().batches, a.stats().moved_checkpoints,
                  b.stats().events_read, b.stats().batches, b.stats().moved_checkpoints));
}

TEST_CASE_FIXTURE(TwinBed,
                  "projector: a twin's stale batch rolls back, reloads and resumes "
                  "after the other") {
  ledger.Populate(10, 65);
  REQUIRE(a.CatchUp(nullptr).ok());
  const size_t handled_before = ledger.handled();
  ledger.Populate(5, 66);
  // b still believes every checkpoint is at zero: its first batch rolls back, it reloads the
  // checkpoints and applies only what a had not.
  size_t applied = 0;
  Status s = b.CatchUp(&applied);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(b.stats().moved_checkpoints == 1);
  CHECK(applied == ledger.handled() - handled_before);
  CHECK(b.stats().events_applied == ledger.handled() - handled_before);

  CHECK(Dump(db, "ledger_test") == ledger.Expected());
}

TEST_CASE(
    "projector: Rebuild equals the incremental build and the live schema serves until the "
    "swap") {
  TestDatabase db;
  MemoryEventLog log(4);
  Ledger ledger(&log);
  ledger.Populate(50, 71);
  LedgerProjection projection("ledger_test", 1, /*foreign_keys=*/true);
  ProjectorOptions options = Options(11);
  std::string seen_live, seen_fresh, fresh_name, state_during;
  Uuid late{};
  Projector* self = nullptr;
  options.before_swap = [&](const std::string& fresh) {
    fresh_name = fresh;
    seen_live = Dump(db, "ledger_test");
    seen_fresh = Dump(db, fresh);
    state_during = db.Scalar("SELECT state FROM eduledger.projection_status");
    // The live projector keeps working during the rebuild; its event must survive the swap.
    late = ledger.Open("late");
    REQUIRE(self->CatchUp(nullptr).ok());
  };
  Projector projector(&log, db.uri(), &projection, options);
  self = &projector;
  REQUIRE(projector.Initialize().ok());
  REQUIRE(projector.CatchUp(nullptr).ok());
  const std::string incremental = Dump(db, "ledger_test");
  REQUIRE(incremental == ledger.Expected());

  Status s = projector.Rebuild();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(fresh_name == "ledger_test__rebuild_1");
  CHECK(state_during == "rebuilding");
  CHECK(seen_live == incremental);   // the live tables served, untouched, during the build
  CHECK(seen_fresh == incremental);  // the rebuilt tables equal the incremental ones row for row
  // After the swap: the late event made it in, the old copy is gone, bookkeeping moved.
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
  CHECK(db.Scalar("SELECT count(*) FROM ledger_test.accounts WHERE id = '" + ToString(late) +
                  "'") == "1");
  CHECK(db.Scalar("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'ledger_test_%'") == "0");
  CHECK(db.Scalar("SELECT state || ' v' || version || ' g' || generation || ' ' || "
                  "coalesce(rebuild_schema, '-') FROM eduledger.projection_status") ==
        "running v1 g1 -");
  CHECK(StoredCheckpoints(db, "ledger_test") == LiveCheckpointsText(Ends(log)));
  CHECK(projector.checkpoints() == Ends(log));

  // It keeps going on the swapped-in tables, and a second rebuild works the same way.
  ledger.Populate(5, 72);
  REQUIRE(projector.CatchUp(nullptr).ok());
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
  s = projector.Rebuild();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(fresh_name == "ledger_test__rebuild_2");
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
}

TEST_CASE("projector: a version change is detected and Rebuild brings the new version in") {
  TestDatabase db;
  MemoryEventLog log(4);
  Ledger ledger(&log);
  ledger.Populate(25, 81);
  LedgerProjection v1("ledger_test", 1);
  {
    Projector projector(&log, db.uri(), &v1, Options(100));
    REQUIRE(projector.Initialize().ok());
    REQUIRE(projector.CatchUp(nullptr).ok());
  }
  LedgerProjection v2("ledger_test", 2);
  Projector projector(&log, db.uri(), &v2, Options(100));
  Status s = projector.Initialize();
  const std::string message =
      "projection 'ledger_test': the tables in schema 'ledger_test' were built by version 1, "
      "this code is version 2; call Rebuild() to rebuild them from the log";
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() == message);
  CHECK(projector.needs_rebuild());
  CHECK(projector.CatchUp(nullptr).message() == message);
  CHECK(Dump(db, "ledger_test") == ledger.Expected());  // v1 output keeps serving

  s = projector.Rebuild();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK_FALSE(projector.needs_rebuild());
  CHECK(Dump(db, "ledger_test") == ledger.Expected("", /*capitals=*/true));
  CHECK(db.Scalar("SELECT version FROM eduledger.projection_status") == "2");
  ledger.Populate(3, 82);
  REQUIRE(projector.CatchUp(nullptr).ok());
  CHECK(Dump(db, "ledger_test") == ledger.Expected("", true));

  // The old code refuses to write over the new version's tables.
  Projector old_code(&log, db.uri(), &v1, Options(100));
  CHECK(old_code.Initialize().message().find("were built by version 2, this code is version 1") !=
        std::string::npos);
}

TEST_CASE("projector: a schema holding tables it did not build needs a rebuild") {
  TestDatabase db;
  MemoryEventLog log(2);
  Ledger ledger(&log);
  ledger.Populate(5, 91);
  db.Exec("CREATE SCHEMA ledger_test; CREATE TABLE ledger_test.accounts (id int)");
  LedgerProjection projection;
  Projector projector(&log, db.uri(), &projection, Options(100));
  Status s = projector.Initialize();
  CHECK(s.message().find("already holds tables that no projector recorded building") !=
        std::string::npos);
  REQUIRE(projector.needs_rebuild());
  s = projector.Rebuild();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(Dump(db, "ledger_test") == ledger.Expected());
}

TEST_CASE("projector: round trips and statements per batch do not grow with the events in it") {
  TestDatabase db;
  MemoryEventLog log(4);
  Ledger ledger(&log);
  ledger.Populate(400, 101);  // ~2,000 events
  for (size_t copy_min_rows : {size_t{0}, size_t{100}}) {
    for (size_t batch : {50, 500, 2000}) {
      CAPTURE(copy_min_rows);
      CAPTURE(batch);
      LedgerProjection projection(fmt::format("ledger_r{}_c{}", batch, copy_min_rows));
      ProjectorOptions options = Options(batch);
      options.copy_min_rows = copy_min_rows;
      Projector projector(&log, db.uri(), &projection, options);
      REQUIRE(projector.Initialize().ok());
      REQUIRE(projector.CatchUp(nullptr).ok());
      CHECK(Dump(db, projection.schema()) == ledger.Expected());
      auto stats = projector.stats();
      MESSAGE(
          fmt::format("batch {}, COPY from {} rows: {} batches, {} statements, {} round trips, "
                      "at most {} statements and {} round trips in one batch",
                      batch, copy_min_rows, stats.batches, stats.statements, stats.round_trips,
                      stats.max_batch_statements, stats.max_batch_round_trips));
      CHECK(stats.replayed_batches == 0);
      // Eight shapes of statement in this projection plus the checkpoint; key conflicts inside a
      // batch add a few, but never one per event.
      CHECK(stats.max_batch_statements <= 16);
      if (copy_min_rows == 0) {
        CHECK(stats.max_batch_round_trips == 3);  // BEGIN, one exec, COMMIT
        CHECK(stats.round_trips == 3 * stats.batches);
      } else {
        // Plus two per COPY: at most one per table with plain inserts (accounts, deposits), and
        // the exec split around them.
        CHECK(stats.max_batch_round_trips <= 3 + 2 * 2 + 2);
      }
    }
  }
}

TEST_CASE("projector: awkward values survive the round trip exactly") {
  TestDatabase db;
  MemoryEventLog log(2);
  Ledger ledger(&log);
  const std::string owner = "O'Brien \\ \"quoted\" caf\xC3\xA9 \xE2\x98\x95 \xF0\x9F\x8E\x93 ;--";
  const std::vector<std::string> tags = {"a,b",  "say \"hi\"", "back\\slash", "",
                                         "NULL", "{x}",        "it's"};
  const std::string meta = "{\"q\": \"it's \\\"x\\\" \\\\ \\u00e9\", \"n\": [1, 2.5]}";
  Uuid account = ledger.Open(owner, tags, meta, Timestamp{-1'234'567});
  ledger.DepositWithBalance(account, 5, -5);
  LedgerProjection projection;
  Projector projector(&log, db.uri(), &projection, Options(10));
  REQUIRE(projector.Initialize().ok());
  Status s = projector.CatchUp(nullptr);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  auto rows = db.Rows(
      "SELECT owner, array_length(tags, 1)::text, balance::text, "
      "(extract(epoch FROM opened_at) * 1000000)::bigint::text, meta->>'q', "
      "(meta->'n'->>1) FROM ledger_test.accounts");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][0] == owner);
  CHECK(rows[0][1] == std::to_string(tags.size()));
  CHECK(rows[0][2] == "-0.05");
  CHECK(rows[0][3] == "-1234567");
  CHECK(rows[0][4] == "it's \"x\" \\ \xC3\xA9");
  CHECK(rows[0][5] == "2.5");
  for (size_t i = 0; i < tags.size(); ++i) {
    CHECK(db.Scalar(fmt::format("SELECT tags[{}] FROM ledger_test.accounts", i + 1)) == tags[i]);
  }
  CHECK(db.Scalar("SELECT deposited::text FROM ledger_test.owner_totals") == "0.05");
}

}  // namespace
}  // namespace edu

namespace edu {
namespace {

TEST_CASE("projector bench: reports projector events/s next to COPY rows/s of the same rows") {
  TestDatabase db;
  ProjectorBenchOptions options;
  const char* sessions = std::getenv("EDULEDGER_PROJECTOR_BENCH_SESSIONS");
  options.sessions = sessions ? std::stoul(sessions) : 2'000;
  if (const char* copy = std::getenv("EDULEDGER_PROJECTOR_BENCH_COPY_MIN_ROWS")) {
    options.copy_min_rows = std::stoul(copy);
  }
  ProjectorBenchResult result;
  Status s = RunProjectorBench(db.uri(), options, &result);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  MESSAGE(FormatProjectorBench(result));
  CHECK(result.projector_events_per_second > 0);
  CHECK(result.copy_rows_per_second > 0);
  CHECK(result.ratio > 0);
  CHECK(result.mixed_events == 3 * options.sessions);
  CHECK(result.insert_stats.events_applied == options.sessions);
  CHECK(result.insert_stats.max_batch_round_trips <= 5);  // BEGIN, exec, COPY (2), COMMIT
  // It cleans up after itself.
  CHECK(db.Scalar("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'bench_projection%'") ==
        "0");
  CHECK(db.Scalar("SELECT count(*) FROM eduledger.projection_status") == "0");
}

}  // namespace
}  // namespace edu
