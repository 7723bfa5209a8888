// Skillspring money rules, as configuration (marketplaces/skillspring/policy_config.cc loads
// overrides).
#pragma once

#include <string>

#include "domain/core/money.h"
#include "domain/core/time.h"

namespace edu::skillspring {

struct Policy {
  std::string name = "skillspring-default-v1";  // recorded in the events it shapes
  // Prices are integer cents in one currency per marketplace, so a cart never mixes currencies
  // (the seed gives every course a currency column but no default: interpretation).
  std::string currency = "USD";
  // Revenue split of every purchase: the course's mentor earns 70 %, the platform keeps 30 %
  // (interpretation; the seed does not say).
  BasisPoints mentor_share_bps = Percent(70);
  // A purchase can be refunded in full within 30 days, unless the course is completed
  // (interpretation, as the large course marketplaces do).
  Micros refund_window = Days(30);
  // An open cart left this long since its last change is abandoned by the scheduler
  // (commands/scheduler.h; interpretation: the seed keeps carts but says nothing of their end).
  // 0: carts are never abandoned.
  Micros cart_abandoned_after = Days(7);
  // Largest price of one course, in minor units (enrollments store INTEGER cents).
  int64_t max_price_minor = 100'000'00;
};

}  // namespace edu::skillspring
