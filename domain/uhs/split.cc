#include "domain/uhs/split.h"

#include <vector>

namespace edu::uhs {

SplitShares SplitCoursePayment(int64_t amount_minor, bool has_instructor, bool has_partner,
                               const Policy& policy) {
  SplitShares s;
  s.instructor_bps = has_instructor ? policy.instructor_share_bps : 0;
  s.partner_bps = has_partner ? policy.partner_share_bps : 0;
  s.platform_bps = kWhole - s.instructor_bps - s.partner_bps;
  std::vector<int64_t> parts =
      SplitLargestRemainder(amount_minor, {s.instructor_bps, s.platform_bps, s.partner_bps});
  s.instructor = parts[0];
  s.platform = parts[1];
  s.partner = parts[2];
  return s;
}

}  // namespace edu::uhs
