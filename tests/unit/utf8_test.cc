// What counts as UTF-8 for the log's input check and the metrics and log escapers.
#include "eventstore/utf8.h"

#include <string>

#include <doctest/doctest.h>

namespace edu {

TEST_SUITE("utf8") {
  TEST_CASE("well-formed sequences of one to four bytes are valid, with their lengths") {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a, é, €, 😀
    CHECK(utf8::SequenceLength(text, 0) == 1);
    CHECK(utf8::SequenceLength(text, 1) == 2);
    CHECK(utf8::SequenceLength(text, 3) == 3);
    CHECK(utf8::SequenceLength(text, 6) == 4);
    CHECK(utf8::IsValid(text));
    CHECK(utf8::IsValid(""));
  }

  TEST_CASE("what PostgreSQL's UTF8 refuses is invalid") {
    for (const std::string& bad : {std::string("\xFF\xFE"), std::string("\x80"),  // stray bytes
                                   std::string("\xC0\x80"),                       // overlong NUL
                                   std::string("\xE0\x80\xAF"),                   // overlong '/'
                                   std::string("\xED\xA0\x80"),      // surrogate U+D800
                                   std::string("\xF4\x90\x80\x80"),  // above U+10FFFF
                                   std::string("\xE2\x82"),          // truncated
                                   std::string("\xC3\x28")}) {       // bad continuation
      CAPTURE(bad);
      CHECK_FALSE(utf8::IsValid(bad));
      CHECK(utf8::SequenceLength(bad, 0) == 0);
    }
  }
}

}  // namespace edu
