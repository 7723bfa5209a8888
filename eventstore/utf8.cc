#include "eventstore/utf8.h"

#include <cstdint>

namespace edu::utf8 {

size_t SequenceLength(std::string_view s, size_t i) {
  static const uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};  // shorter forms are overlong
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return 1;
  size_t extra = 0;
  uint32_t code_point = 0;
  if ((lead & 0xe0) == 0xc0) {
    extra = 1;
    code_point = lead & 0x1f;
  } else if ((lead & 0xf0) == 0xe0) {
    extra = 2;
    code_point = lead & 0x0f;
  } else if ((lead & 0xf8) == 0xf0) {
    extra = 3;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= s.size()) return 0;
  for (size_t k = 1; k <= extra; ++k) {
    const auto continuation = static_cast<unsigned char>(s[i + k]);
    if ((continuation & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (continuation & 0x3f);
  }
  if (code_point < kMinimum[extra] || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return 0;
  }
  return extra + 1;
}

bool IsValid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace edu::utf8
