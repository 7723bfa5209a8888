#include "domain/core/money.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace edu {

std::optional<int> MinorDigits(std::string_view c) {
  struct Entry {
    std::string_view code;
    int digits;
  };
  static constexpr Entry kCurrencies[] = {
      {"INR", 2}, {"KES", 2}, {"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"UGX", 0}, {"TZS", 2},
      {"NGN", 2}, {"ZAR", 2}, {"CAD", 2}, {"AUD", 2}, {"SGD", 2}, {"AED", 2}, {"JPY", 0},
  };
  for (const auto& e : kCurrencies) {
    if (e.code == c) return e.digits;
  }
  return std::nullopt;
}

std::string FormatDecimal(int64_t minor, int digits) {
  bool negative = minor < 0;
  // Work in unsigned space so INT64_MIN formats correctly.
  uint64_t v = negative ? uint64_t(0) - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string out = negative ? "-" : "";
  out += std::to_string(v / scale);
  if (digits > 0) {
    std::string frac = std::to_string(v % scale);
    out += '.';
    out += std::string(digits - frac.size(), '0') + frac;
  }
  return out;
}

std::optional<int64_t> ParseDecimal(std::string_view s, int digits) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    i = 1;
  }
  int64_t whole = 0;
  size_t whole_digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++whole_digits) {
    auto next = CheckedMul(whole, 10);
    if (!next) return std::nullopt;
    auto added = CheckedAdd(*next, s[i] - '0');
    if (!added) return std::nullopt;
    whole = *added;
  }
  int64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (++frac_digits > digits) return std::nullopt;
      frac = frac * 10 + (s[i] - '0');
    }
    if (frac_digits == 0) return std::nullopt;
  }
  if (i != s.size() || whole_digits == 0) return std::nullopt;
  for (int k = frac_digits; k < digits; ++k) frac *= 10;
  int64_t scale = 1;
  for (int k = 0; k < digits; ++k) scale *= 10;
  auto scaled = CheckedMul(whole, scale);
  if (!scaled) return std::nullopt;
  auto total = CheckedAdd(*scaled, frac);
  if (!total) return std::nullopt;
  return negative ? -*total : *total;
}

std::string FormatMoney(const Money& m) {
  int digits = MinorDigits(m.currency).value_or(2);
  std::string plain = FormatDecimal(m.minor, digits);
  // Thousands separators on the whole part.
  size_t start = plain[0] == '-' ? 1 : 0;
  size_t dot = plain.find('.');
  size_t end = dot == std::string::npos ? plain.size() : dot;
  std::string grouped = plain.substr(0, start);
  for (size_t i = start; i < end; ++i) {
    grouped += plain[i];
    size_t left = end - i - 1;
    if (left > 0 && left % 3 == 0) grouped += ',';
  }
  grouped += plain.substr(end);
  return fmt::format("{} {}", m.currency, grouped);
}

std::vector<int64_t> SplitLargestRemainder(int64_t total, const std::vector<int64_t>& weights) {
  std::vector<int64_t> parts(weights.size(), 0);
  Int128 sum = 0;
  for (int64_t w : weights) sum += w;
  if (weights.empty() || sum <= 0 || total <= 0) return parts;
  std::vector<std::pair<Int128, size_t>> remainders;
  remainders.reserve(weights.size());
  int64_t assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    Int128 scaled = static_cast<Int128>(total) * weights[i];
    parts[i] = static_cast<int64_t>(scaled / sum);
    assigned += parts[i];
    remainders.emplace_back(scaled % sum, i);
  }
  // Largest remainder first; the earlier part wins a tie (stable order by index).
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  int64_t leftover = total - assigned;
  for (size_t k = 0; leftover > 0; k = (k + 1) % remainders.size(), --leftover) {
    parts[remainders[k].second] += 1;
  }
  return parts;
}

int64_t ShareOf(int64_t total, BasisPoints bps) {
  if (bps <= 0) return 0;
  if (bps >= kWhole) return total;
  return SplitLargestRemainder(total, {bps, kWhole - bps})[0];
}

std::optional<int64_t> CheckedAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<int64_t> CheckedMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

}  // namespace edu
