// Specifications of a session taking place: the mentor starting it, completion releasing or holding
// the escrow, the dispute window after the end, and no-shows of either side.
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

TEST_SUITE("mentorship session start and completion") {
  TEST_CASE("the mentor starts the session from 15 minutes before, once") {
    Paid(kStart - Minutes(16), MentorActor())
        .when(StartSession{kSession, {}})
        .then_error("too_early_to_start");
    auto spec = Paid(kStart - Minutes(15), MentorActor());
    spec.when(StartSession{kSession, std::string("zoom-88123")})
        .then({SessionStarted{kSession, kMentor, kStart - Minutes(15), std::string("zoom-88123")}});
    CHECK(spec.state().booking.status() == BookingStatus::in_progress);
    Paid(kStart, Student())
        .when(StartSession{kSession, {}})
        .then_error("not_session_mentor", ErrorKind::kForbidden);
    Paid(kStart, MentorActor())
        .given({Started(kStart)})
        .when(StartSession{kSession, {}})
        .then_error("illegal_transition");
  }

  TEST_CASE("under a policy without a hold, completion releases the escrow at once") {
    Timestamp end = kStart + Minutes(60);
    CompleteSession c{kSession, std::string("good"), {"revise"}, std::string("https://rec/1")};
    SessionCompleted done = Completed(end);
    done.mentor_notes = "good";
    done.follow_up_tasks = {"revise"};
    done.recording_url = "https://rec/1";
    done.recording_access_expires = end + Days(730);
    PaymentSplit split = Split(120000);
    split.policy = "mentorship-hold";
    Paid(end, MentorActor())
        .with_policies(HoldFor(0))
        .given({Started(kStart)})
        .when(c)
        .then({done, Released(120000, EscrowStatus::released), split});
  }

  TEST_CASE(
      "by default the escrow stays held 48 h after completion, until the scheduler releases it") {
    Timestamp end = kStart + Minutes(60);
    SessionCompleted done = Completed(end);
    done.escrow_release_due = end + Hours(48);
    auto spec = Paid(end, MentorActor());
    spec.given({Started(kStart)}).when(CompleteSession{kSession, {}, {}, {}}).then({done});
    CHECK(spec.state().payment->escrow.status() == EscrowStatus::held);

    // The release at its boundary: one second before, exactly at it, one second after.
    Paid(end + Hours(48) - Seconds(1), Scheduler())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then_error("escrow_not_due", ErrorKind::kInvalid);
    Paid(end + Hours(48), Scheduler())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then({Released(120000, EscrowStatus::released), Split(120000)});
    Paid(end + Hours(48) + Seconds(1), Scheduler())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then({Released(120000, EscrowStatus::released), Split(120000)});
    Paid(end, Scheduler())
        .when(ReleaseEscrow{kSession})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Paid(end + Days(3), Student())
        .given({done})
        .when(ReleaseEscrow{kSession})
        .then_error("system_only");
  }
}

TEST_SUITE("mentorship dispute window") {
  TEST_CASE(
      "a dispute raised in the 48 h window holds the escrow; at its end the window is closed") {
    Timestamp end = kStart + Minutes(60);
    SessionCompleted done = Completed(end);
    done.escrow_release_due = end + Hours(48);
    auto before = Paid(end + Hours(48) - Seconds(1), Student());
    before.given({done}).when(RaiseDispute{kSession, std::string("unsatisfactory"), {}});
    auto disputed = before.decide();
    REQUIRE(disputed.accepted());
    CHECK(std::holds_alternative<SessionDisputed>(disputed.events()[0]));
    Paid(end + Hours(48), Student())
        .given({done})
        .when(RaiseDispute{kSession, std::string("unsatisfactory"), {}})
        .then_error("dispute_window_closed", ErrorKind::kInvalid);
    Paid(end + Hours(48) + Seconds(1), Student())
        .given({done})
        .when(RaiseDispute{kSession, std::string("unsatisfactory"), {}})
        .then_error("dispute_window_closed", ErrorKind::kInvalid);
  }
}

TEST_SUITE("mentorship no-shows") {
  TEST_CASE("a student who does not come pays: the mentor reports it after the grace period") {
    Timestamp at = kStart + Minutes(15);
    StudentNoShowRecorded absent{kSession,
                                 kStudent,
                                 kMentor,
                                 kMentorUserId,
                                 std::string("waited 15 min"),
                                 RefundPolicy::no_refund,
                                 std::nullopt,
                                 kPolicy};
    StudentNoShowRecorded held = absent;
    held.escrow_release_due = at + Hours(48);  // the default dispute window
    auto spec = Paid(at, MentorActor());
    spec.when(ReportNoShow{kSession, SessionParty::student, std::string("waited 15 min")})
        .then({held});
    CHECK(spec.state().booking.status() == BookingStatus::no_show);
    absent.policy = "mentorship-hold";
    PaymentSplit split = Split(120000);
    split.policy = "mentorship-hold";
    Paid(at, MentorActor())
        .with_policies(HoldFor(0))
        .when(ReportNoShow{kSession, SessionParty::student, std::string("waited 15 min")})
        .then({absent, Released(120000, EscrowStatus::released), split});
    Paid(at - 1, MentorActor())
        .when(ReportNoShow{kSession, SessionParty::student, {}})
        .then_error("no_show_too_early", ErrorKind::kInvalid);
    Paid(at, Student())
        .when(ReportNoShow{kSession, SessionParty::student, {}})
        .then_error("not_session_party", ErrorKind::kForbidden);
  }

  TEST_CASE("a mentor who does not come opens a dispute asking for a full refund") {
    Timestamp at = kStart + Minutes(20);
    auto spec = Paid(at, Student());
    spec.when(ReportNoShow{kSession, SessionParty::mentor, std::string("mentor never joined")})
        .then(
            {SessionDisputed{kSession, ConflictId(), kPayment, kStudent, kMentor,
                             ConflictType::mentor_no_show, SessionParty::student, kStudentId,
                             std::string("mentor never joined"), INR(120000)},
             Requested(1, 120000, RefundPolicy::dispute_resolution, "mentor_no_show", kStudentId)});
    CHECK(spec.state().booking.status() == BookingStatus::disputed);
    CHECK(spec.state().payment->escrow.status() == EscrowStatus::disputed);
    Paid(at, MentorActor())
        .given({Started(kStart)})
        .as(Student())
        .when(ReportNoShow{kSession, SessionParty::mentor, {}})
        .then_error("illegal_transition");
  }
}

}  // namespace edu::mentorship
