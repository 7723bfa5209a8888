// Mentor and student calendars (domain/mentorship/calendar.h): their commands with who may issue
// them, and the calendar reaction. RegisterMentorship and MentorshipReactions (commands.cc) call
// in here.
//
// Who writes what: SetMentorAvailability comes from the mentor (or an admin). HoldSessionTime,
// and ConfirmSessionTime / ReleaseSessionTime after the booking's answer, come from the command
// service in front of every BookSession (commands/calendar_booking_service.h), as the booking's
// actor. The reaction below keeps the calendars in step with the sessions afterwards: a booked
// session's time is confirmed (again, should the service have stopped before it did), a
// rescheduled one moves, a cancelled one is released; and each student's calendar mirrors the
// student's booked sessions.
#include "domain/mentorship/calendar.h"
#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/mentorship/session.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterMentorshipCalendar(Registry* r) {
  using namespace mentorship;
  const std::vector<std::string> booking = {"student", "admin", "support", "system"};
  r->AddCommand<MentorCalendarDecider, SetMentorAvailability>(
      {"mentor", "admin"},
      "Publish a mentor's weekly availability slots in the mentor's IANA time zone");
  r->AddCommand<MentorCalendarDecider, HoldSessionTime>(
      {"student", "admin", "support"},
      "Hold a session's time in the mentor's calendar (issued before every BookSession)");
  r->AddCommand<MentorCalendarDecider, ConfirmSessionTime>(
      booking, "Confirm a booked session's held time: it no longer expires");
  r->AddCommand<MentorCalendarDecider, ReleaseSessionTime>(
      booking, "Give back a held session time (its booking refused, or the session cancelled)");
  r->AddCommand<MentorCalendarDecider, MoveSessionTime>(
      {"system", "admin"}, "Move a rescheduled session's time in the mentor's calendar");
  r->AddCommand<StudentCalendarDecider, RecordStudentSession>(
      {"system"}, "Mirror a booked session in its student's calendar (the calendar reaction)");
  r->AddCommand<StudentCalendarDecider, MoveStudentSession>(
      {"system"}, "Move a rescheduled session in its student's calendar (the calendar reaction)");
  r->AddCommand<StudentCalendarDecider, DropStudentSession>(
      {"system"}, "Drop a cancelled session from its student's calendar (the calendar reaction)");
}

namespace {

using namespace mentorship;

template <class Command>
ReactionCommand Issue(Command command, std::string key) {
  return edu::Issue("mentorship", std::move(command), std::move(key));
}

class CalendarReaction : public Reaction {
 public:
  using Trigger = std::variant<SessionBooked, SessionRescheduled, SessionCancelled>;

  std::string name() const override { return "mentorship.calendar"; }
  // A session booked before its mentor's calendar held it (a log older than calendars) has no
  // time to confirm.
  std::vector<std::string> expected_rejections() const override {
    return {codes::kSessionTimeNotHeld.code};
  }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "mentorship" && HandlesEventType<Trigger>(e.type);
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    std::visit(
        Overloaded{
            [&](const SessionBooked& b) {
              out->push_back(Issue(ConfirmSessionTime{b.mentor_id, b.session_id}, "confirm"));
              out->push_back(Issue(RecordStudentSession{b.student_id, b.session_id, b.mentor_id,
                                                        b.scheduled_at, b.duration_minutes},
                                   "student"));
            },
            [&](const SessionRescheduled& r) {
              out->push_back(
                  Issue(MoveSessionTime{r.mentor_id, r.session_id, r.scheduled_at}, "move"));
              out->push_back(
                  Issue(MoveStudentSession{r.student_id, r.session_id, r.scheduled_at}, "student"));
            },
            [&](const SessionCancelled& c) {
              out->push_back(Issue(ReleaseSessionTime{c.mentor_id, c.session_id,
                                                      SessionTimeReleaseReason::session_cancelled},
                                   "release"));
              out->push_back(Issue(DropStudentSession{c.student_id, c.session_id}, "student"));
            }},
        event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeMentorshipCalendarReaction() {
  return std::make_unique<CalendarReaction>();
}

}  // namespace edu
