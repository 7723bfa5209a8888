// The EventLog contract, as one doctest suite applied to every backend:
//
//   struct MyBackend {
//     explicit MyBackend(int partitions);   // a fresh, empty log
//     EventLog& log();
//   };
//   EDU_APPLY_EVENT_LOG_CONTRACT(MyBackend)
//
// Every backend must pass all of it unchanged. Two optional members say how a backend differs:
//
//   static constexpr bool kRefusesDuplicateEventIds = false;
//       the backend cannot refuse an event id that is already in the log (Kafka: see
//       kafka_event_log.h); without it, the backend must refuse it as PostgreSQL does (Duplicate,
//       nothing appended).
//   EventLog& stored_log();
//       the backend is an adapter over another log (PersonalDataLog): its reads may re-encode a
//       payload (the same JSON value, other bytes), and the hash chain covers the bytes of
//       stored_log(), which is checked instead.
#pragma once

#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <type_traits>
#include <utility>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "domain/core/stream.h"
#include "domain/core/uuid.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/event_log.h"

namespace edu::testing {

inline Uuid TestUuid(uint64_t n, uint64_t salt = 0) {
  Uuid id{};
  for (int i = 0; i < 8; ++i) id.data[i] = static_cast<uint8_t>(salt >> (8 * i));
  for (int i = 0; i < 8; ++i) id.data[8 + i] = static_cast<uint8_t>(n >> (8 * i));
  id.data[6] = (id.data[6] & 0x0f) | 0x40;  // version 4 layout, so it looks like any client id
  id.data[8] = (id.data[8] & 0x3f) | 0x80;
  return id;
}

inline std::string TestStream(uint64_t n, const char* category = "test.thing") {
  return StreamId(category, TestUuid(n, 0x5743));
}

inline NewEvent TestEvent(uint64_t n, const std::string& type = "ThingHappened",
                          const std::string& payload = "") {
  NewEvent e;
  e.event_id = TestUuid(n, 0xe7e7);
  e.type = type;
  e.schema_version = 1;
  e.marketplace = "mentorship";
  e.occurred_at = Timestamp{1'700'000'000'000'000 + static_cast<int64_t>(n)};
  e.causation_id = TestUuid(n, 0xca05);
  e.correlation_id = TestUuid(n, 0xc0e1);
  e.actor = Actor{"7e0d2f1c-5b1a-4c55-9a53-5f3c2c1d0e11", "student"};
  e.metadata = {{"ip", "10.0.0.7"}, {"user_agent", "contract-test/1.0"}};
  e.payload = payload.empty()
                  ? "{\"n\":" + std::to_string(n) + ",\"text\":\"caf\\u00e9 \\\"quoted\\\"\"}"
                  : payload;
  return e;
}

// Whether two payloads hold the same JSON value (member order and escapes aside).
inline bool SameJson(const std::string& a, const std::string& b) {
  rapidjson::Document da, db;
  da.Parse(a.data(), a.size());
  db.Parse(b.data(), b.size());
  return !da.HasParseError() && !db.HasParseError() && da == db;
}

// The optional backend members described at the top.
template <class B, class = void>
struct RefusesDuplicateEventIds : std::true_type {};
template <class B>
struct RefusesDuplicateEventIds<B, std::void_t<decltype(B::kRefusesDuplicateEventIds)>>
    : std::bool_constant<B::kRefusesDuplicateEventIds> {};

template <class B, class = void>
struct HasStoredLog : std::false_type {};
template <class B>
struct HasStoredLog<B, std::void_t<decltype(std::declval<B&>().stored_log())>> : std::true_type {};

// The log whose bytes the hash chain covers.
template <class B>
EventLog& StoredLog(B& backend) {
  if constexpr (HasStoredLog<B>::value) {
    return backend.stored_log();
  } else {
    return backend.log();
  }
}

inline AppendRequest TestAppend(const std::string& stream, ExpectedVersion expected,
                                std::vector<NewEvent> events) {
  AppendRequest r;
  r.stream_id = stream;
  r.expected = expected;
  r.events = std::move(events);
  return r;
}

}  // namespace edu::testing

#define EDU_EVENT_LOG_CONTRACT_CASES(X)                                                        \
  X(contract_append_read,                                                                      \
    "contract: appended events read back identically, versions and offsets contiguous")        \
  X(contract_expected_versions, "contract: expected version any / no stream / exists / exact") \
  X(contract_atomic, "contract: a bad event rejects the whole append and appends nothing")     \
  X(contract_duplicate_event_id,                                                               \
    "contract: an event id already in the log is refused and the append leaves no trace")      \
  X(contract_partitions, "contract: partitions hold their streams' events in append order")    \
  X(contract_commands, "contract: a recorded command id makes a second append a no-op")        \
  X(contract_hash_chain,                                                                       \
    "contract: each event is chained by hash to the previous of its partition")                \
  X(contract_wait, "contract: WaitForEvents times out when idle and wakes on an append")       \
  X(contract_concurrent,                                                                       \
    "contract: concurrent writers and a following reader lose and duplicate nothing")

TEST_CASE_TEMPLATE_DEFINE(
    "contract: appended events read back identically, versions and offsets contiguous", B,
    contract_append_read) {
  using namespace edu;
  using namespace edu::testing;
  B backend(4);
  EventLog& log = backend.log();
  REQUIRE(log.partition_count() == 4);
  std::string stream = TestStream(1);
  AppendResult r;
  REQUIRE(log.Append(TestAppend(stream, ExpectedVersion::NoStream(),
                                {TestEvent(1), TestEvent(2), TestEvent(3)}),
                     &r)
              .ok());
  CHECK(r.partition == log.PartitionOf(stream));
  CHECK(r.first_version == 1);
  CHECK(r.last_version == 3);
  CHECK(r.last_offset - r.first_offset == 2);
  CHECK_FALSE(r.duplicate_of.has_value());

  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(stream, 1, &events).ok());
  REQUIRE(events.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    NewEvent sent = TestEvent(i + 1);
    const RecordedEvent& got = events[i];
    CHECK(got.event_id == sent.event_id);
    CHECK(got.type == sent.type);
    CHECK(got.schema_version == 1);
    CHECK(got.marketplace == "mentorship");
    CHECK(got.occurred_at == sent.occurred_at);
    CHECK(got.causation_id == sent.causation_id);
    CHECK(got.correlation_id == sent.correlation_id);
    CHECK(got.actor == sent.actor);
    CHECK(got.metadata == sent.metadata);
    CHECK(SameJson(got.payload, sent.payload));
    if constexpr (!HasStoredLog<B>::value) CHECK(got.payload == sent.payload);
    CHECK(got.stream_id == stream);
    CHECK(got.stream_version == static_cast<int64_t>(i + 1));
    CHECK(got.partition == r.partition);
    CHECK(got.offset == r.first_offset + static_cast<int64_t>(i));
    CHECK(got.recorded_at.micros > 0);
  }
  REQUIRE(log.ReadStream(stream, 3, &events).ok());
  REQUIRE(events.size() == 1);
  CHECK(events[0].stream_version == 3);
  REQUIRE(log.ReadStream(TestStream(999), 1, &events).ok());
  CHECK(events.empty());
  int64_t version = -1;
  REQUIRE(log.StreamVersion(stream, &version).ok());
  CHECK(version == 3);
  REQUIRE(log.StreamVersion(TestStream(998), &version).ok());
  CHECK(version == 0);
}

