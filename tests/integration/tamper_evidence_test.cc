// Signed partition heads on real PostgreSQL: what someone with full write access to the database
// but without the audit key does to the events table, and how the seals name it where the hash
// chain alone cannot (issue 11 #9): events cut off the end of a partition, a whole partition
// deleted, an event edited with every hash after it recomputed, events appended by hand, a forged
// seal, a partition rolled back to an earlier seal. Each attack first shows that the chain still
// verifies, so each test can fail without the seals.
#include <algorithm>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "domain/core/stream.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/head_seal.h"
#include "eventstore/pg_event_log.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using testing::TestDatabase;

SealKey Key(const std::string& text = "tamper-evidence-test-key-0123456789abcdef") {
  SealKey key;
  REQUIRE(SealKey::FromBytes(text, &key).ok());
  return key;
}

std::unique_ptr<PgEventLog> OpenLog(const TestDatabase& db, const SealKey& key) {
  PgEventLog::Options options;
  options.partitions = 2;
  options.writer_threads = 1;
  options.seal_key = key;
  options.seal_interval = std::chrono::milliseconds(0);  // re-sealed by hand in the tests
  std::unique_ptr<PgEventLog> log;
  Status s = PgEventLog::Open(db.uri(), options, &log);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return log;
}

// `versions` events on each of 3 streams, appended round-robin, starting after `from`.
void AppendEvents(EventLog* log, int versions, int from = 0) {
  for (int version = from + 1; version <= from + versions; ++version) {
    for (int s = 0; s < 3; ++s) {
      AppendRequest r;
      r.stream_id = StreamId("mentorship.session",
                             DeriveUuid(EduledgerNamespace(), "seal-" + std::to_string(s)));
      NewEvent e;
      e.event_id = DeriveUuid(EduledgerNamespace(), fmt::format("seal-{}-{}", s, version));
      e.type = "SessionBooked";
      e.marketplace = "mentorship";
      e.causation_id = e.event_id;
      e.correlation_id = e.event_id;
      e.actor = Actor{"system:test", "system"};
      e.payload = fmt::format(R"({{"stream":{},"version":{},"amount":1000}})", s, version);
      r.events.push_back(e);
      AppendResult result;
      Status st = log->Append(r, &result);
      REQUIRE_MESSAGE(st.ok(), st.ToString());
    }
  }
}

// The partition with the most events, and how many.
std::pair<int, int64_t> Busiest(const TestDatabase& db) {
  auto rows = db.Rows(
      "SELECT partition, count(*) FROM eventstore.events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  return {std::stoi(rows[0][0]), std::stoll(rows[0][1])};
}

bool ChainsIntact(EventLog* log) {
  ChainReport report;
  Status s = VerifyChains(log, ChainVerifyOptions{}, &report);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return report.intact();
}

SealReport CheckSigned(PgEventLog* log, const SealKey& key) {
  std::vector<int64_t> ends;
  std::vector<HeadSeal> seals;
  REQUIRE(log->EndOffsets(&ends).ok());
  REQUIRE(log->ReadSeals(&seals).ok());
  SealReport report;
  Status s = CheckSeals(log, key, seals, ends, &report);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  for (const SealFinding& f : report.findings) {
    MESSAGE("partition ", f.partition, ", offset ", f.offset, ": ", f.what);
  }
  return report;
}

// The single finding about `partition` (fails the test when there is not exactly one).
SealFinding OnlyFindingAbout(const SealReport& report, int partition) {
  std::vector<SealFinding> about;
  for (const SealFinding& f : report.findings) {
    if (f.partition == partition) about.push_back(f);
  }
  REQUIRE(about.size() == 1);
  CHECK(about.size() == report.findings.size());
  return about.front();
}

bool Says(const SealFinding& f, const std::string& words) {
  return f.what.find(words) != std::string::npos;
}

// What an attacker does after changing the events table: the partition row and the stream versions
// follow, so that the log looks consistent to everything that reads it.
void AlignPartitionRow(const TestDatabase& db, int partition) {
  db.Exec(fmt::format(
      "UPDATE eventstore.partitions SET next_offset = coalesce((SELECT max(\"offset\") + 1 FROM "
      "eventstore.events WHERE partition = {0}), 0), last_hash = coalesce((SELECT hash FROM "
      "eventstore.events WHERE partition = {0} ORDER BY \"offset\" DESC LIMIT 1), '') WHERE "
      "partition = {0}",
      partition));
  db.Exec(
      "UPDATE eventstore.streams s SET version = coalesce((SELECT max(stream_version) FROM "
      "eventstore.events e WHERE e.stream_id = s.stream_id), 0); DELETE FROM eventstore.streams "
      "WHERE version = 0");
}

TEST_CASE("signed heads: a new log is signed at creation and every append keeps its head signed") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  SealReport empty = CheckSigned(log.get(), key);
  CHECK(empty.intact());
  CHECK(empty.seals == 2);
  AppendEvents(log.get(), 4);
  SealReport report = CheckSigned(log.get(), key);
  CHECK(report.intact());
  CHECK(report.verified == 2);
  CHECK(db.Scalar("SELECT sum(next_offset) FROM eventstore.head_seals") == "12");
  // The key itself is nowhere in the database: only its id.
  CHECK(db.Scalar("SELECT count(*) FROM eventstore.head_seals WHERE key_id = '" + key.id() + "'") ==
        "2");
}

