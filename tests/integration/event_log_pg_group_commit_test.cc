// PgEventLog's group commit against a real PostgreSQL: commit order under held-back commits,
// writers owning disjoint partitions, batching and max_batch, each request of a batch decided in
// order, a failed batch retried request by request, and many writers and followers at once.
#include <doctest/doctest.h>

#include "tests/integration/pg_log_fixtures.h"

namespace edu::testing {
namespace {

using namespace pg_log_fixtures;
using namespace std::chrono_literals;

// The first test stream (from n up) that lives on `partition`.
std::string StreamOnPartition(const EventLog& log, int partition, uint64_t n) {
  while (log.PartitionOf(TestStream(n)) != partition) ++n;
  return TestStream(n);
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

}  // namespace
}  // namespace edu::testing
