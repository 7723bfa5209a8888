#include "domain/mentorship/support_ticket.h"

#include <string>

#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"

namespace edu::mentorship {
namespace {

using Event = SupportTicketDecider::Event;
using S = SupportTicketStatus;
using T = SupportTicketTrigger;

bool IsStaff(const Actor& a) { return a.role == "admin" || a.role == "support"; }
bool IsOpener(const SupportTicketState& s, const Actor& a) { return a.id == ToString(s.user_id); }

std::string Trimmed(const std::string& text) {
  const char* kSpace = " \t\n\r\f\v";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

Rejection Missing(const Uuid& ticket_id) {
  return Reject(codes::kSupportTicketNotFound, "support ticket {} does not exist",
                ToString(ticket_id));
}

Rejection StaffOnly(const char* what) {
  return Reject(codes::kStaffOnly, "only support or an admin may {} a support ticket", what);
}

Rejection NotOpener(const SupportTicketState& s, const char* what) {
  return Reject(codes::kNotTicketOpener, "only the user of support ticket {} may {} it",
                ToString(s.ticket_id), what);
}

// The refusal of a trigger the lifecycle does not allow from the ticket's status, if any.
std::optional<Rejection> Disallowed(const SupportTicketState& s, T trigger, const char* what) {
  if (s.machine.Allows(trigger)) return std::nullopt;
  return Reject(codes::kIllegalTransition, "support ticket {} is {}; it cannot be {}",
                ToString(s.ticket_id), EnumName(s.status()), what);
}

// The new assignee must be a registered support or admin user.
std::optional<Rejection> CheckAssignee(const Uuid& assignee, const DecisionContext& ctx) {
  auto user = ctx.refs->Lookup<UserState>(UserStream(assignee));
  if (!user) {
    return Reject(codes::kUserNotFound, "assignee {} is not a registered user", ToString(assignee));
  }
  if (user->role != UserRole::support && user->role != UserRole::admin) {
    return Reject(codes::kAssigneeNotStaff,
                  "user {} is a {}; tickets are assigned to support or admin users",
                  ToString(assignee), EnumName(user->role));
  }
  return std::nullopt;
}

Decision<Event> Open(const OpenSupportTicket& c, const SupportTicketState& s,
                     const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kSupportTicketAlreadyExists, "support ticket {} already exists",
                  ToString(c.ticket_id));
  }
  if (ctx.actor.id != ToString(c.user_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may open a support ticket only about themselves, not user {}",
                  ctx.actor.id, ToString(c.user_id));
  }
  if (!ctx.refs->Lookup<UserState>(UserStream(c.user_id))) {
    return Reject(codes::kUserNotFound, "user {} is not registered", ToString(c.user_id));
  }
  const std::string subject = Trimmed(c.subject);
  if (subject.empty()) {
    return Reject(codes::kTicketSubjectRequired, "a support ticket's subject must not be empty");
  }
  if (c.session_id) {
    auto session = ctx.refs->Lookup<SessionState>(SessionStream(*c.session_id));
    if (!session) {
      return Reject(codes::kSessionNotFound, "session {} does not exist", ToString(*c.session_id));
    }
    if (session->student_id != c.user_id && session->mentor_user_id != c.user_id) {
      return Reject(codes::kNotSessionParty,
                    "user {} is neither the student nor the mentor of session {}",
                    ToString(c.user_id), ToString(*c.session_id));
    }
  }
  SupportTicketOpened e;
  e.ticket_id = c.ticket_id;
  e.user_id = c.user_id;
  e.opened_by = ctx.actor.id;
  e.ticket_type = c.ticket_type;
  e.priority = c.priority.value_or(TicketPriority::medium);
  e.subject = subject;
  e.description = Personal<std::string>(c.description);
  e.session_id = c.session_id;
  return e;
}

Decision<Event> Assign(const AssignSupportTicket& c, const SupportTicketState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.ticket_id);
  if (!IsStaff(ctx.actor)) return StaffOnly("assign");
  if (auto refused = Disallowed(s, T::assign, "assigned")) return *refused;
  if (s.assigned_to == c.assigned_to) {
    return Reject(codes::kTicketAlreadyAssigned, "support ticket {} is already assigned to {}",
                  ToString(c.ticket_id), ToString(c.assigned_to));
  }
  if (auto refused = CheckAssignee(c.assigned_to, ctx)) return *refused;
  SupportTicketMachine after = s.machine;
  after.Fire(T::assign);
  return SupportTicketAssigned{c.ticket_id,   s.user_id,    c.assigned_to,
                               s.assigned_to, ctx.actor.id, after.status()};
}

Decision<Event> Escalate(const EscalateSupportTicket& c, const SupportTicketState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.ticket_id);
  if (!IsStaff(ctx.actor)) return StaffOnly("escalate");
  if (auto refused = Disallowed(s, T::escalate, "escalated")) return *refused;
  if (Trimmed(c.reason).empty()) {
    return Reject(codes::kReasonRequired, "an escalation's reason must not be empty");
  }
  if (c.assigned_to) {
    if (auto refused = CheckAssignee(*c.assigned_to, ctx)) return *refused;
  }
  SupportTicketEscalated e;
  e.ticket_id = c.ticket_id;
  e.user_id = s.user_id;
  e.escalated_by = ctx.actor.id;
  e.reason = c.reason;
  e.priority_before = s.priority;
  e.priority = EscalatedPriority(s.priority);
  e.assigned_to = c.assigned_to ? c.assigned_to : s.assigned_to;
  return e;
}

