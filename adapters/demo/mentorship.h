// The mentorship part of the demo, over three simulated weeks: students and mentors register;
// an admin takes most mentors through verification (document review, background check,
// interview, trial session, approval; one is rejected, two stay under review); students book a
// few hundred sessions; the gateway captures payments into escrow (a few attempts fail first).
// Sessions then meet their fates: most are started, completed (escrow released, split 70/30) and
// rated (low ratings open quality reviews); others are rescheduled (free, or late as an
// emergency), cancelled by the student at each refund window or by the mentor, missed by the
// student (mentor paid) or by the mentor (a dispute, refunded), or disputed for quality
// (resolved with partial or no refund). The gateway pays refunds back (some fail and are
// retried) and delivers some webhooks twice. Every Monday the payout run proposes each mentor's
// payout (minimum ₹1,000, the rest carries over, 10 % TDS), an admin approves, the gateway pays
// (one payout fails and is paid the week after).
//
// The summary reconciles the read tables with what the API accepted: per payment captured =
// held + released + refunded; platform fee + mentor earnings = released; payouts + carried-over
// balances = mentor earnings credited.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "adapters/demo/driver.h"
#include "domain/mentorship/policy.h"

namespace edu {

struct MentorshipDemoOptions {
  int students = 40;
  int mentors = 12;
  int sessions = 300;
  mentorship::Policy policy;  // the policy the system runs with (for the demo's own accounting)
};

// What the demo's own accounting says should be in the read tables.
struct MentorshipDemoTotals {
  int users = 0;
  int mentors_applied = 0;
  int mentors_approved = 0;
  int mentors_rejected = 0;
  int verification_steps = 0;  // mentor_verification rows
  int sessions_booked = 0;
  int refused_unapproved_mentor = 0;
  int mentors_with_availability = 0;  // calendars published (mentorship_calendar.cc)
  int calendar_refusals = 0;          // bookings refused: the mentor's or student's time taken
  std::map<std::string, int> sessions_by_status;
  int payment_failures = 0;
  int conflicts = 0;
  int quality_reviews = 0;
  int refunds_issued = 0;
  int refunds_failed = 0;
  int duplicate_webhooks = 0;
  int late_reschedules_refused = 0;
  int64_t captured_minor = 0;
  int64_t refunded_minor = 0;
  int64_t compensation_minor = 0;  // refunded by dispute resolutions
  int64_t released_minor = 0;
  int64_t platform_fee_minor = 0;
  int64_t mentor_earnings_minor = 0;
  int payouts_scheduled = 0;
  int payouts_carried_over = 0;
  int payouts_completed = 0;
  int payouts_failed = 0;
};

// `settle` waits until the reactions have caught up (credits reach the payout accounts before a
// payout run).
void RunMentorshipDemo(DemoDriver& driver, const MentorshipDemoOptions& options,
                       const std::function<void()>& settle, MentorshipDemoTotals* totals);

// Prints the mentorship part of the summary from the read tables and checks it against the
// totals. Returns false (after printing why) when anything does not reconcile.
bool ReportMentorshipDemo(const std::string& db_uri, const MentorshipDemoTotals& totals);

// A request an API client gets wrong (or retries), and what eduledger answered.
struct DemoRefusal {
  std::string what;
  DemoOutcome outcome;
};

// Registers a fresh admin, student and mentor and takes the mentor through review to approval
// (counted in `totals`), then sends the requests an API client gets wrong and the approval again
// with its Idempotency-Key. None of those appends anything (mentorship_showcase.cc).
std::vector<DemoRefusal> RunMentorshipShowcase(DemoDriver& driver, MentorshipDemoTotals* totals);
// "how bad requests are refused": one line per request with its status and code.
void PrintDemoRefusals(const std::vector<DemoRefusal>& lines);

}  // namespace edu
