// The "mentorship" section of the policies file (domain/mentorship/policy.h):
//
//   "mentorship": {
//     "name": "mentorship-2026-07",            required once anything else is overridden
//     "currency": "INR",
//     "platform_fee_percent": 30,
//     "session_durations_minutes": [30, 60, 90],
//     "min_booking_lead_minutes": 0,
//     "early_start_minutes": 15,
//     "refunds": {"full_refund_hours_before": 24, "partial_refund_hours_before": 2,
//                 "partial_refund_percent": 50, "mentor_cancellation_refund_percent": 100},
//     "free_reschedule_hours_before": 24,
//     "no_show_grace_minutes": 15,
//     "escrow_hold_hours_after_completion": 48,
//     "recording_retention_days": 730,
//     "disputes": {"mentor_no_show_refund_percent": 100, "quality_dispute_max_refund_percent":
//     100}, "payouts": {"period_days": 7, "utc_offset": "+05:30", "minimum": "1000.00",
//                 "tax_deduction_percent": 10, "tax_section": "194J"},
//     "quality": {"review_below_rating": 3.5, "min_average_rating": 4.0, "min_completion_percent":
//     90}, "verification": {"require_trial_session": true, "valid_days": 365,
//     "reverify_after_days": 90}
//   }
#include <fmt/format.h>

#include "marketplaces/policy_config.h"

namespace edu {

Status ParseMentorshipPolicy(const rapidjson::Value& value, Policies* policies) {
  mentorship::Policy p = policies->mentorship;
  const std::string default_name = mentorship::Policy{}.name;
  PolicySection s;
  EDU_RETURN_IF_ERROR(PolicySection::Open(value, "mentorship", &s));
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
  EDU_RETURN_IF_ERROR(s.Percent("platform_fee_percent", &p.platform_fee_bps));
  EDU_RETURN_IF_ERROR(
      s.PositiveIntList("session_durations_minutes", 24 * 60, &p.session_durations_minutes));
  EDU_RETURN_IF_ERROR(s.Duration("min_booking_lead_minutes", Minutes(1), "minutes", Days(365),
                                 &p.min_booking_lead));
  EDU_RETURN_IF_ERROR(
      s.Duration("early_start_minutes", Minutes(1), "minutes", Hours(24), &p.early_start));
  EDU_RETURN_IF_ERROR(s.Nested("refunds", [&](PolicySection& r) {
    EDU_RETURN_IF_ERROR(r.Duration("full_refund_hours_before", Hours(1), "hours", Days(365),
                                   &p.full_refund_notice));
    EDU_RETURN_IF_ERROR(r.Duration("partial_refund_hours_before", Hours(1), "hours", Days(365),
                                   &p.partial_refund_notice));
    EDU_RETURN_IF_ERROR(r.Percent("partial_refund_percent", &p.partial_refund_bps));
    EDU_RETURN_IF_ERROR(
        r.Percent("mentor_cancellation_refund_percent", &p.mentor_cancellation_refund_bps));
    if (p.partial_refund_notice > p.full_refund_notice) {
      return r.Error("partial_refund_hours_before",
                     fmt::format("{} h is more than full_refund_hours_before ({} h): the partial "
                                 "window must end where the full one begins",
                                 FormatDecimal(p.partial_refund_notice / Seconds(36), 2),
                                 FormatDecimal(p.full_refund_notice / Seconds(36), 2)));
    }
    return Status::OK();
  }));
  EDU_RETURN_IF_ERROR(s.Duration("free_reschedule_hours_before", Hours(1), "hours", Days(365),
                                 &p.free_reschedule_notice));
  EDU_RETURN_IF_ERROR(
      s.Duration("no_show_grace_minutes", Minutes(1), "minutes", Hours(24), &p.no_show_grace));
  EDU_RETURN_IF_ERROR(
      s.Int("recording_retention_days", int32_t{1}, int32_t{36500}, &p.recording_retention_days));
  EDU_RETURN_IF_ERROR(s.Duration("escrow_hold_hours_after_completion", Hours(1), "hours", Days(90),
                                 &p.escrow_hold_after_completion));
  EDU_RETURN_IF_ERROR(s.Nested("disputes", [&](PolicySection& d) {
    EDU_RETURN_IF_ERROR(d.Percent("mentor_no_show_refund_percent", &p.mentor_no_show_refund_bps));
    return d.Percent("quality_dispute_max_refund_percent", &p.quality_dispute_max_refund_bps);
  }));
  // The minimum is an amount of the currency: read the currency first (above), then the payouts.
  EDU_RETURN_IF_ERROR(s.Nested("payouts", [&](PolicySection& o) {
    EDU_RETURN_IF_ERROR(o.Duration("period_days", Days(1), "days", Days(31), &p.payout_period));
    if (p.payout_period < Days(1) || p.payout_period % Days(1) != 0) {
      return o.Error("period_days", "expected a whole number of days in 1..31");
    }
    EDU_RETURN_IF_ERROR(o.UtcOffset("utc_offset", &p.payout_utc_offset));
    EDU_RETURN_IF_ERROR(o.Amount("minimum", p.currency, &p.minimum_payout_minor));
    EDU_RETURN_IF_ERROR(o.Percent("tax_deduction_percent", &p.tax_deduction_bps));
    return o.Text("tax_section", &p.tax_deduction_section);
  }));
  EDU_RETURN_IF_ERROR(s.Nested("quality", [&](PolicySection& q) {
    EDU_RETURN_IF_ERROR(q.Rating("review_below_rating", &p.quality_review_below));
    EDU_RETURN_IF_ERROR(q.Rating("min_average_rating", &p.performance_min_rating));
    return q.Percent("min_completion_percent", &p.performance_min_completion_bps);
  }));
  EDU_RETURN_IF_ERROR(s.Nested("verification", [&](PolicySection& v) {
    EDU_RETURN_IF_ERROR(v.Bool("require_trial_session", &p.require_trial_session));
    EDU_RETURN_IF_ERROR(v.Int("valid_days", int32_t{1}, int32_t{3650}, &p.verification_valid_days));
    return v.Int("reverify_after_days", int32_t{1}, int32_t{3650}, &p.reverify_after_days);
  }));
  EDU_RETURN_IF_ERROR(s.Finish());
  policies->mentorship = std::move(p);
  return Status::OK();
}

}  // namespace edu
