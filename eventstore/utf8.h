// UTF-8 as PostgreSQL's UTF8 encoding accepts it: no overlong forms, no surrogates, nothing above
// U+10FFFF. One definition for the log's input check and the escapers of metrics and log lines.
#pragma once

#include <cstddef>
#include <string_view>

namespace edu::utf8 {

// The length (1 to 4) of the valid UTF-8 sequence that starts at s[i], or 0 when none does
// (a stray continuation byte, a truncated, overlong or surrogate sequence). Requires i < s.size().
size_t SequenceLength(std::string_view s, size_t i);

// Whether all of `s` is valid UTF-8 (a NUL byte is valid here: callers that feed PostgreSQL text
// check it apart).
bool IsValid(std::string_view s);

}  // namespace edu::utf8
