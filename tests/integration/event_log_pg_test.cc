// PgEventLog against a real PostgreSQL (EDULEDGER_TEST_PG): the whole EventLog contract, plus the
// properties specific to this backend.
#include <condition_variable>
#include <mutex>
#include <string>

#include <doctest/doctest.h>

#include "eventstore/clock.h"
#include "eventstore/pg_event_log.h"
#include "eventstore/pg_person_keys.h"
#include "tests/support/event_log_contract.h"
#include "tests/support/personal_data_backend.h"
#include "tests/support/test_database.h"

namespace {

struct PgBackend {
  explicit PgBackend(int partitions) {
    edu::PgEventLog::Options options;
    options.partitions = partitions;
    edu::Status st = edu::PgEventLog::Open(db.uri(), options, &log_);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
  }
  edu::EventLog& log() { return *log_; }
  std::unique_ptr<edu::PersonKeyStore> MakePersonKeyStore() {
    std::unique_ptr<edu::PgPersonKeyStore> keys;
    edu::Status st = edu::PgPersonKeyStore::Open(db.uri(), &keys);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    return keys;
  }
  edu::testing::TestDatabase db;
  std::unique_ptr<edu::PgEventLog> log_;
};

}  // namespace

// PostgreSQL, and the personal-data wrapper over it with its keys in the same database, as the
// composition root pairs them (adapters/personal_data_layer.cc).
EDU_APPLY_EVENT_LOG_CONTRACT(PgBackend, edu::testing::PersonalDataBackend<PgBackend>)

namespace edu::testing {
namespace {

using namespace std::chrono_literals;

// Holds the first group-commit transaction of a log just before its COMMIT (partition locks held)
// until Release(), so tests can line up what happens meanwhile without relying on timing.
class CommitGate {
 public:
  void OnCommit(const PgEventLog::BatchInfo& info) {
    if (info.sequence != 1) return;
    std::unique_lock<std::mutex> lock(mu_);
    held_info_ = info;
    held_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return released_; });
  }
  // Waits until the first commit is being held; returns its batch.
  PgEventLog::BatchInfo AwaitHeld() {
    std::unique_lock<std::mutex> lock(mu_);
    bool held = cv_.wait_for(lock, 30s, [&] { return held_; });
    REQUIRE_MESSAGE(held, "the first commit never reached the gate");
    return held_info_;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;
  bool released_ = false;
  PgEventLog::BatchInfo held_info_;
};

// A fresh database, a gate and a log whose first commit the gate holds. The gate is released
// before the log is closed, whatever the test did.
struct GatedLog {
  explicit GatedLog(PgEventLog::Options options) {
    options.before_commit = [this](const PgEventLog::BatchInfo& info) { gate.OnCommit(info); };
    Status st = PgEventLog::Open(db.uri(), options, &log);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
  }
  ~GatedLog() {
    gate.Release();
    log.reset();
  }
  TestDatabase db;
  CommitGate gate;
  std::unique_ptr<PgEventLog> log;
};

std::unique_ptr<PgEventLog> OpenLog(const std::string& uri, PgEventLog::Options options = {}) {
  std::unique_ptr<PgEventLog> log;
  Status st = PgEventLog::Open(uri, options, &log);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return log;
}

PgEventLog::Options WithPartitions(int partitions) {
  PgEventLog::Options options;
  options.partitions = partitions;
  return options;
}

// Polls a condition that the test cannot be notified of (another thread's progress inside the
// log or the server); fails the test instead of hanging.
template <class F>
void AwaitCondition(const char* what, F&& condition) {
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!condition()) {
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "gave up waiting until " << what);
    std::this_thread::sleep_for(2ms);
  }
}

AppendRequest WithCommand(AppendRequest request, uint64_t command, const std::string& result) {
  request.command =
      CommandRecord{TestUuid(command, 0xc0de), "hash-" + std::to_string(command), result};
  return request;
}

