// The Urban Home School revenue split of one course payment (seed §6: 60 % instructor, 30 %
// platform, 10 % referral partner). Interpretations (DESIGN.md): without a referring partner the
// platform keeps the partner share; on a platform-created course (no instructor) the platform keeps
// the instructor share too. Largest-remainder rounding: the three shares always sum to the amount.
#pragma once

#include <cstdint>

#include "domain/core/money.h"
#include "domain/uhs/policy.h"

namespace edu::uhs {

struct SplitShares {
  int64_t instructor = 0;
  int64_t platform = 0;
  int64_t partner = 0;
  BasisPoints instructor_bps = 0;
  BasisPoints platform_bps = 0;
  BasisPoints partner_bps = 0;
};

SplitShares SplitCoursePayment(int64_t amount_minor, bool has_instructor, bool has_partner,
                               const Policy& policy);

}  // namespace edu::uhs
