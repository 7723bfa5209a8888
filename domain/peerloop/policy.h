// PeerLoop marketplace rules (seed 001: CD-020 payments, CD-023 goodwill, CD-024 feed), as
// configuration. marketplaces/peerloop/policy_config.cc reads overrides and rejects invalid ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/peerloop/types.h"

namespace edu::peerloop {

struct PointsRange {
  int32_t min = 0;
  int32_t max = 0;
  bool Contains(int32_t p) const { return p >= min && p <= max; }
};

struct RewardTier {
  int32_t points_threshold = 0;  // lifetime points (user_goodwill.total_earned)
  RewardType type = RewardType::badge;
  std::string value;        // goodwill_rewards.reward_value
  std::string description;  // goodwill_rewards.description
};

struct Policy {
  std::string name = "peerloop-default-v1";  // recorded in the events it shapes
  std::string currency = "USD";

  // ---- money (CD-020: 70/15/15) ----
  // The platform's fee; the teacher's share is the course's teacher_commission and the creator
  // takes the rest (100 - commission - fee). Whole percents: payment_splits.percentage is an int.
  BasisPoints platform_fee_bps = Percent(15);
  int32_t default_teacher_commission = 70;  // percent, for a course that does not give one

  // ---- goodwill (CD-023) ----
  PointsRange award_points{5, 100};  // any single award
  PointsRange summon_help{10, 25};
  PointsRange question_answer{5, 5};
  PointsRange first_session_mentor{50, 50};
  PointsRange referral{100, 100};
  PointsRange remedial_volunteer{30, 30};
  PointsRange availability_bonus{5, 5};  // the bonus paid is `min`
  // Anti-gaming: a giver may award the same receiver again only after this long. Default one day,
  // which caps two friends cycling points to inflate their lifetime totals.
  Micros award_cooldown = Hours(24);
  int32_t min_summon_minutes = 5;  // shorter summon sessions earn no points
  // A pending summon nobody answers expires this long after it was summoned (the scheduler's
  // ExpireSummon; interpretation: the seed's summon is live help, so an hour by default). 0: never.
  Micros summon_expires_after = Hours(1);
  // CD-024: promoting a course-feed post to the main feed.
  int32_t promotion_cost_points = 50;
  Micros promotion_duration = Days(7);  // 0: the promotion does not expire
  std::vector<RewardTier> rewards = {
      {500, RewardType::badge, "Community Helper", "Badge: Community Helper"},
      {1000, RewardType::discount, "10%", "10% discount on your next course"},
      {2500, RewardType::free_session, "Free 1-on-1 session",
       "A free 1-on-1 session with any Creator"},
      {5000, RewardType::revenue_bonus, "5%", "Revenue share bonus: an extra 5% on teaching"},
  };

  const PointsRange& RangeOf(GoodwillReason reason) const {
    switch (reason) {
      case GoodwillReason::summon_help:
        return summon_help;
      case GoodwillReason::question_answer:
        return question_answer;
      case GoodwillReason::first_session_mentor:
        return first_session_mentor;
      case GoodwillReason::referral:
        return referral;
      case GoodwillReason::remedial_volunteer:
        return remedial_volunteer;
      case GoodwillReason::availability_bonus:
        return availability_bonus;
    }
    return award_points;
  }
  PointsRange& RangeOf(GoodwillReason reason) {
    return const_cast<PointsRange&>(static_cast<const Policy&>(*this).RangeOf(reason));
  }
};

}  // namespace edu::peerloop
