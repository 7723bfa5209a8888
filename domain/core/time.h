// Time values. The domain never reads a clock: "now" arrives with each command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace edu {

// Microseconds; the resolution PostgreSQL's timestamptz keeps, so values survive a round trip.
using Micros = int64_t;
constexpr Micros kMicrosPerSecond = 1'000'000;
constexpr Micros Seconds(int64_t n) { return n * kMicrosPerSecond; }
constexpr Micros Minutes(int64_t n) { return n * 60 * kMicrosPerSecond; }
constexpr Micros Hours(int64_t n) { return n * 3600 * kMicrosPerSecond; }
constexpr Micros Days(int64_t n) { return n * 86400 * kMicrosPerSecond; }

// An instant in UTC, microseconds since the Unix epoch.
struct Timestamp {
  Micros micros = 0;

  static constexpr Timestamp FromMicros(Micros m) { return Timestamp{m}; }
  constexpr Timestamp operator+(Micros d) const { return Timestamp{micros + d}; }
  constexpr Timestamp operator-(Micros d) const { return Timestamp{micros - d}; }
  constexpr Micros operator-(Timestamp other) const { return micros - other.micros; }
  constexpr bool operator==(Timestamp o) const { return micros == o.micros; }
  constexpr bool operator!=(Timestamp o) const { return micros != o.micros; }
  constexpr bool operator<(Timestamp o) const { return micros < o.micros; }
  constexpr bool operator<=(Timestamp o) const { return micros <= o.micros; }
  constexpr bool operator>(Timestamp o) const { return micros > o.micros; }
  constexpr bool operator>=(Timestamp o) const { return micros >= o.micros; }
};

// A calendar date (proleptic Gregorian).
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const Date& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
  bool operator!=(const Date& o) const { return !(*this == o); }
  bool operator<(const Date& o) const {
    return year != o.year ? year < o.year : month != o.month ? month < o.month : day < o.day;
  }
};

int64_t DaysFromCivil(const Date& d);
Date CivilFromDays(int64_t days);
Date DateOf(Timestamp t);
Timestamp StartOfDay(const Date& d);
// Monday 00:00 UTC of the ISO week containing t.
Timestamp StartOfIsoWeek(Timestamp t);
// 0 = Sunday .. 6 = Saturday.
int DayOfWeek(Timestamp t);

// RFC 3339 / ISO 8601 in UTC with microseconds when non-zero: 2026-11-22T09:30:00Z,
// 2026-11-22T09:30:00.250000Z.
std::string FormatIso8601(Timestamp t);
std::string FormatDate(const Date& d);  // 2026-11-22

// Accepts YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); also a space for the 'T'.
std::optional<Timestamp> ParseIso8601(std::string_view text);
std::optional<Date> ParseDate(std::string_view text);  // YYYY-MM-DD

}  // namespace edu