TEST_CASE_TEMPLATE_DEFINE("contract: expected version any / no stream / exists / exact", B,
                          contract_expected_versions) {
  using namespace edu;
  using namespace edu::testing;
  B backend(2);
  EventLog& log = backend.log();
  std::string s = TestStream(2);
  AppendResult r;
  Status st = log.Append(TestAppend(s, ExpectedVersion::StreamExists(), {TestEvent(10)}), &r);
  CHECK(st.IsWrongExpectedVersion());
  st = log.Append(TestAppend(s, ExpectedVersion::Exactly(1), {TestEvent(10)}), &r);
  CHECK(st.IsWrongExpectedVersion());
  REQUIRE(log.Append(TestAppend(s, ExpectedVersion::Exactly(0), {TestEvent(10)}), &r).ok());
  CHECK(r.last_version == 1);
  st = log.Append(TestAppend(s, ExpectedVersion::NoStream(), {TestEvent(11)}), &r);
  CHECK(st.IsWrongExpectedVersion());
  CHECK(st.message().find("version 1") != std::string::npos);
  REQUIRE(log.Append(TestAppend(s, ExpectedVersion::StreamExists(), {TestEvent(11)}), &r).ok());
  REQUIRE(log.Append(TestAppend(s, ExpectedVersion::Any(), {TestEvent(12)}), &r).ok());
  CHECK(r.last_version == 3);
  st = log.Append(TestAppend(s, ExpectedVersion::Exactly(2), {TestEvent(13)}), &r);
  CHECK(st.IsWrongExpectedVersion());
  REQUIRE(log.Append(TestAppend(s, ExpectedVersion::Exactly(3), {TestEvent(13)}), &r).ok());
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(s, 1, &events).ok());
  REQUIRE(events.size() == 4);  // failed appends appended nothing
  CHECK(events[3].event_id == TestEvent(13).event_id);
}

