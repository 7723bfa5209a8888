// The "peerloop" section of the policies file (domain/peerloop/policy.h):
//
//   "peerloop": {
//     "name": "peerloop-2026-09",               required once anything else is overridden
//     "currency": "USD",
//     "platform_fee_percent": 15,               whole percent (payment_splits.percentage is an int)
//     "default_teacher_commission_percent": 70, for courses that do not give one
//     "goodwill": {
//       "award_points": {"min": 5, "max": 100},
//       "summon_help": {"min": 10, "max": 25}, "question_answer": {"min": 5, "max": 5},
//       "first_session_mentor": {...}, "referral": {...}, "remedial_volunteer": {...},
//       "availability_bonus": 5,
//       "award_cooldown_hours": 24,
//       "min_summon_minutes": 5,
//       "summon_expires_after_minutes": 60,   an unanswered summon expires then (0: never)
//       "promotion_cost_points": 50,
//       "promotion_days": 7,                    0: promotions do not expire
//       "reward_thresholds": [500, 1000, 2500, 5000]
//     }
//   }
#include <fmt/format.h>

#include "marketplaces/policy_config.h"

namespace edu {
namespace {

Status ReadRange(PolicySection& goodwill, const char* key, const peerloop::PointsRange& bounds,
                 peerloop::PointsRange* out) {
  return goodwill.Nested(key, [&](PolicySection& r) {
    EDU_RETURN_IF_ERROR(r.Int("min", 1, 100000, &out->min));
    EDU_RETURN_IF_ERROR(r.Int("max", 1, 100000, &out->max));
    if (out->min > out->max) {
      return r.Error("min", fmt::format("{} is above max {}", out->min, out->max));
    }
    if (&bounds != out && (out->min < bounds.min || out->max > bounds.max)) {
      return r.Error("max", fmt::format("{}..{} is outside award_points {}..{}", out->min, out->max,
                                        bounds.min, bounds.max));
    }
    return Status::OK();
  });
}

}  // namespace

Status ParsePeerloopPolicy(const rapidjson::Value& value, Policies* policies) {
  peerloop::Policy p = policies->peerloop;
  const std::string default_name = peerloop::Policy{}.name;
  PolicySection s;
  EDU_RETURN_IF_ERROR(PolicySection::Open(value, "peerloop", &s));
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
  if (p.platform_fee_bps % 100 != 0) {
    return s.Error("platform_fee_percent",
                   "expected a whole percent: payment_splits.percentage is an integer");
  }
  EDU_RETURN_IF_ERROR(
      s.Int("default_teacher_commission_percent", 0, 100, &p.default_teacher_commission));
  if (p.default_teacher_commission + p.platform_fee_bps / 100 > 100) {
    return s.Error("default_teacher_commission_percent",
                   fmt::format("{}% plus the platform's {}% is more than the whole payment",
                               p.default_teacher_commission, p.platform_fee_bps / 100));
  }
  EDU_RETURN_IF_ERROR(s.Nested("goodwill", [&](PolicySection& g) {
    EDU_RETURN_IF_ERROR(ReadRange(g, "award_points", p.award_points, &p.award_points));
    for (auto reason :
         {peerloop::GoodwillReason::summon_help, peerloop::GoodwillReason::question_answer,
          peerloop::GoodwillReason::first_session_mentor, peerloop::GoodwillReason::referral,
          peerloop::GoodwillReason::remedial_volunteer}) {
      std::string key(EnumName(reason));
      EDU_RETURN_IF_ERROR(ReadRange(g, key.c_str(), p.award_points, &p.RangeOf(reason)));
    }
    int32_t bonus = p.availability_bonus.min;
    EDU_RETURN_IF_ERROR(
        g.Int("availability_bonus", p.award_points.min, p.award_points.max, &bonus));
    p.availability_bonus = {bonus, bonus};
    EDU_RETURN_IF_ERROR(
        g.Duration("award_cooldown_hours", Hours(1), "hours", Days(365), &p.award_cooldown));
    EDU_RETURN_IF_ERROR(g.Int("min_summon_minutes", 0, 24 * 60, &p.min_summon_minutes));
    EDU_RETURN_IF_ERROR(g.Duration("summon_expires_after_minutes", Minutes(1), "minutes", Days(7),
                                   &p.summon_expires_after));
    EDU_RETURN_IF_ERROR(g.Int("promotion_cost_points", 1, 100000, &p.promotion_cost_points));
    EDU_RETURN_IF_ERROR(
        g.Duration("promotion_days", Days(1), "days", Days(365), &p.promotion_duration));
    std::vector<int32_t> thresholds;
    for (const auto& tier : p.rewards) thresholds.push_back(tier.points_threshold);
    EDU_RETURN_IF_ERROR(g.PositiveIntList("reward_thresholds", 10'000'000, &thresholds));
    if (thresholds.size() != p.rewards.size()) {
      return g.Error("reward_thresholds",
                     fmt::format("expected {} thresholds, one per documented reward "
                                 "(badge, discount, free session, revenue bonus)",
                                 p.rewards.size()));
    }
    for (size_t i = 0; i < thresholds.size(); ++i) {
      if (i > 0 && thresholds[i] <= thresholds[i - 1]) {
        return g.Error("reward_thresholds", "expected increasing thresholds");
      }
      p.rewards[i].points_threshold = thresholds[i];
    }
    return Status::OK();
  }));
  EDU_RETURN_IF_ERROR(s.Finish());
  policies->peerloop = std::move(p);
  return Status::OK();
}

}  // namespace edu
