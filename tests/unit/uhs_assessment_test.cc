// Specifications of Urban Home School assessments (seed 004 §8 assessments, §9
// assessment_submissions) and grades (§7 enrollments.current_grade, quiz_scores,
// assignment_scores): the course's instructor (or staff) writes a draft, publishes and closes it;
// a student with an active enrollment in the course takes it within its window and max_attempts;
// auto-gradable answers are scored when handed in, the others graded by the instructor within
// 0..total_points; each grading reaches the enrollment's gradebook as the student's best attempt.
#include <memory>
#include <stdexcept>

#include "commands/all_reactions.h"
#include "domain/uhs/assessment.h"
#include "domain/uhs/assessment_gradebook.h"
#include "eventstore/event_codec.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

namespace {

const Uuid kQuiz = *ParseUuid("a5000000-0000-4000-8000-000000000001");
const Uuid kSubmission = *ParseUuid("a5000000-0000-4000-8000-000000000011");
const Uuid kSubmission2 = *ParseUuid("a5000000-0000-4000-8000-000000000012");
const Uuid kSubmission3 = *ParseUuid("a5000000-0000-4000-8000-000000000013");
const Uuid kOtherCourse = *ParseUuid("a5000000-0000-4000-8000-0000000000c0");
const Uuid kOtherInstructor = *ParseUuid("a5000000-0000-4000-8000-0000000000d0");
const Uuid kStaffUser = *ParseUuid("a5000000-0000-4000-8000-0000000000e0");
const Timestamp kOpens = kNow + Hours(1);
const Timestamp kCloses = kNow + Days(7);

Actor Instructor() { return AsUser(kInstructor, "instructor"); }
Actor Student() { return AsUser(kStudentUser, "student"); }

AssessmentQuestion Choice(const std::string& id = "q1", int32_t points = 10) {
  return AssessmentQuestion{
      id, QuestionType::multiple_choice, "What is 2 + 2?", {"3", "4", "5", "6"}, "4", points};
}
AssessmentQuestion TrueFalse(const std::string& id = "q2", int32_t points = 5) {
  return AssessmentQuestion{id,    QuestionType::true_false, "The earth is flat.", {}, "false",
                            points};
}
AssessmentQuestion Essay(const std::string& id = "q3", int32_t points = 20) {
  return AssessmentQuestion{id, QuestionType::essay, "Explain photosynthesis.",
                            {}, std::nullopt,        points};
}

CreateAssessment Create(bool auto_gradable = true) {
  CreateAssessment c;
  c.assessment_id = kQuiz;
  c.course_id = kCourse;
  c.title = "  Fractions quiz ";
  c.description = "Adding and comparing fractions";
  c.assessment_type = auto_gradable ? AssessmentType::quiz : AssessmentType::assignment;
  c.questions = {Choice(), TrueFalse()};
  if (!auto_gradable) c.questions.push_back(Essay());
  c.passing_score = 8;
  c.auto_gradable = auto_gradable;
  c.duration_minutes = 30;
  c.available_from = kOpens;
  c.available_until = kCloses;
  c.max_attempts = 2;
  return c;
}

AssessmentCreated QuizCreated(bool auto_gradable = true) {
  CreateAssessment c = Create(auto_gradable);
  AssessmentCreated e;
  e.assessment_id = kQuiz;
  e.course_id = kCourse;
  e.instructor_id = kInstructor;
  e.creator_id = kInstructor;
  e.title = "Fractions quiz";
  e.description = c.description;
  e.assessment_type = c.assessment_type;
  e.questions = c.questions;
  e.total_points = auto_gradable ? 15 : 35;
  e.passing_score = 8;
  e.auto_gradable = auto_gradable;
  e.duration_minutes = 30;
  e.available_from = kOpens;
  e.available_until = kCloses;
  e.max_attempts = 2;
  return e;
}

AssessmentPublished Published() { return AssessmentPublished{kQuiz, kCourse, kInstructor}; }

SubmitAssessment Submit(std::map<std::string, std::string> answers = {{"q1", "4"}, {"q2", "false"}},
                        const Uuid& submission = kSubmission) {
  return SubmitAssessment{kQuiz, submission, kEnrollment, std::move(answers)};
}

AssessmentSubmitted Submitted(const Uuid& submission, int32_t attempt, Timestamp at,
                              std::map<std::string, std::string> answers, int32_t total_after,
                              bool was_started = false, std::optional<Timestamp> started = {}) {
  AssessmentSubmitted e;
  e.assessment_id = kQuiz;
  e.submission_id = submission;
  e.student_id = kStudent;
  e.enrollment_id = kEnrollment;
  e.attempt_number = attempt;
  e.answers = std::move(answers);
  e.started_at = started.value_or(at);
  e.submitted_at = at;
  e.was_started = was_started;
  e.total_submissions_after = total_after;
  return e;
}

AssessmentSubmissionGraded Graded(const Uuid& submission, int32_t attempt, int32_t score,
                                  Timestamp at, bool auto_graded, int32_t sequence, int32_t best,
                                  int32_t best_attempt, int64_t average, bool manual = false) {
  AssessmentSubmissionGraded e;
  e.assessment_id = kQuiz;
  e.submission_id = submission;
  e.student_id = kStudent;
  e.enrollment_id = kEnrollment;
  e.course_id = kCourse;
  e.title = "Fractions quiz";
  e.assessment_type = manual ? AssessmentType::assignment : AssessmentType::quiz;
  e.attempt_number = attempt;
  e.score = score;
  e.total_points = manual ? 35 : 15;
  e.passing_score = 8;
  e.passed = score >= 8;
  e.auto_graded = auto_graded;
  if (!auto_graded) e.graded_by = kInstructor;
  e.graded_at = at;
  e.best_score = best;
  e.best_attempt_number = best_attempt;
  e.grading_sequence = sequence;
  e.average_score_hundredths = average;
  return e;
}

// A published assessment of kCourse, the student's free (active) enrollment in it, at `now`.
Spec<AssessmentDecider> TakeSpec(Timestamp now = kOpens, bool auto_gradable = true,
                                 std::vector<EnrollmentDecider::Event> enrollment = {Started(0)}) {
  Spec<AssessmentDecider> spec;
  spec.at(now)
      .as(Student())
      .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), std::move(enrollment))
      .given({QuizCreated(auto_gradable), Published()});
  return spec;
}

