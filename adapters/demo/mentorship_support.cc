// The mentorship demo's support desk (seed 002 §4.1 support/tickets) and notifications: students
// and mentors open tickets; support assigns them, escalates some to the admin, resolves them;
// users close and rate them, one reopens a resolution first, one withdraws; a few stay in
// progress. The notifications reaction tells assignees and users (and, through the rest of the
// scenario, students and mentors about bookings, payments, cancellations, refunds and payouts);
// users mark their answers read. The mistakes a client makes are refused. The summary checks the
// support_tickets rows and the notification events against the events in the log.
#include <pqxx/pqxx>

#include "adapters/demo/checks.h"
#include "adapters/demo/mentorship_scenario.h"
#include "domain/mentorship/commands_support.h"
#include "domain/mentorship/support_ticket.h"

namespace edu::mentorship::demo_scenario {
namespace {

class SupportDesk {
 public:
  SupportDesk(DemoDriver& d, const Actor& admin, const Actor& support,
              const std::vector<Person>& students, const std::vector<DemoMentor>& mentors,
              const std::function<void()>& settle)
      : d_(d),
        admin_(admin),
        support_(support),
        students_(students),
        mentors_(mentors),
        settle_(settle) {}

  void Run() {
    const std::vector<std::string> kSubjects = {
        "Refund not received", "Cannot join the video room",  "Charged twice for a session",
        "Mentor arrived late", "How do I change my language", "Session notes are missing"};
    const std::vector<TicketType> kTypes = {TicketType::refund,  TicketType::technical,
                                            TicketType::payment, TicketType::session,
                                            TicketType::account, TicketType::session};
    const size_t n = std::min<size_t>(students_.size(), 12);
    for (size_t i = 0; i < n; ++i) {
      const Actor student{ToString(students_[i].id), "student"};
      Ticket(student, students_[i].id, kTypes[i % kTypes.size()], kSubjects[i % kSubjects.size()],
             static_cast<int>(i % 5));
    }
    for (size_t j = 0; j < std::min<size_t>(mentors_.size(), 2); ++j) {
      if (!mentors_[j].approved) continue;
      Ticket(mentors_[j].actor(), mentors_[j].user_id, TicketType::payment,
             "Payout reference missing", 0);
    }
    if (!in_progress_.first.id.empty() && !closed_and_rated_.first.id.empty()) Mistakes();
    // The answers reach their users through the notifications reaction; they read them.
    settle_();
    for (const auto& [user, notification] : answers_) {
      ExpectAccepted(Send(MarkNotificationRead{*ParseUuid(user.id), notification}, user),
                     "mentorship", "marking an answered ticket's notification read");
    }
    if (!answers_.empty()) {
      const auto& [user, notification] = answers_.front();
      ExpectRefused(Send(MarkNotificationRead{*ParseUuid(user.id), notification}, user),
                    "notification_already_read", "mentorship", "reading a notification twice");
    }
  }

 private:
  template <class Command>
  DemoOutcome Send(const Command& c, const Actor& actor) {
    return d_.Send(Command::kType, CommandBody("mentorship", c), actor);
  }

  // The fates of a ticket: 0 answered, closed and rated; 1 escalated to the admin, answered,
  // reopened, answered again, closed and rated; 2 withdrawn while open; 3 answered and closed by
  // support, never rated; 4 still in progress.
  void Ticket(const Actor& user, const Uuid& user_id, TicketType type, const std::string& subject,
              int fate) {
    OpenSupportTicket open;
    open.ticket_id = d_.NewId();
    open.user_id = user_id;
    open.ticket_type = type;
    open.priority = fate == 1 ? TicketPriority::high : TicketPriority::medium;
    open.subject = subject;
    open.description = "Details: " + subject + ". Please help.";
    const Uuid id = open.ticket_id;
    ExpectAccepted(Send(open, user), "mentorship", "opening a support ticket");
    if (fate == 2) {
      ExpectAccepted(Send(CloseSupportTicket{id, std::string("Solved it myself")}, user),
                     "mentorship", "withdrawing a ticket");
      return;
    }
    ExpectAccepted(Send(AssignSupportTicket{id, *ParseUuid(support_.id)}, support_), "mentorship",
                   "assigning a ticket");
    if (fate == 4) {
      in_progress_ = {user, id};
      return;
    }
    if (fate == 1) {
      ExpectAccepted(
          Send(EscalateSupportTicket{id, "Second complaint this week", *ParseUuid(admin_.id)},
               support_),
          "mentorship", "escalating a ticket");
      Resolve(user, id, admin_, "Refund re-sent through the gateway.");
      ExpectAccepted(Send(ReopenSupportTicket{id, "Still nothing on my statement"}, user),
                     "mentorship", "reopening a ticket");
      Resolve(user, id, admin_, "Refund paid by bank transfer; reference sent by email.");
    } else {
      Resolve(user, id, support_, "Done: see the steps in the help centre.");
    }
    if (fate == 3) {
      ExpectAccepted(Send(CloseSupportTicket{id, std::string("No reply for 3 days")}, support_),
                     "mentorship", "support closing a ticket");
      return;
    }
    ExpectAccepted(Send(CloseSupportTicket{id, std::nullopt}, user), "mentorship",
                   "closing a ticket");
    ExpectAccepted(Send(RateSupportTicket{id, fate == 1 ? 3 : 5, std::string("Thanks")}, user),
                   "mentorship", "rating a ticket");
    closed_and_rated_ = {user, id};
  }

