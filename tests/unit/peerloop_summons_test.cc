// Specifications of PeerLoop help summons: an enrolled student summons help, an available certified
// student-teacher responds, points only for sessions of at least 5 minutes, cancelling.
#include "tests/unit/peerloop_goodwill_fixtures.h"

namespace edu::peerloop {

using namespace testing;

TEST_SUITE("peerloop help summons") {
  const std::string kSummonStream = SummonStream(kSummon);
  SummonHelp Summon() { return SummonHelp{kSummon, kStudent, kCourse, kSession2, kEnrollment}; }

  TEST_CASE("an enrolled student summons help for a course and module") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    auto spec = [&] { return w.Given<SummonDecider>(kSummonStream).as(Student()); };
    spec().when(Summon()).then_error("payment_not_completed");
    w.Run<EnrollmentDecider>(ConfirmPayment{kEnrollment, kTransaction, kStripe}, Gateway());
    spec().when(Summon()).then(
        {HelpSummoned{kSummon, kStudent, kCourse, kSession2, kEnrollment, kNow}});
    auto other = Summon();
    other.course_id = kCategory;
    spec().when(other).then_error("enrollment_mismatch");
    spec()
        .as(Student(kStudent2))
        .when(Summon())
        .then_error("not_own_summon", ErrorKind::kForbidden);
  }

  TEST_CASE("pending -> responded by an available certified student-teacher -> completed") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    auto spec = [&](Actor a) { return w.Given<SummonDecider>(kSummonStream).as(a); };
    spec(Student())
        .when(CompleteSummon{kSummon, 10, 10})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Teacher()).when(RespondToSummon{kSummon, kTeacher}).then_error("responder_not_available");
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    spec(Teacher())
        .when(RespondToSummon{kSummon, kTeacher})
        .then({SummonResponded{kSummon, kTeacher, kNow}});
    spec(Student(kStudent2))
        .when(RespondToSummon{kSummon, kStudent2})
        .then_error("not_certified_for_course");
    spec(Student()).when(RespondToSummon{kSummon, kStudent}).then_error("self_response");
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());
    spec(Teacher(kTeacher2))
        .when(RespondToSummon{kSummon, kTeacher2})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("points only for sessions of at least 5 minutes, 10-25 of them") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());
    auto spec = [&](Timestamp at) {
      return w.Given<SummonDecider>(kSummonStream).as(Student()).at(at);
    };
    auto completed = [](int32_t minutes, int32_t requested, int32_t awarded, Timestamp at,
                        int32_t claimed) {
      SummonCompleted e{kSummon,   kStudent, kTeacher, kCourse, minutes,
                        requested, awarded,  5,        at,      claimed};
      return e;
    };
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 9})
        .then_error("points_not_allowed_for_reason");
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 26})
        .then_error("points_not_allowed_for_reason");
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 10})
        .then({completed(30, 10, 10, kNow + Minutes(30), 30)});
    spec(kNow + Minutes(30))
        .when(CompleteSummon{kSummon, 30, 25})
        .then({completed(30, 25, 25, kNow + Minutes(30), 30)});
    spec(kNow + Minutes(30)).when(CompleteSummon{kSummon, -1, 25}).then_error("invalid_duration");
    spec(kNow + Minutes(30))
        .as(Teacher())
        .when(CompleteSummon{kSummon, 30, 25})
        .then_error("not_own_summon", ErrorKind::kForbidden);
    w.Run<SummonDecider>(CompleteSummon{kSummon, 30, 25}, Student(), kNow + Minutes(30));
    spec(kNow + Minutes(31))
        .when(CancelSummon{kSummon, std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE(
      "a summon's duration runs from the recorded response, the client's figure informative") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher());  // responded at kNow
    auto spec = [&](Timestamp at) {
      return w.Given<SummonDecider>(kSummonStream).as(Student()).at(at);
    };
    auto completed = [](int32_t minutes, int32_t awarded, Timestamp at, int32_t claimed) {
      SummonCompleted e{kSummon, kStudent, kTeacher, kCourse, minutes, 15, awarded, 5, at, claimed};
      return e;
    };
    // The case: completed 4 minutes after the response, the client claiming 6.
    spec(kNow + Minutes(4))
        .when(CompleteSummon{kSummon, 6, 15})
        .then({completed(4, 0, kNow + Minutes(4), 6)});
    // The 5-minute minimum at its boundary: one second before, exactly at it, one second after.
    spec(kNow + Minutes(5) - Seconds(1))
        .when(CompleteSummon{kSummon, 60, 15})
        .then({completed(4, 0, kNow + Minutes(5) - Seconds(1), 60)});
    spec(kNow + Minutes(5))
        .when(CompleteSummon{kSummon, 0, 15})
        .then({completed(5, 15, kNow + Minutes(5), 0)});
    spec(kNow + Minutes(5) + Seconds(1))
        .when(CompleteSummon{kSummon, 1, 15})
        .then({completed(5, 15, kNow + Minutes(5) + Seconds(1), 1)});
  }

  TEST_CASE("a summon is cancelled while pending or responded") {
    World w;
    w.Paid();
    w.Run<SummonDecider>(Summon(), Student());
    w.Given<SummonDecider>(kSummonStream)
        .as(Student())
        .when(CancelSummon{kSummon, std::string("solved it")})
        .then({SummonCancelled{kSummon, Student().id, std::string("solved it")}});
    w.Given<SummonDecider>(kSummonStream)
        .as(Teacher())
        .when(CancelSummon{kSummon, std::nullopt})
        .then_error("not_own_summon", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
