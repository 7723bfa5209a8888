// Specifications of PeerLoop accounts and courses: registration and certification of
// student-teachers, the creator's commission, and availability slots.
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

}  // namespace

TEST_SUITE("peerloop accounts and courses") {
  TEST_CASE(
      "a user registers with a handle; staff roles need an admin; bio_short is 160 characters") {
    World w;
    auto c = UserCmd(kStudent, UserRole::student, "sarah");
    auto events = w.Run<UserDecider>(c, Student());
    const auto& e = std::get<UserRegistered>(events[0]);
    CHECK(e.handle.value == "sarah");
    CHECK_FALSE(e.is_creator);
    CHECK(e.privacy_public);
    w.Given<UserDecider>(UserStream(kStudent))
        .as(Student())
        .when(c)
        .then_error("user_already_registered");
    w.Given<UserDecider>(UserStream(kCreator))
        .as(Creator())
        .when(UserCmd(kCreator, UserRole::admin, "x"))
        .then_error("privileged_role_requires_admin", ErrorKind::kForbidden);
    auto too_long = UserCmd(kTeacher, UserRole::student, "m");
    too_long.bio_short = std::string(161, 'a');
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Teacher())
        .when(too_long)
        .then_error("bio_short_too_long");
    too_long.bio_short = std::string(160, 'a');
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Teacher())
        .when(too_long)
        .then(w.Decide<UserDecider>(too_long, Teacher()).events());
    auto bad_handle = UserCmd(kTeacher, UserRole::student, "no spaces");
    bad_handle.email = "no.spaces@peerloop.example";  // only the handle is wrong
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Teacher())
        .when(bad_handle)
        .then_error("invalid_handle");
  }

  TEST_CASE("a course takes the creator's commission, at most 100% minus the platform's 15%") {
    World w;
    w.Setup();
    auto c = CourseCmd(Id("c0000000-0000-4000-8000-0000000000aa"));
    c.teacher_commission = 86;
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Creator())
        .when(c)
        .then_error("invalid_teacher_commission");
    c.teacher_commission = 85;
    auto d = w.Decide<CourseDecider>(c, Creator());
    REQUIRE(d.accepted());
    CHECK(std::get<CourseCreated>(d.events()[0]).teacher_commission == 85);
    c.teacher_commission.reset();
    CHECK(std::get<CourseCreated>(w.Decide<CourseDecider>(c, Creator()).events()[0])
              .teacher_commission == 70);
    c.price = Money{39900, "EUR"};
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Creator())
        .when(c)
        .then_error("currency_mismatch");
    c.price = Money{0, "USD"};
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Creator())
        .when(c)
        .then_error("invalid_amount");
    c.price = Money{100, "USD"};
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Student())
        .when(c)
        .then_error("not_own_course", ErrorKind::kForbidden);
    c.creator_id = kStudent;
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Student())
        .when(c)
        .then_error("not_a_creator");
  }

  TEST_CASE(
      "the course's creator certifies student-teachers; a student becomes a student_teacher") {
    World w;
    w.Setup();
    StudentTeacherCertified expected;
    expected.certification_id = DeriveUuid(kStudent, "student_teacher/" + ToString(kCourse));
    expected.user_id = kStudent;
    expected.course_id = kCourse;
    expected.approved_by = kCreator;
    expected.certified_date = DateOf(kNow);
    expected.role_after = UserRole::student_teacher;
    w.Given<UserDecider>(UserStream(kStudent))
        .as(Creator())
        .when(CertifyStudentTeacher{kStudent, kCourse})
        .then({expected});
    w.Given<UserDecider>(UserStream(kStudent))
        .as(Teacher())
        .when(CertifyStudentTeacher{kStudent, kCourse})
        .then_error("not_course_creator", ErrorKind::kForbidden);
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Creator())
        .when(CertifyStudentTeacher{kTeacher, kCourse})
        .then_error("already_certified", ErrorKind::kConflict);
    w.Given<UserDecider>(UserStream(kCreator))
        .as(Creator())
        .when(CertifyStudentTeacher{kCreator, kCourse})
        .then_error("creator_teaches_own_course");
    CHECK(w.State<UserDecider>(UserStream(kTeacher)).role == UserRole::student_teacher);
  }

  TEST_CASE("availability slots: day 0-6, start before end, teachers only") {
    World w;
    w.Setup();
    AddAvailabilitySlot slot{kTeacher, kSession,           0,           "09:00",
                             "11:30",  "America/New_York", std::nullopt};
    auto spec = [&] { return w.Given<UserDecider>(UserStream(kTeacher)).as(Teacher()); };
    spec().when(slot).then({AvailabilitySlotAdded{kSession, kTeacher, 0, "09:00:00", "11:30:00",
                                                  "America/New_York", true}});
    slot.day_of_week = 6;
    CHECK(w.Decide<UserDecider>(slot, Teacher()).accepted());
    slot.day_of_week = 7;
    spec().when(slot).then_error("invalid_day_of_week");
    slot.day_of_week = -1;
    spec().when(slot).then_error("invalid_day_of_week");
    slot.day_of_week = 3;
    slot.end_time = "09:00";
    spec().when(slot).then_error("slot_not_ordered");
    slot.end_time = "25:00";
    spec().when(slot).then_error("invalid_time");
    slot.end_time = "10:00";
    slot.user_id = kStudent;
    w.Given<UserDecider>(UserStream(kStudent)).as(Student()).when(slot).then_error("not_a_teacher");
    slot.user_id = kTeacher;
    w.Run<UserDecider>(slot, Teacher());
    spec()
        .when(RemoveAvailabilitySlot{kTeacher, kSession})
        .then({AvailabilitySlotRemoved{kSession, kTeacher}});
    spec()
        .when(RemoveAvailabilitySlot{kTeacher, kSession2})
        .then_error("slot_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::peerloop
