// `eduledger bench` as an operator runs it (small): it must finish and print each figure next to
// the ceiling measured in the same run, on both log backends. The figures themselves are not
// asserted (they are measurements, not behaviour).
#include <doctest/doctest.h>

#include "tests/support/binary.h"
#include "tests/support/test_database.h"

namespace edu {

TEST_CASE(
    "bench: the embedded path prints commands/s, p50/p99 and projector events/s with their "
    "ceilings") {
  testing::BinaryOutput out = testing::RunBinary(
      EDULEDGER_BINARY, {"bench", "--db", testing::AdminUri(), "--clients", "4", "--sessions", "40",
                         "--partitions", "3", "--projector-rows", "500"});
  INFO(out.text);
  CHECK(out.exit_code == 0);
  for (const char* expected : {"commands/s", "p99", "command path / raw-insert ceiling:",
                               "mentorship projection from offset 0:", "projector / COPY:"}) {
    CHECK_MESSAGE(out.text.find(expected) != std::string::npos, expected);
  }
}

TEST_CASE(
    "bench --log=kafka: the Kafka path next to raw transactional produce, and projector events/s") {
  testing::BinaryOutput out = testing::RunBinary(
      EDULEDGER_BINARY,
      {"bench", "--log=kafka", "--db", testing::AdminUri(), "--clients", "4", "--sessions", "30"});
  INFO(out.text);
  CHECK(out.exit_code == 0);
  for (const char* expected :
       {"mock cluster in this process", "commands/s", "p99",
        "Kafka command path / raw =", "mentorship projector from offset zero"}) {
    CHECK_MESSAGE(out.text.find(expected) != std::string::npos, expected);
  }
}

}  // namespace edu
