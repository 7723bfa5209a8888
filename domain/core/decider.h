// Deciders (the Emmett / Chassaing shape). Every aggregate is a struct of three pure functions:
//
//   struct SessionDecider {
//     static constexpr const char* kCategory = "mentorship.session";
//     static constexpr Marketplace kMarketplace = Marketplace::mentorship;
//     using State = SessionState;
//     using Command = std::variant<BookSession, CompleteSession, ...>;
//     using Event = std::variant<SessionBooked, SessionCompleted, ...>;
//     static State initial_state();
//     static Decision<Event> decide(const Command&, const State&, const DecisionContext&);
//     static State evolve(State, const Event&);
//   };
//
// decide and evolve std::visit their variant with one overload per alternative and no catch-all,
// so adding a command or event without handling it fails to compile.
//
// Each command struct has `static constexpr const char* kType`, an EDU_FIELDS description,
// `std::string stream_id() const` (the stream it decides on) and optionally
// `std::vector<std::string> references() const` (other streams whose state it reads). Each event
// struct has kType, `static constexpr int kSchemaVersion`, and an EDU_FIELDS description.
#pragma once

#include "domain/core/actor.h"
#include "domain/core/decision.h"
#include "domain/core/marketplace.h"
#include "domain/core/references.h"
#include "domain/core/stream.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu {

struct Policies;

struct DecisionContext {
  Timestamp now;                       // when the command was accepted by the API
  Actor actor;                         // who issued it (already authenticated)
  Uuid command_id;                     // the command's id: a seed for ids the decision derives
  const References* refs = nullptr;    // states of the streams the command references
  const Policies* policies = nullptr;  // per-marketplace configuration in force
};

}  // namespace edu
