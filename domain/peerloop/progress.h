// PeerLoop module progress (seed 001 module_progress, CD-019: self-marked checkboxes; US-S055):
// the student of an enrollment ticks the modules of the course's curriculum they finished, and
// may untick them. One stream per enrollment (peerloop.module_progress-<enrollment>), one
// module_progress row per module, named by the first mark's progress_id.
#pragma once

#include <map>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands_learning.h"
#include "domain/peerloop/events_learning.h"

namespace edu::peerloop {

struct ModuleProgressState {
  struct Module {
    Uuid progress_id;
    bool is_complete = false;
  };
  std::map<Uuid, Module> modules;  // by module id

  int CompletedCount() const {
    int n = 0;
    for (const auto& [id, m] : modules) n += m.is_complete ? 1 : 0;
    return n;
  }
};

struct ModuleProgressDecider {
  static constexpr const char* kCategory = kModuleProgressCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = ModuleProgressState;
  using Command = std::variant<MarkModuleProgress>;
  using Event = std::variant<ModuleProgressMarked>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