// Every event of a partition, checked to be contiguous and hash-chained from the start.
std::vector<RecordedEvent> ReadVerifiedPartition(EventLog& log, int partition) {
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadPartition(partition, 0, 1'000'000, &events).ok());
  std::string prev;
  for (size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].offset == static_cast<int64_t>(i));
    CHECK(events[i].prev_hash == prev);
    CHECK(events[i].hash == ChainHash(events[i].prev_hash, CanonicalForHash(events[i])));
    prev = events[i].hash;
  }
  return events;
}

TEST_CASE("pg log: a commit held back late never lets a follower skip its offset") {
  // given one partition, and the first append's COMMIT held back
  GatedLog g(WithPartitions(1));
  EventLog& log = *g.log;
  // (the second append comes from another instance, as from another process: within one
  // instance a partition's appends queue behind one writer, so only the row lock orders these)
  auto other = OpenLog(g.db.uri(), WithPartitions(1));
  std::atomic<bool> stop{false};
  std::vector<RecordedEvent> seen;
  std::mutex seen_mu;
  std::thread follower([&] {
    int64_t next = 0;
    while (!stop) {
      std::vector<RecordedEvent> page;
      CHECK(log.ReadPartition(0, next, 100, &page).ok());
      for (auto& e : page) {
        CHECK_MESSAGE(e.offset == next,
                      "follower expected offset " << next << " but saw " << e.offset);
        next = e.offset + 1;
        std::lock_guard<std::mutex> lock(seen_mu);
        seen.push_back(e);
      }
      if (page.empty()) (void)log.WaitForEvents(0, next, 5ms);
    }
  });
  AppendResult first, second;
  std::thread early([&] {
    CHECK(
        log.Append(TestAppend(TestStream(1), ExpectedVersion::Any(), {TestEvent(1)}), &first).ok());
  });
  g.gate.AwaitHeld();

  // when a second append to the same partition is attempted meanwhile
  std::thread late([&] {
    CHECK(other->Append(TestAppend(TestStream(2), ExpectedVersion::Any(), {TestEvent(2)}), &second)
              .ok());
  });
  AwaitCondition("the second writer waits on the partition lock", [&] {
    return g.db.Scalar(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND application_name = 'eduledger-eventlog-writer' AND wait_event_type = 'Lock'") ==
           "1";
  });
  // then nothing is visible while the first commit is pending
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  CHECK(ends[0] == 0);
  {
    std::lock_guard<std::mutex> lock(seen_mu);
    CHECK(seen.empty());
  }
  g.gate.Release();
  early.join();
  late.join();
  AwaitCondition("the follower saw both events", [&] {
    std::lock_guard<std::mutex> lock(seen_mu);
    return seen.size() >= 2;
  });
  stop = true;
  follower.join();

  // and the follower saw both, exactly once, in offset order
  CHECK(first.first_offset == 0);
  CHECK(second.first_offset == 1);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].event_id == TestEvent(1).event_id);
  CHECK(seen[1].event_id == TestEvent(2).event_id);
  CHECK(seen[1].prev_hash == seen[0].hash);
}

// The first test stream (from n up) that lives on `partition`.
std::string StreamOnPartition(const EventLog& log, int partition, uint64_t n) {
  while (log.PartitionOf(TestStream(n)) != partition) ++n;
  return TestStream(n);
}

TEST_CASE("pg log: writers own disjoint partitions, so a slow commit holds back only its own") {
  // given two writers over two partitions, and the first commit (on partition 0) held back
  PgEventLog::Options options = WithPartitions(2);
  options.writer_threads = 2;
  GatedLog g(options);
  PgEventLog& log = *g.log;
  std::string on0 = StreamOnPartition(log, 0, 1), on1 = StreamOnPartition(log, 1, 1);
  std::thread held([&] {
    AppendResult r;
    CHECK(log.Append(TestAppend(on0, ExpectedVersion::Any(), {TestEvent(1)}), &r).ok());
  });
  PgEventLog::BatchInfo info = g.gate.AwaitHeld();
  CHECK(info.partitions == std::vector<int>{0});
  // when appends to partition 1 arrive, then they commit while partition 0's commit is pending
  for (uint64_t n = 2; n < 5; ++n) {
    AppendResult r;
    REQUIRE(log.Append(TestAppend(on1, ExpectedVersion::Any(), {TestEvent(n << 8)}), &r).ok());
    CHECK(r.partition == 1);
  }
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  CHECK(ends == std::vector<int64_t>{0, 3});
  g.gate.Release();
  held.join();
  REQUIRE(log.EndOffsets(&ends).ok());
  CHECK(ends == std::vector<int64_t>{1, 3});
}