TEST_CASE_TEMPLATE_DEFINE("contract: a bad event rejects the whole append and appends nothing", B,
                          contract_atomic) {
  using namespace edu;
  using namespace edu::testing;
  B backend(2);
  EventLog& log = backend.log();
  std::string s = TestStream(3);
  AppendResult r;
  Status st = log.Append(
      TestAppend(s, ExpectedVersion::Any(), {TestEvent(20), TestEvent(21, "Bad", "{not json")}),
      &r);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  CHECK(st.message().find("event #1") != std::string::npos);
  st = log.Append(TestAppend("no-uuid-here", ExpectedVersion::Any(), {TestEvent(22)}), &r);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  NewEvent untyped = TestEvent(23);
  untyped.type.clear();
  st = log.Append(TestAppend(s, ExpectedVersion::Any(), {untyped}), &r);
  CHECK(st.code() == Status::Code::kInvalidArgument);
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(s, 1, &events).ok());
  CHECK(events.empty());
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  for (int64_t e : ends) CHECK(e == 0);
}

TEST_CASE_TEMPLATE_DEFINE(
    "contract: an event id already in the log is refused and the append leaves no trace", B,
    contract_duplicate_event_id) {
  using namespace edu;
  using namespace edu::testing;
  constexpr bool kRefuses = RefusesDuplicateEventIds<B>::value;
  B backend(2);
  EventLog& log = backend.log();
  const std::string first = TestStream(70);
  std::string neighbour, elsewhere;  // a stream on the same partition as `first`, one on the other
  for (uint64_t n = 71; neighbour.empty() || elsewhere.empty(); ++n) {
    std::string s = TestStream(n);
    (log.PartitionOf(s) == log.PartitionOf(first) ? neighbour : elsewhere) = s;
  }
  AppendResult r;
  REQUIRE(
      log.Append(TestAppend(first, ExpectedVersion::NoStream(), {TestEvent(70), TestEvent(71)}), &r)
          .ok());

  struct Attempt {
    const char* what;
    AppendRequest request;
    Uuid repeated;
  };
  AppendRequest on_neighbour =
      TestAppend(neighbour, ExpectedVersion::NoStream(), {TestEvent(72), TestEvent(71)});
  on_neighbour.command = CommandRecord{TestUuid(80, 0xc0), "hash-80", "{}"};
  AppendRequest on_elsewhere =
      TestAppend(elsewhere, ExpectedVersion::Any(), {TestEvent(73), TestEvent(70)});
  on_elsewhere.command = CommandRecord{TestUuid(81, 0xc0), "hash-81", "{}"};
  std::vector<Attempt> attempts = {
      {"the same event again on its stream",
       TestAppend(first, ExpectedVersion::Any(), {TestEvent(70)}), TestEvent(70).event_id},
      {"another stream of the same partition, after a fresh event", on_neighbour,
       TestEvent(71).event_id},
      {"a stream of another partition, with a command", on_elsewhere, TestEvent(70).event_id},
      {"one id twice in the same append",
       TestAppend(elsewhere, ExpectedVersion::Any(), {TestEvent(74), TestEvent(74)}),
       TestEvent(74).event_id},
  };
  for (const Attempt& a : attempts) {
    CAPTURE(a.what);
    int64_t version_before = 0;
    REQUIRE(log.StreamVersion(a.request.stream_id, &version_before).ok());
    std::vector<int64_t> ends_before;
    REQUIRE(log.EndOffsets(&ends_before).ok());
    Status st = log.Append(a.request, &r);
    int64_t version_after = 0;
    REQUIRE(log.StreamVersion(a.request.stream_id, &version_after).ok());
    if (kRefuses || !st.ok()) {
      CHECK(st.code() == Status::Code::kDuplicate);
      CHECK_MESSAGE(st.message().find(ToString(a.repeated)) != std::string::npos, st.message());
      // All or nothing: no event, no version, no offset, no command record.
      CHECK(version_after == version_before);
      std::vector<int64_t> ends_after;
      REQUIRE(log.EndOffsets(&ends_after).ok());
      CHECK(ends_after == ends_before);
      if (a.request.command) {
        std::optional<CommandRecord> found;
        REQUIRE(log.LookupCommand(a.request.command->command_id, &found).ok());
        CHECK_FALSE(found.has_value());
      }
    } else {  // a backend that cannot tell appends the whole request
      CHECK(version_after == version_before + static_cast<int64_t>(a.request.events.size()));
    }
  }
  if (!kRefuses) return;

  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(first, 1, &events).ok());
  REQUIRE(events.size() == 2);
  CHECK(events[1].event_id == TestEvent(71).event_id);
  for (const std::string& s : {neighbour, elsewhere}) {
    REQUIRE(log.ReadStream(s, 1, &events).ok());
    CHECK(events.empty());
  }
  // The refused appends claimed nothing: their streams start at version 1, their fresh events and
  // their command ids are still free.
  REQUIRE(log.Append(TestAppend(neighbour, ExpectedVersion::NoStream(), {TestEvent(72)}), &r).ok());
  CHECK(r.first_version == 1);
  AppendRequest retried =
      TestAppend(elsewhere, ExpectedVersion::NoStream(), {TestEvent(73), TestEvent(74)});
  retried.command = on_elsewhere.command;
  REQUIRE(log.Append(retried, &r).ok());
  CHECK_FALSE(r.duplicate_of.has_value());
  CHECK(r.last_version == 2);
  // A command already recorded is answered as such before its events are looked at.
  AppendRequest replay = TestAppend(elsewhere, ExpectedVersion::Any(), {TestEvent(70)});
  replay.command = on_elsewhere.command;
  REQUIRE(log.Append(replay, &r).ok());
  CHECK(r.duplicate_of.has_value());
  std::set<Uuid> ids;
  size_t total = 0;
  for (int p = 0; p < 2; ++p) {
    REQUIRE(log.ReadPartition(p, 0, 1000, &events).ok());
    for (const auto& e : events) ids.insert(e.event_id);
    total += events.size();
  }
  CHECK(total == 5);
  CHECK(ids.size() == total);
}

