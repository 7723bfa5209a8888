// PgEventLog across instances and lost connections: command ids honoured by two instances, NOTIFY
// waking another instance's reader, lost notifications, idle connections killed, and a connection
// lost during COMMIT.
#include <doctest/doctest.h>

#include "tests/integration/pg_log_fixtures.h"

namespace edu::testing {
namespace {

using namespace pg_log_fixtures;
using namespace std::chrono_literals;

TEST_CASE("pg log: a command id is honoured across two log instances on one database") {
  TestDatabase db;
  auto a = OpenLog(db.uri(), WithPartitions(4));
  auto b = OpenLog(db.uri(), WithPartitions(4));
  AppendResult r;
  REQUIRE(a->Append(
               WithCommand(TestAppend(TestStream(60), ExpectedVersion::NoStream(), {TestEvent(60)}),
                           60, "{\"by\":\"a\"}"),
               &r)
              .ok());
  REQUIRE(b->Append(WithCommand(TestAppend(TestStream(60), ExpectedVersion::Any(), {TestEvent(61)}),
                                60, "{\"by\":\"b\"}"),
                    &r)
              .ok());
  REQUIRE(r.duplicate_of.has_value());
  CHECK(r.duplicate_of->result == "{\"by\":\"a\"}");
  std::optional<CommandRecord> found;
  REQUIRE(b->LookupCommand(TestUuid(60, 0xc0de), &found).ok());
  REQUIRE(found.has_value());
  CHECK(found->request_hash == "hash-60");

  // Racing instances, one command id, different streams (so different partitions and no shared
  // lock): exactly one append wins, every other answer is the winner's record.
  std::atomic<int> fresh{0}, duplicates{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i) {
    racers.emplace_back([&, i] {
      PgEventLog& log = i % 2 == 0 ? *a : *b;
      AppendResult rr;
      Status st = log.Append(
          WithCommand(TestAppend(TestStream(static_cast<uint64_t>(70 + i)), ExpectedVersion::Any(),
                                 {TestEvent(static_cast<uint64_t>(70 + i))}),
                      70, "{}"),
          &rr);
      CHECK_MESSAGE(st.ok(), st.ToString());
      if (rr.duplicate_of)
        ++duplicates;
      else if (st.ok())
        ++fresh;
    });
  }
  for (auto& t : racers) t.join();
  CHECK(fresh == 1);
  CHECK(duplicates == 7);
  CHECK(db.Scalar(
            "SELECT count(*) FROM eventstore.events WHERE stream_version = 1 AND stream_id IN (" +
            [&] {
              std::string list;
              for (int i = 0; i < 8; ++i)
                list += (i ? ",'" : "'") + TestStream(static_cast<uint64_t>(70 + i)) + "'";
              return list;
            }() +
            ")") == "1");
}

TEST_CASE("pg log: another instance's append wakes WaitForEvents through NOTIFY") {
  TestDatabase db;
  PgEventLog::Options waiting = WithPartitions(1);
  waiting.recheck_interval = std::chrono::hours(1);  // only a notification can wake it
  auto reader = OpenLog(db.uri(), waiting);
  auto writer = OpenLog(db.uri(), WithPartitions(1));
  CHECK(reader->WaitForEvents(0, 0, 50ms).code() == Status::Code::kTimeout);
  std::thread append([&] {
    std::this_thread::sleep_for(100ms);
    AppendResult r;
    CHECK(writer->Append(TestAppend(TestStream(80), ExpectedVersion::Any(), {TestEvent(80)}), &r)
              .ok());
  });
  Status st = reader->WaitForEvents(0, 0, 20s);
  append.join();
  CHECK(st.ok());
  CHECK(reader->WaitForEvents(0, 1, 50ms).code() == Status::Code::kTimeout);
}

TEST_CASE("pg log: a lost notification delays a waiting reader but never hangs it") {
  TestDatabase db;
  PgEventLog::Options options = WithPartitions(2);
  options.recheck_interval = 100ms;
  auto log = OpenLog(db.uri(), options);
  // An end that moves without any NOTIFY (as if the notification were lost).
  std::thread silent([&] {
    std::this_thread::sleep_for(100ms);
    db.Exec("UPDATE eventstore.partitions SET next_offset = 1 WHERE partition = 1");
  });
  Status st = log->WaitForEvents(1, 0, 20s);
  silent.join();
  CHECK(st.ok());
}

TEST_CASE("pg log: connections killed while idle are replaced transparently") {
  TestDatabase db;
  PgEventLog::Options options = WithPartitions(1);
  options.recheck_interval = std::chrono::hours(1);
  auto log = OpenLog(db.uri(), options);
  AppendResult r;
  REQUIRE(
      log->Append(TestAppend(TestStream(90), ExpectedVersion::Any(), {TestEvent(90)}), &r).ok());
  std::vector<RecordedEvent> events;
  REQUIRE(log->ReadStream(TestStream(90), 1, &events).ok());
  std::string killed = db.Scalar(
      "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE datname = "
      "current_database() "
      "AND application_name LIKE 'eduledger-eventlog-%'");
  CHECK(std::stoi(killed) >= 4);  // writers, a reader, the listener
  Status st =
      log->Append(TestAppend(TestStream(90), ExpectedVersion::Exactly(1), {TestEvent(91)}), &r);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  CHECK(r.last_version == 2);
  REQUIRE(log->ReadStream(TestStream(90), 1, &events).ok());
  CHECK(events.size() == 2);
  // The listener is back too: another instance's append wakes this one.
  auto other = OpenLog(db.uri(), WithPartitions(1));
  std::thread append([&] {
    std::this_thread::sleep_for(100ms);
    AppendResult rr;
    CHECK(other->Append(TestAppend(TestStream(91), ExpectedVersion::Any(), {TestEvent(92)}), &rr)
              .ok());
  });
  CHECK(log->WaitForEvents(0, 2, 20s).ok());  // partition 0 held offsets 0 and 1
  append.join();
  CHECK(log->stats().reconnects >= 3);
}

TEST_CASE("pg log: a connection lost during COMMIT is reported as an unknown outcome") {
  TestDatabase db;
  PgEventLog::Options options = WithPartitions(1);
  options.writer_threads = 1;
  options.before_commit = [&db](const PgEventLog::BatchInfo& info) {
    if (info.sequence == 1) {
      db.Exec("SELECT pg_terminate_backend(" + std::to_string(info.backend_pid) + ", 5000)");
    }
  };
  auto log = OpenLog(db.uri(), options);
  AppendRequest request = WithCommand(
      TestAppend(TestStream(95), ExpectedVersion::NoStream(), {TestEvent(95)}), 95, "{\"ok\":1}");
  AppendResult r;
  Status st = log->Append(request, &r);
  CHECK(st.IsUnavailable());
  CHECK(st.message().find("outcome is unknown") != std::string::npos);
  MESSAGE(st.ToString());
  // The documented remedy: retry with the same command id. Here the COMMIT never ran.
  st = log->Append(request, &r);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  CHECK_FALSE(r.duplicate_of.has_value());
  st = log->Append(request, &r);
  REQUIRE(st.ok());
  CHECK(r.duplicate_of.has_value());
  std::vector<RecordedEvent> events;
  REQUIRE(log->ReadStream(TestStream(95), 1, &events).ok());
  CHECK(events.size() == 1);
}

}  // namespace
}  // namespace edu::testing
