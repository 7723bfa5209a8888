// Specifications of mentorship support tickets (seed 002 §4.1 "support/tickets": create, assign,
// escalate, close; satisfaction; table support_tickets): the lifecycle machine against its table
// written here by hand, who may do what, and each refusal.
#include <string>

#include "commands/all_reactions.h"
#include "domain/mentorship/support_ticket.h"
#include "tests/support/command_world.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

Uuid Id(const char* text) { return *ParseUuid(text); }

const Uuid kTicket = *ParseUuid("88888888-8888-4888-8888-888888888801");
const Uuid kSupportUser = *ParseUuid(Support().id);
const Uuid kSeniorUser = *ParseUuid("77777777-7777-4777-8777-777777777778");
const Uuid kOtherStudent = *ParseUuid("11111111-1111-4111-8111-111111111112");

UserRegistered Registered(const Uuid& id, UserRole role) {
  UserRegistered e;
  e.user_id = id;
  e.role = role;
  e.email = Personal<std::string>("someone@example.in");
  e.name = Personal<std::string>("Someone");
  return e;
}

OpenSupportTicket Open(std::string subject = "Refund not received") {
  OpenSupportTicket c;
  c.ticket_id = kTicket;
  c.user_id = kStudent;
  c.ticket_type = TicketType::refund;
  c.subject = std::move(subject);
  c.description = "I cancelled two days ahead and have no refund yet.";
  return c;
}

SupportTicketOpened Opened(TicketPriority priority = TicketPriority::medium) {
  SupportTicketOpened e;
  e.ticket_id = kTicket;
  e.user_id = kStudent;
  e.opened_by = Student().id;
  e.ticket_type = TicketType::refund;
  e.priority = priority;
  e.subject = "Refund not received";
  e.description = Personal<std::string>("I cancelled two days ahead and have no refund yet.");
  return e;
}

SupportTicketAssigned AssignedTo(const Uuid& who, std::optional<Uuid> before = std::nullopt,
                                 SupportTicketStatus after = SupportTicketStatus::assigned) {
  return SupportTicketAssigned{kTicket, kStudent, who, before, Support().id, after};
}

SupportTicketResolved Resolved() {
  return SupportTicketResolved{kTicket, kStudent, Support().id, "Refund re-sent.", kNow};
}

SupportTicketClosed Closed(bool was_resolved = true) {
  return SupportTicketClosed{kTicket, kStudent, Student().id, std::nullopt, was_resolved};
}

// A ticket spec at kNow with the student, the support users and another student registered.
Spec<SupportTicketDecider> Ticket(Actor actor, std::vector<SupportTicketDecider::Event> given) {
  Spec<SupportTicketDecider> spec;
  spec.at(kNow)
      .as(std::move(actor))
      .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
      .given_stream<UserDecider>(UserStream(kSupportUser),
                                 {Registered(kSupportUser, UserRole::support)})
      .given_stream<UserDecider>(UserStream(kSeniorUser),
                                 {Registered(kSeniorUser, UserRole::admin)})
      .given_stream<UserDecider>(UserStream(kMentorUser),
                                 {Registered(kMentorUser, UserRole::mentor)})
      .given_stream<UserDecider>(UserStream(kOtherStudent),
                                 {Registered(kOtherStudent, UserRole::student)})
      .given(std::move(given));
  return spec;
}

Actor OtherStudent() { return AsUser(kOtherStudent, "student"); }

}  // namespace

