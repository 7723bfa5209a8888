// Specifications of mentorship notifications (seed 002 "notifications/"; no table is documented,
// the events are the record): a user's inbox, which only the system fills and only its user marks
// read; routing a notification about a session or mentor to its user; and the reaction that
// notifies on bookings, payments, cancellations, refunds, payouts and support tickets.
#include <memory>

#include "commands/all_reactions.h"
#include "commands/reaction.h"
#include "domain/mentorship/notifications.h"
#include "domain/mentorship/support_ticket.h"
#include "eventstore/event_codec.h"
#include "tests/support/command_world.h"
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu {
std::vector<std::unique_ptr<Reaction>> MentorshipReactions();
}

namespace edu::mentorship {

using namespace fixtures;

namespace {

const Uuid kNotification = *ParseUuid("99999999-9999-4999-8999-999999999901");
const Uuid kTicket = *ParseUuid("88888888-8888-4888-8888-888888888801");
const Uuid kSupportUser = *ParseUuid(Support().id);

NotifyUser Notify() {
  return NotifyUser{kStudent,
                    kNotification,
                    NotificationKind::payment_captured,
                    "Payment received",
                    "INR 1,200.00 was captured.",
                    "session",
                    kSession};
}

UserNotified Notified() {
  return UserNotified{kStudent,
                      kNotification,
                      NotificationKind::payment_captured,
                      "Payment received",
                      "INR 1,200.00 was captured.",
                      "session",
                      kSession};
}

Spec<NotificationInboxDecider> Inbox(Actor actor,
                                     std::vector<NotificationInboxDecider::Event> given) {
  Spec<NotificationInboxDecider> spec;
  spec.at(kNow).as(std::move(actor)).given(std::move(given));
  return spec;
}

template <class E>
RecordedEvent Recorded(const E& e) {
  RecordedEvent r;
  r.event_id = DeriveUuid(EduledgerNamespace(), std::string("notification-spec/") + E::kType);
  r.type = E::kType;
  r.schema_version = E::kSchemaVersion;
  r.marketplace = "mentorship";
  r.payload = json::Encode(e);
  return r;
}

std::vector<ReactionCommand> React(const RecordedEvent& e) {
  for (const auto& r : MentorshipReactions()) {
    if (r->name() != "mentorship.notifications") continue;
    std::vector<ReactionCommand> out;
    if (!r->Handles(e)) return out;
    Status reacted = r->React(e, &out);
    REQUIRE_MESSAGE(reacted.ok(), reacted.ToString());
    return out;
  }
  FAIL("no reaction mentorship.notifications");
  return {};
}

template <class C>
C Body(const ReactionCommand& c) {
  REQUIRE(c.type == C::kType);
  REQUIRE(c.As<C>() != nullptr);
  return *c.As<C>();
}

}  // namespace

TEST_SUITE("mentorship notifications") {
  TEST_CASE("only the system notifies a user; the same notification lands once") {
    auto spec = Inbox(testing::System(), {});
    spec.when(Notify()).then({Notified()});
    CHECK(spec.state().unread == 1);
    Inbox(testing::System(), {Notified()}).when(Notify()).then({});
    for (const Actor& actor : {Student(), Support(), Admin()}) {
      Inbox(actor, {}).when(Notify()).then_error("system_only", ErrorKind::kForbidden);
    }
  }

  TEST_CASE("a user marks their own notification read, once") {
    auto spec = Inbox(Student(), {Notified()});
    spec.when(MarkNotificationRead{kStudent, kNotification})
        .then({NotificationRead{kStudent, kNotification, kNow}});
    CHECK(spec.state().unread == 0);
    Inbox(Student(), {Notified(), NotificationRead{kStudent, kNotification, kNow}})
        .when(MarkNotificationRead{kStudent, kNotification})
        .then_error("notification_already_read", ErrorKind::kConflict);
    Inbox(Student(), {Notified()})
        .when(MarkNotificationRead{kStudent, kSession})
        .then_error("notification_not_found", ErrorKind::kNotFound);
    // Someone else's inbox, staff included.
    for (const Actor& actor : {MentorActor(), Support()}) {
      Inbox(actor, {Notified()})
          .when(MarkNotificationRead{kStudent, kNotification})
          .then_error("not_own_account", ErrorKind::kForbidden);
    }
  }

  TEST_CASE("routing reads the session or mentor and names the user the notification goes to") {
    auto route = [](NotificationAudience audience, const Uuid& via) {
      return RouteNotification{
          kNotification,   audience, via,       NotificationKind::refund_issued,
          "Refund issued", "back",   "session", kSession};
    };
    auto routed = [](NotificationAudience audience, const Uuid& via, const Uuid& user) {
      return NotificationRouted{
          kNotification,   audience, via,       user,    NotificationKind::refund_issued,
          "Refund issued", "back",   "session", kSession};
    };
    auto session_spec = [] {
      Spec<NotificationRouteDecider> spec;
      spec.as(testing::System())
          .given_stream<SessionDecider>(SessionStream(kSession), {Booked(), Captured()});
      return spec;
    };
    session_spec()
        .when(route(NotificationAudience::session_student, kSession))
        .then({routed(NotificationAudience::session_student, kSession, kStudent)});
    session_spec()
        .when(route(NotificationAudience::session_mentor, kSession))
        .then({routed(NotificationAudience::session_mentor, kSession, kMentorUser)});
    Spec<NotificationRouteDecider>()
        .as(testing::System())
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied()})
        .when(route(NotificationAudience::mentor, kMentor))
        .then({routed(NotificationAudience::mentor, kMentor, kMentorUser)});
    CHECK(route(NotificationAudience::mentor, kMentor).references() ==
          std::vector<std::string>{MentorStream(kMentor)});
    Spec<NotificationRouteDecider>()
        .as(testing::System())
        .given_stream<SessionDecider>(SessionStream(kSession), {})
        .when(route(NotificationAudience::session_student, kSession))
        .then_error("recipient_not_found", ErrorKind::kNotFound);
    Spec<NotificationRouteDecider>()
        .as(Student())
        .when(route(NotificationAudience::session_student, kSession))
        .then_error("system_only", ErrorKind::kForbidden);
  }

  TEST_CASE("the reaction notifies on bookings, payments and tickets, with derived ids") {
    auto booked = React(Recorded(Booked()));
    REQUIRE(booked.size() == 1);
    auto to_mentor = Body<NotifyUser>(booked[0]);
    CHECK(to_mentor.user_id == kMentorUser);
    CHECK(to_mentor.kind == NotificationKind::session_requested);
    CHECK(to_mentor.resource_id == kSession);
    CHECK(to_mentor.message.find("INR 1,200.00") != std::string::npos);
    // Derived from the event: delivering it again issues the same notification.
    CHECK(Body<NotifyUser>(React(Recorded(Booked()))[0]).notification_id ==
          to_mentor.notification_id);
    CHECK(to_mentor.notification_id ==
          DeriveUuid(Recorded(Booked()).event_id, "notification/mentor"));

    auto paid = React(Recorded(Captured()));
    REQUIRE(paid.size() == 1);
    CHECK(Body<NotifyUser>(paid[0]).user_id == kStudent);
    CHECK(Body<NotifyUser>(paid[0]).kind == NotificationKind::payment_captured);

    PaymentFailed failed;
    failed.session_id = kSession;
    failed.student_id = kStudent;
    failed.amount = INR(120000);
    failed.failure_reason = std::string(5000, 'x');
    auto failure = React(Recorded(failed));
    REQUIRE(failure.size() == 1);
    CHECK(Body<NotifyUser>(failure[0]).kind == NotificationKind::payment_failed);
    CHECK(Body<NotifyUser>(failure[0]).message.size() < 500);  // a long reason is quoted clipped

    auto assigned = React(Recorded(SupportTicketAssigned{
        kTicket, kStudent, kSupportUser, std::nullopt, Admin().id, SupportTicketStatus::assigned}));
    REQUIRE(assigned.size() == 1);
    CHECK(Body<NotifyUser>(assigned[0]).user_id == kSupportUser);
    CHECK(Body<NotifyUser>(assigned[0]).kind == NotificationKind::ticket_assigned);

    auto answered = React(
        Recorded(SupportTicketResolved{kTicket, kStudent, Support().id, "Refund re-sent.", kNow}));
    REQUIRE(answered.size() == 1);
    CHECK(Body<NotifyUser>(answered[0]).user_id == kStudent);
    CHECK(Body<NotifyUser>(answered[0]).kind == NotificationKind::ticket_answered);
    CHECK(Body<NotifyUser>(answered[0]).resource_type == "support_ticket");
  }

  TEST_CASE("events naming only a session or mentor are routed, then delivered to the user") {
    SessionCancelled cancelled;
    cancelled.session_id = kSession;
    cancelled.student_id = kStudent;
    cancelled.mentor_id = kMentor;
    cancelled.cancelled_by = SessionParty::student;
    cancelled.reason = "exam moved";
    cancelled.scheduled_at = kStart;
    cancelled.refund_amount = INR(120000);
    cancelled.retained_amount = INR(0);
    auto out = React(Recorded(cancelled));
    REQUIRE(out.size() == 2);
    CHECK(Body<NotifyUser>(out[0]).user_id == kStudent);
    CHECK(Body<NotifyUser>(out[0]).message.find("INR 1,200.00 will be refunded") !=
          std::string::npos);
    auto to_mentor = Body<RouteNotification>(out[1]);
    CHECK(to_mentor.audience == NotificationAudience::session_mentor);
    CHECK(to_mentor.via_id == kSession);

    RefundIssued issued;
    issued.session_id = kSession;
    issued.refund_id = RefundId(1);
    issued.amount = INR(60000);
    issued.issued_after = INR(60000);
    auto refund = React(Recorded(issued));
    REQUIRE(refund.size() == 1);
    CHECK(Body<RouteNotification>(refund[0]).audience == NotificationAudience::session_student);
    CHECK(Body<RouteNotification>(refund[0]).kind == NotificationKind::refund_issued);

    PayoutCompleted payout;
    payout.mentor_id = kMentor;
    payout.payout_id = PayoutIdFor(kMentor, kNow);
    payout.net_amount = INR(150000);
    payout.paid_out_after = INR(150000);
    payout.payout_reference = "pout_1";
    auto paid = React(Recorded(payout));
    REQUIRE(paid.size() == 1);
    auto route = Body<RouteNotification>(paid[0]);
    CHECK(route.audience == NotificationAudience::mentor);
    CHECK(route.via_id == kMentor);
    CHECK(route.resource_type == "payout");
    CHECK(route.resource_id == payout.payout_id);

    // The routed notification is delivered under the same id to the user the route found.
    NotificationRouted routed{route.notification_id, route.audience,      route.via_id,
                              kMentorUser,           route.kind,          route.title,
                              route.message,         route.resource_type, route.resource_id};
    auto delivered = React(Recorded(routed));
    REQUIRE(delivered.size() == 1);
    auto notify = Body<NotifyUser>(delivered[0]);
    CHECK(notify.user_id == kMentorUser);
    CHECK(notify.notification_id == route.notification_id);
    CHECK(notify.kind == NotificationKind::payout_paid);
  }

  TEST_CASE("in the running system a ticket's assignee and its user find them in their inboxes") {
    testing::CommandWorld world("mentorship", kNow, AllReactions());
    world.on_violation = [](const std::string& what) { FAIL(what); };
    RegisterUser student;
    student.user_id = kStudent;
    student.email = "asha@example.in";
    student.name = "Asha";
    student.academic_level = AcademicLevel::college;
    REQUIRE(world.Send(student, Student()).ok());
    RegisterUser support;
    support.user_id = kSupportUser;
    support.role = UserRole::support;
    support.email = "help@example.in";
    support.name = "Help Desk";
    REQUIRE(world.Send(support, Admin()).ok());
    OpenSupportTicket open;
    open.ticket_id = kTicket;
    open.user_id = kStudent;
    open.subject = "Cannot join my session";
    REQUIRE(world.Send(open, Student()).ok());
    REQUIRE(world.Send(AssignSupportTicket{kTicket, kSupportUser}, Admin()).ok());
    REQUIRE(world.Send(ResolveSupportTicket{kTicket, "Use the app's new link."}, Support()).ok());

    auto inbox = [&](const Uuid& user) {
      std::any state;
      int64_t version = 0;
      REQUIRE(world.pipeline()
                  .LoadState(*world.registry().FindAggregate(kNotificationsCategory),
                             NotificationsStream(user), &state, &version)
                  .ok());
      return std::any_cast<NotificationInboxState>(state);
    };
    CHECK(inbox(kSupportUser).unread == 1);
    NotificationInboxState student_inbox = inbox(kStudent);
    REQUIRE(student_inbox.read.size() == 1);
    const Uuid answer = student_inbox.read.begin()->first;
    CHECK(world.Send(MarkNotificationRead{kStudent, answer}, Student()).ok());
    CHECK(inbox(kStudent).unread == 0);
    // A user may not notify anyone: the command is the system's (refused by role at the edge).
    CHECK_FALSE(world
                    .Send(NotifyUser{kStudent, kNotification, NotificationKind::ticket_answered,
                                     "fake", "fake", "support_ticket", kTicket},
                          Student())
                    .ok());
    CHECK(world.accepted().count("NotifyUser") == 0);
    CHECK(world.reaction_commands() == 2);  // assigned, answered: both accepted (else a violation)
  }
}

}  // namespace edu::mentorship
