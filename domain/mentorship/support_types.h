// Vocabularies and stream categories of mentorship support (seed 002 §4.1 "support/tickets":
// create, assign, escalate, close, satisfaction) and of the per-user notification inboxes.
#pragma once

#include "domain/core/describe.h"

namespace edu::mentorship {

// support_tickets.ticket_type: what the ticket is about.
EDU_ENUM(TicketType, account, session, payment, refund, mentor_verification, technical, safety,
         other)
// support_tickets.priority; an escalation raises it one step (urgent stays urgent).
EDU_ENUM(TicketPriority, low, medium, high, urgent)

// What a notification tells its user (one per reaction rule in marketplaces/mentorship/;
// session_reminder is the scheduler's, commands/scheduler.h).
EDU_ENUM(NotificationKind, session_requested, session_reminder, payment_captured, payment_failed,
         session_cancelled, refund_issued, payout_paid, ticket_assigned, ticket_answered)
// Whose inbox a routed notification goes to, found from the resource it is about.
EDU_ENUM(NotificationAudience, session_student, session_mentor, mentor)

// One stream per ticket: its lifecycle (SupportTicketMachine), assignee and rating.
inline constexpr const char* kSupportTicketCategory = "mentorship.support_ticket";
// One stream per user (users.id): the notifications sent to them and which they have read.
inline constexpr const char* kNotificationsCategory = "mentorship.notifications";
// One stream per notification whose event names only a session or a mentor profile: the routing
// step that finds the user it goes to.
inline constexpr const char* kNotificationRouteCategory = "mentorship.notification_route";

}  // namespace edu::mentorship
