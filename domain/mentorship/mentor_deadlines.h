// The mentor decider's steps issued by the scheduler (mentor_deadlines.cc): verification expiry
// and the quarterly re-verification. Internal to domain/mentorship.
#pragma once

#include "domain/core/decision.h"
#include "domain/mentorship/mentor.h"

namespace edu::mentorship::mentor_deadlines {

// From 00:00 UTC of expiry_date, an approved or suspended mentor's verification expires
// (reapplication_required); system or admin only.
Decision<MentorDecider::Event> Expire(const ExpireMentorVerification& c, const MentorState& s,
                                      const DecisionContext& ctx);
// From 00:00 UTC of auto_reverify_date, an approved mentor's quarterly review opens, once per
// date; system or admin only.
Decision<MentorDecider::Event> Reverify(const OpenMentorReverification& c, const MentorState& s,
                                        const DecisionContext& ctx);

}  // namespace edu::mentorship::mentor_deadlines
