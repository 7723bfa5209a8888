// Money: integer minor units plus an ISO 4217 currency. No floating point anywhere money is
// computed. Splits distribute the whole amount (largest remainder), so parts always sum to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edu {

// Basis points: 10'000 = 100 %. Percentages in policies and events are carried in basis points so
// that 15 % and 33.33 % are both exact.
using BasisPoints = int32_t;

// 128-bit intermediate for products of amounts and weights (GCC/Clang extension).
__extension__ typedef __int128 Int128;
constexpr BasisPoints kWhole = 10'000;
constexpr BasisPoints Percent(int32_t p) { return p * 100; }

struct Money {
  int64_t minor = 0;
  std::string currency;  // ISO 4217, e.g. "INR"

  bool operator==(const Money& o) const { return minor == o.minor && currency == o.currency; }
  bool operator!=(const Money& o) const { return !(*this == o); }
};

// Digits after the decimal point for an ISO 4217 code (INR, KES, USD: 2; JPY: 0). nullopt for a
// code the system does not know, so configuration can reject it.
std::optional<int> MinorDigits(std::string_view currency);

// 123450 minor units with 2 digits -> "1234.50"; -5 -> "-0.05".
std::string FormatDecimal(int64_t minor, int digits);
// "1234.5" -> 123450 with 2 digits. nullopt if malformed or more precise than `digits`.
std::optional<int64_t> ParseDecimal(std::string_view text, int digits);
// "INR 1,234.50"
std::string FormatMoney(const Money& m);

// Splits `total` (>= 0) into parts proportional to `weights` (each >= 0, sum > 0) by the largest
// remainder method: every part is floor(total * w / sum), then the leftover units go one each to
// the parts with the largest remainders (earlier parts win ties). Sum of parts == total, always.
std::vector<int64_t> SplitLargestRemainder(int64_t total, const std::vector<int64_t>& weights);

// The share of `total` for `bps` basis points, as the first part of a two-way largest-remainder
// split, so share + (total - share) == total and 50 % of 101 is 51.
int64_t ShareOf(int64_t total, BasisPoints bps);

// Checked arithmetic: nullopt on overflow.
std::optional<int64_t> CheckedAdd(int64_t a, int64_t b);
std::optional<int64_t> CheckedMul(int64_t a, int64_t b);

}  // namespace edu