TEST_SUITE("mentorship support tickets") {
  TEST_CASE("support ticket machine: open, assigned, escalated, resolved, reopened, closed") {
    using S = SupportTicketStatus;
    using T = SupportTicketTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::open, T::assign, S::assigned},        {S::open, T::escalate, S::escalated},
        {S::open, T::close, S::closed},           {S::assigned, T::assign, S::assigned},
        {S::assigned, T::escalate, S::escalated}, {S::assigned, T::resolve, S::resolved},
        {S::assigned, T::close, S::closed},       {S::escalated, T::assign, S::escalated},
        {S::escalated, T::resolve, S::resolved},  {S::escalated, T::close, S::closed},
        {S::resolved, T::reopen, S::assigned},    {S::resolved, T::close, S::closed},
    };
    testing::CheckMachine<SupportTicketMachine, S, T>(S::open, lifecycle);
  }

  TEST_CASE("a student opens a ticket about themselves: subject trimmed, medium by default") {
    Ticket(Student(), {}).when(Open("  Refund not received \t")).then({Opened()});
    // Staff open one for a user who called, at the priority they judge.
    auto urgent = Open();
    urgent.priority = TicketPriority::urgent;
    auto opened = Opened(TicketPriority::urgent);
    opened.opened_by = Support().id;
    Ticket(Support(), {}).when(urgent).then({opened});
    auto state = Ticket(Student(), {Opened()}).state();
    CHECK(state.status() == SupportTicketStatus::open);
    CHECK(state.user_id == kStudent);
  }

  TEST_CASE("a mentor opens a ticket about one of their sessions; the session is referenced") {
    auto c = Open("Student did not come");
    c.user_id = kMentorUser;
    c.ticket_type = TicketType::session;
    c.session_id = kSession;
    SupportTicketOpened e = Opened();
    e.user_id = kMentorUser;
    e.opened_by = MentorActor().id;
    e.ticket_type = TicketType::session;
    e.subject = "Student did not come";
    e.session_id = kSession;
    Ticket(MentorActor(), {})
        .given_stream<SessionDecider>(SessionStream(kSession), {Booked(), Captured()})
        .when(c)
        .then({e});
    CHECK(c.references() ==
          std::vector<std::string>{UserStream(kMentorUser), SessionStream(kSession)});
    // Not a party of that session: refused.
    c.user_id = kOtherStudent;
    Ticket(OtherStudent(), {})
        .given_stream<SessionDecider>(SessionStream(kSession), {Booked(), Captured()})
        .when(c)
        .then_error("not_session_party", ErrorKind::kForbidden);
    c.user_id = kStudent;
    c.session_id = Id("44444444-4444-4444-8444-4444444444ff");
    Ticket(Student(), {})
        .given_stream<SessionDecider>(SessionStream(*c.session_id), {})
        .when(c)
        .then_error("session_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("opening is refused: empty subject, someone else's ticket, unknown user, id taken") {
    Ticket(Student(), {}).when(Open(" \t ")).then_error("ticket_subject_required");
    auto others = Open();
    others.user_id = kOtherStudent;
    Ticket(Student(), {}).when(others).then_error("not_own_account", ErrorKind::kForbidden);
    auto unknown = Open();
    unknown.user_id = Id("11111111-1111-4111-8111-1111111111ff");
    Ticket(AsUser(unknown.user_id, "student"), {})
        .given_stream<UserDecider>(UserStream(unknown.user_id), {})
        .when(unknown)
        .then_error("user_not_found", ErrorKind::kNotFound);
    Ticket(Student(), {Opened()})
        .when(Open())
        .then_error("support_ticket_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("staff assign to a support or admin user and reassign; the assignee must be staff") {
    Ticket(Support(), {Opened()})
        .when(AssignSupportTicket{kTicket, kSupportUser})
        .then({AssignedTo(kSupportUser)});
    Ticket(Support(), {Opened(), AssignedTo(kSupportUser)})
        .when(AssignSupportTicket{kTicket, kSeniorUser})
        .then({AssignedTo(kSeniorUser, kSupportUser)});
    Ticket(Support(), {Opened(), AssignedTo(kSupportUser)})
        .when(AssignSupportTicket{kTicket, kSupportUser})
        .then_error("ticket_already_assigned", ErrorKind::kConflict);
    Ticket(Support(), {Opened()})
        .when(AssignSupportTicket{kTicket, kMentorUser})
        .then_error("assignee_not_staff");
    const Uuid nobody = Id("77777777-7777-4777-8777-7777777777ff");
    Ticket(Support(), {Opened()})
        .given_stream<UserDecider>(UserStream(nobody), {})
        .when(AssignSupportTicket{kTicket, nobody})
        .then_error("user_not_found", ErrorKind::kNotFound);
    Ticket(Student(), {Opened()})
        .when(AssignSupportTicket{kTicket, kSupportUser})
        .then_error("staff_only", ErrorKind::kForbidden);
    Ticket(Support(), {})
        .when(AssignSupportTicket{kTicket, kSupportUser})
        .then_error("support_ticket_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("an escalation raises the priority one step and may hand the ticket to a senior") {
    SupportTicketEscalated up{kTicket,
                              kStudent,
                              Support().id,
                              "Second complaint",
                              TicketPriority::medium,
                              TicketPriority::high,
                              kSeniorUser};
    Ticket(Support(), {Opened(), AssignedTo(kSupportUser)})
        .when(EscalateSupportTicket{kTicket, "Second complaint", kSeniorUser})
        .then({up});
    // Kept assignee; high becomes urgent, urgent stays urgent.
    SupportTicketEscalated kept{kTicket,
                                kStudent,
                                Support().id,
                                "Payment stuck",
                                TicketPriority::high,
                                TicketPriority::urgent,
                                kSupportUser};
    Ticket(Support(), {Opened(TicketPriority::high), AssignedTo(kSupportUser)})
        .when(EscalateSupportTicket{kTicket, "Payment stuck", std::nullopt})
        .then({kept});
    CHECK(EscalatedPriority(TicketPriority::low) == TicketPriority::medium);
    CHECK(EscalatedPriority(TicketPriority::urgent) == TicketPriority::urgent);
    // An escalated ticket can be reassigned but not escalated again.
    Ticket(Support(), {Opened(), up})
        .when(AssignSupportTicket{kTicket, kSupportUser})
        .then({AssignedTo(kSupportUser, kSeniorUser, SupportTicketStatus::escalated)});
    Ticket(Support(), {Opened(), up})
        .when(EscalateSupportTicket{kTicket, "again", std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Ticket(Support(), {Opened()})
        .when(EscalateSupportTicket{kTicket, "  ", std::nullopt})
        .then_error("reason_required");
    Ticket(Student(), {Opened()})
        .when(EscalateSupportTicket{kTicket, "hurry", std::nullopt})
        .then_error("staff_only", ErrorKind::kForbidden);
  }

  TEST_CASE("staff resolve an assigned ticket with notes; an unassigned one first gets an owner") {
    auto spec = Ticket(Support(), {Opened(), AssignedTo(kSupportUser)});
    spec.when(ResolveSupportTicket{kTicket, "Refund re-sent."}).then({Resolved()});
    CHECK(spec.state().status() == SupportTicketStatus::resolved);
    Ticket(Support(), {Opened(), AssignedTo(kSupportUser)})
        .when(ResolveSupportTicket{kTicket, " "})
        .then_error("resolution_notes_required");
    Ticket(Support(), {Opened()})
        .when(ResolveSupportTicket{kTicket, "done"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    SupportTicketEscalated unowned{
        kTicket,     kStudent, Support().id, "VIP", TicketPriority::medium, TicketPriority::high,
        std::nullopt};
    Ticket(Support(), {Opened(), unowned})
        .when(ResolveSupportTicket{kTicket, "done"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Ticket(Student(), {Opened(), AssignedTo(kSupportUser)})
        .when(ResolveSupportTicket{kTicket, "fixed it myself"})
        .then_error("staff_only", ErrorKind::kForbidden);
  }

  TEST_CASE("the ticket's user reopens a resolved ticket: back to its assignee") {
    auto spec = Ticket(Student(), {Opened(), AssignedTo(kSupportUser), Resolved()});
    spec.when(ReopenSupportTicket{kTicket, "Still no refund"})
        .then({SupportTicketReopened{kTicket, kStudent, Student().id, "Still no refund",
                                     kSupportUser}});
    CHECK(spec.state().status() == SupportTicketStatus::assigned);
    CHECK_FALSE(spec.state().resolved);
    Ticket(OtherStudent(), {Opened(), AssignedTo(kSupportUser), Resolved()})
        .when(ReopenSupportTicket{kTicket, "mine too"})
        .then_error("not_ticket_opener", ErrorKind::kForbidden);
    Ticket(Student(), {Opened(), AssignedTo(kSupportUser)})
        .when(ReopenSupportTicket{kTicket, "why"})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("the ticket's user or staff close it, once; nobody else acts on it") {
    Ticket(Student(), {Opened(), AssignedTo(kSupportUser), Resolved()})
        .when(CloseSupportTicket{kTicket, std::string("Thanks")})
        .then({SupportTicketClosed{kTicket, kStudent, Student().id, std::string("Thanks"), true}});
    // Withdrawn while open; or closed unresolved by staff.
    Ticket(Student(), {Opened()}).when(CloseSupportTicket{kTicket, {}}).then({Closed(false)});
    Ticket(Support(), {Opened(), AssignedTo(kSupportUser)})
        .when(CloseSupportTicket{kTicket, std::string("duplicate")})
        .then({SupportTicketClosed{kTicket, kStudent, Support().id, std::string("duplicate"),
                                   false}});
    Ticket(Student(), {Opened(), Closed(false)})
        .when(CloseSupportTicket{kTicket, {}})
        .then_error("ticket_already_closed", ErrorKind::kConflict);
    Ticket(OtherStudent(), {Opened()})
        .when(CloseSupportTicket{kTicket, {}})
        .then_error("not_ticket_opener", ErrorKind::kForbidden);
    Ticket(MentorActor(), {Opened()})
        .when(CloseSupportTicket{kTicket, {}})
        .then_error("not_ticket_opener", ErrorKind::kForbidden);
    // Closed is final.
    Ticket(Support(), {Opened(), Closed(false)})
        .when(AssignSupportTicket{kTicket, kSupportUser})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("the ticket's user rates it 1..5, once, after it is closed") {
    const std::vector<SupportTicketDecider::Event> closed = {Opened(), AssignedTo(kSupportUser),
                                                             Resolved(), Closed()};
    auto spec = Ticket(Student(), closed);
    spec.when(RateSupportTicket{kTicket, 4, std::string("quick")})
        .then({SupportTicketRated{kTicket, kStudent, 4, std::string("quick")}});
    CHECK(spec.state().satisfaction_rating == 4);
    Ticket(Student(), {Opened(), AssignedTo(kSupportUser), Resolved()})
        .when(RateSupportTicket{kTicket, 5, {}})
        .then_error("ticket_not_closed", ErrorKind::kConflict);
    for (int32_t out_of_range : {0, 6, -1}) {
      Ticket(Student(), closed)
          .when(RateSupportTicket{kTicket, out_of_range, {}})
          .then_error("invalid_rating");
    }
    auto rated = closed;
    rated.push_back(SupportTicketRated{kTicket, kStudent, 4, {}});
    Ticket(Student(), rated)
        .when(RateSupportTicket{kTicket, 5, {}})
        .then_error("already_rated", ErrorKind::kConflict);
    // Only the ticket's user: not another student, not staff for them.
    Ticket(OtherStudent(), closed)
        .when(RateSupportTicket{kTicket, 5, {}})
        .then_error("not_ticket_opener", ErrorKind::kForbidden);
    Ticket(Support(), closed)
        .when(RateSupportTicket{kTicket, 5, {}})
        .then_error("not_ticket_opener", ErrorKind::kForbidden);
  }

  TEST_CASE("too-long text is refused at the edge naming the field, and appends nothing") {
    testing::CommandWorld world("mentorship", kNow, AllReactions());
    RegisterUser student;
    student.user_id = kStudent;
    student.email = "asha@example.in";
    student.name = "Asha";
    student.academic_level = AcademicLevel::college;
    REQUIRE(world.Send(student, Student()).ok());
    const size_t before = world.EventCount();
    auto long_subject = Open(std::string(256, 's'));
    CommandResult refused = world.Send(long_subject, Student());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->code == "too_long");
    CHECK(refused.error->field == "subject");
    auto long_description = Open();
    long_description.description = std::string(kLongTextMaxLength + 1, 'd');
    refused = world.Send(long_description, Student());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->code == "too_long");
    CHECK(refused.error->field == "description");
    CHECK(world.EventCount() == before);
    // At the limits, accepted.
    auto at_limit = Open(std::string(255, 's'));
    at_limit.description = std::string(kLongTextMaxLength, 'd');
    CHECK(world.Send(at_limit, Student()).ok());
  }
}

}  // namespace edu::mentorship
