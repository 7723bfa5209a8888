// The PeerLoop read tables of course edits and pages, ratings, module progress and certificates
// (courses, course_curriculum, course_objectives, course_includes, course_prerequisites,
// course_target_audience, course_testimonials, module_progress, certificates), projected by a
// real Projector into real PostgreSQL from events the deciders produced.
#include <variant>

#include "projections/peerloop/peerloop_projection.h"
#include "tests/support/projection_spec.h"
#include "tests/unit/peerloop_learning_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;
using edu::testing::ProjectionSpec;

const Uuid kModule = Id("c0000000-0000-4000-8000-000000000090");
const Uuid kModule2 = Id("c0000000-0000-4000-8000-000000000091");
const Uuid kObjective = Id("c0000000-0000-4000-8000-0000000000b0");
const Uuid kInclude = Id("c0000000-0000-4000-8000-0000000000b1");
const Uuid kRequired = Id("c0000000-0000-4000-8000-0000000000b2");
const Uuid kNiceToHave = Id("c0000000-0000-4000-8000-0000000000b3");
const Uuid kAudience = Id("c0000000-0000-4000-8000-0000000000b4");
const Uuid kRemoved = Id("c0000000-0000-4000-8000-0000000000b5");
const Uuid kReview = Id("c0000000-0000-4000-8000-0000000000c0");
const Uuid kReview2 = Id("c0000000-0000-4000-8000-0000000000c1");
const Uuid kReview3 = Id("c0000000-0000-4000-8000-0000000000c2");
const Uuid kEnrollment2 = Id("c0000000-0000-4000-8000-0000000000c3");
const Uuid kEnrollment3 = Id("c0000000-0000-4000-8000-0000000000c4");
const Uuid kStudent3 = Id("c0000000-0000-4000-8000-0000000000c5");
const Uuid kProgress = Id("c0000000-0000-4000-8000-0000000000d0");
const Uuid kProgress2 = Id("c0000000-0000-4000-8000-0000000000d1");
const Uuid kCompletion = Id("c0000000-0000-4000-8000-0000000000e0");
const Uuid kMastery = Id("c0000000-0000-4000-8000-0000000000e1");
const Uuid kTeaching = Id("c0000000-0000-4000-8000-0000000000e2");

void CompleteFor(World& w, const Uuid& id, const Uuid& student) {
  w.Run<EnrollmentDecider>(EnrollCmd(kTeacher, id, student), Student(student));
  w.Run<EnrollmentDecider>(ConfirmPayment{id, DeriveUuid(id, "tx"), kStripe}, Gateway());
  w.Run<EnrollmentDecider>(StartEnrollment{id}, System());
  w.Run<EnrollmentDecider>(CompleteEnrollment{id}, Teacher());
}

// The world's events in order, then the learning streams' (which only reference the world's).
void Feed(World& w, Learning& l, ProjectionSpec& spec) {
  w.Replay([&](const std::string& stream, const auto& e) { spec.given(stream, e); });
  auto feed = [&](auto& streams) {
    for (const auto& [stream, events] : streams) {
      for (const auto& event : events) {
        std::visit([&, s = stream](const auto& e) { spec.given(s, e); }, event);
      }
    }
  };
  feed(l.Streams<CoursePageDecider>());
  feed(l.Streams<ModuleProgressDecider>());
  feed(l.Streams<CertificateDecider>());
}

std::string Utc(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')";
}

AddCourseModule Module(const Uuid& id, const std::string& title) {
  AddCourseModule c;
  c.course_id = kCourse;
  c.module_id = id;
  c.session_number = 1;
  c.title = title;
  c.description = "What " + title + " covers";
  c.duration = "20 min";
  c.learning_objectives = "- install\n- log in";
  c.topics_covered = "terminal, accounts";
  c.hands_on_exercise = "Run the first prompt";
  c.video_count = 2;
  c.reading_count = 1;
  c.has_assessment = true;
  c.video_url = "https://youtu.be/" + title;
  c.document_url = "https://notion.so/" + title;
  return c;
}

}  // namespace

