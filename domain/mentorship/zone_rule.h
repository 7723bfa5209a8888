// A time zone's rule in force, as a POSIX TZ string: the footer of a TZif file of the tz
// database ("IST-5:30" for Asia/Kolkata, "EST5EDT,M3.2.0,M11.1.0" for America/New_York). The
// domain cannot read the tz database (it is pure); the command service that knows it hands the
// string in with the mentor's availability (commands/calendar_booking_service.h), and the domain
// parses and applies it here. The rule describes the zone from now on, which is what bookings
// need (they are in the future); past transitions of the zone's history are not modelled.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/core/time.h"

namespace edu::mentorship {

struct ZoneRule {
  // A daylight saving transition "Mm.w.d/time": day d (0 = Sunday) of week w (1..4, 5 = the
  // last) of month m, at `seconds` after local midnight (may be negative or past 24 h).
  struct Transition {
    int month = 3;
    int week = 1;
    int weekday = 0;
    int32_t seconds = 7200;
  };
  int32_t std_offset = 0;  // seconds east of UTC in standard time (Kolkata: +19800)
  bool has_dst = false;
  int32_t dst_offset = 0;  // seconds east of UTC in daylight saving time
  Transition dst_start;    // local standard time
  Transition dst_end;      // local daylight time
};

// nullopt when `posix` is not a POSIX TZ string this parser knows (only the M form of the DST
// rules, which every zone of the tz database uses in its footer).
std::optional<ZoneRule> ParseZoneRule(std::string_view posix);

// The zone's offset from UTC at the instant `t`, in seconds east of UTC.
int32_t UtcOffsetAt(const ZoneRule& rule, Timestamp t);

// The local wall time of `t` in the zone: the day of the week (0 = Sunday) and the seconds since
// local midnight.
struct LocalTime {
  int day_of_week = 0;
  int64_t second_of_day = 0;
};
LocalTime ToLocal(const ZoneRule& rule, Timestamp t);

}  // namespace edu::mentorship
