// Specifications of Urban Home School people and courses: parents, staff, instructors and partners
// registering; students admitted under their admission number; courses created, priced and
// published.
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

TEST_SUITE("uhs people") {
  TEST_CASE("a parent registers themselves; staff register instructors and partners") {
    RegisterUser c{kParent, UserRole::parent, "wanjiku@example.co.ke", "Wanjiku Kamau", {},
                   {},      std::nullopt};
    UserRegistered e = Registered(kParent, UserRole::parent, "wanjiku@example.co.ke");
    Spec<UserDecider>().as(AsUser(kParent, "parent")).when(c).then({e});

    RegisterUser instructor{
        kInstructor, UserRole::instructor, "otieno@example.co.ke", "Wanjiku Kamau", {}, {}, {}};
    Spec<UserDecider>()
        .as(AsUser(kInstructor, "parent"))
        .when(instructor)
        .then_error("staff_only", ErrorKind::kForbidden);
    Spec<UserDecider>()
        .as(Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "staff"})
        .when(instructor)
        .then({Registered(kInstructor, UserRole::instructor, "otieno@example.co.ke")});
    RegisterUser staff = instructor;
    staff.role = UserRole::staff;
    Spec<UserDecider>()
        .as(Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "staff"})
        .when(staff)
        .then_error("privileged_role_requires_admin", ErrorKind::kForbidden);
  }

  TEST_CASE("students are admitted, not registered; twice is a conflict; emails are checked") {
    RegisterUser c{kParent, UserRole::student, "amani@example.co.ke", "Amani", {}, {}, {}};
    Spec<UserDecider>().as(Admin()).when(c).then_error("students_are_admitted");
    c.role = UserRole::parent;
    Spec<UserDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Registered(kParent, UserRole::parent, "x@example.co.ke")})
        .when(c)
        .then_error("user_already_registered", ErrorKind::kConflict);
    c.email = "wanjiku.example.co.ke";
    Spec<UserDecider>()
        .as(AsUser(kParent, "parent"))
        .when(c)
        .then_error("invalid_email", ErrorKind::kInvalid);
    Spec<UserDecider>().as(AsUser(kOtherParent, "parent")).when(c).then_error("not_own_account");
  }

  TEST_CASE("a parent admits their child; the ids derive from the admission number") {
    RegisterStudent c{"  uhs/2026/0042 ", "Amani Kamau",         "amani@example.co.ke",
                      "Grade 7",          Date{2026, 1, 5},      kParent,
                      std::nullopt,       std::string("Nairobi")};
    Spec<StudentDecider>()
        .as(AsUser(kParent, "parent"))
        .given_stream<UserDecider>(UserStream(kParent),
                                   {Registered(kParent, UserRole::parent, "w@example.co.ke")})
        .when(c)
        .then({Admitted()});
    CHECK(c.stream_id() == StudentStream(kStudent));
  }

  TEST_CASE("an admission number is admitted once, whatever its case or blanks") {
    RegisterStudent c{"UHS/2026/0042",  "Another Child", "other@example.co.ke", "Grade 6",
                      Date{2026, 1, 5}, std::nullopt,    std::nullopt,          std::nullopt};
    CHECK(StudentIdFor("uhs/2026/0042 ") == StudentIdFor("UHS/2026/0042"));
    Spec<StudentDecider>()
        .as(Admin())
        .given({Admitted()})
        .when(c)
        .then_error("admission_number_taken", ErrorKind::kConflict);
  }

  TEST_CASE("a parent admits only their own children, and the parent must be a parent") {
    RegisterStudent c{"UHS/2026/0042",  "Amani Kamau", "amani@example.co.ke", "Grade 7",
                      Date{2026, 1, 5}, kOtherParent,  std::nullopt,          std::nullopt};
    Spec<StudentDecider>()
        .as(AsUser(kParent, "parent"))
        .when(c)
        .then_error("not_own_child", ErrorKind::kForbidden);
    c.parent_id = kInstructor;
    Spec<StudentDecider>()
        .as(Admin())
        .given_stream<UserDecider>(
            UserStream(kInstructor),
            {Registered(kInstructor, UserRole::instructor, "i@example.co.ke")})
        .when(c)
        .then_error("not_a_parent");
    c.parent_id = kOtherParent;
    Spec<StudentDecider>().as(Admin()).when(c).then_error("parent_not_found", ErrorKind::kNotFound);
    c.parent_id.reset();
    c.grade_level = "";
    Spec<StudentDecider>().as(Admin()).when(c).then_error("invalid_grade_level");
  }
}

TEST_SUITE("uhs courses") {
  TEST_CASE("an instructor creates their course; staff create platform courses") {
    CreateCourse c{kCourse,
                   "Grade 7 Mathematics",
                   "Integers, fractions and geometry",
                   {"Grade 7"},
                   "Mathematics",
                   Kes(250000),
                   kInstructor,
                   {"integers", "fractions", "geometry"},
                   {}};
    Spec<CourseDecider>()
        .as(AsUser(kInstructor, "instructor"))
        .given_stream<UserDecider>(
            UserStream(kInstructor),
            {Registered(kInstructor, UserRole::instructor, "i@example.co.ke")})
        .when(c)
        .then({Created(250000)});
    c.instructor_id.reset();
    Spec<CourseDecider>().as(Admin()).when(c).then({Created(250000, true)});
    Spec<CourseDecider>()
        .as(AsUser(kInstructor, "instructor"))
        .when(c)
        .then_error("not_own_course", ErrorKind::kForbidden);
  }

  TEST_CASE("prices are KES, from 0.00 (free) up to the payment ceiling") {
    CreateCourse c{kCourse, "Grade 7 Mathematics", "",    {"Grade 7"}, "Mathematics",
                   Kes(-1), std::nullopt,          {"a"}, {}};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("invalid_amount", ErrorKind::kInvalid);
    c.price = Kes(kPolicy.max_payment_minor + 1);
    Spec<CourseDecider>().as(Admin()).when(c).then_error("invalid_amount");
    c.price = Money{1000, "USD"};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("currency_mismatch");
    c.price = Kes(0);
    c.lessons = {"a", "a"};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("invalid_lessons");
    c.lessons = {};
    Spec<CourseDecider>().as(Admin()).when(c).then_error("lessons_required");
  }

  TEST_CASE("a course is published once") {
    Spec<CourseDecider>()
        .as(AsUser(kInstructor, "instructor"))
        .given({Created(100)})
        .when(PublishCourse{kCourse})
        .then({CoursePublished{kCourse}});
    Spec<CourseDecider>()
        .as(Admin())
        .given({Created(100), CoursePublished{kCourse}})
        .when(PublishCourse{kCourse})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<CourseDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Created(100)})
        .when(PublishCourse{kCourse})
        .then_error("not_own_course");
  }
}

}  // namespace edu::uhs