Decision<Event> Resolve(const ResolveSupportTicket& c, const SupportTicketState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.ticket_id);
  if (!IsStaff(ctx.actor)) return StaffOnly("resolve");
  if (auto refused = Disallowed(s, T::resolve, "resolved")) return *refused;
  if (!s.assigned_to) {  // escalated straight from open: someone must own the answer
    return Reject(codes::kIllegalTransition,
                  "support ticket {} is assigned to nobody; assign it before resolving it",
                  ToString(c.ticket_id));
  }
  if (Trimmed(c.resolution_notes).empty()) {
    return Reject(codes::kResolutionNotesRequired,
                  "resolving support ticket {} needs resolution_notes", ToString(c.ticket_id));
  }
  return SupportTicketResolved{c.ticket_id, s.user_id, ctx.actor.id, c.resolution_notes, ctx.now};
}

Decision<Event> Reopen(const ReopenSupportTicket& c, const SupportTicketState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.ticket_id);
  if (!IsOpener(s, ctx.actor) && !IsStaff(ctx.actor)) return NotOpener(s, "reopen");
  if (auto refused = Disallowed(s, T::reopen, "reopened")) return *refused;
  if (Trimmed(c.reason).empty()) {
    return Reject(codes::kReasonRequired, "reopening a ticket needs a reason");
  }
  return SupportTicketReopened{c.ticket_id, s.user_id, ctx.actor.id, c.reason, s.assigned_to};
}

Decision<Event> Close(const CloseSupportTicket& c, const SupportTicketState& s,
                      const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.ticket_id);
  if (!IsOpener(s, ctx.actor) && !IsStaff(ctx.actor)) return NotOpener(s, "close");
  if (s.status() == S::closed) {
    return Reject(codes::kTicketAlreadyClosed, "support ticket {} is already closed",
                  ToString(c.ticket_id));
  }
  if (auto refused = Disallowed(s, T::close, "closed")) return *refused;
  return SupportTicketClosed{c.ticket_id, s.user_id, ctx.actor.id, c.notes, s.resolved};
}

Decision<Event> Rate(const RateSupportTicket& c, const SupportTicketState& s,
                     const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.ticket_id);
  if (!IsOpener(s, ctx.actor)) return NotOpener(s, "rate");
  if (c.satisfaction_rating < 1 || c.satisfaction_rating > 5) {
    return Reject(codes::kInvalidRating, "satisfaction_rating {} is outside 1..5",
                  c.satisfaction_rating);
  }
  if (s.status() != S::closed) {
    return Reject(codes::kTicketNotClosed, "support ticket {} is {}; rate it once it is closed",
                  ToString(c.ticket_id), EnumName(s.status()));
  }
  if (s.satisfaction_rating) {
    return Reject(codes::kAlreadyRated, "support ticket {} was already rated {}",
                  ToString(c.ticket_id), *s.satisfaction_rating);
  }
  return SupportTicketRated{c.ticket_id, s.user_id, c.satisfaction_rating, c.feedback};
}

}  // namespace

TicketPriority EscalatedPriority(TicketPriority priority) {
  switch (priority) {
    case TicketPriority::low:
      return TicketPriority::medium;
    case TicketPriority::medium:
      return TicketPriority::high;
    case TicketPriority::high:
    case TicketPriority::urgent:
      return TicketPriority::urgent;
  }
  return TicketPriority::urgent;
}

Decision<SupportTicketDecider::Event> SupportTicketDecider::decide(const Command& command,
                                                                   const State& state,
                                                                   const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const OpenSupportTicket& c) { return Open(c, state, ctx); },
                 [&](const AssignSupportTicket& c) { return Assign(c, state, ctx); },
                 [&](const EscalateSupportTicket& c) { return Escalate(c, state, ctx); },
                 [&](const ResolveSupportTicket& c) { return Resolve(c, state, ctx); },
                 [&](const ReopenSupportTicket& c) { return Reopen(c, state, ctx); },
                 [&](const CloseSupportTicket& c) { return Close(c, state, ctx); },
                 [&](const RateSupportTicket& c) { return Rate(c, state, ctx); }},
      command);
}

SupportTicketState SupportTicketDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const SupportTicketOpened& e) {
                          s.exists = true;
                          s.ticket_id = e.ticket_id;
                          s.user_id = e.user_id;
                          s.priority = e.priority;
                        },
                        [&](const SupportTicketAssigned& e) {
                          s.machine.Fire(T::assign);
                          s.assigned_to = e.assigned_to;
                        },
                        [&](const SupportTicketEscalated& e) {
                          s.machine.Fire(T::escalate);
                          s.priority = e.priority;
                          s.assigned_to = e.assigned_to;
                        },
                        [&](const SupportTicketResolved&) {
                          s.machine.Fire(T::resolve);
                          s.resolved = true;
                        },
                        [&](const SupportTicketReopened&) {
                          s.machine.Fire(T::reopen);
                          s.resolved = false;
                        },
                        [&](const SupportTicketClosed&) { s.machine.Fire(T::close); },
                        [&](const SupportTicketRated& e) {
                          s.satisfaction_rating = e.satisfaction_rating;
                        }},
             event);
  return s;
}

}  // namespace edu::mentorship