TEST_CASE("pg log: concurrent appends are group-committed in far fewer transactions") {
  constexpr int kAppends = 64;
  // given one writer whose first transaction is held, so every other append queues behind it
  PgEventLog::Options options = WithPartitions(4);
  options.writer_threads = 1;
  GatedLog g(options);
  PgEventLog& log = *g.log;
  std::vector<std::thread> appenders;
  std::atomic<int> ok{0};
  auto append = [&](int i) {
    AppendResult r;
    if (log.Append(
               TestAppend(TestStream(static_cast<uint64_t>(100 + i)), ExpectedVersion::NoStream(),
                          {TestEvent(static_cast<uint64_t>(100 + i))}),
               &r)
            .ok()) {
      ++ok;
    }
  };
  appenders.emplace_back(append, 0);
  g.gate.AwaitHeld();
  // when the other appends arrive concurrently
  for (int i = 1; i < kAppends; ++i) appenders.emplace_back(append, i);
  AwaitCondition("all other appends are queued",
                 [&] { return log.stats().queued == kAppends - 1; });
  g.gate.Release();
  for (auto& t : appenders) t.join();

  // then they all committed in one more transaction
  CHECK(ok == kAppends);
  PgEventLog::Stats stats = log.stats();
  CHECK(stats.transactions_committed == 2);
  CHECK(stats.requests_committed == kAppends);
  CHECK(stats.largest_batch == kAppends - 1);
  // and the database agrees: the rows carry two distinct inserting transaction ids
  CHECK(g.db.Scalar("SELECT count(DISTINCT xmin::text) FROM eventstore.events") == "2");
  CHECK(g.db.Scalar("SELECT count(*) FROM eventstore.events") == std::to_string(kAppends));
}

TEST_CASE("pg log: max_batch bounds the requests per transaction") {
  PgEventLog::Options options = WithPartitions(2);
  options.writer_threads = 1;
  options.max_batch = 10;
  GatedLog g(options);
  PgEventLog& log = *g.log;
  std::vector<std::thread> appenders;
  auto append = [&](int i) {
    AppendResult r;
    CHECK(log.Append(TestAppend(TestStream(static_cast<uint64_t>(300 + i)), ExpectedVersion::Any(),
                                {TestEvent(static_cast<uint64_t>(300 + i))}),
                     &r)
              .ok());
  };
  appenders.emplace_back(append, 0);
  g.gate.AwaitHeld();
  for (int i = 1; i <= 40; ++i) appenders.emplace_back(append, i);
  AwaitCondition("40 appends are queued", [&] { return log.stats().queued == 40; });
  g.gate.Release();
  for (auto& t : appenders) t.join();
  CHECK(log.stats().transactions_committed == 1 + 4);
  CHECK(log.stats().largest_batch == 10);
}

