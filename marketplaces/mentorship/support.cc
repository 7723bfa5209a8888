// Mentorship support tickets and notifications: their commands with who may issue them, and the
// notifications reaction. RegisterMentorship and MentorshipReactions (commands.cc) call in here.
//
// Notifications: the PRD documents no notifications table, but a booking, a payment, a
// cancellation, a refund, a payout or an answered ticket still notifies someone. Each such event
// is followed by a NotifyUser into the user's inbox (mentorship.notifications-<users.id>); an event
// that names only a session or a mentor profile (RefundIssued, PayoutCompleted) is routed first
// (RouteNotification reads the session or mentor; its NotificationRouted then notifies the user
// it found). Notification ids are derived from the causing event, so a redelivered event notifies
// once. No projection reads these events; `eduledger replay --type UserNotified` shows them.
#include <fmt/format.h>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/mentorship/notifications.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/support_ticket.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterMentorshipSupport(Registry* r) {
  using namespace mentorship;
  const std::vector<std::string> staff = {"admin", "support"};
  const std::vector<std::string> users = {"student", "mentor", "admin", "support"};

  // Support tickets (seed 002 §4.1 support/tickets): create, assign, escalate, resolve, close,
  // satisfaction.
  r->AddCommand<SupportTicketDecider, OpenSupportTicket>(
      users, "Open a support ticket about yourself, optionally about one of your sessions");
  r->AddCommand<SupportTicketDecider, AssignSupportTicket>(
      staff, "Assign (or reassign) a support ticket to a support or admin user");
  r->AddCommand<SupportTicketDecider, EscalateSupportTicket>(
      staff, "Escalate a support ticket: its priority rises one step, optionally a new assignee");
  r->AddCommand<SupportTicketDecider, ResolveSupportTicket>(
      staff, "Answer an assigned or escalated support ticket with resolution notes");
  r->AddCommand<SupportTicketDecider, ReopenSupportTicket>(
      users, "Reopen a resolved support ticket (its user, or staff): back to its assignee");
  r->AddCommand<SupportTicketDecider, CloseSupportTicket>(
      users, "Close a support ticket (its user, or staff); closed is final");
  r->AddCommand<SupportTicketDecider, RateSupportTicket>(
      users, "Rate the support a closed ticket got, 1-5 (the ticket's user, once)");

  // Notifications: the reaction below notifies; users mark them read.
  r->AddCommand<NotificationInboxDecider, NotifyUser>(
      {"system"}, "Put a notification in a user's inbox (the notifications reaction)");
  r->AddCommand<NotificationRouteDecider, RouteNotification>(
      {"system"}, "Find whom a notification about a session or mentor goes to (the reaction)");
  r->AddCommand<NotificationInboxDecider, MarkNotificationRead>(
      users, "Mark one of your notifications read");
}

namespace {

using namespace mentorship;

// Free text quoted in a notification: at most `bytes` bytes, cut on a UTF-8 character boundary.
std::string Clip(const std::string& text, size_t bytes = 280) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

template <class Command>
ReactionCommand Issue(Command command, std::string key) {
  return edu::Issue("mentorship", std::move(command), std::move(key));
}

class NotificationsReaction : public Reaction {
 public:
  using Trigger = std::variant<SessionBooked, PaymentCaptured, PaymentFailed, SessionCancelled,
                               RefundIssued, PayoutCompleted, SupportTicketAssigned,
                               SupportTicketResolved, NotificationRouted>;

