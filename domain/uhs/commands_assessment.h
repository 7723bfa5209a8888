// Urban Home School assessment commands (seed 004 §8, §9). The acting user (instructor, student,
// grader) is the authenticated actor, never a body field; ids of new things (assessment,
// submission) arrive here, time in the DecisionContext.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"
#include "domain/uhs/events_assessment.h"
#include "domain/uhs/types.h"

namespace edu::uhs {

inline constexpr const char* kAssessmentCategory = "uhs.assessment";
inline constexpr const char* kGradebookCategory = "uhs.gradebook";

// An assessment with every student's attempts: one stream, so "at most max_attempts per student"
// and "one open attempt at a time" are decided on one version.
inline std::string AssessmentStream(const Uuid& assessment_id) {
  return StreamId(kAssessmentCategory, assessment_id);
}
// The grades of one enrollment (named by the enrollment's id): the only writer of its
// current_grade, quiz_scores and assignment_scores.
inline std::string GradebookStream(const Uuid& enrollment_id) {
  return StreamId(kGradebookCategory, enrollment_id);
}

// By the course's instructor (or staff). total_points is the questions' points summed.
struct CreateAssessment {
  static constexpr const char* kType = "CreateAssessment";
  Uuid assessment_id;
  Uuid course_id;
  std::string title;
  std::optional<std::string> description;
  AssessmentType assessment_type = AssessmentType::quiz;
  std::vector<AssessmentQuestion> questions;
  int32_t passing_score = 0;
  bool auto_gradable = true;
  std::optional<int32_t> duration_minutes;
  std::optional<Timestamp> available_from;
  std::optional<Timestamp> available_until;
  int32_t max_attempts = 1;
  EDU_FIELDS(assessment_id, course_id, title, description, assessment_type, questions,
             passing_score, auto_gradable, duration_minutes, available_from, available_until,
             max_attempts)
  EDU_LIMITS(limit::VarChar("title", 200), limit::Text("description"),
             limit::Items("questions", 100))
  std::string stream_id() const { return AssessmentStream(assessment_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// Rewrites a draft's definition (the whole of it).
struct UpdateAssessment {
  static constexpr const char* kType = "UpdateAssessment";
  Uuid assessment_id;
  std::string title;
  std::optional<std::string> description;
  AssessmentType assessment_type = AssessmentType::quiz;
  std::vector<AssessmentQuestion> questions;
  int32_t passing_score = 0;
  bool auto_gradable = true;
  std::optional<int32_t> duration_minutes;
  std::optional<Timestamp> available_from;
  std::optional<Timestamp> available_until;
  int32_t max_attempts = 1;
  EDU_FIELDS(assessment_id, title, description, assessment_type, questions, passing_score,
             auto_gradable, duration_minutes, available_from, available_until, max_attempts)
  EDU_LIMITS(limit::VarChar("title", 200), limit::Text("description"),
             limit::Items("questions", 100))
  std::string stream_id() const { return AssessmentStream(assessment_id); }
};

struct PublishAssessment {
  static constexpr const char* kType = "PublishAssessment";
  Uuid assessment_id;
  EDU_FIELDS(assessment_id)
  std::string stream_id() const { return AssessmentStream(assessment_id); }
};

struct CloseAssessment {
  static constexpr const char* kType = "CloseAssessment";
  Uuid assessment_id;
  EDU_FIELDS(assessment_id)
  std::string stream_id() const { return AssessmentStream(assessment_id); }
};

// The student opens an attempt under their active enrollment in the assessment's course (a timed
// assessment's clock starts now).
struct StartAssessmentAttempt {
  static constexpr const char* kType = "StartAssessmentAttempt";
  Uuid assessment_id;
  Uuid submission_id;
  Uuid enrollment_id;
  EDU_FIELDS(assessment_id, submission_id, enrollment_id)
  std::string stream_id() const { return AssessmentStream(assessment_id); }
  std::vector<std::string> references() const { return {EnrollmentStream(enrollment_id)}; }
};

// Hands in the started attempt submission_id, or a new attempt under that id. answers: question
// id -> answer ("true"/"false" for true_false, one of the options for multiple_choice, text for an
// essay).
struct SubmitAssessment {
  static constexpr const char* kType = "SubmitAssessment";
  Uuid assessment_id;
  Uuid submission_id;
  Uuid enrollment_id;
  std::map<std::string, std::string> answers;
  EDU_FIELDS(assessment_id, submission_id, enrollment_id, answers)
  EDU_LIMITS(limit::Text("answers").Items(100))
  std::string stream_id() const { return AssessmentStream(assessment_id); }
  std::vector<std::string> references() const { return {EnrollmentStream(enrollment_id)}; }
};

// The instructor (or staff) scores a handed-in submission, 0..total_points, with feedback; a
// graded one may be graded again (the new score replaces the old).
struct GradeAssessmentSubmission {
  static constexpr const char* kType = "GradeAssessmentSubmission";
  Uuid assessment_id;
  Uuid submission_id;
  int32_t score = 0;
  std::optional<std::string> feedback;
  EDU_FIELDS(assessment_id, submission_id, score, feedback)
  EDU_LIMITS(limit::Text("feedback"))
  std::string stream_id() const { return AssessmentStream(assessment_id); }
};

// Issued by the uhs-gradebook reaction from AssessmentSubmissionGraded.
struct RecordAssessmentGrade {
  static constexpr const char* kType = "RecordAssessmentGrade";
  Uuid enrollment_id;
  Uuid student_id;  // the enrollment's student and course, carried to its gradebook's events
  Uuid course_id;
  AssessmentGrade grade;
  int32_t grading_sequence = 1;  // a stale (redelivered, reordered) grade changes nothing
  EDU_FIELDS(enrollment_id, student_id, course_id, grade, grading_sequence)
  std::string stream_id() const { return GradebookStream(enrollment_id); }
};

}  // namespace edu::uhs
