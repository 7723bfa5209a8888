#include "domain/uhs/rules.h"

namespace edu::uhs {

std::optional<Rejection> CheckPositive(const Money& amount, const std::string& currency,
                                       const char* what) {
  if (amount.currency != currency) {
    return Reject(codes::kCurrencyMismatch, "{} is in {}, but this marketplace uses {}", what,
                  amount.currency, currency);
  }
  if (amount.minor <= 0) {
    return Reject(codes::kInvalidAmount, "{} must be positive, got {}", what, FormatMoney(amount));
  }
  return std::nullopt;
}

}  // namespace edu::uhs
