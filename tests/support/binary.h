// Runs the eduledger binary (EDULEDGER_BINARY, defined for e2e tests) as a user would.
#pragma once

#include <string>
#include <vector>

namespace edu::testing {

struct BinaryOutput {
  int exit_code = -1;
  std::string text;  // stdout and stderr together
};

// Runs to completion with `env` ("NAME=value") added; EDULEDGER_* variables of the test's own
// environment are removed first so that only what the test passes counts.
BinaryOutput RunBinary(const std::string& binary, const std::vector<std::string>& args,
                       const std::vector<std::string>& env = {});

}  // namespace edu::testing
