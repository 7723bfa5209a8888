#include "domain/uhs/rules.h"

namespace edu::uhs {

bool LooksLikeEmail(const std::string& s) {
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find(' ') != std::string::npos) return false;
  auto dot = s.find('.', at);
  return dot != std::string::npos && dot > at + 1 && dot + 1 < s.size();
}

std::optional<Rejection> CheckPositive(const Money& amount, const std::string& currency,
                                       const char* what) {
  if (amount.currency != currency) {
    return Reject(ErrorKind::kInvalid, "currency_mismatch", "{} is in {}, but this marketplace uses {}",
                  what, amount.currency, currency);
  }
  if (amount.minor <= 0) {
    return Reject(ErrorKind::kInvalid, "invalid_amount", "{} must be positive, got {}", what,
                  FormatMoney(amount));
  }
  return std::nullopt;
}

}  // namespace edu::uhs
