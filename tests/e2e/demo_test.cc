// `eduledger demo` as a newcomer runs it (smaller): it must finish, reconcile, show how each kind
// of bad request is refused, and leave a database with the documented tables.
#include <unistd.h>

#include <doctest/doctest.h>

#include "adapters/config/pg_uri.h"
#include "tests/support/binary.h"
#include "tests/support/read_schema_check.h"
#include "tests/support/test_database.h"

namespace edu {

TEST_CASE("eduledger demo runs end to end and everything reconciles") {
  std::string server = testing::AdminUri();
  std::string database = "edu_e2e_demo_" + std::to_string(getpid());
  testing::BinaryOutput out = testing::RunBinary(
      EDULEDGER_BINARY, {"demo", "--db", server, "--database", database, "--students", "12",
                         "--mentors", "5", "--sessions", "60", "--partitions", "3"});
  INFO(out.text);
  CHECK(out.exit_code == 0);
  CHECK(out.text.find("Everything reconciles.") != std::string::npos);
  CHECK(out.text.find("MISMATCH") == std::string::npos);
  for (const char* expected :
       {"400 malformed_json", "404 unknown_command_type", "400 missing_field", "422 invalid_amount",
        "409 wrong_expected_version", "401 unauthenticated", "403 role_not_allowed",
        "replayed: the first result, no new event", "mentor_not_approved"}) {
    CHECK_MESSAGE(out.text.find(expected) != std::string::npos, expected);
  }
  std::string uri = WithDatabase(server, database);
  CHECK(out.text.find(uri) != std::string::npos);  // the psql URI is printed
  testing::ReadSchemaReport report = testing::CheckReadSchema(uri, "mentorship");
  CHECK(report.complete());
  for (const char* schema : {"uhs", "skillspring", "peerloop"}) {
    CAPTURE(schema);
    CHECK(testing::CheckReadSchema(uri, schema).complete());
  }
  for (const char* expected :
       {"uhs money and counts", "skillspring money and counts", "insufficient_funds",
        "coupon_exhausted", "coupon_expired", "received - refunded = wallets + platform - refunds",
        "peerloop money and counts", "peerloop goodwill economy",
        "peerloop messages, follows, notifications"}) {
    CHECK_MESSAGE(out.text.find(expected) != std::string::npos, expected);
  }
  testing::RunBinary("/usr/bin/psql", {WithDatabase(server, "postgres"), "-qc",
                                       "DROP DATABASE " + database + " WITH (FORCE)"});
}

TEST_CASE("eduledger explains itself and refuses what it does not understand") {
  testing::BinaryOutput help = testing::RunBinary(EDULEDGER_BINARY, {"--help"});
  CHECK(help.exit_code == 0);
  for (const char* sub : {"serve", "demo", "bench", "status", "token"})
    CHECK(help.text.find(sub) != std::string::npos);
  testing::BinaryOutput unknown = testing::RunBinary(EDULEDGER_BINARY, {"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.text.find("unknown subcommand 'frobnicate'") != std::string::npos);
  testing::BinaryOutput bad_option =
      testing::RunBinary(EDULEDGER_BINARY, {"demo", "--studnets", "5"});
  CHECK(bad_option.exit_code == 2);
  CHECK(bad_option.text.find("unknown option --studnets") != std::string::npos);
  testing::BinaryOutput no_db = testing::RunBinary(EDULEDGER_BINARY, {"demo"});
  CHECK(no_db.exit_code == 2);
  CHECK(no_db.text.find("--db") != std::string::npos);
  testing::BinaryOutput bad_number =
      testing::RunBinary(EDULEDGER_BINARY, {"bench", "--db", "x", "--clients", "many"});
  CHECK(bad_number.exit_code == 2);
  CHECK(bad_number.text.find("--clients must be an integer") != std::string::npos);
}

}  // namespace edu

namespace edu {

// The same scenario on the Kafka backend (librdkafka's mock cluster in the demo's process):
// commands through the commands topic and the partition owners, projectors and reactors reading
// the events topic; the read tables must reconcile exactly as on the embedded log.
TEST_CASE(
    "eduledger demo --log kafka runs end to end on the mock cluster and everything reconciles") {
  std::string server = testing::AdminUri();
  std::string database = "edu_e2e_demo_kafka_" + std::to_string(getpid());
  testing::BinaryOutput out =
      testing::RunBinary(EDULEDGER_BINARY, {"demo", "--log", "kafka", "--db", server, "--database",
                                            database, "--students", "8", "--mentors", "4",
                                            "--sessions", "30", "--partitions", "3"});
  INFO(out.text);
  CHECK(out.exit_code == 0);
  CHECK(out.text.find("kafka mock cluster in this process, in-memory and NOT durable") !=
        std::string::npos);
  CHECK(out.text.find("Everything reconciles.") != std::string::npos);
  CHECK(out.text.find("MISMATCH") == std::string::npos);
  std::string uri = WithDatabase(server, database);
  for (const char* schema : {"mentorship", "uhs", "skillspring", "peerloop"}) {
    CAPTURE(schema);
    CHECK(testing::CheckReadSchema(uri, schema).complete());
  }
  // The log is on Kafka: the demo's database holds read tables only.
  testing::BinaryOutput tables = testing::RunBinary(
      "/usr/bin/psql",
      {uri, "-Atc",
       "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events' "
       "AND table_schema = 'eventstore'"});
  CHECK(tables.text.find('0') == 0);
  testing::RunBinary("/usr/bin/psql", {WithDatabase(server, "postgres"), "-qc",
                                       "DROP DATABASE " + database + " WITH (FORCE)"});
}

}  // namespace edu