TEST_CASE_TEMPLATE_DEFINE("contract: partitions hold their streams' events in append order", B,
                          contract_partitions) {
  using namespace edu;
  using namespace edu::testing;
  B backend(3);
  EventLog& log = backend.log();
  std::map<int, std::vector<Uuid>> expected;  // partition -> event ids in append order
  uint64_t n = 100;
  for (int round = 0; round < 3; ++round) {
    for (uint64_t s = 0; s < 12; ++s) {
      std::string stream = TestStream(1000 + s);
      NewEvent e = TestEvent(n++);
      AppendResult r;
      REQUIRE(log.Append(TestAppend(stream, ExpectedVersion::Any(), {e}), &r).ok());
      CHECK(r.partition == log.PartitionOf(stream));
      expected[r.partition].push_back(e.event_id);
    }
  }
  std::vector<int64_t> ends;
  REQUIRE(log.EndOffsets(&ends).ok());
  REQUIRE(ends.size() == 3);
  size_t total = 0;
  for (int p = 0; p < 3; ++p) {
    std::vector<RecordedEvent> all;
    int64_t from = 0;
    // Read in pages of 5 to exercise from_offset and max_count.
    for (;;) {
      std::vector<RecordedEvent> page;
      REQUIRE(log.ReadPartition(p, from, 5, &page).ok());
      CHECK(page.size() <= 5);
      if (page.empty()) break;
      for (auto& e : page) {
        CHECK(e.partition == p);
        CHECK(log.PartitionOf(e.stream_id) == p);
        from = e.offset + 1;
        all.push_back(e);
      }
    }
    REQUIRE(all.size() == expected[p].size());
    for (size_t i = 0; i < all.size(); ++i) {
      CHECK(all[i].event_id == expected[p][i]);
      if (i > 0) CHECK(all[i].offset > all[i - 1].offset);
    }
    if (!all.empty()) CHECK(ends[static_cast<size_t>(p)] == all.back().offset + 1);
    total += all.size();
  }
  CHECK(total == 36);
  std::vector<RecordedEvent> none;
  CHECK(log.ReadPartition(7, 0, 10, &none).code() == Status::Code::kInvalidArgument);
}