TEST_CASE("signed heads: events cut off the end of a partition are named with the signed head") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 4);
  auto [partition, events] = Busiest(db);
  db.Exec(fmt::format("DELETE FROM eventstore.events WHERE partition = {} AND \"offset\" >= {}",
                      partition, events - 2));
  AlignPartitionRow(db, partition);
  CHECK(ChainsIntact(log.get()));  // what audit verify saw before the seals
  SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
  CHECK(f.offset == events - 1);
  CHECK(Says(f, "signed events were removed"));
  CHECK(Says(f, "2 event(s) cut off the end"));
}

TEST_CASE("signed heads: a deleted partition is named, with or without its seal row") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 4);
  auto [partition, events] = Busiest(db);
  db.Exec(
      fmt::format("DELETE FROM eventstore.events WHERE partition = {0}; DELETE FROM "
                  "eventstore.streams WHERE partition = {0}",
                  partition));
  AlignPartitionRow(db, partition);
  CHECK(ChainsIntact(log.get()));
  SUBCASE("the seal row left in place") {
    SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
    CHECK(Says(f, "the whole partition was deleted"));
    CHECK(f.offset == events - 1);
  }
  SUBCASE("the seal row deleted too") {
    db.Exec(fmt::format("DELETE FROM eventstore.head_seals WHERE partition = {}", partition));
    SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
    CHECK(Says(f, "no signed head"));
  }
  SUBCASE("every seal row deleted") {
    db.Exec("DELETE FROM eventstore.head_seals");
    SealReport report = CheckSigned(log.get(), key);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].what.find("no signed head at all") != std::string::npos);
    // ... and reopening the log with the key does not quietly sign what is left.
    log.reset();
    log = OpenLog(db, key);
    CHECK_FALSE(CheckSigned(log.get(), key).intact());
  }
}

TEST_CASE("signed heads: a partition removed with the partition count is named") {
  TestDatabase db;
  SealKey key = Key();
  {
    auto log = OpenLog(db, key);
    AppendEvents(log.get(), 3);
  }
  db.Exec(
      "DELETE FROM eventstore.events WHERE partition = 1; DELETE FROM eventstore.streams WHERE "
      "partition = 1; DELETE FROM eventstore.partitions WHERE partition = 1; UPDATE "
      "eventstore.config SET value = '1' WHERE key = 'partition_count'");
  PgEventLog::Options options;
  options.partitions = 1;
  options.writer_threads = 1;
  std::unique_ptr<PgEventLog> smaller;
  REQUIRE(PgEventLog::Open(db.uri(), options, &smaller).ok());
  CHECK(ChainsIntact(smaller.get()));
  SealReport report = CheckSigned(smaller.get(), key);
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].partition == 1);
  CHECK(report.findings[0].what.find("partitions were removed") != std::string::npos);
  CHECK(report.findings[1].partition == 0);
  CHECK(report.findings[1].what.find("made for a log of 2 partitions") != std::string::npos);
}

