// The Urban Home School catalog tables (certificates, categories, the course page columns of
// courses, a review's enrollments columns), projected by a real Projector into real PostgreSQL:
// every documented column filled from the events.
#include "domain/uhs/catalog.h"
#include "domain/uhs/certificate.h"
#include "domain/uhs/commands_assessment.h"
#include "domain/uhs/events_assessment.h"
#include "projections/uhs/uhs_projection.h"
#include "tests/support/projection_spec.h"
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {
namespace {

using testing::ProjectionSpec;
using namespace fixtures;

const Timestamp kT1 = *ParseIso8601("2026-03-02T08:00:00Z");
const Timestamp kT2 = *ParseIso8601("2026-03-02T09:00:00Z");
const Timestamp kT3 = *ParseIso8601("2026-03-02T10:00:00Z");
const Uuid kMaths = CategoryIdFor("mathematics");
const Uuid kAlgebra = CategoryIdFor("algebra");
const Uuid kOtherEnrollment = *ParseUuid("55555555-5555-4555-8555-999999999999");

CertificateIssued Issued(CertificateKind kind) {
  CertificateIssued e;
  e.certificate_id = CertificateIdFor(kEnrollment, kind);
  e.serial_number = SerialNumberFor(e.certificate_id, 2026);
  e.kind = kind;
  e.enrollment_id = kEnrollment;
  e.student_id = kStudentUser;
  e.enrollment_student_id = kStudent;
  e.student_name = std::string("Amani Kamau");
  e.course_id = kCourse;
  e.course_name = "Grade 7 Mathematics";
  e.grade = kind == CertificateKind::completion ? std::optional<std::string>("EE") : std::nullopt;
  e.completion_date = kT1;
  e.issued_by = ToString(kInstructor);
  return e;
}

CategoryCreated Category(const std::string& slug, std::optional<Uuid> parent) {
  CategoryCreated e;
  e.category_id = CategoryIdFor(slug);
  e.slug = slug;
  e.name = "Mathematics";
  e.parent_id = parent;
  if (parent) {
    e.ancestors = {*parent};
    e.description = "Expressions and equations";
    e.icon = "sigma";
    e.image_url = "https://cdn.example/algebra.png";
    e.display_order = 2;
  }
  return e;
}

}  // namespace

TEST_SUITE("uhs catalog projection") {
  TEST_CASE("certificates: every column, the enrollment's link, revocation") {
    ProjectionSpec spec(MakeUhsProjection());
    spec.at(kT1).given(EnrollmentStream(kEnrollment), Started(0),
                       EnrollmentCompleted{kEnrollment, kCourse});
    // A certificate is decided after the enrollment's completion; its row is there first.
    REQUIRE(spec.Project().ok());
    const Uuid completion = CertificateIdFor(kEnrollment, CertificateKind::completion);
    const Uuid distinction = CertificateIdFor(kEnrollment, CertificateKind::distinction);
    spec.at(kT2).given(CertificateStream(completion), Issued(CertificateKind::completion));
    spec.at(kT2).given(CertificateStream(distinction), Issued(CertificateKind::distinction));
    const std::string serial = SerialNumberFor(completion, 2026);
    spec.then_rows(
        "SELECT id::text, serial_number, student_id::text, student_name, course_id::text, "
        "course_name, grade, completion_date, issued_at, is_valid, revoked_at, metadata::text "
        "FROM uhs.certificates WHERE id = '" +
            ToString(completion) + "'",
        {{ToString(completion), serial, ToString(kStudentUser), "Amani Kamau", ToString(kCourse),
          "Grade 7 Mathematics", "EE", "2026-03-02 08:00:00+00", "2026-03-02 09:00:00+00", "t",
          "NULL",
          R"({"kind": "completion", "issued_by": ")" + ToString(kInstructor) +
              R"(", "enrollment_id": ")" + ToString(kEnrollment) + R"("})"}});
    // The completion certificate is the one the enrollment links to.
    spec.then_rows("SELECT certificate_id::text FROM uhs.enrollments", {{ToString(completion)}});
    spec.at(kT3).given(CertificateStream(distinction),
                       CertificateRevoked{distinction, SerialNumberFor(distinction, 2026),
                                          CertificateKind::distinction, kEnrollment,
                                          ToString(kInstructor), "Issued in error", Admin().id});
    spec.then_rows(
        "SELECT kind, is_valid, revoked_at, grade, metadata->>'revocation_reason', "
        "metadata->>'revoked_by' FROM uhs.certificates, LATERAL (SELECT metadata->>'kind' AS "
        "kind) k ORDER BY kind",
        {{"completion", "t", "NULL", "EE", "NULL", "NULL"},
         {"distinction", "f", "2026-03-02 10:00:00+00", "NULL", "Issued in error", Admin().id}});
  }

  TEST_CASE(
      "a certificate, a review and a grade applied before their enrollment's own events (a "
      "rebuild reads partitions side by side) leave the same enrollments row") {
    ProjectionSpec spec(MakeUhsProjection());
    const Uuid completion = CertificateIdFor(kEnrollment, CertificateKind::completion);
    spec.at(kT2).given(CertificateStream(completion), Issued(CertificateKind::completion));
    spec.at(kT2).given(CourseCatalogStream(kCourse),
                       CourseReviewed{kCourse, kEnrollment, kStudentUser, kStudent, 5,
                                      std::string("Clear lessons"), 1, 5, 500});
    EnrollmentGradesUpdated grades;
    grades.enrollment_id = kEnrollment;
    grades.student_id = kStudent;
    grades.course_id = kCourse;
    grades.assessment_id = completion;  // any id: the row keeps the grade, not the assessment
    grades.current_grade_hundredths = 9000;
    spec.at(kT2).given(GradebookStream(kEnrollment), grades);
    REQUIRE(spec.Project().ok());
    spec.at(kT1).given(EnrollmentStream(kEnrollment), Started(0),
                       EnrollmentCompleted{kEnrollment, kCourse});
    spec.then_rows(
        "SELECT student_id::text, course_id::text, status, certificate_id::text, rating, review, "
        "reviewed_at, current_grade, updated_at FROM uhs.enrollments",
        {{ToString(kStudent), ToString(kCourse), "completed", ToString(completion), "5",
          "Clear lessons", "2026-03-02 09:00:00+00", "90.00", "2026-03-02 08:00:00+00"}});
  }

  TEST_CASE("categories: nested rows, course counts follow placements, hiding") {
    ProjectionSpec spec(MakeUhsProjection());
    spec.at(kT1).given(CategoryStream(kMaths), Category("mathematics", std::nullopt));
    spec.at(kT1).given(CategoryStream(kAlgebra), Category("algebra", kMaths));
    spec.then_rows(
        "SELECT name, slug, description, icon, image_url, parent_id::text, display_order, "
        "is_active, course_count, created_at, updated_at FROM uhs.categories ORDER BY slug",
        {{"Mathematics", "algebra", "Expressions and equations", "sigma",
          "https://cdn.example/algebra.png", ToString(kMaths), "2", "t", "0",
          "2026-03-02 08:00:00+00", "2026-03-02 08:00:00+00"},
         {"Mathematics", "mathematics", "NULL", "NULL", "NULL", "NULL", "0", "t", "0",
          "2026-03-02 08:00:00+00", "2026-03-02 08:00:00+00"}});
    const Uuid other_course = DeriveUuid(kCourse, "other");
    spec.at(kT2).given(CategoryStream(kMaths), CourseAddedToCategory{kMaths, kCourse, 1},
                       CourseRemovedFromCategory{kMaths, kCourse, 0});
    spec.at(kT2).given(CategoryStream(kAlgebra), CourseAddedToCategory{kAlgebra, kCourse, 1},
                       CourseAddedToCategory{kAlgebra, other_course, 2});
    spec.at(kT3).given(CategoryStream(kMaths), CategoryActivityChanged{kMaths, false});
    spec.then_rows(
        "SELECT slug, course_count, is_active, updated_at FROM uhs.categories ORDER "
        "BY slug",
        {{"algebra", "2", "t", "2026-03-02 09:00:00+00"},
         {"mathematics", "0", "f", "2026-03-02 10:00:00+00"}});
  }

  TEST_CASE("course page: featured, syllabus, competencies, reviews and their average") {
    ProjectionSpec spec(MakeUhsProjection());
    spec.at(kT1).given(CourseStream(kCourse), fixtures::Created(0));
    spec.at(kT1).given(EnrollmentStream(kEnrollment), Started(0));
    EnrollmentStarted other = Started(0);
    other.enrollment_id = kOtherEnrollment;
    spec.at(kT1).given(EnrollmentStream(kOtherEnrollment), other);
    REQUIRE(spec.Project().ok());
    spec.at(kT2).given(
        CourseCatalogStream(kCourse), CourseFeatured{kCourse, true},
        CourseSyllabusSet{kCourse, "Numbers", {{"Integers", {"order", "negatives"}}}},
        CourseCompetenciesSet{kCourse, {"Critical thinking", "Learning to learn"}});
    spec.at(kT3).given(CourseCatalogStream(kCourse),
                       CourseReviewed{kCourse, kEnrollment, kStudentUser, kStudent, 5,
                                      std::string("Clear lessons"), 1, 5, 500},
                       CourseReviewed{kCourse, kOtherEnrollment, kStudentUser, kStudent, 4,
                                      std::nullopt, 2, 9, 450});
    spec.then_rows(
        "SELECT title, is_featured, syllabus::text, competencies::text, average_rating, "
        "total_reviews, updated_at FROM uhs.courses",
        {{"Grade 7 Mathematics", "t",
          R"({"units": [{"title": "Integers", "topics": ["order", "negatives"]}], "overview": "Numbers"})",
          R"(["Critical thinking", "Learning to learn"])", "4.50", "2", "2026-03-02 10:00:00+00"}});
    spec.then_rows("SELECT id::text, rating, review, reviewed_at FROM uhs.enrollments ORDER BY id",
                   {{ToString(kEnrollment), "5", "Clear lessons", "2026-03-02 10:00:00+00"},
                    {ToString(kOtherEnrollment), "4", "NULL", "2026-03-02 10:00:00+00"}});
    spec.at(kT3).given(CourseCatalogStream(kCourse), CourseFeatured{kCourse, false});
    spec.then_rows("SELECT is_featured FROM uhs.courses", {{"f"}});
  }
}

}  // namespace edu::uhs
