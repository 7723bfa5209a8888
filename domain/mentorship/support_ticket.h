// A mentorship support ticket (seed 002 §4.1 "support/tickets": create, assign, escalate, close;
// satisfaction; table support_tickets). Its status moves through SupportTicketMachine. Who may do
// what: a student or mentor opens a ticket about themselves (staff may open one for a user),
// optionally about one of their sessions; support or admin users assign, escalate and resolve it;
// the ticket's user or staff close it (the user may also reopen a resolved one); only the
// ticket's user rates it, 1..5, once it is closed.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/mentorship/commands_support.h"
#include "domain/mentorship/events_support.h"
#include "domain/mentorship/support_ticket_machine.h"

namespace edu::mentorship {

struct SupportTicketState {
  bool exists = false;
  Uuid ticket_id;
  Uuid user_id;
  SupportTicketMachine machine;
  TicketPriority priority = TicketPriority::medium;
  std::optional<Uuid> assigned_to;
  bool resolved = false;  // a resolution stands (not reopened since)
  std::optional<int32_t> satisfaction_rating;

  SupportTicketStatus status() const { return machine.status(); }
};

struct SupportTicketDecider {
  static constexpr const char* kCategory = kSupportTicketCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = SupportTicketState;
  using Command = std::variant<OpenSupportTicket, AssignSupportTicket, EscalateSupportTicket,
                               ResolveSupportTicket, ReopenSupportTicket, CloseSupportTicket,
                               RateSupportTicket>;
  using Event = std::variant<SupportTicketOpened, SupportTicketAssigned, SupportTicketEscalated,
                             SupportTicketResolved, SupportTicketReopened, SupportTicketClosed,
                             SupportTicketRated>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The priority an escalation gives: one step up, urgent stays urgent.
TicketPriority EscalatedPriority(TicketPriority priority);

}  // namespace edu::mentorship
