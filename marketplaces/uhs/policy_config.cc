// The "uhs" section of the policies file (domain/uhs/policy.h):
//
//   "uhs": {
//     "name": "uhs-2026-09",                   required once anything else is overridden
//     "currency": "KES",
//     "split": {"instructor_percent": 60, "platform_percent": 30, "partner_percent": 10},
//     "payment_window_hours": 48,
//     "refund_window_days": 14,
//     "max_payment": "150000.00"
//   }
#include <fmt/format.h>

#include "marketplaces/policy_config.h"

namespace edu {

Status ParseUhsPolicy(const rapidjson::Value& value, Policies* policies) {
  uhs::Policy p = policies->uhs;
  const std::string default_name = uhs::Policy{}.name;
  PolicySection s;
  EDU_RETURN_IF_ERROR(PolicySection::Open(value, "uhs", &s));
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
  EDU_RETURN_IF_ERROR(s.Nested("split", [&](PolicySection& split) {
    EDU_RETURN_IF_ERROR(split.Percent("instructor_percent", &p.instructor_share_bps));
    EDU_RETURN_IF_ERROR(split.Percent("platform_percent", &p.platform_share_bps));
    EDU_RETURN_IF_ERROR(split.Percent("partner_percent", &p.partner_share_bps));
    if (p.instructor_share_bps + p.platform_share_bps + p.partner_share_bps != kWhole) {
      return split.Error("platform_percent",
                         fmt::format("instructor, platform and partner shares must add up to 100, "
                                     "got {} + {} + {}",
                                     FormatDecimal(p.instructor_share_bps, 2),
                                     FormatDecimal(p.platform_share_bps, 2),
                                     FormatDecimal(p.partner_share_bps, 2)));
    }
    return Status::OK();
  }));
  EDU_RETURN_IF_ERROR(
      s.Duration("payment_window_hours", Hours(1), "hours", Days(90), &p.payment_window));
  if (p.payment_window <= 0) return s.Error("payment_window_hours", "must be more than 0 hours");
  EDU_RETURN_IF_ERROR(
      s.Duration("refund_window_days", Days(1), "days", Days(365), &p.refund_window));
  EDU_RETURN_IF_ERROR(s.Amount("max_payment", p.currency, &p.max_payment_minor));
  if (p.max_payment_minor <= 0) return s.Error("max_payment", "must be more than 0");
  EDU_RETURN_IF_ERROR(s.Finish());
  policies->uhs = p;
  return Status::OK();
}

}  // namespace edu
