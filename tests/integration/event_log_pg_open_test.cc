// Opening a PgEventLog and what it accepts: another partition count, an unreachable server, bad
// options, malformed input, exact round trips, a reopened log and concurrent opens.
#include <doctest/doctest.h>

#include "tests/integration/pg_log_fixtures.h"

namespace edu::testing {
namespace {

using namespace pg_log_fixtures;
using namespace std::chrono_literals;

TEST_CASE("pg log: a database created with another partition count is refused") {
  TestDatabase db;
  { auto log = OpenLog(db.uri(), WithPartitions(8)); }
  std::unique_ptr<PgEventLog> log;
  Status st = PgEventLog::Open(db.uri(), WithPartitions(16), &log);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  CHECK(st.message() == "event log was created with 8 partitions; configuration asks for 16");
  CHECK(log == nullptr);
  CHECK(PgEventLog::Open(db.uri(), WithPartitions(8), &log).ok());
}

TEST_CASE("pg log: an unreachable server is Unavailable with libpq's reason") {
  std::unique_ptr<PgEventLog> log;
  Status st = PgEventLog::Open("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=5",
                               PgEventLog::Options{}, &log);
  CHECK(st.IsUnavailable());
  CHECK(st.message().find("cannot connect to PostgreSQL") != std::string::npos);
  CHECK(st.message().find("127.0.0.1") != std::string::npos);
  MESSAGE(st.ToString());
  CHECK(log == nullptr);
}

TEST_CASE("pg log: bad options are refused before connecting") {
  std::unique_ptr<PgEventLog> log;
  PgEventLog::Options options;
  options.writer_threads = 0;
  CHECK(PgEventLog::Open("postgresql://postgres@127.0.0.1:1/x", options, &log).code() ==
        Status::Code::kInvalidArgument);
  options = PgEventLog::Options{};
  options.partitions = 0;
  CHECK(PgEventLog::Open("postgresql://postgres@127.0.0.1:1/x", options, &log).code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("pg log: malformed input is rejected without writing or opening a transaction") {
  TestDatabase db;
  auto log = OpenLog(db.uri(), WithPartitions(2));
  std::string s = TestStream(30);
  AppendResult r;
  Status st = log->Append(
      TestAppend(s, ExpectedVersion::Any(), {TestEvent(30), TestEvent(31, "Bad", "{not json")}),
      &r);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  CHECK(st.message().find("event #1") != std::string::npos);
  // PostgreSQL text holds neither NUL bytes nor invalid UTF-8: refused up front, not mid-batch.
  st = log->Append(
      TestAppend(s, ExpectedVersion::Any(), {TestEvent(32, "T", std::string("{\"a\":1}\0x", 9))}),
      &r);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  st = log->Append(TestAppend(s, ExpectedVersion::Any(), {TestEvent(33, "T", "{\"a\":\"\xff\"}")}),
                   &r);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  CHECK(st.message().find("UTF-8") != std::string::npos);
  AppendRequest bad_command = WithCommand(TestAppend(s, ExpectedVersion::Any(), {TestEvent(34)}), 1,
                                          "{\"x\":\"\xc0\xaf\"}");
  CHECK(log->Append(bad_command, &r).code() == Status::Code::kInvalidArgument);
  CHECK(db.Scalar("SELECT count(*) FROM eventstore.events") == "0");
  CHECK(db.Scalar("SELECT count(*) FROM eventstore.commands") == "0");
  CHECK(db.Scalar("SELECT sum(next_offset) FROM eventstore.partitions") == "0");
  CHECK(log->stats().transactions_committed == 0);
}

TEST_CASE("pg log: payload text, metadata and timestamps round-trip exactly") {
  TestDatabase db;
  ManualClock clock(Timestamp{1'712'345'678'901'234});
  PgEventLog::Options options = WithPartitions(1);
  options.clock = &clock;
  auto log = OpenLog(db.uri(), options);
  NewEvent e =
      TestEvent(40, "Spaced", "{ \"b\" : 1,  \"a\" : [1, 2.50, \"x\\u00e9\", {}],\n \"z\":null }");
  e.occurred_at = Timestamp{1'234'567'890'123'457};
  e.metadata = {{"quote", "it's \"fine\""}, {"unicode", "\xe2\x82\xb9 1,000"}};
  AppendResult r;
  REQUIRE(log->Append(TestAppend(TestStream(40), ExpectedVersion::Any(), {e}), &r).ok());
  std::vector<RecordedEvent> events;
  REQUIRE(log->ReadStream(TestStream(40), 1, &events).ok());
  REQUIRE(events.size() == 1);
  CHECK(events[0].payload == e.payload);  // byte for byte: json, not jsonb
  CHECK(events[0].metadata == e.metadata);
  CHECK(events[0].occurred_at == e.occurred_at);
  CHECK(events[0].recorded_at == clock.Now());
  CHECK(events[0].hash == ChainHash("", CanonicalForHash(events[0])));
  CHECK(db.Scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'eventstore' "
            "AND table_name = 'events' AND column_name = 'payload'") == "json");
}

TEST_CASE("pg log: a reopened log continues offsets and the hash chain") {
  TestDatabase db;
  {
    auto log = OpenLog(db.uri(), WithPartitions(1));
    AppendResult r;
    REQUIRE(log->Append(TestAppend(TestStream(50), ExpectedVersion::Any(),
                                   {TestEvent(50), TestEvent(51)}),
                        &r)
                .ok());
  }
  auto log = OpenLog(db.uri(), WithPartitions(1));
  AppendResult r;
  REQUIRE(log->Append(TestAppend(TestStream(50), ExpectedVersion::Exactly(2), {TestEvent(52)}), &r)
              .ok());
  CHECK(r.first_offset == 2);
  CHECK(r.last_version == 3);
  CHECK(ReadVerifiedPartition(*log, 0).size() == 3);
}

TEST_CASE("pg log: concurrent opens of a fresh database all succeed") {
  TestDatabase db;
  std::vector<std::thread> openers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    openers.emplace_back([&] {
      std::unique_ptr<PgEventLog> log;
      Status st = PgEventLog::Open(db.uri(), WithPartitions(3), &log);
      if (st.ok())
        ++ok;
      else
        MESSAGE(st.ToString());
    });
  }
  for (auto& t : openers) t.join();
  CHECK(ok == 4);
  CHECK(db.Scalar("SELECT count(*) FROM eventstore.partitions") == "3");
}

}  // namespace
}  // namespace edu::testing
