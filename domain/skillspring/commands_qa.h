// Skillspring course Q&A (course_questions, course_answers) and the reporting and moderation of
// course reviews (course_reviews.reported_count): the commands, and the streams of questions and
// answers. Ids are client-provided UUIDs; a question and an answer are each their own stream, so
// their ids are unique by construction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/uuid.h"
#include "domain/skillspring/types.h"

namespace edu::skillspring {

inline constexpr const char* kQuestionCategory = "skillspring.question";
inline constexpr const char* kAnswerCategory = "skillspring.answer";

// A question, its asker's course and mentor, and which answer (if any) solved it.
inline std::string QuestionStream(const Uuid& question_id) {
  return StreamId(kQuestionCategory, question_id);
}
// One answer to one question.
inline std::string AnswerStream(const Uuid& answer_id) {
  return StreamId(kAnswerCategory, answer_id);
}

// ---- questions and answers
// ---------------------------------------------------------------------------------------

// A student enrolled in the course (owning it, not refunded) asks about it. The text is trimmed
// and must not be empty (TEXT column).
struct AskQuestion {
  static constexpr const char* kType = "AskQuestion";
  Uuid question_id;
  Uuid student_id;
  Uuid course_id;
  std::string question;
  EDU_FIELDS(question_id, student_id, course_id, question)
  EDU_LIMITS(limit::Text("question"))
  std::string stream_id() const { return QuestionStream(question_id); }
  std::vector<std::string> references() const { return {LearnerStream(student_id)}; }
};

// The course's mentor answers (seed: course_answers.mentor_id; other students do not answer).
// A question may have several answers, also after it was resolved.
struct AnswerQuestion {
  static constexpr const char* kType = "AnswerQuestion";
  Uuid answer_id;
  Uuid question_id;
  Uuid mentor_id;
  std::string answer;
  EDU_FIELDS(answer_id, question_id, mentor_id, answer)
  EDU_LIMITS(limit::Text("answer"))
  std::string stream_id() const { return AnswerStream(answer_id); }
  std::vector<std::string> references() const { return {QuestionStream(question_id)}; }
};

// The question's asker marks one of its answers as the solution: the answer's is_marked_solution
// and the question's resolved_at. Once per question.
struct MarkAnswerAsSolution {
  static constexpr const char* kType = "MarkAnswerAsSolution";
  Uuid question_id;
  Uuid answer_id;
  Uuid student_id;
  EDU_FIELDS(question_id, answer_id, student_id)
  std::string stream_id() const { return QuestionStream(question_id); }
  std::vector<std::string> references() const { return {AnswerStream(answer_id)}; }
};

// ---- reporting and moderating reviews
// ----------------------------------------------------------------------------

// Anyone signed in (but the review's author) reports a review once, saying why.
struct ReportReview {
  static constexpr const char* kType = "ReportReview";
  Uuid review_id;
  Uuid reporter_id;
  std::string reason;
  EDU_FIELDS(review_id, reporter_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return ReviewStream(review_id); }
};

// An admin (Skillspring's moderator) keeps a reported review: its reports are dismissed, the
// review is active again (reported_count keeps counting every report ever made).
struct DismissReviewReports {
  static constexpr const char* kType = "DismissReviewReports";
  Uuid review_id;
  std::optional<std::string> note;
  EDU_FIELDS(review_id, note)
  EDU_LIMITS(limit::Text("note"))
  std::string stream_id() const { return ReviewStream(review_id); }
};

// An admin removes a reported review: it stays in course_reviews as removed (soft delete,
// deleted_at) and leaves its mentor's rating.
struct RemoveReview {
  static constexpr const char* kType = "RemoveReview";
  Uuid review_id;
  std::string reason;
  EDU_FIELDS(review_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return ReviewStream(review_id); }
};

// Issued by the skillspring-commerce reaction when a review is removed: the review leaves its
// mentor's rating (the reverse of RecordMentorRating).
struct WithdrawMentorRating {
  static constexpr const char* kType = "WithdrawMentorRating";
  Uuid mentor_id;
  Uuid review_id;
  int32_t rating = 0;
  EDU_FIELDS(mentor_id, review_id, rating)
  EDU_LIMITS(limit::SmallInt("rating"))
  std::string stream_id() const { return UserStream(mentor_id); }
};

}  // namespace edu::skillspring