  // Resolves and remembers the notification the answer makes for its user (derived from the
  // event, as the reaction derives it).
  void Resolve(const Actor& user, const Uuid& ticket, const Actor& staff, const char* notes) {
    DemoOutcome resolved = Send(ResolveSupportTicket{ticket, notes}, staff);
    ExpectAccepted(resolved, "mentorship", "resolving a ticket");
    answers_.emplace_back(user,
                          DeriveUuid(resolved.result.events.at(0).event_id, "notification/user"));
  }

  void Mistakes() {
    const Actor& student = in_progress_.first;
    OpenSupportTicket blank;
    blank.ticket_id = d_.NewId();
    blank.user_id = *ParseUuid(student.id);
    blank.subject = "   ";
    ExpectRefused(Send(blank, student), "ticket_subject_required", "mentorship",
                  "a ticket without a subject");
    ExpectRefused(Send(AssignSupportTicket{in_progress_.second, *ParseUuid(student.id)}, support_),
                  "assignee_not_staff", "mentorship", "assigning a ticket to a student");
    ExpectRefused(Send(RateSupportTicket{in_progress_.second, 5, std::nullopt}, student),
                  "ticket_not_closed", "mentorship", "rating a ticket still in progress");
    const auto& [owner, ticket] = closed_and_rated_;
    Actor other = student;
    for (const Person& p : students_) {
      if (ToString(p.id) != owner.id) other = Actor{ToString(p.id), "student"};
    }
    ExpectRefused(Send(CloseSupportTicket{ticket, std::nullopt}, owner), "ticket_already_closed",
                  "mentorship", "closing a closed ticket");
    ExpectRefused(Send(RateSupportTicket{ticket, 1, std::nullopt}, other), "not_ticket_opener",
                  "mentorship", "rating someone else's ticket");
    ExpectRefused(Send(RateSupportTicket{ticket, 4, std::nullopt}, owner), "already_rated",
                  "mentorship", "rating a ticket twice");
  }

  DemoDriver& d_;
  const Actor& admin_;
  const Actor& support_;
  const std::vector<Person>& students_;
  const std::vector<DemoMentor>& mentors_;
  const std::function<void()>& settle_;
  std::pair<Actor, Uuid> in_progress_;
  std::pair<Actor, Uuid> closed_and_rated_;
  std::vector<std::pair<Actor, Uuid>> answers_;  // user, notification of an answer
};

}  // namespace

void RunSupportDesk(DemoDriver& d, const Actor& admin, const Actor& support,
                    const std::vector<Person>& students, const std::vector<DemoMentor>& mentors,
                    const std::function<void()>& settle) {
  SupportDesk(d, admin, support, students, mentors, settle).Run();
}

}  // namespace edu::mentorship::demo_scenario

namespace edu {

bool ReportMentorshipSupport(pqxx::transaction_base& tx) {
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  // audit_logs holds one row per event of the log: the events, counted by type.
  auto events = [&](const std::string& type) {
    return scalar("SELECT count(*) FROM mentorship.audit_logs WHERE action_type = '" + type + "'");
  };
  auto tickets = [&](const std::string& where) {
    return scalar("SELECT count(*) FROM mentorship.support_tickets" +
                  (where.empty() ? std::string() : " WHERE " + where));
  };
  // What the notifications reaction must have made of the log's events: one notification per
  // recipient (a cancellation tells both parties), routed first when the event names no user.
  const int64_t routed =
      events("SessionCancelled") + events("RefundIssued") + events("PayoutCompleted");
  const int64_t notified = events("SessionBooked") + events("PaymentCaptured") +
                           events("PaymentFailed") + events("SessionCancelled") +
                           events("SupportTicketAssigned") + events("SupportTicketResolved") +
                           routed;
  std::vector<DemoCheck> checks = {
      {"support_tickets = SupportTicketOpened events", events("SupportTicketOpened"), tickets("")},
      {"  closed = SupportTicketClosed events", events("SupportTicketClosed"),
       tickets("status = 'closed'")},
      {"  rated = SupportTicketRated events", events("SupportTicketRated"),
       tickets("satisfaction_rating IS NOT NULL")},
      {"  rated but not closed, or rated outside 1..5", 0,
       tickets("satisfaction_rating IS NOT NULL AND (status <> 'closed' OR satisfaction_rating "
               "NOT BETWEEN 1 AND 5)")},
      {"  resolved without resolution notes", 0,
       tickets("resolved_at IS NOT NULL AND resolution_notes IS NULL")},
      {"notifications = what their causes call for", notified,
       scalar("SELECT count(*) FROM mentorship.audit_logs WHERE action_type = 'UserNotified' AND "
              "new_values->>'kind' <> 'session_reminder'")},  // reminders: the scheduler's
      {"  routed through a session or mentor first", routed, events("NotificationRouted")},
      {"  some marked read (NotificationRead events)", 1,
       std::min<int64_t>(1, events("NotificationRead"))},
  };
  return PrintDemoChecks(
      "mentorship support and notifications: read tables vs the events in the log (audit_logs)",
      checks, "INR");
}

}  // namespace edu