TEST_CASE("pg log: one batch decides each request in order: duplicates, conflicts and successes") {
  // given requests queued behind a held commit, so they share one transaction
  PgEventLog::Options options = WithPartitions(2);
  options.writer_threads = 1;
  GatedLog g(options);
  PgEventLog& log = *g.log;
  std::string s1 = TestStream(11), s2 = TestStream(12);
  AppendResult r0, ra, rb, rc, rd;
  Status sa, sb, sc, sd;
  std::thread t0([&] {
    CHECK(
        log.Append(TestAppend(TestStream(10), ExpectedVersion::Any(), {TestEvent(10)}), &r0).ok());
  });
  g.gate.AwaitHeld();
  auto queued = [&](size_t n) {
    AwaitCondition("requests queued", [&] { return log.stats().queued == n; });
  };
  std::thread ta([&] {
    sa = log.Append(WithCommand(TestAppend(s1, ExpectedVersion::NoStream(), {TestEvent(11)}), 7,
                                "{\"first\":true}"),
                    &ra);
  });
  queued(1);
  std::thread tb([&] {
    sb = log.Append(WithCommand(TestAppend(s2, ExpectedVersion::NoStream(), {TestEvent(12)}), 7,
                                "{\"first\":false}"),
                    &rb);
  });
  queued(2);
  std::thread tc(
      [&] { sc = log.Append(TestAppend(s1, ExpectedVersion::NoStream(), {TestEvent(13)}), &rc); });
  queued(3);
  std::thread td([&] {
    sd = log.Append(TestAppend(s1, ExpectedVersion::Exactly(1), {TestEvent(14), TestEvent(15)}),
                    &rd);
  });
  queued(4);
  // when the held commit completes
  g.gate.Release();
  for (std::thread* t : {&t0, &ta, &tb, &tc, &td}) t->join();

  // then the batch of four committed as one, each request answered on its own terms
  CHECK(log.stats().transactions_committed == 2);
  CHECK(log.stats().batches_isolated == 0);
  REQUIRE(sa.ok());
  CHECK(ra.last_version == 1);
  REQUIRE(sb.ok());  // same command id, earlier in the same batch
  REQUIRE(rb.duplicate_of.has_value());
  CHECK(rb.duplicate_of->result == "{\"first\":true}");
  CHECK(sc.IsWrongExpectedVersion());
  CHECK(sc.message().find("version 1") != std::string::npos);
  REQUIRE(sd.ok());
  CHECK(rd.first_version == 2);
  CHECK(rd.last_version == 3);
  int64_t version = -1;
  REQUIRE(log.StreamVersion(s2, &version).ok());
  CHECK(version == 0);
  REQUIRE(log.StreamVersion(s1, &version).ok());
  CHECK(version == 3);
  for (int p = 0; p < 2; ++p) ReadVerifiedPartition(log, p);
}

TEST_CASE("pg log: a batch that fails as a whole is retried alone so only the culprit fails") {
  PgEventLog::Options options = WithPartitions(2);
  options.writer_threads = 1;
  GatedLog g(options);
  PgEventLog& log = *g.log;
  AppendResult r0, r1, r2, r3;
  Status s1, s2, s3;
  std::thread t0([&] {
    CHECK(
        log.Append(TestAppend(TestStream(20), ExpectedVersion::Any(), {TestEvent(20)}), &r0).ok());
  });
  g.gate.AwaitHeld();
  auto queued = [&](size_t n) {
    AwaitCondition("requests queued", [&] { return log.stats().queued == n; });
  };
  std::thread t1([&] {
    s1 = log.Append(TestAppend(TestStream(21), ExpectedVersion::Any(), {TestEvent(21)}), &r1);
  });
  queued(1);
  // the culprit reuses event 21's id on another stream: the batch's INSERT violates a constraint
  std::thread t2([&] {
    s2 = log.Append(TestAppend(TestStream(22), ExpectedVersion::Any(), {TestEvent(21)}), &r2);
  });
  queued(2);
  std::thread t3([&] {
    s3 = log.Append(TestAppend(TestStream(23), ExpectedVersion::Any(), {TestEvent(23)}), &r3);
  });
  queued(3);
  g.gate.Release();
  for (std::thread* t : {&t0, &t1, &t2, &t3}) t->join();
  CHECK(s1.ok());
  CHECK(s3.ok());
  CHECK(s2.code() == Status::Code::kDuplicate);
  CHECK(s2.message().find("event id") != std::string::npos);
  CHECK(log.stats().batches_isolated == 1);
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(TestStream(22), 1, &events).ok());
  CHECK(events.empty());
  CHECK(g.db.Scalar("SELECT count(*) FROM eventstore.events") == "3");
  for (int p = 0; p < 2; ++p) ReadVerifiedPartition(log, p);
}

