// Mentorship support commands: support tickets (seed 002 §4.1 "support/tickets") and the
// notification inboxes that reactions to mentorship events fill (seed 002 "notifications/":
// a user's notifications, mark-read). Ids of new things arrive here; time in the DecisionContext.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/support_types.h"

namespace edu::mentorship {

inline std::string SupportTicketStream(const Uuid& ticket_id) {
  return StreamId(kSupportTicketCategory, ticket_id);
}
inline std::string NotificationsStream(const Uuid& user_id) {
  return StreamId(kNotificationsCategory, user_id);
}
inline std::string NotificationRouteStream(const Uuid& notification_id) {
  return StreamId(kNotificationRouteCategory, notification_id);
}

// ---- support tickets ----------------------------------------------------------------------------

// A student or mentor opens a ticket about themselves (staff may open one for a user who called),
// optionally about one of the user's sessions. The subject is trimmed and must not be empty.
struct OpenSupportTicket {
  static constexpr const char* kType = "OpenSupportTicket";
  Uuid ticket_id;
  Uuid user_id;  // whom the ticket is about: the opener, who may close, reopen and rate it
  TicketType ticket_type = TicketType::other;
  std::optional<TicketPriority> priority;  // medium when absent
  std::string subject;                     // at most 255 characters
  std::string description;
  std::optional<Uuid> session_id;  // a session of the user's, when the ticket is about one
  EDU_FIELDS(ticket_id, user_id, ticket_type, priority, subject, description, session_id)
  EDU_LIMITS(limit::Text("description"))
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {UserStream(user_id)};
    if (session_id) refs.push_back(SessionStream(*session_id));
    return refs;
  }
};

// Staff hand the ticket to a support or admin user (again to reassign it).
struct AssignSupportTicket {
  static constexpr const char* kType = "AssignSupportTicket";
  Uuid ticket_id;
  Uuid assigned_to;  // users.id of a support or admin user
  EDU_FIELDS(ticket_id, assigned_to)
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
  std::vector<std::string> references() const { return {UserStream(assigned_to)}; }
};

// Staff escalate an open or assigned ticket: its priority rises one step (urgent stays urgent),
// optionally to a new assignee (a senior).
struct EscalateSupportTicket {
  static constexpr const char* kType = "EscalateSupportTicket";
  Uuid ticket_id;
  std::string reason;
  std::optional<Uuid> assigned_to;
  EDU_FIELDS(ticket_id, reason, assigned_to)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
  std::vector<std::string> references() const {
    if (!assigned_to) return {};
    return {UserStream(*assigned_to)};
  }
};

// Staff answer an assigned or escalated ticket (resolution_notes, resolved_at).
struct ResolveSupportTicket {
  static constexpr const char* kType = "ResolveSupportTicket";
  Uuid ticket_id;
  std::string resolution_notes;
  EDU_FIELDS(ticket_id, resolution_notes)
  EDU_LIMITS(limit::Text("resolution_notes"))
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
};

// The opener (or staff) says a resolved ticket is not solved: back to its assignee.
struct ReopenSupportTicket {
  static constexpr const char* kType = "ReopenSupportTicket";
  Uuid ticket_id;
  std::string reason;
  EDU_FIELDS(ticket_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
};

// The opener (withdrawing it, or accepting its resolution) or staff close a ticket. Final.
struct CloseSupportTicket {
  static constexpr const char* kType = "CloseSupportTicket";
  Uuid ticket_id;
  std::optional<std::string> notes;
  EDU_FIELDS(ticket_id, notes)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
};

// The opener rates the support they got, 1..5, once, after the ticket is closed.
struct RateSupportTicket {
  static constexpr const char* kType = "RateSupportTicket";
  Uuid ticket_id;
  int32_t satisfaction_rating = 0;
  std::optional<std::string> feedback;
  EDU_FIELDS(ticket_id, satisfaction_rating, feedback)
  EDU_LIMITS(limit::Text("feedback"))
  std::string stream_id() const { return SupportTicketStream(ticket_id); }
};

// ---- notifications ------------------------------------------------------------------------------

// Issued only by the mentorship.notifications reaction (role system): a notification in a user's
// inbox. The notification id is derived from the event that caused it, so a redelivered event
// notifies once.
struct NotifyUser {
  static constexpr const char* kType = "NotifyUser";
  Uuid user_id;
  Uuid notification_id;
  NotificationKind kind = NotificationKind::session_requested;
  std::string title;
  std::string message;
  std::string resource_type;  // "session", "payout", "support_ticket"
  Uuid resource_id;
  EDU_FIELDS(user_id, notification_id, kind, title, message, resource_type, resource_id)
  EDU_LIMITS(limit::Text("message"))
  std::string stream_id() const { return NotificationsStream(user_id); }
};

// Issued only by the reaction (role system) for an event that names a session or a mentor
// profile but not the user to tell: the decision reads that session or mentor and records whose
// inbox the notification goes to; the reaction then notifies that user.
struct RouteNotification {
  static constexpr const char* kType = "RouteNotification";
  Uuid notification_id;
  NotificationAudience audience = NotificationAudience::session_student;
  Uuid via_id;  // the session (session_student, session_mentor) or mentor (mentor) to read
  NotificationKind kind = NotificationKind::refund_issued;
  std::string title;
  std::string message;
  std::string resource_type;  // what the notification is about ("session", "payout")
  Uuid resource_id;
  EDU_FIELDS(notification_id, audience, via_id, kind, title, message, resource_type, resource_id)
  EDU_LIMITS(limit::Text("message"))
  std::string stream_id() const { return NotificationRouteStream(notification_id); }
  std::vector<std::string> references() const {
    if (audience == NotificationAudience::mentor) return {MentorStream(via_id)};
    return {SessionStream(via_id)};
  }
};

// The inbox's user marks one of their notifications read.
struct MarkNotificationRead {
  static constexpr const char* kType = "MarkNotificationRead";
  Uuid user_id;
  Uuid notification_id;
  EDU_FIELDS(user_id, notification_id)
  std::string stream_id() const { return NotificationsStream(user_id); }
};

}  // namespace edu::mentorship
