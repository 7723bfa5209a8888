// POSIX TZ strings (IEEE Std 1003.1, TZ; with the tz database's extensions of hours past 24 and
// negative transition times), parsed and applied without any clock or file.
#include "domain/mentorship/zone_rule.h"

#include <cctype>

namespace edu::mentorship {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Take(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  // A zone abbreviation: three or more letters, or anything but '>' between '<' and '>'.
  bool Name() {
    if (Take('<')) {
      size_t start = pos_;
      while (!AtEnd() && Peek() != '>') ++pos_;
      return Take('>') && pos_ - start >= 4;
    }
    size_t start = pos_;
    while (std::isalpha(static_cast<unsigned char>(Peek()))) ++pos_;
    return pos_ - start >= 3;
  }
  bool Number(int min, int max, int* out) {
    if (!std::isdigit(static_cast<unsigned char>(Peek()))) return false;
    int value = 0;
    while (std::isdigit(static_cast<unsigned char>(Peek()))) {
      value = value * 10 + (text_[pos_++] - '0');
      if (value > max) return false;
    }
    if (value < min) return false;
    *out = value;
    return true;
  }
  // [+-]hh[:mm[:ss]], hours up to `max_hours`; seconds, signed as written.
  bool Duration(int max_hours, int32_t* out) {
    int sign = 1;
    if (Take('-')) {
      sign = -1;
    } else {
      Take('+');
    }
    int h = 0, m = 0, s = 0;
    if (!Number(0, max_hours, &h)) return false;
    if (Take(':')) {
      if (!Number(0, 59, &m)) return false;
      if (Take(':') && !Number(0, 59, &s)) return false;
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return true;
  }
  bool Rule(ZoneRule::Transition* out) {
    if (!Take('M')) return false;  // the Jn and n forms: not used by the tz database's footers
    if (!Number(1, 12, &out->month) || !Take('.') || !Number(1, 5, &out->week) || !Take('.') ||
        !Number(0, 6, &out->weekday)) {
      return false;
    }
    out->seconds = 7200;
    if (Take('/')) return Duration(167, &out->seconds);
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Days since the epoch of the transition's day in `year`.
int64_t TransitionDay(const ZoneRule::Transition& t, int year) {
  const int64_t first = DaysFromCivil(Date{year, t.month, 1});
  const int64_t next = t.month == 12 ? DaysFromCivil(Date{year + 1, 1, 1})
                                     : DaysFromCivil(Date{year, t.month + 1, 1});
  const int first_weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01: Thursday
  int64_t day = first + (t.weekday - first_weekday + 7) % 7 + 7 * (t.week - 1);
  while (day >= next) day -= 7;
  return day;
}

}  // namespace

std::optional<ZoneRule> ParseZoneRule(std::string_view posix) {
  Reader r(posix);
  ZoneRule rule;
  int32_t west = 0;
  if (!r.Name() || !r.Duration(24, &west)) return std::nullopt;
  rule.std_offset = -west;
  if (r.AtEnd()) return rule;
  if (!r.Name()) return std::nullopt;
  rule.has_dst = true;
  rule.dst_offset = rule.std_offset + 3600;
  if (r.Peek() != ',') {
    if (!r.Duration(24, &west)) return std::nullopt;
    rule.dst_offset = -west;
  }
  if (!r.Take(',') || !r.Rule(&rule.dst_start) || !r.Take(',') || !r.Rule(&rule.dst_end) ||
      !r.AtEnd()) {
    return std::nullopt;
  }
  return rule;
}

int32_t UtcOffsetAt(const ZoneRule& rule, Timestamp t) {
  if (!rule.has_dst) return rule.std_offset;
  const int64_t utc = FloorDiv(t.micros, kMicrosPerSecond);
  const int year = CivilFromDays(FloorDiv(utc + rule.std_offset, kSecondsPerDay)).year;
  const int64_t start = TransitionDay(rule.dst_start, year) * kSecondsPerDay +
                        rule.dst_start.seconds - rule.std_offset;
  const int64_t end =
      TransitionDay(rule.dst_end, year) * kSecondsPerDay + rule.dst_end.seconds - rule.dst_offset;
  const bool dst = start < end ? (start <= utc && utc < end) : !(end <= utc && utc < start);
  return dst ? rule.dst_offset : rule.std_offset;
}

LocalTime ToLocal(const ZoneRule& rule, Timestamp t) {
  const int64_t local = FloorDiv(t.micros, kMicrosPerSecond) + UtcOffsetAt(rule, t);
  const int64_t day = FloorDiv(local, kSecondsPerDay);
  LocalTime out;
  out.day_of_week = static_cast<int>(((day + 4) % 7 + 7) % 7);
  out.second_of_day = local - day * kSecondsPerDay;
  return out;
}

}  // namespace edu::mentorship
