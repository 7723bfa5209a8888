// Help summons (CD-023): a student enrolled in a course summons help; an available student-teacher
// of that course responds; the student closes it with the session's length and the points the
// responder earns (summon_help, credited by the peerloop.goodwill reaction), none for sessions
// under the minimum; one nobody answers expires after the policy's summon_expires_after
// (ExpireSummon, the scheduler). Lifecycle: SummonMachine.
#pragma once

#include <optional>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/commands_deadlines.h"
#include "domain/peerloop/events.h"
#include "domain/peerloop/events_deadlines.h"
#include "domain/peerloop/summon_machine.h"

namespace edu::peerloop {

struct SummonState {
  bool exists = false;
  SummonMachine lifecycle;
  Uuid summon_id;
  Uuid student_id;
  Uuid course_id;
  std::optional<Timestamp> summoned_at;  // HelpSummoned's (absent in events before issue 12)
  std::optional<Uuid> responder_id;
  // When the response came (SummonResponded): a summon's duration runs from here to completion.
  Timestamp responded_at;
  int32_t points_awarded = 0;

  SummonStatus status() const { return lifecycle.status(); }
};

struct SummonDecider {
  static constexpr const char* kCategory = kSummonCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = SummonState;
  using Command =
      std::variant<SummonHelp, RespondToSummon, CompleteSummon, CancelSummon, ExpireSummon>;
  using Event =
      std::variant<HelpSummoned, SummonResponded, SummonCompleted, SummonCancelled, SummonExpired>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
