// The guard's proof: a test case whose name holds ';', ',' and '\' is registered with ctest as one
// entry, under its whole name, with a filter that selects exactly it. If discovery split the name
// (as doctest_discover_tests did at ';'), the pieces would select nothing and the guard in
// tests/support/test_main.cc would fail them, and this test would not find its own entry.
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

namespace {

#define SELF_NAME "test discovery: a name with ; and , and \\ stays one entry that runs this case"

std::string ReadEntries() {
  std::ifstream in(EDU_UNIT_ENTRIES);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE(SELF_NAME) {
  const std::string entries = ReadEntries();
  REQUIRE_MESSAGE(!entries.empty(), "no ctest entries file at " EDU_UNIT_ENTRIES);
  const std::string name = SELF_NAME;
  CHECK(Count(entries, "add_test([==[unit: " + name + "]==]") == 1);
  // doctest splits filters at ',' and unescapes "\\": the filter must carry both escaped.
  CHECK(Count(entries, "--test-case=test discovery: a name with ; and \\, and \\\\ stays") == 1);
  // No entry holds a piece of the name.
  CHECK(Count(entries, "[==[unit:  and ,") == 0);
  CHECK(Count(entries, "[==[unit: test discovery: a name with ]==]") == 0);
}
