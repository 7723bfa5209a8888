// The "skillspring" section of the policies file (domain/skillspring/policy.h):
//
//   "skillspring": {
//     "name": "skillspring-2026-09",           required once anything else is overridden
//     "currency": "USD",
//     "mentor_share_percent": 70,              the platform keeps the rest
//     "refund_window_days": 30,
//     "cart_abandoned_after_hours": 168,      an untouched open cart is abandoned then (0: never)
//     "max_price": "1000.00"
//   }
#include <fmt/format.h>

#include "marketplaces/policy_config.h"

namespace edu {

Status ParseSkillspringPolicy(const rapidjson::Value& value, Policies* policies) {
  skillspring::Policy p = policies->skillspring;
  const std::string default_name = skillspring::Policy{}.name;
  PolicySection s;
  EDU_RETURN_IF_ERROR(PolicySection::Open(value, "skillspring", &s));
  EDU_RETURN_IF_ERROR(s.Text("name", &p.name));
  if (s.HasAnyExcept("name") && (!s.Has("name") || p.name == default_name)) {
    return s.Error("name", fmt::format("a section that changes the rules needs its own policy name "
                                       "(not '{}'): events record it with the figures it produced",
                                       default_name));
  }
  EDU_RETURN_IF_ERROR(s.Text("currency", &p.currency));
  if (!MinorDigits(p.currency)) {
    return s.Error("currency",
                   fmt::format("'{}' is not an ISO 4217 currency eduledger knows", p.currency));
  }
  EDU_RETURN_IF_ERROR(s.Percent("mentor_share_percent", &p.mentor_share_bps));
  EDU_RETURN_IF_ERROR(
      s.Duration("refund_window_days", Days(1), "days", Days(365), &p.refund_window));
  EDU_RETURN_IF_ERROR(s.Duration("cart_abandoned_after_hours", Hours(1), "hours", Days(90),
                                 &p.cart_abandoned_after));
  EDU_RETURN_IF_ERROR(s.Amount("max_price", p.currency, &p.max_price_minor));
  // Enrollment prices are INTEGER cents (seed): a price must fit.
  if (p.max_price_minor <= 0 || p.max_price_minor > 2'147'483'647) {
    return s.Error("max_price", "must be more than 0 and fit the INTEGER cents columns");
  }
  EDU_RETURN_IF_ERROR(s.Finish());
  policies->skillspring = p;
  return Status::OK();
}

}  // namespace edu
