// The session decider's steps issued by the scheduler (session_deadlines.cc): no-show detection and
// the recording erasure.
// Internal to domain/mentorship.
#pragma once

#include "domain/core/decision.h"
#include "domain/mentorship/session.h"

namespace edu::mentorship::session_internal {

// DetectNoShow: a session still confirmed (or rescheduled) at scheduled_at + no_show_grace is
// flagged for review (SessionNoShowDetected), once per start; system or staff only.
Decision<SessionDecider::Event> DetectAbsence(const DetectNoShow& c, const SessionState& s,
                                              const DecisionContext& ctx);

// EraseSessionRecording: a completed session's recording, recording_retention_days after its
// completion, is erased (SessionRecordingErased), once; the scheduler only.
Decision<SessionDecider::Event> EraseRecording(const EraseSessionRecording& c,
                                               const SessionState& s, const DecisionContext& ctx);

}  // namespace edu::mentorship::session_internal
