// A PeerLoop 1-on-1 session between an enrolled student and the enrollment's teacher: its
// lifecycle (SessionMachine) and the mutual assessments that follow it.
#pragma once

#include <optional>
#include <set>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"
#include "domain/peerloop/session_machine.h"

namespace edu::peerloop {

struct SessionState {
  bool exists = false;
  SessionMachine lifecycle;
  Uuid session_id;
  Uuid enrollment_id;
  Uuid course_id;
  Uuid teacher_id;
  Uuid student_id;
  Timestamp scheduled_start;
  Timestamp scheduled_end;
  std::optional<Timestamp> started_at;
  std::set<Uuid> assessed_by;

  SessionStatus status() const { return lifecycle.status(); }
};

struct SessionDecider {
  static constexpr const char* kCategory = kSessionCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = SessionState;
  using Command =
      std::variant<ScheduleSession, StartSession, CompleteSession, CancelSession, AssessSession>;
  using Event = std::variant<SessionScheduled, SessionStarted, SessionCompleted, SessionCancelled,
                             SessionAssessed>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// A session may start at most this long before its scheduled start.
inline constexpr Micros kSessionEarlyStart = Minutes(15);
// The longest session that can be scheduled.
inline constexpr Micros kMaxSessionLength = Hours(8);

}  // namespace edu::peerloop