TEST_SUITE("peerloop learning projection") {
  TEST_CASE("course pages: curriculum, the four page lists, testimonials, rating and badge") {
    World w;
    Learning l(w);
    l.Completed();
    w.Run<UserDecider>(UserCmd(kStudent3, UserRole::student, "lena"), Student(kStudent3));
    CompleteFor(w, kEnrollment2, kStudent2);
    CompleteFor(w, kEnrollment3, kStudent3);
    l.Run<CoursePageDecider>(Module(kModule, "setup"), Creator());
    l.Run<CoursePageDecider>(Module(kModule2, "first-app"), Creator());
    EditCourseModule edit;
    edit.course_id = kCourse;
    edit.module_id = kModule2;
    edit.session_number = 2;
    edit.title = "First app";
    edit.description = "Build it";
    edit.duration = "1h";
    l.Run<CoursePageDecider>(edit, Creator());
    using Sec = CoursePageSection;
    l.Run<CoursePageDecider>(AddCoursePageItem{kCourse, kObjective, Sec::objective, "Ship an app"},
                             Creator());
    l.Run<CoursePageDecider>(AddCoursePageItem{kCourse, kInclude, Sec::include, "Lifetime access"},
                             Creator());
    l.Run<CoursePageDecider>(AddCoursePageItem{kCourse, kRemoved, Sec::include, "Discord"},
                             Creator());
    l.Run<CoursePageDecider>(RemoveCoursePageItem{kCourse, kRemoved}, Creator());
    l.Run<CoursePageDecider>(AddCoursePageItem{kCourse, kRequired, Sec::prerequisite,
                                               "Claude account", PrerequisiteType::required},
                             Creator());
    l.Run<CoursePageDecider>(
        AddCoursePageItem{kCourse, kNiceToHave, Sec::prerequisite, "Basic computer skills",
                          PrerequisiteType::nice_to_have, 3},
        Creator());
    l.Run<CoursePageDecider>(
        AddCoursePageItem{kCourse, kAudience, Sec::target_audience, "Non-coders wanting to use AI"},
        Creator());
    ReviewCourse review{kCourse, kReview,          kEnrollment, 5, std::string("Two sessions!"),
                        "Sarah", "Course Graduate"};
    l.Run<CoursePageDecider>(review, Student());
    l.Run<CoursePageDecider>(ReviewCourse{kCourse, kReview2, kEnrollment2, 4}, Student(kStudent2));
    l.Run<CoursePageDecider>(ReviewCourse{kCourse, kReview3, kEnrollment3, 5}, Student(kStudent3));
    l.Run<CoursePageDecider>(FeatureTestimonial{kCourse, kReview, true}, Creator());
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, l, spec);
    spec.then_rows(
        "SELECT id::text, course_id::text, session_number, title, description, duration, "
        "coalesce(learning_objectives, '-'), coalesce(topics_covered, '-'), "
        "coalesce(hands_on_exercise, '-'), video_count, reading_count, has_assessment, "
        "module_order, video_url, document_url FROM peerloop.course_curriculum ORDER BY "
        "module_order",
        {{ToString(kModule), ToString(kCourse), "1", "setup", "What setup covers", "20 min",
          "- install\n- log in", "terminal, accounts", "Run the first prompt", "2", "1", "t", "1",
          "https://youtu.be/setup", "https://notion.so/setup"},
         {ToString(kModule2), ToString(kCourse), "2", "First app", "Build it", "1h", "-", "-", "-",
          "NULL", "NULL", "NULL", "2", "NULL", "NULL"}});
    spec.then_rows(
        "SELECT id::text, course_id::text, objective, display_order "
        "FROM peerloop.course_objectives",
        {{ToString(kObjective), ToString(kCourse), "Ship an app", "1"}});
    spec.then_rows("SELECT id::text, item, display_order FROM peerloop.course_includes",
                   {{ToString(kInclude), "Lifetime access", "1"}});
    spec.then_rows(
        "SELECT id::text, course_id::text, type, content, display_order FROM "
        "peerloop.course_prerequisites ORDER BY type DESC",
        {{ToString(kRequired), ToString(kCourse), "required", "Claude account", "1"},
         {ToString(kNiceToHave), ToString(kCourse), "nice_to_have", "Basic computer skills", "3"}});
    spec.then_rows(
        "SELECT id::text, course_id::text, description, display_order FROM "
        "peerloop.course_target_audience",
        {{ToString(kAudience), ToString(kCourse), "Non-coders wanting to use AI", "1"}});
    spec.then_rows(
        "SELECT id::text, course_id::text, quote, student_name, student_role, "
        "is_featured, " +
            Utc("created_at") + " FROM peerloop.course_testimonials",
        {{ToString(kReview), ToString(kCourse), "Two sessions!", "Sarah", "Course Graduate", "t",
          "2026-03-02 08:00"}});
    spec.then_rows("SELECT rating::text, rating_count, badge FROM peerloop.courses",
                   {{"4.67", "3", "popular"}});
  }

  TEST_CASE("course edits, closing and retirement; module progress; issued certificates only") {
    World w;
    Learning l(w);
    l.Completed();
    EditCourse edit;
    edit.course_id = kCourse;
    edit.title = "Intro to Claude Code (2026)";
    edit.tagline = "Build with AI";
    edit.description = "New description";
    edit.duration = "4 weeks";
    edit.format = "Live 1-on-1 sessions";
    edit.thumbnail_url = "https://img.example/c.png";
    edit.has_certificate = true;
    edit.certificate_name = "Certificate of Completion";
    w.Run<CourseDecider>(edit, Creator(), kNow + Minutes(1));
    l.Run<CoursePageDecider>(Module(kModule, "setup"), Creator());
    l.Run<CoursePageDecider>(Module(kModule2, "first-app"), Creator());
    l.Run<ModuleProgressDecider>(MarkModuleProgress{kProgress, kEnrollment, kCourse, kModule, true},
                                 Student(), kNow + Minutes(5));
    l.Run<ModuleProgressDecider>(
        MarkModuleProgress{kProgress2, kEnrollment, kCourse, kModule2, true}, Student());
    l.Run<ModuleProgressDecider>(
        MarkModuleProgress{kProgress, kEnrollment, kCourse, kModule2, false}, Student());
    w.Run<UserDecider>(CertifyStudentTeacher{kStudent, kCourse}, Creator());
    IssueCertificate completion{kCompletion,
                                kEnrollment,
                                kStudent,
                                kCourse,
                                CertificateType::completion,
                                std::string("https://c.example/1")};
    l.Run<CertificateDecider>(completion, Creator(), kNow + Minutes(9));
    l.Run<CertificateDecider>(
        RecommendCertificate{kMastery, kEnrollment, kStudent, kCourse, CertificateType::mastery},
        Teacher());
    l.Run<CertificateDecider>(
        IssueCertificate{kMastery, kEnrollment, kStudent, kCourse, CertificateType::mastery},
        Admin(), kNow + Minutes(10));
    l.Run<CertificateDecider>(
        RecommendCertificate{kTeaching, kEnrollment, kStudent, kCourse, CertificateType::teaching},
        Teacher());
    l.Run<CertificateDecider>(
        DeclineCertificate{kTeaching, kEnrollment, kCourse, "teach two sessions first"}, Creator());
    w.Run<CourseDecider>(SetCourseActive{kCourse, false}, Creator(), kNow + Minutes(20));
    ProjectionSpec closed(MakePeerloopProjection());
    Feed(w, l, closed);
    closed.then_rows(
        "SELECT is_active, is_retired, " + Utc("updated_at") + " FROM peerloop.courses",
        {{"f", "f", "2026-03-02 08:20"}});
    w.Run<CourseDecider>(RetireCourse{kCourse}, Creator(), kNow + Minutes(30));
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, l, spec);
    spec.then_rows(
        "SELECT title, tagline, description, duration, format, thumbnail_url, "
        "has_certificate, certificate_name, is_active, is_retired, " +
            Utc("updated_at") + ", rating, rating_count, badge FROM peerloop.courses",
        {{"Intro to Claude Code (2026)", "Build with AI", "New description", "4 weeks",
          "Live 1-on-1 sessions", "https://img.example/c.png", "t", "Certificate of Completion",
          "f", "t", "2026-03-02 08:30", "NULL", "NULL", "NULL"}});
    spec.then_rows(
        "SELECT id::text, enrollment_id::text, module_id::text, is_complete, " +
            Utc("completed_at") + " FROM peerloop.module_progress ORDER BY module_id",
        {{ToString(kProgress), ToString(kEnrollment), ToString(kModule), "t", "2026-03-02 08:05"},
         {ToString(kProgress2), ToString(kEnrollment), ToString(kModule2), "f", "NULL"}});
    spec.then_rows("SELECT id::text, user_id::text, course_id::text, type, " + Utc("issued_at") +
                       ", issued_by::text, coalesce(recommended_by::text, '-'), "
                       "coalesce(certificate_url, '-') FROM peerloop.certificates ORDER BY type",
                   {{ToString(kCompletion), ToString(kStudent), ToString(kCourse), "completion",
                     "2026-03-02 08:09", ToString(kCreator), "-", "https://c.example/1"},
                    {ToString(kMastery), ToString(kStudent), ToString(kCourse), "mastery",
                     "2026-03-02 08:10", ToString(kAdmin), ToString(kTeacher), "-"}});
  }
}

}  // namespace edu::peerloop
