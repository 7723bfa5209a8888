# Writes CTEST_FILE: one ctest entry per test case that TEST_EXECUTABLE lists, named
# "${TEST_PREFIX} <test case name>" and running exactly that test case.
#
# Replaces doctest_discover_tests, which splits names at ';' (CMake list semantics), so that
# "a; b" became two entries that matched no test case and passed. This script never turns the
# listing into a CMake list: it walks the text line by line, writes names as bracket arguments and
# escapes doctest's filter characters (',' and '\'). A duplicate name is an error, because its
# entry would run two test cases. The test binary's own guard (tests/support/test_main.cc) fails an
# entry that selects no test case.
#
# Invoked by edu_discover_tests() (cmake/edu_tests.cmake) after each link:
#   cmake -D TEST_EXECUTABLE=... -D TEST_PREFIX=... -D CTEST_FILE=... -P doctest_discover.cmake
cmake_minimum_required(VERSION 3.19)

execute_process(
  COMMAND "${TEST_EXECUTABLE}" --list-test-cases --no-intro=true
  OUTPUT_VARIABLE listing
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "listing the test cases of ${TEST_EXECUTABLE} failed (${result}):\n${listing}")
endif()

set(script "")
set(seen "\n")
set(count 0)
set(rest "${listing}")
while(NOT rest STREQUAL "")
  string(FIND "${rest}" "\n" eol)
  if(eol EQUAL -1)
    set(name "${rest}")
    set(rest "")
  else()
    string(SUBSTRING "${rest}" 0 ${eol} name)
    math(EXPR next "${eol} + 1")
    string(SUBSTRING "${rest}" ${next} -1 rest)
  endif()
  if(name MATCHES "^\\[doctest\\] unskipped test cases passing the current filters: ([0-9]+)$")
    set(listed ${CMAKE_MATCH_1})
    continue()
  endif()
  if(name STREQUAL "" OR name MATCHES "^=+$" OR name MATCHES "^\\[doctest\\] ")
    continue()
  endif()
  if(name MATCHES "\\]==\\]")
    message(FATAL_ERROR "test case name holds ']==]', which ctest files cannot quote: ${name}")
  endif()
  string(FIND "${seen}" "\n${name}\n" dup)
  if(NOT dup EQUAL -1)
    message(FATAL_ERROR "two test cases of ${TEST_EXECUTABLE} are named '${name}': one ctest entry would run both")
  endif()
  string(APPEND seen "${name}\n")
  string(REPLACE "\\" "\\\\" filter "${name}")
  string(REPLACE "," "\\," filter "${filter}")
  set(entry "${TEST_PREFIX} ${name}")  # cmake -D trims a trailing space, so it is added here
  string(APPEND script
    "add_test([==[${entry}]==] [==[${TEST_EXECUTABLE}]==] [==[--test-case=${filter}]==])\n")
  math(EXPR count "${count} + 1")
endwhile()

if(NOT DEFINED listed OR NOT listed EQUAL count)
  message(FATAL_ERROR "${TEST_EXECUTABLE} reports '${listed}' test cases, this script read ${count}")
endif()
if(count EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} lists no test cases")
endif()
file(WRITE "${CTEST_FILE}" "# ${count} test cases of ${TEST_EXECUTABLE}\n${script}")
