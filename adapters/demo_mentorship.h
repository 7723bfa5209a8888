// The mentorship part of the demo: students and mentors register, an admin approves most mentors,
// students book a few hundred sessions, the gateway captures payments into escrow, mentors complete
// the sessions that have happened (escrow released, 70/30 split). The summary reconciles the read
// tables with what the API accepted.
#pragma once

#include <cstdint>
#include <string>

#include "adapters/demo_driver.h"

namespace edu {

struct MentorshipDemoOptions {
  int students = 40;
  int mentors = 12;
  int sessions = 300;
};

// What the demo's own accounting says should be in the read tables.
struct MentorshipDemoTotals {
  int users = 0;
  int mentors_applied = 0;
  int mentors_approved = 0;
  int sessions_booked = 0;
  int sessions_completed = 0;
  int refused_unapproved_mentor = 0;
  int64_t captured_minor = 0;
  int64_t released_minor = 0;
  int64_t platform_fee_minor = 0;
  int64_t mentor_earnings_minor = 0;
};

void RunMentorshipDemo(DemoDriver& driver, const MentorshipDemoOptions& options,
                       MentorshipDemoTotals* totals);

// Prints the mentorship part of the summary from the read tables and checks it against the
// totals. Returns false (after printing why) when anything does not reconcile.
bool ReportMentorshipDemo(const std::string& db_uri, const MentorshipDemoTotals& totals);

}  // namespace edu
