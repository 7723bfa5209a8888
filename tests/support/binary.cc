#include "tests/support/binary.h"

#include <sys/wait.h>

#include <cstdio>

namespace edu::testing {
namespace {

// One shell word, whatever it holds (SQL with quotes, JSON): 'it'\''s' is it's.
std::string ShellQuote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

BinaryOutput RunBinary(const std::string& binary, const std::vector<std::string>& args,
                       const std::vector<std::string>& env) {
  std::string command = "env -u EDULEDGER_DB -u EDULEDGER_JWT_SECRET -u EDULEDGER_CONFIG";
  for (const auto& e : env) command += " " + ShellQuote(e);
  command += " " + ShellQuote(binary);
  for (const auto& a : args) command += " " + ShellQuote(a);
  command += " 2>&1";
  BinaryOutput out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, n);
  int status = pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace edu::testing
