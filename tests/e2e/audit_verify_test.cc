// `eduledger audit verify` and `audit seal` as an auditor runs them against a log whose partition
// heads are signed (docs/tamper-evidence.md): an intact log passes; events cut off the end of a
// partition, with the partition row made to match, are named by partition and offset where the
// chain alone passes; a verifier without the key says the heads were not checked; `audit seal`
// adopts a log written without a key.
#include <unistd.h>

#include <fstream>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "domain/core/stream.h"
#include "eventstore/head_seal.h"
#include "eventstore/pg_event_log.h"
#include "tests/support/binary.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

constexpr char kKey[] = "e2e-audit-verify-key-0123456789abcdefghij";

void AppendEvents(EventLog* log, int versions) {
  for (int version = 1; version <= versions; ++version) {
    for (int s = 0; s < 3; ++s) {
      AppendRequest r;
      r.stream_id = StreamId("mentorship.session",
                             DeriveUuid(EduledgerNamespace(), "e2e-seal-" + std::to_string(s)));
      NewEvent e;
      e.event_id = DeriveUuid(EduledgerNamespace(), fmt::format("e2e-seal-{}-{}", s, version));
      e.type = "SessionBooked";
      e.marketplace = "mentorship";
      e.causation_id = e.event_id;
      e.correlation_id = e.event_id;
      e.actor = Actor{"system:test", "system"};
      e.payload = fmt::format(R"({{"stream":{},"version":{}}})", s, version);
      r.events.push_back(e);
      AppendResult result;
      REQUIRE(log->Append(r, &result).ok());
    }
  }
}

void WriteLog(const testing::TestDatabase& db, bool signed_heads) {
  PgEventLog::Options options;
  options.partitions = 2;
  options.writer_threads = 1;
  if (signed_heads) REQUIRE(SealKey::FromBytes(kKey, &options.seal_key).ok());
  std::unique_ptr<PgEventLog> log;
  REQUIRE(PgEventLog::Open(db.uri(), options, &log).ok());
  AppendEvents(log.get(), 3);
}

testing::BinaryOutput Verify(const std::string& uri, const std::string& key_file) {
  testing::BinaryOutput out = testing::RunBinary(
      EDULEDGER_BINARY, {"audit", "verify", "--db", uri, "--audit-key-file", key_file});
  MESSAGE(out.text);
  return out;
}

bool Has(const testing::BinaryOutput& out, const std::string& words) {
  return out.text.find(words) != std::string::npos;
}

struct KeyFile {
  KeyFile() : path("/tmp/edu_e2e_audit_key_" + std::to_string(getpid())) {
    std::ofstream(path) << kKey << "\n";
  }
  ~KeyFile() { unlink(path.c_str()); }
  std::string path;
};

TEST_CASE("audit verify names a truncated partition that the chains alone pass") {
  testing::TestDatabase db;
  KeyFile key;
  WriteLog(db, /*signed_heads=*/true);
  testing::BinaryOutput intact = Verify(db.uri(), key.path);
  CHECK(intact.exit_code == 0);
  CHECK(Has(intact, "signed heads: 2 of 2 partitions hold their signed head"));
  CHECK(Has(intact, "every chain verifies and every partition holds its signed head"));

  auto busiest = db.Rows(
      "SELECT partition, count(*) FROM eventstore.events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
  const int partition = std::stoi(busiest[0][0]);
  const int64_t events = std::stoll(busiest[0][1]);
  db.Exec(fmt::format(
      "DELETE FROM eventstore.events WHERE partition = {0} AND \"offset\" = {1}; UPDATE "
      "eventstore.partitions SET next_offset = {1}, last_hash = (SELECT hash FROM "
      "eventstore.events WHERE partition = {0} AND \"offset\" = {2}) WHERE partition = {0}",
      partition, events - 1, events - 2));
  testing::BinaryOutput truncated = Verify(db.uri(), key.path);
  CHECK(truncated.exit_code == 1);
  // The chain alone passes ...
  CHECK(
      Has(truncated, fmt::format("partition {}: {} events, chain intact", partition, events - 1)));
  // ... the signed head does not.
  CHECK(Has(truncated, fmt::format("BROKEN partition {}, offset {}: signed head: signed events "
                                   "were removed",
                                   partition, events - 1)));
  CHECK(Has(truncated, "1 event(s) cut off the end"));

  testing::BinaryOutput without_key = Verify(db.uri(), key.path + ".missing");
  CHECK(without_key.exit_code == 1);
  CHECK(Has(without_key, "UNCHECKED signed heads: no audit key"));
}

TEST_CASE("audit seal adopts a log written without a key, and only once its chains verify") {
  testing::TestDatabase db;
  KeyFile key;
  WriteLog(db, /*signed_heads=*/false);
  testing::BinaryOutput unsigned_log = Verify(db.uri(), key.path);
  CHECK(unsigned_log.exit_code == 1);
  CHECK(Has(unsigned_log, "the log carries no signed head at all"));
  testing::BinaryOutput sealed = testing::RunBinary(
      EDULEDGER_BINARY, {"audit", "seal", "--db", db.uri(), "--audit-key-file", key.path});
  MESSAGE(sealed.text);
  CHECK(sealed.exit_code == 0);
  CHECK(Has(sealed, "signed the heads of 2 partitions"));
  CHECK(Has(sealed, "was the log: the log carries no signed head at all"));
  CHECK(Verify(db.uri(), key.path).exit_code == 0);

  db.Exec(
      "UPDATE eventstore.events SET payload = '{\"stream\":9,\"version\":9}' WHERE \"offset\" = 0");
  testing::BinaryOutput refused = testing::RunBinary(
      EDULEDGER_BINARY, {"audit", "seal", "--db", db.uri(), "--audit-key-file", key.path});
  CHECK(refused.exit_code == 1);
  CHECK(Has(refused, "nothing signed: the chains do not verify"));
}

}  // namespace
}  // namespace edu
