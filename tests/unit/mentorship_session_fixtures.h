// Vocabulary of the specifications of a session's money after the booking
// (mentorship_session_*_test.cc), on top of tests/unit/mentorship_test_fixtures.h: the people's
// ids as text, a cancellation event, a student's reason, and a policy that holds escrow after
// completion.
#pragma once

#include <optional>
#include <string>

#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship::fixtures {

inline const std::string kStudentId = "11111111-1111-4111-8111-111111111111";
inline const std::string kMentorUserId = "22222222-2222-4222-8222-222222222222";

inline SessionCancelled Cancelled(SessionParty by, const std::string& actor, Timestamp at,
                                  std::optional<RefundPolicy> rule, BasisPoints bps, int64_t refund,
                                  int64_t retained, const std::string& reason = "exam moved") {
  SessionCancelled e;
  e.session_id = kSession;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.cancelled_by = by;
  e.cancelled_by_actor = actor;
  e.reason = reason;
  e.scheduled_at = kStart;
  e.notice_minutes = (kStart - at) / Minutes(1);
  e.refund_policy = rule;
  e.refund_bps = bps;
  e.refund_amount = INR(refund);
  e.retained_amount = INR(retained);
  e.policy = kPolicy;
  return e;
}

inline std::string StudentReason(const std::string& reason = "exam moved") {
  return "cancelled by the student: " + reason;
}

inline Policies HoldFor(Micros hold) {
  Policies p;
  p.mentorship.name = "mentorship-hold";
  p.mentorship.escrow_hold_after_completion = hold;
  return p;
}

}  // namespace edu::mentorship::fixtures
