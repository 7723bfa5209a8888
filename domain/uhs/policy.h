// Urban Home School money rules, as configuration (marketplaces/uhs/policy_config.cc loads
// overrides).
#pragma once

#include <string>

#include "domain/core/money.h"
#include "domain/core/time.h"

namespace edu::uhs {

struct Policy {
  std::string name = "uhs-default-v1";  // recorded in the events it shapes
  std::string currency = "KES";         // courses, transactions and wallets (seed: KES by default)
  // Revenue split of a course payment (seed §6): 60 % instructor, 30 % platform, 10 % partner
  // (referral). Without a partner the platform keeps the partner share; on a platform-created
  // course the platform also keeps the instructor share (interpretations, DESIGN.md).
  BasisPoints instructor_share_bps = Percent(60);
  BasisPoints platform_share_bps = Percent(30);
  BasisPoints partner_share_bps = Percent(10);
  // An enrollment awaiting payment expires after this long (interpretation).
  Micros payment_window = Hours(48);
  // A paid enrollment can be refunded this long after its payment, unless completed
  // (interpretation).
  Micros refund_window = Days(14);
  // Largest single gateway payment (M-Pesa's per-transaction ceiling is KES 150,000).
  int64_t max_payment_minor = 150'000'00;
};

}  // namespace edu::uhs
