// The projector runtime against real PostgreSQL (the bed: projector_test_bed.h): the tables equal
// the expected read model, failures stop at their event, lag and read-your-writes.
#include "projections/projector.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "tests/integration/projector_test_bed.h"

namespace edu {
namespace {

using namespace std::chrono_literals;
using namespace projector_test;

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

}  // namespace
}  // namespace edu
