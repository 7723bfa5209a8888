// Mentorship marketplace rules (PRD §3.5), as configuration.
#pragma once

#include <string>
#include <vector>

#include "domain/core/money.h"
#include "domain/core/time.h"

namespace edu::mentorship {

struct Policy {
  std::string name = "mentorship-default-v1";  // recorded in the events it shapes
  std::string currency = "INR";
  BasisPoints platform_fee_bps = Percent(30);  // the mentor earns the rest: 70 %
  std::vector<int32_t> session_durations_minutes = {30, 60, 90};
  // A session must start at least this long after it is booked (0: any time in the future).
  Micros min_booking_lead = 0;
};

}  // namespace edu::mentorship
