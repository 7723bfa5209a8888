// Specifications of no-show detection (issue 12): a paid session nobody started by its start + the
// policy's no_show_grace (15 min) is flagged for review by the scheduler (DetectNoShow ->
// SessionNoShowDetected); the domain does not know who joined, so no money moves and the booking
// status stays; ReportNoShow still settles it under the existing refund rules.
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

SessionNoShowDetected Detected(Timestamp at, Timestamp start = kStart) {
  return SessionNoShowDetected{kSession, kStudent, kMentor, start, at, 15, kPolicy};
}

SessionRescheduled MovedTo(Timestamp start) {
  SessionRescheduled e;
  e.session_id = kSession;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.rescheduled_from = kStart;
  e.scheduled_at = start;
  e.reason = "exam moved";
  e.notice_minutes = 48 * 60;
  e.reschedule_count = 1;
  e.policy = kPolicy;
  return e;
}

}  // namespace

TEST_SUITE("mentorship no-show detection") {
  TEST_CASE("flagged at start + 15 min: not one second before, at, after; no money moves") {
    const Timestamp due = kStart + Minutes(15);
    Paid(due - Seconds(1), Scheduler())
        .when(DetectNoShow{kSession})
        .then_error("no_show_too_early", ErrorKind::kInvalid);
    auto at = Paid(due, Scheduler());
    at.when(DetectNoShow{kSession}).then({Detected(due)});
    CHECK(at.state().booking.status() == BookingStatus::confirmed);
    CHECK(at.state().payment->held == 120000);
    CHECK(at.state().payment->escrow.status() == EscrowStatus::held);
    Paid(due + Seconds(1), Scheduler())
        .when(DetectNoShow{kSession})
        .then({Detected(due + Seconds(1))});
  }

  TEST_CASE("once per start; a reschedule moves it; the parties still settle it") {
    const Timestamp due = kStart + Minutes(15);
    Paid(due + Minutes(5), Scheduler())
        .given({Detected(due)})
        .when(DetectNoShow{kSession})
        .then_error("no_show_already_detected", ErrorKind::kConflict);
    const Timestamp later = kStart + Days(2);
    Paid(due, Scheduler())
        .given({MovedTo(later)})
        .when(DetectNoShow{kSession})
        .then_error("no_show_too_early", ErrorKind::kInvalid);
    Paid(later + Minutes(15), Scheduler())
        .given({Detected(due), MovedTo(later)})
        .when(DetectNoShow{kSession})
        .then({Detected(later + Minutes(15), later)});
    // After the flag, the mentor still reports the student's absence (no refund, mentor paid
    // after the hold).
    auto reported = Paid(due + Minutes(1), MentorActor()).given({Detected(due)});
    auto decision =
        reported.when(ReportNoShow{kSession, SessionParty::student, std::nullopt}).decide();
    REQUIRE(decision.accepted());
    CHECK(std::holds_alternative<StudentNoShowRecorded>(decision.events().front()));
  }

  TEST_CASE("only for a session not started, and only by the scheduler or staff") {
    const Timestamp due = kStart + Minutes(15);
    Paid(due, MentorActor())
        .given({Started(kStart)})
        .as(Scheduler())
        .when(DetectNoShow{kSession})
        .then_error("illegal_transition");
    Paid(due, Student())
        .when(DetectNoShow{kSession})
        .then_error("system_only", ErrorKind::kForbidden);
    Paid(due, MentorActor())
        .when(DetectNoShow{kSession})
        .then_error("system_only", ErrorKind::kForbidden);
    Paid(due, Support()).when(DetectNoShow{kSession}).then({Detected(due)});
    Spec<SessionDecider> unknown;
    unknown.at(due).as(Scheduler()).when(DetectNoShow{kSession}).then_error("session_not_found");
  }
}

}  // namespace edu::mentorship
