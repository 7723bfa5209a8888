// The policies file: overrides of the mentorship policy, and a specific error for every bad value.
#include <cstdio>
#include <fstream>

#include <doctest/doctest.h>
#include <unistd.h>

#include "marketplaces/policy_config.h"

namespace edu {
namespace {

std::string ErrorOf(const std::string& json) {
  Policies p;
  Status s = ApplyPoliciesJson(json, "policies file p.json", &p);
  return s.ok() ? "OK" : s.message();
}

}  // namespace

TEST_SUITE("policies file") {
  TEST_CASE("no file, or an empty object, keeps the seed documents' rules") {
    Policies p;
    REQUIRE(ApplyPoliciesJson("{}", "policies file p.json", &p).ok());
    CHECK(p.mentorship.name == "mentorship-default-v1");
    CHECK(p.mentorship.platform_fee_bps == 3000);
    CHECK(p.mentorship.full_refund_notice == Hours(24));
    CHECK(p.mentorship.partial_refund_notice == Hours(2));
    CHECK(p.mentorship.partial_refund_bps == 5000);
    CHECK(p.mentorship.minimum_payout_minor == 100000);
    CHECK(p.mentorship.tax_deduction_bps == 1000);
    CHECK(p.mentorship.payout_period == Days(7));
  }

  TEST_CASE("every mentorship key overrides its rule") {
    Policies p;
    Status s = ApplyPoliciesJson(R"({"mentorship": {
        "name": "mentorship-2026-07", "currency": "INR", "platform_fee_percent": 27.5,
        "session_durations_minutes": [45, 90], "min_booking_lead_minutes": 60, "early_start_minutes": 5,
        "refunds": {"full_refund_hours_before": 48, "partial_refund_hours_before": 6,
                    "partial_refund_percent": 40, "mentor_cancellation_refund_percent": 100},
        "free_reschedule_hours_before": 12, "no_show_grace_minutes": 10,
        "escrow_hold_hours_after_completion": 72,
        "disputes": {"mentor_no_show_refund_percent": 100, "quality_dispute_max_refund_percent": 80},
        "payouts": {"period_days": 14, "utc_offset": "-03:00", "minimum": "1500.50",
                    "tax_deduction_percent": 1, "tax_section": "194O"},
        "quality": {"review_below_rating": 3, "min_average_rating": 4.25, "min_completion_percent": 85},
        "verification": {"require_trial_session": false, "valid_days": 730, "reverify_after_days": 30}}})",
                                 "policies file p.json", &p);
    REQUIRE_MESSAGE(s.ok(), s.message());
    const auto& m = p.mentorship;
    CHECK(m.name == "mentorship-2026-07");
    CHECK(m.platform_fee_bps == 2750);
    CHECK(m.session_durations_minutes == std::vector<int32_t>{45, 90});
    CHECK(m.min_booking_lead == Hours(1));
    CHECK(m.early_start == Minutes(5));
    CHECK(m.full_refund_notice == Hours(48));
    CHECK(m.partial_refund_notice == Hours(6));
    CHECK(m.partial_refund_bps == 4000);
    CHECK(m.free_reschedule_notice == Hours(12));
    CHECK(m.no_show_grace == Minutes(10));
    CHECK(m.escrow_hold_after_completion == Hours(72));
    CHECK(m.quality_dispute_max_refund_bps == 8000);
    CHECK(m.payout_period == Days(14));
    CHECK(m.payout_utc_offset == -Hours(3));
    CHECK(m.minimum_payout_minor == 150050);
    CHECK(m.tax_deduction_bps == 100);
    CHECK(m.tax_deduction_section == "194O");
    CHECK(m.quality_review_below == 300);
    CHECK(m.performance_min_rating == 425);
    CHECK(m.performance_min_completion_bps == 8500);
    CHECK_FALSE(m.require_trial_session);
    CHECK(m.verification_valid_days == 730);
    CHECK(m.reverify_after_days == 30);
  }

  TEST_CASE("fractions of hours are exact") {
    Policies p;
    REQUIRE(
        ApplyPoliciesJson(
            R"({"mentorship": {"name": "n", "refunds": {"partial_refund_hours_before": 1.25}}})",
            "f", &p)
            .ok());
    CHECK(p.mentorship.partial_refund_notice == Minutes(75));
  }

  TEST_CASE("every bad value is refused with the file and the key named") {
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "refunds": {"partial_refund_percent": 150}}})") ==
          "policies file p.json: key 'mentorship.refunds.partial_refund_percent': expected a "
          "percentage "
          "in 0..100 with at most two decimals, got 150");
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "platform_fee_percent": 33.333}})")
              .find("key 'mentorship.platform_fee_percent'") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "platform_fee_percent": "30"}})")
              .find("got \"30\"") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "refunds": {"full_refund_hours": 24}}})") ==
          "policies file p.json: key 'mentorship.refunds.full_refund_hours': unknown key");
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "refund": {}}})") ==
          "policies file p.json: key 'mentorship.refund': unknown key");
    CHECK(
        ErrorOf(R"({"mentorship": {"name": "n", "refunds": {"partial_refund_hours_before": 30}}})")
            .find("key 'mentorship.refunds.partial_refund_hours_before': 30.00 h is more than "
                  "full_refund_hours_before (24.00 h)") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "payouts": {"minimum": "1000.001"}}})")
              .find("key 'mentorship.payouts.minimum': expected a non-negative INR amount with at "
                    "most 2 decimals") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "payouts": {"minimum": -5}}})")
              .find("key 'mentorship.payouts.minimum'") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "payouts": {"utc_offset": "+5:30"}}})")
              .find("key 'mentorship.payouts.utc_offset': expected a UTC offset") !=
          std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "payouts": {"period_days": 1.5}}})")
              .find("key 'mentorship.payouts.period_days'") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "currency": "XYZ"}})") ==
          "policies file p.json: key 'mentorship.currency': 'XYZ' is not an ISO 4217 currency "
          "eduledger knows");
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "session_durations_minutes": [30, 30]}})")
              .find("item 1: 30 appears twice") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "session_durations_minutes": []}})")
              .find("key 'mentorship.session_durations_minutes': expected a non-empty list") !=
          std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "quality": {"review_below_rating": 6}}})")
              .find("key 'mentorship.quality.review_below_rating': expected a rating in 1..5") !=
          std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "n", "verification": {"require_trial_session": 1}}})")
              .find("key 'mentorship.verification.require_trial_session': expected true or false, "
                    "got 1") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "", "platform_fee_percent": 30}})")
              .find("key 'mentorship.name': expected a non-empty string") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": []})") ==
          "policies file p.json: key 'mentorship': expected a JSON object, got a JSON array");
  }

  TEST_CASE(
      "skillspring: an untouched cart's abandonment is configurable in hours up to 90 days, 0 for "
      "never") {
    Policies p;
    CHECK(p.skillspring.cart_abandoned_after == Days(7));
    REQUIRE(ApplyPoliciesJson(R"({"skillspring": {"name": "s", "cart_abandoned_after_hours": 48}})",
                              "policies file p.json", &p)
                .ok());
    CHECK(p.skillspring.cart_abandoned_after == Hours(48));
    CHECK(ErrorOf(R"({"skillspring": {"name": "s", "cart_abandoned_after_hours": -1}})")
              .find("key 'skillspring.cart_abandoned_after_hours'") != std::string::npos);
    REQUIRE(ApplyPoliciesJson(R"({"skillspring": {"name": "s", "cart_abandoned_after_hours": 0}})",
                              "policies file p.json", &p)
                .ok());
    CHECK(p.skillspring.cart_abandoned_after == 0);  // carts are then never abandoned
    CHECK(ErrorOf(R"({"skillspring": {"name": "s", "cart_abandoned_after_hours": 2161}})")
              .find("key 'skillspring.cart_abandoned_after_hours'") != std::string::npos);
  }

  TEST_CASE("a section that changes a rule must name its policy") {
    CHECK(ErrorOf(R"({"mentorship": {"platform_fee_percent": 25}})")
              .find("key 'mentorship.name': a section that changes the rules needs its own policy "
                    "name") != std::string::npos);
    CHECK(
        ErrorOf(R"({"mentorship": {"name": "mentorship-default-v1", "platform_fee_percent": 25}})")
            .find("key 'mentorship.name'") != std::string::npos);
    CHECK(ErrorOf(R"({"mentorship": {"name": "renamed-only"}})") == "OK");
  }

  TEST_CASE("unknown sections, sections without a parser and bad documents") {
    CHECK(ErrorOf(R"({"mentorshop": {}})") ==
          "policies file p.json: unknown section 'mentorshop' (expected 'mentorship', 'peerloop', "
          "'skillspring' or 'uhs')");
    CHECK(ErrorOf("[1]").find("expected a JSON object with one section per marketplace") !=
          std::string::npos);
    CHECK(ErrorOf("{\"mentorship\": ").find("policies file p.json: invalid JSON") == 0);
  }

  TEST_CASE("a bad value leaves nothing half-applied, and a missing file is named") {
    Policies p;
    CHECK_FALSE(
        ApplyPoliciesJson(
            R"({"mentorship": {"name": "n", "platform_fee_percent": 20, "refunds": {"x": 1}}})",
            "f", &p)
            .ok());
    CHECK(p.mentorship.platform_fee_bps == 3000);
    Status missing = LoadPolicies("/nonexistent/policies.json", &p);
    CHECK(missing.message() == "policies file /nonexistent/policies.json: cannot be read");
  }

  TEST_CASE("LoadPolicies reads a file") {
    std::string path = "/tmp/eduledger-policies-" + std::to_string(getpid()) + ".json";
    {
      std::ofstream out(path);
      out << R"({"mentorship": {"name": "file-policy", "payouts": {"minimum": 500}}})";
    }
    Policies p;
    Status s = LoadPolicies(path, &p);
    std::remove(path.c_str());
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(p.mentorship.name == "file-policy");
    CHECK(p.mentorship.minimum_payout_minor == 50000);
  }
}

}  // namespace edu
