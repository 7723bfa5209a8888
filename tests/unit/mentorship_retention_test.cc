// Specifications of the recording retention (PRD §14.2, issue 12): a completed session's recording
// is kept recording_retention_days (730 by default) after the session's completion; then the
// scheduler erases it (EraseSessionRecording -> SessionRecordingErased), once, and the read side
// empties sessions.recording_url. docs/mentorship.md "Retention".
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

const Timestamp kEnd = kStart + Minutes(60);

SessionCompleted WithRecording() {
  SessionCompleted done = Completed(kEnd);
  done.recording_url = "https://rec.example/1";
  done.recording_access_expires = kEnd + Days(730);
  return done;
}

// A paid session completed at kEnd with a recording, decided at `at` by `actor`.
Spec<SessionDecider> Recorded(Timestamp at, Actor actor) {
  auto spec = Paid(at, std::move(actor));
  spec.given({Started(kStart), WithRecording()});
  return spec;
}

SessionRecordingErased Erased(Timestamp at, int32_t days = 730) {
  return SessionRecordingErased{kSession, kMentor, kEnd, days, at, kPolicy};
}

}  // namespace

TEST_SUITE("mentorship recording retention") {
  TEST_CASE("erased 730 days after completion: not one second before, at, after") {
    const Timestamp due = kEnd + Days(730);
    Recorded(due - Seconds(1), Scheduler())
        .when(EraseSessionRecording{kSession})
        .then_error("recording_retention_not_over", ErrorKind::kInvalid);
    auto at = Recorded(due, Scheduler());
    at.when(EraseSessionRecording{kSession}).then({Erased(due)});
    CHECK(at.state().recording_erased);
    Recorded(due + Seconds(1), Scheduler())
        .when(EraseSessionRecording{kSession})
        .then({Erased(due + Seconds(1))});
  }

  TEST_CASE("the policy's recording_retention_days decides the period") {
    Policies shorter;
    shorter.mentorship.recording_retention_days = 30;
    Recorded(kEnd + Days(30) - Seconds(1), Scheduler())
        .with_policies(shorter)
        .when(EraseSessionRecording{kSession})
        .then_error("recording_retention_not_over");
    Recorded(kEnd + Days(30), Scheduler())
        .with_policies(shorter)
        .when(EraseSessionRecording{kSession})
        .then({Erased(kEnd + Days(30), 30)});
  }

  TEST_CASE("refused when there is no recording or it is already erased") {
    const Timestamp late = kEnd + Days(800);
    Paid(late, Scheduler())
        .given({Started(kStart), Completed(kEnd)})
        .when(EraseSessionRecording{kSession})
        .then_error("session_has_no_recording", ErrorKind::kInvalid);
    Paid(late, Scheduler())
        .when(EraseSessionRecording{kSession})
        .then_error("session_has_no_recording", ErrorKind::kInvalid);
    Recorded(late, Scheduler())
        .given({Erased(kEnd + Days(730))})
        .when(EraseSessionRecording{kSession})
        .then_error("session_recording_already_erased", ErrorKind::kConflict);
  }

  TEST_CASE("only the scheduler erases; an unknown session is not found") {
    const Timestamp due = kEnd + Days(730);
    Recorded(due, Support())
        .when(EraseSessionRecording{kSession})
        .then_error("system_only", ErrorKind::kForbidden);
    Recorded(due, MentorActor())
        .when(EraseSessionRecording{kSession})
        .then_error("system_only", ErrorKind::kForbidden);
    Recorded(due, Student())
        .when(EraseSessionRecording{kSession})
        .then_error("system_only", ErrorKind::kForbidden);
    Spec<SessionDecider> unknown;
    unknown.at(due)
        .as(Scheduler())
        .when(EraseSessionRecording{kSession})
        .then_error("session_not_found");
  }
}

}  // namespace edu::mentorship