Spec<AssessmentDecider> CreateSpec(const Actor& actor = Instructor()) {
  Spec<AssessmentDecider> spec;
  spec.at(kNow).as(actor).given_stream<CourseDecider>(CourseStream(kCourse),
                                                      {fixtures::Created(0)});
  return spec;
}

}  // namespace

TEST_SUITE("uhs assessments") {
  TEST_CASE(
      "lifecycles: assessment draft -> published -> closed; submission in_progress -> "
      "submitted -> graded (regrade)") {
    {
      using S = AssessmentStatus;
      using A = AssessmentAction;
      const testing::ExpectedTable<S, A> lifecycle = {
          {S::draft, A::publish, S::published},
          {S::published, A::close, S::closed},
      };
      testing::CheckMachine<AssessmentMachine, S, A>(S::draft, lifecycle);
    }
    {
      using S = SubmissionStatus;
      using T = SubmissionTrigger;
      const testing::ExpectedTable<S, T> lifecycle = {
          {S::in_progress, T::submit, S::submitted},
          {S::submitted, T::grade, S::graded},
          {S::graded, T::regrade, S::graded},
      };
      testing::CheckMachine<SubmissionMachine, S, T>(S::in_progress, lifecycle);
    }
  }

  TEST_CASE("the course's instructor creates a draft: title trimmed, total_points summed") {
    CreateSpec().when(Create()).then({QuizCreated()});
  }

  TEST_CASE("staff create for any course; another instructor or a student may not") {
    AssessmentCreated by_staff = QuizCreated();
    by_staff.creator_id = kStaffUser;
    CreateSpec(AsUser(kStaffUser, "admin")).when(Create()).then({by_staff});
    CreateSpec(AsUser(kOtherInstructor, "instructor"))
        .when(Create())
        .then_error("not_assessment_instructor", ErrorKind::kForbidden);
    CreateSpec(Student()).when(Create()).then_error("not_assessment_instructor");
  }

  TEST_CASE("an assessment needs an existing course and a new id") {
    CreateAssessment c = Create();
    c.course_id = kOtherCourse;
    CreateSpec().when(c).then_error("course_not_found");
    CreateSpec().given({QuizCreated()}).when(Create()).then_error("assessment_already_exists");
  }

  TEST_CASE("a definition is refused with the code of what is wrong") {
    auto refused = [](auto change, const char* code) {
      CreateAssessment c = Create();
      change(c);
      CreateSpec().when(c).then_error(code);
    };
    refused([](CreateAssessment& c) { c.title = "  "; }, "invalid_title");
    refused([](CreateAssessment& c) { c.questions.clear(); }, "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[1].id = "q1"; }, "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[0].id = " "; }, "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[0].question = ""; },
            "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[0].points = 0; }, "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[0].points = 101; },
            "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[0].correct_answer = "7"; },
            "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[0].options = {"4"}; },
            "invalid_assessment_questions");
    refused(
        [](CreateAssessment& c) {
          c.questions[0].options = {"4", "4"};
        },
        "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions[1].correct_answer = "no"; },
            "invalid_assessment_questions");
    refused([](CreateAssessment& c) { c.questions.push_back(Essay()); },
            "assessment_not_auto_gradable");
    refused([](CreateAssessment& c) { c.passing_score = 16; }, "invalid_passing_score");
    refused([](CreateAssessment& c) { c.passing_score = -1; }, "invalid_passing_score");
    refused([](CreateAssessment& c) { c.max_attempts = 0; }, "invalid_max_attempts");
    refused([](CreateAssessment& c) { c.max_attempts = 11; }, "invalid_max_attempts");
    refused([](CreateAssessment& c) { c.duration_minutes = 0; }, "invalid_duration");
    refused([](CreateAssessment& c) { c.available_until = kOpens; }, "invalid_assessment_window");
    refused(
        [](CreateAssessment& c) {
          c.questions.clear();
          for (int i = 0; i < 10; ++i) c.questions.push_back(Choice("q" + std::to_string(i), 100));
          c.passing_score = 0;
        },
        "invalid_assessment_questions");  // 1000 points: over 999
  }

  TEST_CASE("an essay question makes an instructor-graded assessment") {
    CreateSpec().when(Create(/*auto_gradable=*/false)).then({QuizCreated(false)});
    CreateAssessment c = Create(false);
    c.questions[2].correct_answer = "light";
    CreateSpec().when(c).then_error("invalid_assessment_questions");
  }

  TEST_CASE("only a draft is edited, by its instructor") {
    UpdateAssessment u;
    u.assessment_id = kQuiz;
    u.title = "Fractions quiz (v2)";
    u.assessment_type = AssessmentType::exam;
    u.questions = {Choice()};
    u.passing_score = 5;
    u.max_attempts = 1;
    AssessmentUpdated e;
    e.assessment_id = kQuiz;
    e.updated_by = kInstructor;
    e.title = u.title;
    e.assessment_type = AssessmentType::exam;
    e.questions = {Choice()};
    e.total_points = 10;
    e.passing_score = 5;
    e.max_attempts = 1;
    Spec<AssessmentDecider>().at(kNow).as(Instructor()).given({QuizCreated()}).when(u).then({e});
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(AsUser(kOtherInstructor, "instructor"))
        .given({QuizCreated()})
        .when(u)
        .then_error("not_assessment_instructor");
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Instructor())
        .given({QuizCreated(), Published()})
        .when(u)
        .then_error("illegal_transition");
    u.passing_score = 11;
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Instructor())
        .given({QuizCreated()})
        .when(u)
        .then_error("invalid_passing_score");
  }

  TEST_CASE("publish a draft, close a published one; the window ends when it closes") {
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Instructor())
        .given({QuizCreated()})
        .when(PublishAssessment{kQuiz})
        .then({Published()});
    const Timestamp at = kOpens + Hours(2);
    Spec<AssessmentDecider>()
        .at(at)
        .as(Instructor())
        .given({QuizCreated(), Published()})
        .when(CloseAssessment{kQuiz})
        .then({AssessmentClosed{kQuiz, kInstructor, at, at}});
    // Closed after its planned end: the end stays.
    Spec<AssessmentDecider>()
        .at(kCloses + Days(1))
        .as(Instructor())
        .given({QuizCreated(), Published()})
        .when(CloseAssessment{kQuiz})
        .then({AssessmentClosed{kQuiz, kInstructor, kCloses + Days(1), kCloses}});
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Instructor())
        .given({QuizCreated()})
        .when(CloseAssessment{kQuiz})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Instructor())
        .given({QuizCreated(), Published()})
        .when(PublishAssessment{kQuiz})
        .then_error("illegal_transition");
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Student())
        .given({QuizCreated()})
        .when(PublishAssessment{kQuiz})
        .then_error("not_assessment_instructor");
    Spec<AssessmentDecider>()
        .at(kNow)
        .as(Instructor())
        .when(PublishAssessment{kQuiz})
        .then_error("assessment_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("auto-gradable answers are scored when handed in") {
    TakeSpec().when(Submit()).then(
        {Submitted(kSubmission, 1, kOpens, {{"q1", "4"}, {"q2", "false"}}, 1),
         Graded(kSubmission, 1, 15, kOpens, true, 1, 15, 1, 1500)});
    // Blanks around an answer are dropped; a wrong or missing answer earns nothing.
    TakeSpec()
        .when(Submit({{"q1", " 3 "}}))
        .then({Submitted(kSubmission, 1, kOpens, {{"q1", "3"}}, 1),
               Graded(kSubmission, 1, 0, kOpens, true, 1, 0, 1, 0)});
  }

  TEST_CASE("ScoreAnswers: the points of the questions answered right") {
    const std::vector<AssessmentQuestion> qs = {Choice(), TrueFalse(), Essay()};
    CHECK(ScoreAnswers(qs, {{"q1", "4"}, {"q2", "false"}, {"q3", "chlorophyll"}}) == 15);
    CHECK(ScoreAnswers(qs, {{"q1", "4"}, {"q2", "true"}}) == 10);
    CHECK(ScoreAnswers(qs, {{"q2", "false"}}) == 5);
    CHECK(ScoreAnswers(qs, {}) == 0);
  }

  TEST_CASE("the window: open at available_from and at available_until, not a second outside") {
    TakeSpec(kOpens).when(Submit()).then(
        {Submitted(kSubmission, 1, kOpens, {{"q1", "4"}, {"q2", "false"}}, 1),
         Graded(kSubmission, 1, 15, kOpens, true, 1, 15, 1, 1500)});
    TakeSpec(kOpens - Seconds(1))
        .when(Submit())
        .then_error("assessment_not_yet_available", ErrorKind::kConflict);
    TakeSpec(kCloses).when(Submit()).then(
        {Submitted(kSubmission, 1, kCloses, {{"q1", "4"}, {"q2", "false"}}, 1),
         Graded(kSubmission, 1, 15, kCloses, true, 1, 15, 1, 1500)});
    TakeSpec(kCloses + Seconds(1)).when(Submit()).then_error("assessment_window_closed");
    TakeSpec(kCloses + Seconds(1))
        .when(StartAssessmentAttempt{kQuiz, kSubmission, kEnrollment})
        .then_error("assessment_window_closed");
    TakeSpec(kOpens - Seconds(1))
        .when(StartAssessmentAttempt{kQuiz, kSubmission, kEnrollment})
        .then_error("assessment_not_yet_available");
  }

  TEST_CASE("a draft or closed assessment takes no attempt") {
    Spec<AssessmentDecider>()
        .at(kOpens)
        .as(Student())
        .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {Started(0)})
        .given({QuizCreated()})
        .when(Submit())
        .then_error("assessment_not_published");
    TakeSpec()
        .given({AssessmentClosed{kQuiz, kInstructor, kOpens, kOpens}})
        .when(Submit())
        .then_error("assessment_not_published");
    Spec<AssessmentDecider>()
        .at(kOpens)
        .as(Student())
        .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {Started(0)})
        .when(Submit())
        .then_error("assessment_not_found");
  }

  TEST_CASE("only the student of an active enrollment in the course takes it") {
    // Pending payment: not active.
    TakeSpec(kOpens, true, {Started(250000)})
        .when(Submit())
        .then_error("enrollment_not_active", ErrorKind::kConflict);
    // Another student (the parent, here) may not hand it in for them.
    TakeSpec().as(AsUser(kParent, "parent")).when(Submit()).then_error("not_own_enrollment");
    // An enrollment in another course.
    EnrollmentStarted elsewhere = Started(0);
    elsewhere.course_id = kOtherCourse;
    TakeSpec(kOpens, true, {elsewhere}).when(Submit()).then_error("enrollment_mismatch");
    // No such enrollment.
    Spec<AssessmentDecider>()
        .at(kOpens)
        .as(Student())
        .given({QuizCreated(), Published()})
        .when(Submit())
        .then_error("enrollment_not_found");
  }

  TEST_CASE("max_attempts: the third attempt of two is refused; the best attempt counts") {
    auto spec = TakeSpec();
    spec.given({Submitted(kSubmission, 1, kOpens, {{"q1", "4"}}, 1),
                Graded(kSubmission, 1, 10, kOpens, true, 1, 10, 1, 1000)});
    const Timestamp later = kOpens + Hours(1);
    spec.at(later)
        .when(Submit({{"q2", "false"}}, kSubmission2))
        .then({Submitted(kSubmission2, 2, later, {{"q2", "false"}}, 2),
               // Worse than the first: the first stays the best; the average is (10 + 5) / 2.
               Graded(kSubmission2, 2, 5, later, true, 2, 10, 1, 750)});
    spec.given({Submitted(kSubmission2, 2, later, {{"q2", "false"}}, 2),
                Graded(kSubmission2, 2, 5, later, true, 2, 10, 1, 750)});
    spec.when(Submit({{"q1", "4"}}, kSubmission3))
        .then_error("max_attempts_reached", ErrorKind::kConflict);
    spec.when(StartAssessmentAttempt{kQuiz, kSubmission3, kEnrollment})
        .then_error("max_attempts_reached");
    spec.when(Submit({{"q1", "4"}}, kSubmission)).then_error("submission_already_submitted");
  }

  TEST_CASE("a started attempt: one open at a time, handed in within duration_minutes") {
    auto spec = TakeSpec();
    spec.when(StartAssessmentAttempt{kQuiz, kSubmission, kEnrollment})
        .then({AssessmentAttemptStarted{kQuiz, kSubmission, kStudent, kEnrollment, 1, kOpens}});
    spec.given({AssessmentAttemptStarted{kQuiz, kSubmission, kStudent, kEnrollment, 1, kOpens}});
    spec.when(StartAssessmentAttempt{kQuiz, kSubmission2, kEnrollment})
        .then_error("attempt_in_progress");
    spec.when(Submit({{"q1", "4"}}, kSubmission2)).then_error("attempt_in_progress");
    spec.when(StartAssessmentAttempt{kQuiz, kSubmission, kEnrollment})
        .then_error("submission_already_exists");
    // Exactly at the end of its 30 minutes.
    const Timestamp end = kOpens + Minutes(30);
    spec.at(end)
        .when(Submit({{"q1", "4"}}))
        .then({Submitted(kSubmission, 1, end, {{"q1", "4"}}, 1, /*was_started=*/true, kOpens),
               Graded(kSubmission, 1, 10, end, true, 1, 10, 1, 1000)});
    spec.at(end + Seconds(1))
        .when(Submit({{"q1", "4"}}))
        .then_error("assessment_time_up", ErrorKind::kConflict);
  }

  TEST_CASE("answers name the assessment's questions and fit their kind") {
    TakeSpec().when(Submit({{"q9", "4"}})).then_error("invalid_assessment_answers");
    TakeSpec().when(Submit({{"q1", "seven"}})).then_error("invalid_assessment_answers");
    TakeSpec().when(Submit({{"q2", "maybe"}})).then_error("invalid_assessment_answers");
    TakeSpec().when(Submit({{"q1", "4"}, {" q1", "4"}})).then_error("invalid_assessment_answers");
  }

  TEST_CASE("an instructor-graded submission waits for its grade, 0..total_points, feedback") {
    const std::map<std::string, std::string> answers = {
        {"q1", "4"}, {"q2", "true"}, {"q3", "Plants make sugar from light."}};
    auto spec = TakeSpec(kOpens, /*auto_gradable=*/false);
    spec.when(Submit(answers)).then({Submitted(kSubmission, 1, kOpens, answers, 1)});
    spec.given({Submitted(kSubmission, 1, kOpens, answers, 1)});
    const Timestamp at = kOpens + Days(1);
    AssessmentSubmissionGraded graded =
        Graded(kSubmission, 1, 28, at, false, 1, 28, 1, 2800, /*manual=*/true);
    graded.feedback = "Good; mention chlorophyll.";
    spec.at(at)
        .as(Instructor())
        .when(GradeAssessmentSubmission{kQuiz, kSubmission, 28, " Good; mention chlorophyll. "})
        .then({graded});
    spec.when(GradeAssessmentSubmission{kQuiz, kSubmission, 36, std::nullopt})
        .then_error("grade_out_of_range", ErrorKind::kInvalid);
    spec.when(GradeAssessmentSubmission{kQuiz, kSubmission, -1, std::nullopt})
        .then_error("grade_out_of_range");
    spec.when(GradeAssessmentSubmission{kQuiz, kSubmission2, 10, std::nullopt})
        .then_error("submission_not_found");
    spec.as(Student())
        .when(GradeAssessmentSubmission{kQuiz, kSubmission, 35, std::nullopt})
        .then_error("not_assessment_instructor");
    // Boundaries of the range: 0 and total_points are grades.
    spec.as(Instructor())
        .when(GradeAssessmentSubmission{kQuiz, kSubmission, 35, std::nullopt})
        .then({Graded(kSubmission, 1, 35, at, false, 1, 35, 1, 3500, true)});
    spec.when(GradeAssessmentSubmission{kQuiz, kSubmission, 0, std::nullopt})
        .then({Graded(kSubmission, 1, 0, at, false, 1, 0, 1, 0, true)});
  }

  TEST_CASE("a regrade replaces the score and the student's best") {
    auto spec = TakeSpec(kOpens, false);
    spec.given({Submitted(kSubmission, 1, kOpens, {}, 1),
                Graded(kSubmission, 1, 30, kOpens, false, 1, 30, 1, 3000, true)});
    spec.as(Instructor())
        .when(GradeAssessmentSubmission{kQuiz, kSubmission, 20, std::nullopt})
        .then({Graded(kSubmission, 1, 20, kOpens, false, 2, 20, 1, 2000, true)});
    CHECK(spec.state().submissions.at(kSubmission).status() == SubmissionStatus::graded);
    CHECK(*spec.state().submissions.at(kSubmission).score == 20);
  }

  TEST_CASE("an in-progress attempt is not graded") {
    TakeSpec(kOpens, false)
        .as(Instructor())
        .given({AssessmentAttemptStarted{kQuiz, kSubmission, kStudent, kEnrollment, 1, kOpens}})
        .when(GradeAssessmentSubmission{kQuiz, kSubmission, 10, std::nullopt})
        .then_error("submission_not_submitted");
  }
}

