// The Urban Home School assessment tables (assessments, assessment_submissions) and the grade
// columns of enrollments (current_grade, quiz_scores, assignment_scores), projected by a real
// Projector into real PostgreSQL: every documented column filled from the events.
#include "domain/uhs/assessment.h"
#include "domain/uhs/assessment_gradebook.h"
#include "domain/uhs/enrollment.h"
#include "projections/uhs/uhs_projection.h"
#include "tests/support/projection_spec.h"

namespace edu::uhs {
namespace {

using testing::ProjectionSpec;

const Uuid kInstructor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kCourse = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kEnrollment = *ParseUuid("55555555-5555-4555-8555-555555555555");
const Uuid kStudent = *ParseUuid("66666666-6666-4666-8666-666666666666");
const Uuid kStudentUser = *ParseUuid("66666666-6666-4666-8666-777777777777");
const Uuid kQuiz = *ParseUuid("a5000000-0000-4000-8000-000000000001");
const Uuid kProject = *ParseUuid("a5000000-0000-4000-8000-000000000002");
const Uuid kSubmission = *ParseUuid("a5000000-0000-4000-8000-000000000011");
const Uuid kSubmission2 = *ParseUuid("a5000000-0000-4000-8000-000000000012");
const Timestamp kT1 = *ParseIso8601("2026-03-02T08:00:00Z");
const Timestamp kT2 = *ParseIso8601("2026-03-02T09:00:00Z");
const Timestamp kT3 = *ParseIso8601("2026-03-02T10:00:00Z");
const Timestamp kUntil = *ParseIso8601("2026-03-09T08:00:00Z");

AssessmentCreated QuizCreated() {
  AssessmentCreated e;
  e.assessment_id = kQuiz;
  e.course_id = kCourse;
  e.instructor_id = kInstructor;
  e.creator_id = kInstructor;
  e.title = "Fractions quiz";
  e.description = "Adding fractions";
  e.assessment_type = AssessmentType::quiz;
  e.questions = {
      AssessmentQuestion{
          "q1", QuestionType::multiple_choice, "What is 2 + 2?", {"3", "4"}, "4", 10},
      AssessmentQuestion{"q2", QuestionType::true_false, "The earth is flat.", {}, "false", 5},
  };
  e.total_points = 15;
  e.passing_score = 8;
  e.auto_gradable = true;
  e.duration_minutes = 30;
  e.available_from = kT1;
  e.available_until = kUntil;
  e.max_attempts = 2;
  return e;
}

AssessmentSubmissionGraded Graded(const Uuid& submission, int32_t attempt, int32_t score,
                                  Timestamp at, std::optional<Uuid> by, int64_t average) {
  AssessmentSubmissionGraded e;
  e.assessment_id = kQuiz;
  e.submission_id = submission;
  e.student_id = kStudent;
  e.enrollment_id = kEnrollment;
  e.course_id = kCourse;
  e.title = "Fractions quiz";
  e.attempt_number = attempt;
  e.score = score;
  e.total_points = 15;
  e.passing_score = 8;
  e.passed = score >= 8;
  e.auto_graded = !by;
  e.graded_by = by;
  if (by) e.feedback = "Check question 2.";
  e.graded_at = at;
  e.best_score = score;
  e.best_attempt_number = attempt;
  e.average_score_hundredths = average;
  return e;
}

EnrollmentStarted FreeEnrollment() {
  EnrollmentStarted e;
  e.enrollment_id = kEnrollment;
  e.student_id = kStudent;
  e.student_user_id = kStudentUser;
  e.course_id = kCourse;
  e.instructor_id = kInstructor;
  e.price = Money{0, "KES"};
  e.status = EnrollmentStatus::active;
  e.lessons = {"fractions"};
  return e;
}

AssessmentGrade Grade(const Uuid& assessment, AssessmentType type, const char* title, int32_t score,
                      int32_t total, int64_t percentage, Timestamp at) {
  AssessmentGrade g;
  g.assessment_id = assessment;
  g.title = title;
  g.assessment_type = type;
  g.score = score;
  g.total_points = total;
  g.percentage_hundredths = percentage;
  g.passed = true;
  g.attempt_number = 1;
  g.graded_at = at;
  return g;
}

}  // namespace

TEST_SUITE("uhs assessment projection") {
  TEST_CASE("an assessment's definition, publication and closing fill every assessments column") {
    ProjectionSpec spec(MakeUhsProjection());
    const std::string stream = AssessmentStream(kQuiz);
    spec.at(kT1).given(stream, QuizCreated());
    spec.then_rows(
        "SELECT course_id::text, creator_id::text, title, description, assessment_type, "
        "questions::text, total_points, passing_score, auto_gradable, duration_minutes, "
        "is_published, available_from, available_until, max_attempts, total_submissions, "
        "average_score, created_at, updated_at FROM uhs.assessments",
        {{ToString(kCourse), ToString(kInstructor), "Fractions quiz", "Adding fractions", "quiz",
          R"([{"id": "q1", "type": "multiple_choice", "points": 10, "options": ["3", "4"], )"
          R"("question": "What is 2 + 2?", "correct_answer": "4"}, {"id": "q2", "type": )"
          R"("true_false", "points": 5, "question": "The earth is flat.", "correct_answer": )"
          R"(false}])",
          "15", "8", "t", "30", "f", "2026-03-02 08:00:00+00", "2026-03-09 08:00:00+00", "2", "0",
          "0.00", "2026-03-02 08:00:00+00", "2026-03-02 08:00:00+00"}});
    spec.at(kT2).given(stream, AssessmentPublished{kQuiz, kCourse, kInstructor});
    spec.then_rows("SELECT is_published, updated_at FROM uhs.assessments",
                   {{"t", "2026-03-02 09:00:00+00"}});
    spec.at(kT3).given(stream, AssessmentClosed{kQuiz, kInstructor, kT3, kT3});
    spec.then_rows("SELECT is_published, available_until FROM uhs.assessments",
                   {{"t", "2026-03-02 10:00:00+00"}});
  }

  TEST_CASE("a draft's edit rewrites its definition; an essay keeps no correct answer") {
    ProjectionSpec spec(MakeUhsProjection());
    AssessmentUpdated u;
    u.assessment_id = kQuiz;
    u.updated_by = kInstructor;
    u.title = "Photosynthesis";
    u.assessment_type = AssessmentType::assignment;
    u.questions = {AssessmentQuestion{
        "e1", QuestionType::essay, "Explain photosynthesis.", {}, std::nullopt, 20}};
    u.total_points = 20;
    u.passing_score = 10;
    u.auto_gradable = false;
    u.max_attempts = 1;
    spec.at(kT1).given(AssessmentStream(kQuiz), QuizCreated());
    spec.at(kT2).given(AssessmentStream(kQuiz), u);
    spec.then_rows(
        "SELECT title, description, assessment_type, questions::text, total_points, passing_score, "
        "auto_gradable, duration_minutes, available_from, available_until, max_attempts, "
        "updated_at FROM uhs.assessments",
        {{"Photosynthesis", "NULL", "assignment",
          R"([{"id": "e1", "type": "essay", "points": 20, "question": "Explain photosynthesis."}])",
          "20", "10", "f", "NULL", "NULL", "NULL", "1", "2026-03-02 09:00:00+00"}});
  }

  TEST_CASE(
      "submissions: started then handed in, handed in at once, graded automatically and by "
      "the instructor") {
    ProjectionSpec spec(MakeUhsProjection());
    const std::string stream = AssessmentStream(kQuiz);
    spec.at(kT1).given(stream, QuizCreated(), AssessmentPublished{kQuiz, kCourse, kInstructor},
                       AssessmentAttemptStarted{kQuiz, kSubmission, kStudent, kEnrollment, 1, kT1});
    spec.then_rows(
        "SELECT student_id::text, answers::text, score, is_graded, is_submitted, attempt_number, "
        "started_at, submitted_at FROM uhs.assessment_submissions",
        {{ToString(kStudent), "{}", "NULL", "f", "f", "1", "2026-03-02 08:00:00+00", "NULL"}});
    AssessmentSubmitted first;
    first.assessment_id = kQuiz;
    first.submission_id = kSubmission;
    first.student_id = kStudent;
    first.enrollment_id = kEnrollment;
    first.attempt_number = 1;
    first.answers = {{"q1", "4"}, {"q2", "true"}};
    first.started_at = kT1;
    first.submitted_at = kT2;
    first.was_started = true;
    first.total_submissions_after = 1;
    AssessmentSubmitted second = first;
    second.submission_id = kSubmission2;
    second.attempt_number = 2;
    second.answers = {{"q2", "false"}};
    second.started_at = kT3;
    second.submitted_at = kT3;
    second.was_started = false;
    second.total_submissions_after = 2;
    spec.at(kT2).given(stream, first, Graded(kSubmission, 1, 10, kT2, std::nullopt, 1000));
    spec.at(kT3).given(stream, second, Graded(kSubmission2, 2, 5, kT3, std::nullopt, 750),
                       Graded(kSubmission2, 2, 7, kT3, kInstructor, 850));
    spec.then_rows(
        "SELECT id::text, assessment_id::text, student_id::text, answers::text, score, is_graded, "
        "graded_by::text, feedback, is_submitted, attempt_number, started_at, submitted_at, "
        "graded_at, created_at, updated_at FROM uhs.assessment_submissions ORDER BY attempt_number",
        {{ToString(kSubmission), ToString(kQuiz), ToString(kStudent),
          R"({"q1": "4", "q2": "true"})", "10", "t", "NULL", "NULL", "t", "1",
          "2026-03-02 08:00:00+00", "2026-03-02 09:00:00+00", "2026-03-02 09:00:00+00",
          "2026-03-02 08:00:00+00", "2026-03-02 09:00:00+00"},
         {ToString(kSubmission2), ToString(kQuiz), ToString(kStudent), R"({"q2": "false"})", "7",
          "t", ToString(kInstructor), "Check question 2.", "t", "2", "2026-03-02 10:00:00+00",
          "2026-03-02 10:00:00+00", "2026-03-02 10:00:00+00", "2026-03-02 10:00:00+00",
          "2026-03-02 10:00:00+00"}});
    spec.then_rows("SELECT total_submissions, average_score FROM uhs.assessments", {{"2", "8.50"}});
  }

  TEST_CASE("the gradebook rewrites enrollments' current_grade, quiz_scores, assignment_scores") {
    ProjectionSpec spec(MakeUhsProjection());
    spec.at(kT1).given(EnrollmentStream(kEnrollment), FreeEnrollment());
    spec.then_rows(
        "SELECT current_grade, quiz_scores::text, assignment_scores::text FROM uhs.enrollments",
        {{"0.00", "[]", "[]"}});
    EnrollmentGradesUpdated e;
    e.enrollment_id = kEnrollment;
    e.student_id = FreeEnrollment().student_id;
    e.course_id = FreeEnrollment().course_id;
    e.assessment_id = kProject;
    e.grading_sequence = 1;
    e.quiz_scores = {Grade(kQuiz, AssessmentType::exam, "Fractions exam", 10, 15, 6667, kT2)};
    e.assignment_scores = {
        Grade(kProject, AssessmentType::project, "Kitchen project", 25, 25, 10000, kT3)};
    e.current_grade_hundredths = 8334;
    spec.at(kT3).given(GradebookStream(kEnrollment), e);
    spec.then_rows(
        "SELECT current_grade, quiz_scores::text, assignment_scores::text, updated_at FROM "
        "uhs.enrollments",
        {{"83.34",
          R"([{"score": 10, "title": "Fractions exam", "passed": true, "graded_at": )"
          R"("2026-03-02T09:00:00Z", "percentage": 66.67, "total_points": 15, "assessment_id": )"
          R"("a5000000-0000-4000-8000-000000000001", "attempt_number": 1, "assessment_type": )"
          R"("exam"}])",
          R"([{"score": 25, "title": "Kitchen project", "passed": true, "graded_at": )"
          R"("2026-03-02T10:00:00Z", "percentage": 100.0, "total_points": 25, "assessment_id": )"
          R"("a5000000-0000-4000-8000-000000000002", "attempt_number": 1, "assessment_type": )"
          R"("project"}])",
          // updated_at stays the enrollment's own: the gradebook is another stream.
          "2026-03-02 08:00:00+00"}});
  }
}

}  // namespace edu::uhs
