// Specifications of PeerLoop course tags (course_tags: topic tags for search and filtering): the
// course's creator or an admin tags an existing course; a tag is trimmed, not empty, and on a
// course once.
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kTag = Id("c0000000-0000-4000-8000-000000000070");
const Uuid kTag2 = Id("c0000000-0000-4000-8000-000000000071");

}  // namespace

TEST_SUITE("peerloop course tags") {
  TEST_CASE("the course's creator tags the course; the tag is trimmed and kept by the course") {
    World w;
    w.Setup();
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(TagCourse{kCourse, kTag, "  ai-coding \t"})
        .then({CourseTagged{kCourse, kTag, "ai-coding"}});
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Admin())
        .when(TagCourse{kCourse, kTag, "beginner"})
        .then({CourseTagged{kCourse, kTag, "beginner"}});
    w.Run<CourseDecider>(TagCourse{kCourse, kTag, "ai-coding"}, Creator());
    w.Run<CourseDecider>(TagCourse{kCourse, kTag2, "beginner"}, Admin());
    const CourseState course = w.State<CourseDecider>(CourseStream(kCourse));
    REQUIRE(course.tags.size() == 2);
    CHECK(course.tags[0].tag == "ai-coding");
    CHECK(course.tags[1].tag_id == kTag2);
  }

  TEST_CASE("a tag already on the course is refused, ignoring case and surrounding spaces") {
    World w;
    w.Setup();
    w.Run<CourseDecider>(TagCourse{kCourse, kTag, "ai-coding"}, Creator());
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(TagCourse{kCourse, kTag2, " AI-Coding "})
        .then_error("course_tag_already_exists", ErrorKind::kConflict);
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(TagCourse{kCourse, kTag, "python"})
        .then_error("course_tag_id_taken", ErrorKind::kConflict);
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(TagCourse{kCourse, kTag2, " \t "})
        .then_error("course_tag_required");
  }

  TEST_CASE("only the course's creator or an admin tags a course") {
    World w;
    w.Setup();
    // a student, a certified student-teacher of the course, another creator
    for (const Actor& actor : {Student(), Teacher(), AsUser(kTeacher2, "creator")}) {
      w.Given<CourseDecider>(CourseStream(kCourse))
          .as(actor)
          .when(TagCourse{kCourse, kTag, "ai-coding"})
          .then_error("not_course_creator", ErrorKind::kForbidden);
    }
  }

  TEST_CASE("tagging a course that does not exist is refused") {
    World w;
    w.Setup();
    const Uuid unknown = Id("c0000000-0000-4000-8000-0000000000ff");
    w.Given<CourseDecider>(CourseStream(unknown))
        .as(Creator())
        .when(TagCourse{unknown, kTag, "ai-coding"})
        .then_error("course_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::peerloop