TEST_CASE("signed heads: an event edited and every hash after it recomputed is named") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 4);
  auto [partition, events] = Busiest(db);
  // The attacker's rewrite: change the amount at offset 1, re-chain from there, move the head.
  std::vector<RecordedEvent> stored;
  REQUIRE(log->ReadPartition(partition, 0, 1000, &stored).ok());
  REQUIRE(stored.size() == static_cast<size_t>(events));
  std::string prev = stored[0].hash;
  for (size_t i = 1; i < stored.size(); ++i) {
    RecordedEvent& e = stored[i];
    if (i == 1) e.payload.replace(e.payload.find("1000"), 4, "9000");
    SealEvent(prev, &e);
    prev = e.hash;
    db.Exec(fmt::format(
        "UPDATE eventstore.events SET payload = '{}', prev_hash = '{}', hash = '{}' WHERE "
        "partition = {} AND \"offset\" = {}",
        e.payload, e.prev_hash, e.hash, partition, e.offset));
  }
  AlignPartitionRow(db, partition);
  CHECK(ChainsIntact(log.get()));
  SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
  CHECK(f.offset == events - 1);
  CHECK(Says(f, "the partition was rewritten"));
}

TEST_CASE("signed heads: events appended by hand lie past the signed head") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 2);
  auto [partition, events] = Busiest(db);
  std::vector<RecordedEvent> stored;
  REQUIRE(log->ReadPartition(partition, events - 1, 1, &stored).ok());
  RecordedEvent forged = stored.at(0);
  forged.event_id = DeriveUuid(EduledgerNamespace(), "forged");
  forged.stream_id = StreamId("mentorship.session", DeriveUuid(EduledgerNamespace(), "forged"));
  forged.stream_version = 1;
  forged.offset = events;
  SealEvent(stored.at(0).hash, &forged);
  db.Exec(fmt::format(
      "INSERT INTO eventstore.events SELECT partition, {}, '{}', '{}', 1, type, schema_version, "
      "marketplace, occurred_at, recorded_at, causation_id, correlation_id, actor_id, actor_role, "
      "metadata, payload, '{}', '{}' FROM eventstore.events WHERE partition = {} AND \"offset\" = "
      "{}",
      events, ToString(forged.event_id), forged.stream_id, forged.prev_hash, forged.hash, partition,
      events - 1));
  AlignPartitionRow(db, partition);
  // The chain check covers the inserted row as it is: it may or may not spot the copied content;
  // the seal check names it either way.
  SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
  CHECK(f.offset == events);
  CHECK(Says(f, "appended without the audit key"));
}

TEST_CASE("signed heads: a forged or foreign seal is named") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 3);
  auto [partition, events] = Busiest(db);
  // Truncate, then sign the new head with a key of the attacker's own.
  db.Exec(fmt::format("DELETE FROM eventstore.events WHERE partition = {} AND \"offset\" = {}",
                      partition, events - 1));
  AlignPartitionRow(db, partition);
  std::vector<HeadSeal> seals;
  REQUIRE(log->ReadSeals(&seals).ok());
  HeadSeal seal = seals.at(static_cast<size_t>(partition));
  seal.next_offset = events - 1;
  seal.last_hash = db.Scalar(
      fmt::format("SELECT last_hash FROM eventstore.partitions WHERE partition = {}", partition));
  SUBCASE("signed with another key") {
    seal.Sign(Key("the-attackers-own-key-0123456789abcdefghij"));
    db.Exec(fmt::format(
        "UPDATE eventstore.head_seals SET next_offset = {}, last_hash = '{}', key_id = '{}', mac "
        "= '{}' WHERE partition = {}",
        seal.next_offset, seal.last_hash, seal.key_id, seal.mac, partition));
    SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
    CHECK(Says(f, "signed with another key"));
  }
  SUBCASE("the signed fields edited, the key id kept") {
    db.Exec(fmt::format(
        "UPDATE eventstore.head_seals SET next_offset = {}, last_hash = '{}' WHERE partition = {}",
        seal.next_offset, seal.last_hash, partition));
    SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
    CHECK(Says(f, "does not verify"));
  }
}

