// The session decider's steps issued by the scheduler (session_deadlines.cc): no-show detection.
// Internal to domain/mentorship.
#pragma once

#include "domain/core/decision.h"
#include "domain/mentorship/session.h"

namespace edu::mentorship::session_internal {

// DetectNoShow: a session still confirmed (or rescheduled) at scheduled_at + no_show_grace is
// flagged for review (SessionNoShowDetected), once per start; system or staff only.
Decision<SessionDecider::Event> DetectAbsence(const DetectNoShow& c, const SessionState& s,
                                              const DecisionContext& ctx);

}  // namespace edu::mentorship::session_internal