TEST_CASE_TEMPLATE_DEFINE("contract: a recorded command id makes a second append a no-op", B,
                          contract_commands) {
  using namespace edu;
  using namespace edu::testing;
  B backend(2);
  EventLog& log = backend.log();
  std::string s = TestStream(4);
  AppendRequest first = TestAppend(s, ExpectedVersion::NoStream(), {TestEvent(30)});
  first.command = CommandRecord{TestUuid(77, 0xc0), "hash-1", "{\"answer\":1}"};
  AppendResult r;
  REQUIRE(log.Append(first, &r).ok());
  CHECK_FALSE(r.duplicate_of.has_value());
  std::optional<CommandRecord> found;
  REQUIRE(log.LookupCommand(TestUuid(77, 0xc0), &found).ok());
  REQUIRE(found.has_value());
  CHECK(found->request_hash == "hash-1");
  CHECK(found->result == "{\"answer\":1}");

  AppendRequest again = TestAppend(s, ExpectedVersion::Any(), {TestEvent(31)});
  again.command = CommandRecord{TestUuid(77, 0xc0), "hash-2", "{\"answer\":2}"};
  REQUIRE(log.Append(again, &r).ok());
  REQUIRE(r.duplicate_of.has_value());
  CHECK(r.duplicate_of->result == "{\"answer\":1}");
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadStream(s, 1, &events).ok());
  CHECK(events.size() == 1);

  // A command that decided to append nothing is recorded too.
  AppendRequest empty = TestAppend(s, ExpectedVersion::Exactly(1), {});
  empty.command = CommandRecord{TestUuid(78, 0xc0), "hash-3", "{}"};
  REQUIRE(log.Append(empty, &r).ok());
  REQUIRE(log.LookupCommand(TestUuid(78, 0xc0), &found).ok());
  CHECK(found.has_value());
  REQUIRE(log.LookupCommand(TestUuid(79, 0xc0), &found).ok());
  CHECK_FALSE(found.has_value());
}

TEST_CASE_TEMPLATE_DEFINE(
    "contract: each event is chained by hash to the previous of its partition", B,
    contract_hash_chain) {
  using namespace edu;
  using namespace edu::testing;
  B backend(1);
  EventLog& log = backend.log();
  AppendResult r;
  for (uint64_t i = 0; i < 5; ++i) {
    REQUIRE(
        log.Append(TestAppend(TestStream(50 + i % 2), ExpectedVersion::Any(), {TestEvent(40 + i)}),
                   &r)
            .ok());
  }
  std::vector<RecordedEvent> events;
  REQUIRE(StoredLog(backend).ReadPartition(0, 0, 100, &events).ok());
  REQUIRE(events.size() == 5);
  std::string prev;
  for (const auto& e : events) {
    CHECK(e.prev_hash == prev);
    CHECK(e.hash.size() == 64);
    CHECK(e.hash == ChainHash(e.prev_hash, CanonicalForHash(e)));
    prev = e.hash;
  }
  std::vector<RecordedEvent> read;  // what the application reads carries the stored chain
  REQUIRE(log.ReadPartition(0, 0, 100, &read).ok());
  REQUIRE(read.size() == events.size());
  for (size_t i = 0; i < read.size(); ++i) {
    CHECK(read[i].event_id == events[i].event_id);
    CHECK(read[i].prev_hash == events[i].prev_hash);
    CHECK(read[i].hash == events[i].hash);
  }
  RecordedEvent tampered = events[2];
  tampered.payload = "{\"n\":9999}";
  CHECK(ChainHash(tampered.prev_hash, CanonicalForHash(tampered)) != tampered.hash);
}