TEST_CASE("pg log: many writers, streams and followers: nothing lost, duplicated or reordered") {
  TestDatabase db;
  PgEventLog::Options options = WithPartitions(4);
  options.writer_threads = 2;
  auto log = OpenLog(db.uri(), options);
  constexpr int kWriters = 16;
  constexpr int kPerWriter = 40;
  constexpr int kStreams = 24;
  std::atomic<bool> done{false};
  std::atomic<int> conflicts{0};
  std::atomic<int> events_appended{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        std::string stream = TestStream(static_cast<uint64_t>(500 + (w * 7 + i) % kStreams));
        // TestUuid overwrites the top bits of n's lowest byte (the UUID variant): keep it zero.
        uint64_t n = static_cast<uint64_t>(100'000 + w * 1000 + i * 2) << 8;
        std::vector<NewEvent> batch = {TestEvent(n)};
        if (i % 3 == 0) batch.push_back(TestEvent(n + 256));
        for (;;) {
          int64_t v = 0;
          CHECK(log->StreamVersion(stream, &v).ok());
          AppendResult r;
          AppendRequest request =
              WithCommand(TestAppend(stream, ExpectedVersion::Exactly(v), batch), n, "{}");
          Status st = log->Append(request, &r);
          if (st.IsWrongExpectedVersion()) {
            ++conflicts;
            continue;
          }
          CHECK_MESSAGE(st.ok(), st.ToString());  // CHECK: a REQUIRE off the main thread aborts
          CHECK_FALSE(r.duplicate_of.has_value());
          if (!st.ok()) return;
          events_appended += static_cast<int>(batch.size());
          break;
        }
      }
    });
  }
  std::vector<std::vector<RecordedEvent>> seen(4);
  std::vector<std::thread> followers;
  for (int p = 0; p < 4; ++p) {
    followers.emplace_back([&, p] {
      int64_t next = 0;
      for (;;) {
        bool finished = done.load();
        std::vector<RecordedEvent> page;
        CHECK(log->ReadPartition(p, next, 50, &page).ok());
        for (auto& e : page) {
          CHECK(e.offset == next);  // never a gap, never a repeat
          next = e.offset + 1;
          seen[static_cast<size_t>(p)].push_back(std::move(e));
        }
        if (page.empty()) {
          if (finished) break;
          (void)log->WaitForEvents(p, next, 50ms);
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  done = true;
  for (auto& t : followers) t.join();

  std::set<Uuid> ids;
  std::map<std::string, int64_t> versions;
  size_t total = 0;
  std::vector<int64_t> ends;
  REQUIRE(log->EndOffsets(&ends).ok());
  for (int p = 0; p < 4; ++p) {
    std::vector<RecordedEvent> direct = ReadVerifiedPartition(*log, p);
    REQUIRE(direct.size() == seen[static_cast<size_t>(p)].size());
    CHECK(ends[static_cast<size_t>(p)] == static_cast<int64_t>(direct.size()));
    for (size_t i = 0; i < direct.size(); ++i) {
      CHECK(direct[i].event_id == seen[static_cast<size_t>(p)][i].event_id);
      ids.insert(direct[i].event_id);
      int64_t& v = versions[direct[i].stream_id];
      CHECK(direct[i].stream_version == v + 1);
      v = direct[i].stream_version;
    }
    total += direct.size();
  }
  CHECK(total == static_cast<size_t>(events_appended.load()));
  CHECK(ids.size() == total);
  for (const auto& [stream, v] : versions) {
    int64_t stored = 0;
    REQUIRE(log->StreamVersion(stream, &stored).ok());
    CHECK(stored == v);
  }
  CHECK(db.Scalar("SELECT count(*) FROM eventstore.commands") ==
        std::to_string(kWriters * kPerWriter));
  PgEventLog::Stats stats = log->stats();
  MESSAGE("appends " << stats.requests_committed << " in " << stats.transactions_committed
                     << " transactions (largest batch " << stats.largest_batch
                     << "), version conflicts " << conflicts.load());
}

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
