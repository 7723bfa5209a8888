// Mentorship marketplace rules (PRD §3.2, §3.5), as configuration. The defaults are the seed
// documents' rules; marketplaces/mentorship/policy_config.cc loads overrides from the policies
// file. Deciders read the policy in force and record the figures it produced, with its name, in the
// events, so history stays true when the configuration changes later.
//
// Interpretations (the documents are silent or ambiguous; see the report of the money issue):
//   * a mentor's cancellation refunds in full at any time before the start;
//   * a student's cancellation at exactly 24 h before is a full refund, at exactly 2 h is 50 %;
//     under 2 h, or a student no-show, nothing is refunded and the mentor is paid;
//   * late reschedules (under 24 h) need an emergency with proof; earlier ones are free;
//   * escrow stays held for a 48 h dispute window after completion (or a student no-show), then
//     the scheduler releases it; a quality dispute must be raised while the money is still held
//     (a started, uncompleted session, or within that window);
//   * payouts: weekly periods from Monday 00:00 IST; the ₹1,000 minimum applies to the net
//     transfer; the TDS is 10 % of the mentor's share (Income-tax Act s. 194J, fees for
//     professional services), both configurable;
//   * performance_score = 50 x min(avg / 4.0, 1) + 50 x min(completion / 90 %, 1), in 0..100.
#pragma once

#include <string>
#include <vector>

#include "domain/core/money.h"
#include "domain/core/time.h"

namespace edu::mentorship {

struct Policy {
  std::string name = "mentorship-default-v1";  // recorded in the events it shapes
  std::string currency = "INR";

  // ---- booking
  BasisPoints platform_fee_bps = Percent(30);  // the mentor earns the rest: 70 %
  std::vector<int32_t> session_durations_minutes = {30, 60, 90};
  // A session must start at least this long after it is booked (0: any time in the future).
  Micros min_booking_lead = 0;
  // A session may be started (video room opened) this long before its scheduled time.
  Micros early_start = Minutes(15);

  // ---- cancellations and refunds (PRD §3.5 "Refund & Conflict Resolution")
  Micros full_refund_notice = Hours(24);  // student cancels at least this long before: full
  Micros partial_refund_notice =
      Hours(2);  // at least this long before (and less than full): partial
  BasisPoints partial_refund_bps = Percent(50);
  BasisPoints mentor_cancellation_refund_bps = kWhole;

  // ---- reschedules: free at least this long before the start; later only for an emergency
  // with proof.
  Micros free_reschedule_notice = Hours(24);

  // ---- no-shows: an absence may be reported this long after the scheduled start.
  Micros no_show_grace = Minutes(15);

  // ---- escrow: how long after completion (or a student no-show) the payment stays held so that
  // a quality dispute can still freeze it (seed 002: "Payments held until session completion",
  // "Refund process for unsatisfactory sessions"). The scheduler releases it when due; a dispute
  // is accepted until then. 0: released in the completing decision.
  Micros escrow_hold_after_completion = Hours(48);

  // ---- disputes (session_conflicts): the refund a dispute asks for by default, and the most a
  // resolution may award (of what is held).
  BasisPoints mentor_no_show_refund_bps = kWhole;
  BasisPoints quality_dispute_max_refund_bps = kWhole;

  // ---- payouts
  Micros payout_period = Days(7);
  // Periods start on Mondays at 00:00 in this offset from UTC (IST: +05:30).
  Micros payout_utc_offset = Minutes(330);
  int64_t minimum_payout_minor = 100'000;  // ₹1,000.00: smaller net amounts carry over
  BasisPoints tax_deduction_bps = Percent(10);
  std::string tax_deduction_section = "194J";

  // ---- recordings (PRD §14.2: kept 2 years after the session)
  int32_t recording_retention_days = 730;

  // ---- quality (PRD §3.2 "Quality Control Measures"); ratings in hundredths (350 = 3.50)
  int32_t quality_review_below = 350;
  int32_t performance_min_rating = 400;
  BasisPoints performance_min_completion_bps = Percent(90);

  // ---- mentor verification
  // Seed 002: "Trial Session: Mandatory trial session with platform assessment", step 5 of the
  // workflow before "6. Final Approval". false lets an admin approve from any review stage.
  bool require_trial_session = true;
  int32_t verification_valid_days = 365;
  int32_t reverify_after_days = 90;  // quarterly performance reviews
};

}  // namespace edu::mentorship