// ---- the gradebook -----------------------------------------------------------------------------

namespace {

const Uuid kAssignment = *ParseUuid("a5000000-0000-4000-8000-000000000002");

AssessmentGrade Grade(const Uuid& assessment, AssessmentType type, int32_t score, int32_t total,
                      int64_t percentage = 0) {
  AssessmentGrade g;
  g.assessment_id = assessment;
  g.title = type == AssessmentType::quiz ? "Fractions quiz" : "Fractions project";
  g.assessment_type = type;
  g.score = score;
  g.total_points = total;
  g.percentage_hundredths = percentage;
  g.passed = score >= total / 2;
  g.attempt_number = 1;
  g.graded_at = kNow;
  return g;
}

Spec<GradebookDecider> GradebookSpec() {
  Spec<GradebookDecider> spec;
  spec.at(kNow).as(System());
  return spec;
}

const Reaction& GradebookReaction() {
  static const std::vector<std::unique_ptr<Reaction>> reactions = AllReactions();
  for (const auto& r : reactions) {
    if (r->name() == "uhs-gradebook") return *r;
  }
  FAIL("no uhs-gradebook reaction");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_SUITE("uhs assessments") {
  TEST_CASE(
      "gradebook: quizzes and exams in quiz_scores, the rest in assignment_scores, "
      "current_grade their mean percentage") {
    auto spec = GradebookSpec();
    spec.when(RecordAssessmentGrade{kEnrollment, kStudent, kCourse,
                                    Grade(kQuiz, AssessmentType::quiz, 10, 15), 1})
        .then({EnrollmentGradesUpdated{kEnrollment,
                                       kStudent,
                                       kCourse,
                                       kQuiz,
                                       1,
                                       {Grade(kQuiz, AssessmentType::quiz, 10, 15, 6667)},
                                       {},
                                       6667}});
    spec.given({EnrollmentGradesUpdated{kEnrollment,
                                        kStudent,
                                        kCourse,
                                        kQuiz,
                                        1,
                                        {Grade(kQuiz, AssessmentType::quiz, 10, 15, 6667)},
                                        {},
                                        6667}});
    spec.when(RecordAssessmentGrade{kEnrollment, kStudent, kCourse,
                                    Grade(kAssignment, AssessmentType::project, 35, 35), 1})
        .then({EnrollmentGradesUpdated{kEnrollment,
                                       kStudent,
                                       kCourse,
                                       kAssignment,
                                       1,
                                       {Grade(kQuiz, AssessmentType::quiz, 10, 15, 6667)},
                                       {Grade(kAssignment, AssessmentType::project, 35, 35, 10000)},
                                       8334}});
    // A regrade of the quiz replaces its entry; a stale one changes nothing.
    spec.when(RecordAssessmentGrade{kEnrollment, kStudent, kCourse,
                                    Grade(kQuiz, AssessmentType::quiz, 15, 15), 2})
        .then({EnrollmentGradesUpdated{kEnrollment,
                                       kStudent,
                                       kCourse,
                                       kQuiz,
                                       2,
                                       {Grade(kQuiz, AssessmentType::quiz, 15, 15, 10000)},
                                       {},
                                       10000}});
    spec.when(RecordAssessmentGrade{kEnrollment, kStudent, kCourse,
                                    Grade(kQuiz, AssessmentType::quiz, 0, 15), 1})
        .then({});
  }

  TEST_CASE("gradebook: only the reaction records grades, within their range") {
    GradebookSpec()
        .as(Student())
        .when(RecordAssessmentGrade{kEnrollment, kStudent, kCourse,
                                    Grade(kQuiz, AssessmentType::quiz, 10, 15), 1})
        .then_error("system_only");
    GradebookSpec()
        .when(RecordAssessmentGrade{kEnrollment, kStudent, kCourse,
                                    Grade(kQuiz, AssessmentType::quiz, 16, 15), 1})
        .then_error("grade_out_of_range");
  }

  TEST_CASE("the uhs-gradebook reaction records the student's best attempt of each grading") {
    AssessmentSubmissionGraded e = Graded(kSubmission2, 2, 5, kNow, true, 2, 10, 1, 750);
    RecordedEvent recorded;
    recorded.event_id = kSubmission2;
    recorded.marketplace = "uhs";
    recorded.type = e.kType;
    recorded.schema_version = e.kSchemaVersion;
    recorded.payload = json::Encode(e);
    const Reaction& reaction = GradebookReaction();
    REQUIRE(reaction.Handles(recorded));
    std::vector<ReactionCommand> out;
    REQUIRE(reaction.React(recorded, &out).ok());
    REQUIRE(out.size() == 1);
    const RecordAssessmentGrade* c = out[0].As<RecordAssessmentGrade>();
    REQUIRE(c != nullptr);
    CHECK(c->enrollment_id == kEnrollment);
    CHECK(c->student_id == kStudent);  // the enrollment's, for its row in enrollments
    CHECK(c->course_id == kCourse);
    CHECK(c->grading_sequence == 2);
    CHECK(c->grade.assessment_id == kQuiz);
    CHECK(c->grade.score == 10);  // the best, not this attempt's 5
    CHECK(c->grade.attempt_number == 1);
    CHECK(c->grade.total_points == 15);
    CHECK(c->grade.passed);
    CHECK(c->grade.assessment_type == AssessmentType::quiz);
  }
}

}  // namespace edu::uhs
