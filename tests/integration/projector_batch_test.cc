// The projector's batches against real PostgreSQL (the bed: projector_test_bed.h): round trips
// per batch, awkward values, and the projector bench.
#include "projections/projector.h"

#include <cstdlib>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "projections/projector_bench.h"
#include "tests/integration/projector_test_bed.h"

namespace edu {
namespace {

using namespace std::chrono_literals;
using namespace projector_test;

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
