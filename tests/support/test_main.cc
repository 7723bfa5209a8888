// The main of every doctest binary, with one guard: a run that selects no test case fails.
//
// Without it, a ctest entry whose filter matches nothing (a name cut at ';' by discovery, a renamed
// test) prints "test cases: 0" and passes, so a test can silently stop running. Queries
// (--list-test-cases, --help, ...) are not runs and are left alone. The guard's own ctest entry,
// "guard: an entry that selects no test case fails" (tests/CMakeLists.txt), fails if it is removed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <cstdio>

#include <doctest/doctest.h>

namespace {

int g_test_cases_started = 0;

struct StartedCounter : doctest::IReporter {
  explicit StartedCounter(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override { ++g_test_cases_started; }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("started-counter", 1, StartedCounter);

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) return result;  // a query, not a run
  if (g_test_cases_started == 0) {
    std::fprintf(stderr,
                 "[guard] no test case ran: the filters select none (a test renamed, or an entry "
                 "cut by test discovery)\n");
    return result != 0 ? result : 3;
  }
  return result;
}