  std::string name() const override { return "mentorship.notifications"; }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "mentorship" && HandlesEventType<Trigger>(e.type);
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    // One notification per recipient of the event, its id derived from the event and the key.
    auto notify = [&](const std::string& key, const Uuid& user, NotificationKind kind,
                      std::string title, std::string message, const char* resource_type,
                      const Uuid& resource) {
      out->push_back(
          Issue(NotifyUser{user, DeriveUuid(e.event_id, "notification/" + key), kind,
                           std::move(title), std::move(message), resource_type, resource},
                key));
    };
    auto route = [&](const std::string& key, NotificationAudience audience, const Uuid& via,
                     NotificationKind kind, std::string title, std::string message,
                     const char* resource_type, const Uuid& resource) {
      out->push_back(Issue(
          RouteNotification{DeriveUuid(e.event_id, "notification/" + key), audience, via, kind,
                            std::move(title), std::move(message), resource_type, resource},
          key));
    };
    std::visit(
        Overloaded{
            [&](const SessionBooked& b) {
              notify("mentor", b.mentor_user_id, NotificationKind::session_requested,
                     "New session request",
                     fmt::format("A {}-minute {} session was requested for {} ({}).",
                                 b.duration_minutes, EnumName(b.session_type),
                                 FormatIso8601(b.scheduled_at), FormatMoney(b.amount)),
                     "session", b.session_id);
            },
            [&](const PaymentCaptured& p) {
              notify("student", p.student_id, NotificationKind::payment_captured,
                     "Payment received",
                     fmt::format("{} was captured; your session is confirmed. The platform "
                                 "holds it until the session is over.",
                                 FormatMoney(p.amount)),
                     "session", p.session_id);
            },
            [&](const PaymentFailed& p) {
              notify("student", p.student_id, NotificationKind::payment_failed, "Payment failed",
                     fmt::format("{} could not be captured ({}). Pay again, or cancel the "
                                 "session.",
                                 FormatMoney(p.amount), Clip(p.failure_reason)),
                     "session", p.session_id);
            },
            [&](const SessionCancelled& c) {
              std::string refund =
                  c.refund_amount.minor > 0
                      ? fmt::format(" {} will be refunded.", FormatMoney(c.refund_amount))
                      : std::string();
              std::string text = fmt::format("The session of {} was cancelled by its {}: {}.{}",
                                             FormatIso8601(c.scheduled_at),
                                             EnumName(c.cancelled_by), Clip(c.reason), refund);
              notify("student", c.student_id, NotificationKind::session_cancelled,
                     "Session cancelled", text, "session", c.session_id);
              route("mentor", NotificationAudience::session_mentor, c.session_id,
                    NotificationKind::session_cancelled, "Session cancelled", text, "session",
                    c.session_id);
            },
            [&](const RefundIssued& r) {
              route("student", NotificationAudience::session_student, r.session_id,
                    NotificationKind::refund_issued, "Refund issued",
                    fmt::format("{} was paid back to you.", FormatMoney(r.amount)), "session",
                    r.session_id);
            },
            [&](const PayoutCompleted& p) {
              route("mentor", NotificationAudience::mentor, p.mentor_id,
                    NotificationKind::payout_paid, "Payout paid",
                    fmt::format("Your payout of {} was paid (reference {}).",
                                FormatMoney(p.net_amount), p.payout_reference),
                    "payout", p.payout_id);
            },
            [&](const SupportTicketAssigned& a) {
              notify("assignee", a.assigned_to, NotificationKind::ticket_assigned,
                     "Support ticket assigned to you",
                     fmt::format("Support ticket {} is yours to answer.", ToString(a.ticket_id)),
                     "support_ticket", a.ticket_id);
            },
            [&](const SupportTicketResolved& r) {
              notify("user", r.user_id, NotificationKind::ticket_answered,
                     "Your support ticket was answered",
                     fmt::format("Support answered your ticket: {}", Clip(r.resolution_notes)),
                     "support_ticket", r.ticket_id);
            },
            [&](const NotificationRouted& n) {
              out->push_back(Issue(NotifyUser{n.user_id, n.notification_id, n.kind, n.title,
                                              n.message, n.resource_type, n.resource_id},
                                   "deliver"));
            }},
        event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeMentorshipNotificationsReaction() {
  return std::make_unique<NotificationsReaction>();
}

}  // namespace edu
