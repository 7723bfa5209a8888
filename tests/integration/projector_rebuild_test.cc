// The projector against real PostgreSQL (the bed: projector_test_bed.h): two instances of one
// projection, and the blue-green Rebuild (versions, foreign tables, serving while rebuilding).
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

}  // namespace
}  // namespace edu
