// A backstop against JSON nested deeper than any reader needs, for every decoder (commands from
// any transport, envelopes from the log or a replay file): RapidJSON's DOM and SAX parsers, and
// the binding's decoders after them, recurse once per level, so 100,000 '[' overflow the stack of
// the thread that reads them. The HTTP edge refuses deep bodies earlier, with its own, tighter
// limit (adapters/http/json_guard.h); this keeps the decoders safe on their own.
#pragma once

#include <cstddef>
#include <string_view>

namespace edu::json {

// Deeper than any document eduledger writes or accepts (commands nest a few levels).
constexpr int kMaxDecoderDepth = 256;

// Whether arrays and objects in `text` nest deeper than `max_depth`. One linear pass without
// recursion; brackets inside strings (escapes included) do not count. Text that is not JSON is
// scanned the same way: the parser names its error afterwards.
inline bool NestsDeeperThan(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace edu::json