TEST_CASE("signed heads: a writer that finds a head not as signed appends, and says so for good") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 4);
  auto [partition, events] = Busiest(db);
  db.Exec(fmt::format("DELETE FROM eventstore.events WHERE partition = {} AND \"offset\" >= {}",
                      partition, events - 2));
  AlignPartitionRow(db, partition);
  AppendEvents(log.get(), 3, 4);  // the service goes on, over the truncated head
  log->Reseal();                  // and the periodic re-sealing passes by
  CHECK(ChainsIntact(log.get()));
  SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
  CHECK(Says(f, "at offset " + std::to_string(events - 2) + " a writer found the head offset " +
                    std::to_string(events - 3)));
  CHECK(Says(f, "where the signed head is offset " + std::to_string(events - 1)));
}

TEST_CASE("signed heads: a partition rolled back to an earlier seal is named after a re-sealing") {
  TestDatabase db;
  SealKey key = Key();
  auto log = OpenLog(db, key);
  AppendEvents(log.get(), 2);
  auto [partition, events] = Busiest(db);
  // The attacker keeps a copy of the seal row (a backup would do) ...
  db.Exec("CREATE TABLE public.kept AS SELECT * FROM eventstore.head_seals");
  log->Reseal();
  AppendEvents(log.get(), 2, 2);
  // ... and later puts it back with the events it covered.
  db.Exec(fmt::format("DELETE FROM eventstore.events WHERE partition = {} AND \"offset\" >= {}",
                      partition, events));
  AlignPartitionRow(db, partition);
  db.Exec(
      fmt::format("DELETE FROM eventstore.head_seals WHERE partition = {0}; INSERT INTO "
                  "eventstore.head_seals SELECT * FROM public.kept WHERE partition = {0}",
                  partition));
  CHECK(ChainsIntact(log.get()));
  SealFinding f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
  CHECK(Says(f, "rolled back to an earlier seal"));
  // The re-sealing does not bless it either.
  log->Reseal();
  f = OnlyFindingAbout(CheckSigned(log.get(), key), partition);
  CHECK(Says(f, "rolled back to an earlier seal"));
}

TEST_CASE("signed heads: a log written without the key is adopted only on purpose") {
  TestDatabase db;
  {
    PgEventLog::Options options;
    options.partitions = 2;
    options.writer_threads = 1;
    std::unique_ptr<PgEventLog> unsigned_log;
    REQUIRE(PgEventLog::Open(db.uri(), options, &unsigned_log).ok());
    AppendEvents(unsigned_log.get(), 2);
  }
  SealKey key = Key();
  auto log = OpenLog(db, key);
  CHECK_FALSE(CheckSigned(log.get(), key).intact());
  std::vector<int64_t> ends;
  REQUIRE(log->EndOffsets(&ends).ok());
  std::vector<std::pair<int64_t, std::string>> heads;
  for (int p = 0; p < 2; ++p) {
    heads.emplace_back(ends[static_cast<size_t>(p)],
                       db.Scalar(fmt::format(
                           "SELECT last_hash FROM eventstore.partitions WHERE partition = {}", p)));
  }
  auto stale = heads;
  stale[0].first += 1;
  CHECK(log->SealCurrentHeads(stale).code() == Status::Code::kWrongExpectedVersion);
  REQUIRE(log->SealCurrentHeads(heads).ok());
  CHECK(CheckSigned(log.get(), key).intact());
  AppendEvents(log.get(), 1, 2);
  CHECK(CheckSigned(log.get(), key).intact());
}

}  // namespace
}  // namespace edu
