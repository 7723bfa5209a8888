// The Skillspring part of the demo: mentors build a catalog (one course sent back for changes, one
// archived), students browse, fill carts and apply coupons: a mentor's coupon until it is
// exhausted, an early-bird coupon until it expires, a welcome coupon (one cart abandoned with it,
// which gives the redemption back); they check out (one stale total refused), learn, one asks for
// a refund, and buyers review their courses while others vote reviews helpful; then course Q&A
// and review moderation (skillspring_qa.h). The summary reconciles the read tables with what the
// API accepted and with the log.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "adapters/demo/driver.h"
#include "eventstore/event_log.h"

namespace edu {

struct SkillspringDemoOptions {
  int students = 12;
};

// What the demo's own accounting says should be in the read tables.
struct SkillspringDemoTotals {
  int users = 0;
  int mentors = 0;
  int students = 0;
  int courses = 0;
  int courses_archived = 0;
  int carts_converted = 0;
  int carts_abandoned = 0;
  int enrollments = 0;
  int completions = 0;
  int refunds = 0;
  int reviews = 0;
  int helpful_votes = 0;
  int views = 0;
  // course Q&A and review moderation (skillspring_qa.cc)
  int questions = 0;
  int answers = 0;
  int solutions = 0;
  int reports = 0;
  int reviews_removed = 0;
  int reports_dismissed = 0;
  int64_t charged_cents = 0;
  int64_t discount_cents = 0;
  int64_t refunded_cents = 0;
  int64_t mentor_earnings_cents = 0;       // net of refunds
  int64_t platform_fee_cents = 0;          // net of refunds
  std::map<std::string, int> redemptions;  // coupon code -> redeemed_count expected
  std::map<std::string, int> refusals;     // expected refusals shown, by code
};

void RunSkillspringDemo(DemoDriver& driver, const SkillspringDemoOptions& options,
                        const std::function<void()>& settle, SkillspringDemoTotals* totals);

// Prints the skillspring part of the summary from the read tables and checks it against the
// totals. Returns false (after printing why) when anything does not reconcile.
bool ReportSkillspringDemo(const std::string& db_uri, EventLog* log,
                           const SkillspringDemoTotals& totals);

}  // namespace edu
