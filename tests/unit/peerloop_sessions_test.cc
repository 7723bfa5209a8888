// Specifications of PeerLoop sessions: scheduling with the enrollment's teacher, the session
// lifecycle with its duration and cancellations, and mutual assessments.
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

}  // namespace

TEST_SUITE("peerloop sessions") {
  const Timestamp kStart = *ParseIso8601("2026-03-05T15:00:00Z");
  ScheduleSession Schedule(const Uuid& id = kSession) {
    return ScheduleSession{id, kEnrollment, kStart, kStart + Hours(1),
                           std::string("https://bbb.example/r/1")};
  }

  TEST_CASE("the enrolled student schedules a session with the enrollment's teacher") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    auto spec = [&] { return w.Given<SessionDecider>(SessionStream(kSession)).as(Student()); };
    spec().when(Schedule()).then_error("payment_not_completed");
    w.Run<EnrollmentDecider>(ConfirmPayment{kEnrollment, kTransaction, kStripe}, Gateway());
    spec()
        .when(Schedule())
        .then({SessionScheduled{kSession, kEnrollment, kCourse, kTeacher, kStudent, kStart,
                                kStart + Hours(1), std::string("https://bbb.example/r/1")}});
    auto past = Schedule();
    past.scheduled_start = kNow;
    spec().when(past).then_error("session_not_in_future");
    auto backwards = Schedule();
    backwards.scheduled_end = kStart;
    spec().when(backwards).then_error("invalid_session_window");
    spec()
        .as(Student(kStudent2))
        .when(Schedule())
        .then_error("not_enrollment_party", ErrorKind::kForbidden);
  }

  TEST_CASE("scheduled -> in_progress -> completed, with its duration; who cancels and why") {
    World w;
    w.Paid();
    w.Run<SessionDecider>(Schedule(), Student());
    const std::string stream = SessionStream(kSession);
    w.Given<SessionDecider>(stream, kStart - Minutes(16))
        .as(Teacher())
        .when(StartSession{kSession})
        .then_error("session_not_due");
    w.Given<SessionDecider>(stream, kStart - Minutes(15))
        .as(Teacher())
        .when(StartSession{kSession})
        .then({SessionStarted{kSession, kEnrollment, kStart - Minutes(15)}});
    w.Given<SessionDecider>(stream)
        .as(Teacher())
        .when(CompleteSession{kSession, std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
    w.Run<SessionDecider>(StartSession{kSession}, Teacher(), kStart);
    w.Given<SessionDecider>(stream, kStart + Minutes(55))
        .as(Student())
        .when(CompleteSession{kSession, std::nullopt})
        .then_error("not_session_teacher", ErrorKind::kForbidden);
    w.Given<SessionDecider>(stream, kStart + Minutes(55))
        .as(Teacher())
        .when(CompleteSession{kSession, std::string("https://rec.example/1")})
        .then({SessionCompleted{kSession, kEnrollment, kTeacher, kStudent, kStart + Minutes(55), 55,
                                std::string("https://rec.example/1")}});
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(CancelSession{kSession, "connection dropped"})
        .then({SessionCancelled{kSession, kEnrollment, Student().id, "connection dropped"}});
    w.Run<SessionDecider>(CompleteSession{kSession, std::nullopt}, Teacher(), kStart + Hours(1));
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(CancelSession{kSession, "late"})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("mutual assessments: 1-5, once each, after completion") {
    World w;
    w.Paid();
    w.Run<SessionDecider>(Schedule(), Student());
    const std::string stream = SessionStream(kSession);
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(AssessSession{kSession, 5, std::nullopt})
        .then_error("session_not_completed", ErrorKind::kConflict);
    w.Run<SessionDecider>(StartSession{kSession}, Teacher(), kStart);
    w.Run<SessionDecider>(CompleteSession{kSession, std::nullopt}, Teacher(), kStart + Hours(1));
    for (int bad : {0, 6}) {
      w.Given<SessionDecider>(stream)
          .as(Student())
          .when(AssessSession{kSession, bad, std::nullopt})
          .then_error("invalid_rating");
    }
    SessionAssessed e{DeriveUuid(kSession, "assessment/" + ToString(kStudent)),
                      kSession,
                      kStudent,
                      kTeacher,
                      5,
                      std::string("Patient and clear")};
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(AssessSession{kSession, 5, std::string("Patient and clear")})
        .then({e});
    w.Run<SessionDecider>(AssessSession{kSession, 1, std::nullopt}, Student());
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(AssessSession{kSession, 4, std::nullopt})
        .then_error("already_assessed", ErrorKind::kConflict);
    auto teacher = w.Decide<SessionDecider>(AssessSession{kSession, 1, std::nullopt}, Teacher());
    REQUIRE(teacher.accepted());
    CHECK(std::get<SessionAssessed>(teacher.events()[0]).assessee_id == kStudent);
    w.Given<SessionDecider>(stream)
        .as(Admin())
        .when(AssessSession{kSession, 3, std::nullopt})
        .then_error("not_session_party", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
