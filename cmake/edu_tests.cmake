# edu_discover_tests(target prefix): after every link of a doctest binary, registers one ctest entry
# per test case, named "<prefix> <test case>" (see doctest_discover.cmake for why this is not
# doctest_discover_tests).
function(edu_discover_tests target prefix)
  set(ctest_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_entries.cmake")
  add_custom_command(
    TARGET ${target} POST_BUILD
    BYPRODUCTS "${ctest_file}"
    COMMAND "${CMAKE_COMMAND}" -D "TEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "TEST_PREFIX=${prefix}" -D "CTEST_FILE=${ctest_file}"
            -P "${PROJECT_SOURCE_DIR}/cmake/doctest_discover.cmake"
    VERBATIM)
  # Before the first build the entries do not exist yet: one failing entry says so.
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake")
  file(WRITE "${include_file}"
       "if(EXISTS [==[${ctest_file}]==])\n"
       "  include([==[${ctest_file}]==])\n"
       "else()\n"
       "  add_test([==[${prefix} NOT BUILT]==] [==[${target} has not been built]==])\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
