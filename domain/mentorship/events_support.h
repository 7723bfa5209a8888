// Mentorship support events: a support ticket's life (stream mentorship.support_ticket-<id>, read
// table support_tickets) and the notifications of a user's inbox (stream
// mentorship.notifications-<user id>; no read table is documented: replay shows them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/support_ticket_machine.h"
#include "domain/mentorship/support_types.h"

namespace edu::mentorship {

// ---- support tickets ----------------------------------------------------------------------------

struct SupportTicketOpened {
  static constexpr const char* kType = "SupportTicketOpened";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;           // whom it is about (support_tickets.user_id)
  std::string opened_by;  // the actor: the user, or staff for them
  TicketType ticket_type = TicketType::other;
  TicketPriority priority = TicketPriority::medium;
  std::string subject;                // trimmed
  Personal<std::string> description;  // the user's own words about their case
  std::optional<Uuid> session_id;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(ticket_id, user_id, opened_by, ticket_type, priority, subject, description, session_id)
};

struct SupportTicketAssigned {
  static constexpr const char* kType = "SupportTicketAssigned";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;
  Uuid assigned_to;
  std::optional<Uuid> previous_assignee;
  std::string assigned_by;
  SupportTicketStatus status = SupportTicketStatus::assigned;  // after: assigned or escalated
  EDU_FIELDS(ticket_id, user_id, assigned_to, previous_assignee, assigned_by, status)
};

struct SupportTicketEscalated {
  static constexpr const char* kType = "SupportTicketEscalated";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;
  std::string escalated_by;
  std::string reason;
  TicketPriority priority_before = TicketPriority::medium;
  TicketPriority priority = TicketPriority::high;  // one step up, at most urgent
  std::optional<Uuid> assigned_to;                 // the assignee after (new or kept)
  EDU_FIELDS(ticket_id, user_id, escalated_by, reason, priority_before, priority, assigned_to)
};

struct SupportTicketResolved {
  static constexpr const char* kType = "SupportTicketResolved";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;
  std::string resolved_by;
  std::string resolution_notes;
  Timestamp resolved_at;
  EDU_FIELDS(ticket_id, user_id, resolved_by, resolution_notes, resolved_at)
};

// Back to its assignee; the previous resolution no longer stands (resolved_at, resolution_notes
// cleared in the read table).
struct SupportTicketReopened {
  static constexpr const char* kType = "SupportTicketReopened";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;
  std::string reopened_by;
  std::string reason;
  std::optional<Uuid> assigned_to;
  EDU_FIELDS(ticket_id, user_id, reopened_by, reason, assigned_to)
};

struct SupportTicketClosed {
  static constexpr const char* kType = "SupportTicketClosed";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;
  std::string closed_by;
  std::optional<std::string> notes;
  bool was_resolved = false;  // closed after a resolution (else withdrawn or closed unresolved)
  EDU_FIELDS(ticket_id, user_id, closed_by, notes, was_resolved)
};

struct SupportTicketRated {
  static constexpr const char* kType = "SupportTicketRated";
  static constexpr int kSchemaVersion = 1;
  Uuid ticket_id;
  Uuid user_id;
  int32_t satisfaction_rating = 0;  // 1..5
  std::optional<std::string> feedback;
  EDU_FIELDS(ticket_id, user_id, satisfaction_rating, feedback)
};

// ---- notifications ------------------------------------------------------------------------------

// A notification in a user's inbox (users.id), made by a reaction to a mentorship event (the
// envelope's metadata names the cause).
struct UserNotified {
  static constexpr const char* kType = "UserNotified";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  Uuid notification_id;
  NotificationKind kind = NotificationKind::session_requested;
  std::string title;
  std::string message;
  std::string resource_type;
  Uuid resource_id;
  EDU_FIELDS(user_id, notification_id, kind, title, message, resource_type, resource_id)
};

struct NotificationRead {
  static constexpr const char* kType = "NotificationRead";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  Uuid notification_id;
  Timestamp read_at;
  EDU_FIELDS(user_id, notification_id, read_at)
};

// Whose inbox a notification about a session or a mentor goes to (RouteNotification).
struct NotificationRouted {
  static constexpr const char* kType = "NotificationRouted";
  static constexpr int kSchemaVersion = 1;
  Uuid notification_id;
  NotificationAudience audience = NotificationAudience::session_student;
  Uuid via_id;
  Uuid user_id;  // the recipient found
  NotificationKind kind = NotificationKind::refund_issued;
  std::string title;
  std::string message;
  std::string resource_type;
  Uuid resource_id;
  EDU_FIELDS(notification_id, audience, via_id, user_id, kind, title, message, resource_type,
             resource_id)
};

}  // namespace edu::mentorship
