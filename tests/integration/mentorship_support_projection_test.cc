// mentorship.support_tickets projected by a real Projector into real PostgreSQL: every column
// from a ticket's events; notification events feed no table (only audit_logs, as every event).
#include "domain/mentorship/notifications.h"
#include "domain/mentorship/support_ticket.h"
#include "projections/mentorship/mentorship_projection.h"
#include "tests/support/projection_spec.h"

namespace edu::mentorship {
namespace {

using testing::ProjectionSpec;

const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kSession = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kSupportUser = *ParseUuid("77777777-7777-4777-8777-777777777777");
const Uuid kSeniorUser = *ParseUuid("77777777-7777-4777-8777-777777777778");
const Uuid kTicket = *ParseUuid("88888888-8888-4888-8888-888888888801");
const Timestamp kOpenedAt = *ParseIso8601("2026-03-02T08:00:00Z");
const Timestamp kResolvedAt = *ParseIso8601("2026-03-02T11:30:00Z");

SupportTicketOpened Opened() {
  SupportTicketOpened e;
  e.ticket_id = kTicket;
  e.user_id = kStudent;
  e.opened_by = ToString(kStudent);
  e.ticket_type = TicketType::refund;
  e.priority = TicketPriority::medium;
  e.subject = "Refund not received";
  e.description = Personal<std::string>("I cancelled two days ahead; no refund yet.");
  e.session_id = kSession;
  return e;
}

const char* kRow =
    "SELECT id::text, user_id::text, ticket_type, priority, status, subject, description, "
    "assigned_to::text, created_at, resolved_at, resolution_notes, satisfaction_rating "
    "FROM mentorship.support_tickets";

}  // namespace

TEST_SUITE("mentorship support projection") {
  TEST_CASE("a ticket opened, assigned, escalated, resolved, reopened, resolved, closed, rated") {
    ProjectionSpec spec(MakeMentorshipProjection());
    const std::string stream = SupportTicketStream(kTicket);
    spec.at(kOpenedAt).given(stream, Opened());
    spec.then_rows(kRow, {{ToString(kTicket), ToString(kStudent), "refund", "medium", "open",
                           "Refund not received", "I cancelled two days ahead; no refund yet.",
                           "NULL", "2026-03-02 08:00:00+00", "NULL", "NULL", "NULL"}});
    spec.given(stream,
               SupportTicketAssigned{kTicket, kStudent, kSupportUser, std::nullopt, "admin",
                                     SupportTicketStatus::assigned},
               SupportTicketEscalated{kTicket, kStudent, "support", "second complaint",
                                      TicketPriority::medium, TicketPriority::high, kSeniorUser});
    spec.then_rows("SELECT status, priority, assigned_to::text FROM mentorship.support_tickets",
                   {{"escalated", "high", ToString(kSeniorUser)}});
    spec.given(stream,
               SupportTicketResolved{kTicket, kStudent, "support", "Refund re-sent.", kResolvedAt});
    spec.then_rows("SELECT status, resolved_at, resolution_notes FROM mentorship.support_tickets",
                   {{"resolved", "2026-03-02 11:30:00+00", "Refund re-sent."}});
    // Reopened: the resolution no longer stands.
    spec.given(stream, SupportTicketReopened{kTicket, kStudent, ToString(kStudent), "still nothing",
                                             kSeniorUser});
    spec.then_rows("SELECT status, resolved_at, resolution_notes FROM mentorship.support_tickets",
                   {{"assigned", "NULL", "NULL"}});
    spec.given(stream,
               SupportTicketResolved{kTicket, kStudent, "support", "Paid by bank transfer.",
                                     kResolvedAt + Minutes(60)},
               SupportTicketClosed{kTicket, kStudent, ToString(kStudent), std::nullopt, true},
               SupportTicketRated{kTicket, kStudent, 4, std::string("slow but solved")});
    spec.then_rows(kRow, {{ToString(kTicket), ToString(kStudent), "refund", "high", "closed",
                           "Refund not received", "I cancelled two days ahead; no refund yet.",
                           ToString(kSeniorUser), "2026-03-02 08:00:00+00",
                           "2026-03-02 12:30:00+00", "Paid by bank transfer.", "4"}});
  }

  TEST_CASE("a forgotten user's ticket description reads NULL; the rest of the ticket stays") {
    ProjectionSpec spec(MakeMentorshipProjection());
    SupportTicketOpened opened = Opened();
    opened.description.erased = true;  // as the log reads once the user's key is destroyed
    spec.given(SupportTicketStream(kTicket), opened);
    spec.then_rows("SELECT subject, description, status FROM mentorship.support_tickets",
                   {{"Refund not received", "NULL", "open"}});
  }

  TEST_CASE("notification events feed no documented table, only audit_logs") {
    ProjectionSpec spec(MakeMentorshipProjection());
    const Uuid notification = *ParseUuid("99999999-9999-4999-8999-999999999901");
    spec.given(NotificationsStream(kStudent),
               UserNotified{kStudent, notification, NotificationKind::ticket_answered,
                            "Your support ticket was answered", "Refund re-sent.", "support_ticket",
                            kTicket},
               NotificationRead{kStudent, notification, kResolvedAt});
    spec.given(NotificationRouteStream(notification),
               NotificationRouted{notification, NotificationAudience::session_student, kSession,
                                  kStudent, NotificationKind::refund_issued, "Refund issued",
                                  "back", "session", kSession});
    spec.then_rows("SELECT count(*) FROM mentorship.support_tickets", {{"0"}});
    spec.then_rows("SELECT action_type FROM mentorship.audit_logs ORDER BY action_type",
                   {{"NotificationRead"}, {"NotificationRouted"}, {"UserNotified"}});
  }
}

}  // namespace edu::mentorship
