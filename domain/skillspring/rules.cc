#include "domain/skillspring/rules.h"

#include <cctype>

namespace edu::skillspring {

std::optional<Rejection> CheckSelfOrAdmin(const Actor& actor, const Uuid& user_id,
                                          const char* what) {
  if (Is(actor, user_id) || IsAdmin(actor)) return std::nullopt;
  return Reject(codes::kNotOwnAccount, "actor {} may {} only for themselves, not for user {}",
                actor.id, what, ToString(user_id));
}

std::optional<Rejection> CheckText(const std::string& value, size_t max, const char* field,
                                   const RejectionCode& code) {
  if (!value.empty() && value.size() <= max) return std::nullopt;
  return Reject(code, "{} must have 1..{} characters, got {}", field, max, value.size());
}

std::optional<Rejection> CheckPrice(const Money& price, const std::string& currency, int64_t max,
                                    const char* field) {
  if (price.currency != currency) {
    return Reject(codes::kCurrencyMismatch, "{} is in {}, but Skillspring prices are in {}", field,
                  price.currency, currency);
  }
  if (price.minor < 0 || price.minor > max) {
    return Reject(codes::kInvalidAmount, "{} must be within 0..{}, got {}", field,
                  FormatMoney(Money{max, currency}), FormatMoney(price));
  }
  return std::nullopt;
}

std::string TrimmedText(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

bool IsSlug(const std::string& s, size_t max) {
  if (s.empty() || s.size() > max || s.front() == '-' || s.back() == '-') return false;
  char previous = 0;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

}  // namespace edu::skillspring