TEST_CASE_TEMPLATE_DEFINE("contract: WaitForEvents times out when idle and wakes on an append", B,
                          contract_wait) {
  using namespace edu;
  using namespace edu::testing;
  B backend(1);
  EventLog& log = backend.log();
  CHECK(log.WaitForEvents(0, 0, std::chrono::milliseconds(50)).code() == Status::Code::kTimeout);
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    AppendResult r;
    CHECK(log.Append(TestAppend(TestStream(60), ExpectedVersion::Any(), {TestEvent(60)}), &r).ok());
  });
  Status st = log.WaitForEvents(0, 0, std::chrono::seconds(10));
  writer.join();
  CHECK(st.ok());
  CHECK(log.WaitForEvents(0, 0, std::chrono::milliseconds(10)).ok());
  // Past the one event, wherever the backend put it (Kafka offsets also count claims and
  // transaction markers), there is nothing to wait for.
  std::vector<RecordedEvent> events;
  REQUIRE(log.ReadPartition(0, 0, 10, &events).ok());
  REQUIRE(events.size() == 1);
  CHECK(log.WaitForEvents(0, events[0].offset, std::chrono::milliseconds(10)).ok());
  CHECK(log.WaitForEvents(0, events[0].offset + 1, std::chrono::milliseconds(50)).code() ==
        Status::Code::kTimeout);
}

TEST_CASE_TEMPLATE_DEFINE(
    "contract: concurrent writers and a following reader lose and duplicate nothing", B,
    contract_concurrent) {
  using namespace edu;
  using namespace edu::testing;
  B backend(2);
  EventLog& log = backend.log();
  constexpr int kWriters = 6;
  constexpr int kPerWriter = 40;
  constexpr int kStreams = 5;  // writers collide on the same streams
  std::atomic<int> conflicts{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        std::string stream = TestStream(static_cast<uint64_t>(200 + (w + i) % kStreams));
        NewEvent e = TestEvent(static_cast<uint64_t>(10'000 + w * 1000 + i));
        for (;;) {  // optimistic concurrency: read the version, append at it, retry on conflict
          int64_t v = 0;
          REQUIRE(log.StreamVersion(stream, &v).ok());
          AppendResult r;
          Status st = log.Append(TestAppend(stream, ExpectedVersion::Exactly(v), {e}), &r);
          if (st.IsWrongExpectedVersion()) {
            ++conflicts;
            continue;
          }
          REQUIRE(st.ok());
          break;
        }
      }
    });
  }
  // A follower on each partition, reading as it goes, must see every event exactly once and in
  // offset order, never skipping one that commits late.
  std::vector<std::vector<RecordedEvent>> seen(2);
  std::vector<std::thread> followers;
  for (int p = 0; p < 2; ++p) {
    followers.emplace_back([&, p] {
      int64_t next = 0;
      for (;;) {
        bool finished = done.load();
        std::vector<RecordedEvent> page;
        REQUIRE(log.ReadPartition(p, next, 17, &page).ok());
        for (auto& e : page) {
          CHECK(e.offset >= next);
          next = e.offset + 1;
          seen[static_cast<size_t>(p)].push_back(e);
        }
        if (page.empty()) {
          if (finished) break;
          (void)log.WaitForEvents(p, next, std::chrono::milliseconds(20));
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  done = true;
  for (auto& t : followers) t.join();

  std::set<Uuid> ids;
  size_t total = 0;
  std::map<std::string, int64_t> last_version;
  for (int p = 0; p < 2; ++p) {
    std::vector<RecordedEvent> direct;
    REQUIRE(log.ReadPartition(p, 0, 100000, &direct).ok());
    REQUIRE(direct.size() == seen[static_cast<size_t>(p)].size());
    for (size_t i = 0; i < direct.size(); ++i) {
      CHECK(direct[i].event_id == seen[static_cast<size_t>(p)][i].event_id);
      ids.insert(direct[i].event_id);
      auto& lv = last_version[direct[i].stream_id];
      CHECK(direct[i].stream_version == lv + 1);  // per stream, versions appear in order
      lv = direct[i].stream_version;
    }
    total += direct.size();
  }
  CHECK(total == static_cast<size_t>(kWriters * kPerWriter));
  CHECK(ids.size() == total);
  MESSAGE("version conflicts retried: " << conflicts.load());
}

#define EDU_DETAIL_APPLY_CONTRACT_CASE(id, name) TEST_CASE_TEMPLATE_APPLY(id, EduContractBackends);
#define EDU_APPLY_EVENT_LOG_CONTRACT(...)              \
  using EduContractBackends = std::tuple<__VA_ARGS__>; \
  EDU_EVENT_LOG_CONTRACT_CASES(EDU_DETAIL_APPLY_CONTRACT_CASE)
