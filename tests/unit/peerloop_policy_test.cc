// The "peerloop" section of the policies file: every rule configurable, every bad value refused
// with the key named.
#include <doctest/doctest.h>

#include "marketplaces/policy_config.h"

namespace edu {
namespace {

Status Apply(const std::string& section, Policies* p) {
  return ApplyPoliciesJson(R"({"peerloop":)" + section + "}", "policies file p.json", p);
}

void Refused(const std::string& section, const std::string& fragment) {
  Policies p;
  Status s = Apply(section, &p);
  CAPTURE(section);
  REQUIRE_FALSE(s.ok());
  CHECK_MESSAGE(s.message().find(fragment) != std::string::npos, s.message());
}

}  // namespace

TEST_SUITE("peerloop policy") {
  TEST_CASE("the defaults are the seed's rules") {
    Policies p;
    CHECK(p.peerloop.platform_fee_bps == Percent(15));
    CHECK(p.peerloop.default_teacher_commission == 70);
    CHECK(p.peerloop.award_points.min == 5);
    CHECK(p.peerloop.award_points.max == 100);
    CHECK(p.peerloop.award_cooldown == Hours(24));
    CHECK(p.peerloop.min_summon_minutes == 5);
    REQUIRE(p.peerloop.rewards.size() == 4);
    CHECK(p.peerloop.rewards[3].points_threshold == 5000);
  }

  TEST_CASE("a section overrides the rules it names") {
    Policies p;
    Status s = Apply(R"({"name": "peerloop-2026-09", "platform_fee_percent": 20,
        "default_teacher_commission_percent": 60,
        "goodwill": {"summon_help": {"min": 15, "max": 30}, "availability_bonus": 10,
                     "award_cooldown_hours": 12.5, "min_summon_minutes": 10,
                     "promotion_cost_points": 80, "promotion_days": 0,
                     "reward_thresholds": [300, 900, 2000, 4000]}})",
                     &p);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(p.peerloop.name == "peerloop-2026-09");
    CHECK(p.peerloop.platform_fee_bps == 2000);
    CHECK(p.peerloop.default_teacher_commission == 60);
    CHECK(p.peerloop.summon_help.min == 15);
    CHECK(p.peerloop.summon_help.max == 30);
    CHECK(p.peerloop.availability_bonus.min == 10);
    CHECK(p.peerloop.award_cooldown == Hours(12) + Minutes(30));
    CHECK(p.peerloop.min_summon_minutes == 10);
    CHECK(p.peerloop.promotion_cost_points == 80);
    CHECK(p.peerloop.promotion_duration == 0);
    CHECK(p.peerloop.rewards[0].points_threshold == 300);
    CHECK(p.peerloop.rewards[0].type == peerloop::RewardType::badge);
    CHECK(p.peerloop.question_answer.min == 5);  // untouched
  }

  TEST_CASE("bad values are refused, naming the key") {
    Refused(R"({"platform_fee_percent": 20})", "key 'peerloop.name'");
    Refused(R"({"name": "x", "platform_fee_percent": 15.5})",
            "key 'peerloop.platform_fee_percent': expected a whole percent");
    Refused(R"({"name": "x", "default_teacher_commission_percent": 90})",
            "key 'peerloop.default_teacher_commission_percent'");
    Refused(R"({"name": "x", "goodwill": {"summon_help": {"min": 10, "max": 101}}})",
            "key 'peerloop.goodwill.summon_help.max'");
    Refused(R"({"name": "x", "goodwill": {"referral": {"min": 50, "max": 40}}})",
            "key 'peerloop.goodwill.referral.min'");
    Refused(R"({"name": "x", "goodwill": {"reward_thresholds": [500, 400, 2500, 5000]}})",
            "increasing");
    Refused(R"({"name": "x", "goodwill": {"reward_thresholds": [500, 1000]}})",
            "expected 4 thresholds");
    Refused(R"({"name": "x", "goodwill": {"cooldown": 1}})",
            "key 'peerloop.goodwill.cooldown': unknown key");
    Refused(R"({"name": "x", "currency": "XYZ"})", "key 'peerloop.currency'");
  }
}

}  // namespace edu
