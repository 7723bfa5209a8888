// Urban Home School assessments (seed 004 §8, §9): events of an assessment's stream (its
// definition, publication, closing, and every student's attempts with their grades) and of an
// enrollment's gradebook (the grades rolled up into enrollments.current_grade, quiz_scores and
// assignment_scores). They carry what the read tables need (counts and averages after), so the
// projection never looks anything up.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/uhs/assessment_machine.h"

namespace edu::uhs {

EDU_ENUM(AssessmentType, quiz, assignment, project, exam)
// multiple_choice and true_false have a correct answer (auto-gradable); essay is graded by hand.
EDU_ENUM(QuestionType, multiple_choice, true_false, essay)

// One question (assessments.questions, seed 004 §8 "Questions JSONB Format"). A true_false
// question's correct_answer is "true" or "false"; a multiple_choice one's is one of its options;
// an essay has none. The correct answers stay in the events and the documented column; nothing
// shows them to students (the API layer strips them from what it serves to students).
struct AssessmentQuestion {
  std::string id;
  QuestionType type = QuestionType::multiple_choice;
  std::string question;
  std::vector<std::string> options;
  std::optional<std::string> correct_answer;
  int32_t points = 0;
  EDU_FIELDS(id, type, question, options, correct_answer, points)
  EDU_LIMITS(limit::VarChar("id", 50), limit::Text("question"),
             limit::VarChar("options", 500).Items(10), limit::VarChar("correct_answer", 500))
};

// ---- the assessment's stream -------------------------------------------------------------------

struct AssessmentCreated {
  static constexpr const char* kType = "AssessmentCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid course_id;
  std::optional<Uuid> instructor_id;  // the course's, who manages the assessment with staff
  std::optional<Uuid> creator_id;     // the acting user (instructor or admin)
  std::string title;                  // trimmed
  std::optional<std::string> description;
  AssessmentType assessment_type = AssessmentType::quiz;
  std::vector<AssessmentQuestion> questions;  // trimmed
  int32_t total_points = 0;                   // the questions' points summed
  int32_t passing_score = 0;                  // points, 0..total_points
  bool auto_gradable = true;
  std::optional<int32_t> duration_minutes;
  std::optional<Timestamp> available_from;
  std::optional<Timestamp> available_until;
  int32_t max_attempts = 1;
  EDU_FIELDS(assessment_id, course_id, instructor_id, creator_id, title, description,
             assessment_type, questions, total_points, passing_score, auto_gradable,
             duration_minutes, available_from, available_until, max_attempts)
};

// A draft rewritten: the whole definition after the edit.
struct AssessmentUpdated {
  static constexpr const char* kType = "AssessmentUpdated";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid updated_by;
  std::string title;
  std::optional<std::string> description;
  AssessmentType assessment_type = AssessmentType::quiz;
  std::vector<AssessmentQuestion> questions;
  int32_t total_points = 0;
  int32_t passing_score = 0;
  bool auto_gradable = true;
  std::optional<int32_t> duration_minutes;
  std::optional<Timestamp> available_from;
  std::optional<Timestamp> available_until;
  int32_t max_attempts = 1;
  EDU_FIELDS(assessment_id, updated_by, title, description, assessment_type, questions,
             total_points, passing_score, auto_gradable, duration_minutes, available_from,
             available_until, max_attempts)
};

struct AssessmentPublished {
  static constexpr const char* kType = "AssessmentPublished";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid course_id;
  Uuid published_by;
  EDU_FIELDS(assessment_id, course_id, published_by)
};

// No more attempts from closed_at on; grading goes on. available_until: the window's end after
// closing, the earlier of the planned end and closed_at.
struct AssessmentClosed {
  static constexpr const char* kType = "AssessmentClosed";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid closed_by;
  Timestamp closed_at;
  Timestamp available_until;
  EDU_FIELDS(assessment_id, closed_by, closed_at, available_until)
};

// A student opened an attempt (a timed one runs from started_at).
struct AssessmentAttemptStarted {
  static constexpr const char* kType = "AssessmentAttemptStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid submission_id;
  Uuid student_id;
  Uuid enrollment_id;
  int32_t attempt_number = 1;
  Timestamp started_at;
  EDU_FIELDS(assessment_id, submission_id, student_id, enrollment_id, attempt_number, started_at)
};

// An attempt handed in: its answers (question id -> answer, trimmed). started_at is the attempt's
// start, or submitted_at when it was handed in without being started first.
struct AssessmentSubmitted {
  static constexpr const char* kType = "AssessmentSubmitted";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid submission_id;
  Uuid student_id;
  Uuid enrollment_id;
  int32_t attempt_number = 1;
  std::map<std::string, std::string> answers;
  Timestamp started_at;
  Timestamp submitted_at;
  bool was_started = false;  // started earlier (AssessmentAttemptStarted), not handed in at once
  int32_t total_submissions_after = 0;  // handed-in attempts of every student
  EDU_FIELDS(assessment_id, submission_id, student_id, enrollment_id, attempt_number, answers,
             started_at, submitted_at, was_started, total_submissions_after)
};

// A submission scored: by the domain at submission (auto_graded, no grader) or by the instructor
// (graded_by, feedback); a later grading replaces the score. It carries the student's best graded
// attempt on the assessment, which is what their gradebook keeps, and the assessment's average.
struct AssessmentSubmissionGraded {
  static constexpr const char* kType = "AssessmentSubmissionGraded";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;
  Uuid submission_id;
  Uuid student_id;
  Uuid enrollment_id;
  Uuid course_id;
  std::string title;
  AssessmentType assessment_type = AssessmentType::quiz;
  int32_t attempt_number = 1;
  int32_t score = 0;
  int32_t total_points = 0;
  int32_t passing_score = 0;
  bool passed = false;  // score >= passing_score
  bool auto_graded = false;
  std::optional<Uuid> graded_by;
  std::optional<std::string> feedback;
  Timestamp graded_at;
  int32_t best_score = 0;           // the student's best graded attempt after this grading
  int32_t best_attempt_number = 1;  // which attempt that is
  int32_t grading_sequence = 1;     // the student's gradings on the assessment, this one included
  int64_t average_score_hundredths = 0;  // average points of the graded submissions (x100)
  EDU_FIELDS(assessment_id, submission_id, student_id, enrollment_id, course_id, title,
             assessment_type, attempt_number, score, total_points, passing_score, passed,
             auto_graded, graded_by, feedback, graded_at, best_score, best_attempt_number,
             grading_sequence, average_score_hundredths)
};

// ---- the enrollment's gradebook ----------------------------------------------------------------

// One assessment's grade in an enrollment (an item of enrollments.quiz_scores or
// assignment_scores): the student's best graded attempt.
struct AssessmentGrade {
  Uuid assessment_id;
  std::string title;
  AssessmentType assessment_type = AssessmentType::quiz;
  int32_t score = 0;
  int32_t total_points = 0;
  int64_t percentage_hundredths = 0;  // score / total_points, in hundredths of a percent
  bool passed = false;
  int32_t attempt_number = 1;
  Timestamp graded_at;
  EDU_FIELDS(assessment_id, title, assessment_type, score, total_points, percentage_hundredths,
             passed, attempt_number, graded_at)
};

// The enrollment's grades after one assessment's grade changed: quizzes and exams in quiz_scores,
// assignments and projects in assignment_scores (ordered by assessment id), and current_grade, the
// mean of every graded assessment's percentage (each assessment weighs the same).
struct EnrollmentGradesUpdated {
  static constexpr const char* kType = "EnrollmentGradesUpdated";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  // The enrollment's student and course: its row in enrollments may be written before the
  // enrollment's own events are applied (another stream's events, projections/row_ops.h).
  Uuid student_id;
  Uuid course_id;
  Uuid assessment_id;            // the assessment whose grade changed
  int32_t grading_sequence = 1;  // of the student's gradings on that assessment
  std::vector<AssessmentGrade> quiz_scores;
  std::vector<AssessmentGrade> assignment_scores;
  int64_t current_grade_hundredths = 0;  // 0..10000
  EDU_FIELDS(enrollment_id, student_id, course_id, assessment_id, grading_sequence, quiz_scores,
             assignment_scores, current_grade_hundredths)
};

}  // namespace edu::uhs
