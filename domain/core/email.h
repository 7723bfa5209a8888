// The shape check every marketplace applies to an email address before accepting it.
#pragma once

#include <string>

namespace edu {

// name@domain.tld: something before the '@', a dot after it with text on both sides, no blanks.
inline bool LooksLikeEmail(const std::string& s) {
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find(' ') != std::string::npos) return false;
  auto dot = s.find('.', at);
  return dot != std::string::npos && dot > at + 1 && dot + 1 < s.size();
}

}  // namespace edu
