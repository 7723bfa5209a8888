// Skillspring course Q&A and review moderation events (see commands_qa.h).
#pragma once

#include <optional>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/uuid.h"

namespace edu::skillspring {

// ---- questions and answers
// ---------------------------------------------------------------------------------------

struct QuestionAsked {
  static constexpr const char* kType = "QuestionAsked";
  static constexpr int kSchemaVersion = 1;
  Uuid question_id;
  Uuid course_id;
  Uuid student_id;
  Uuid mentor_id;        // the course's mentor, who answers
  std::string question;  // trimmed
  EDU_FIELDS(question_id, course_id, student_id, mentor_id, question)
};

struct QuestionAnswered {
  static constexpr const char* kType = "QuestionAnswered";
  static constexpr int kSchemaVersion = 1;
  Uuid answer_id;
  Uuid question_id;
  Uuid course_id;
  Uuid mentor_id;
  std::string answer;  // trimmed
  EDU_FIELDS(answer_id, question_id, course_id, mentor_id, answer)
};

// Recorded on the question's stream; it carries the answer's columns so that its course_answers
// row can be written whichever of the two streams' events the projector applies first.
struct AnswerMarkedAsSolution {
  static constexpr const char* kType = "AnswerMarkedAsSolution";
  static constexpr int kSchemaVersion = 1;
  Uuid question_id;
  Uuid answer_id;
  Uuid student_id;
  Uuid mentor_id;
  std::string answer;
  EDU_FIELDS(question_id, answer_id, student_id, mentor_id, answer)
};

// ---- reporting and moderating reviews
// ----------------------------------------------------------------------------

struct ReviewReported {
  static constexpr const char* kType = "ReviewReported";
  static constexpr int kSchemaVersion = 1;
  Uuid review_id;
  Uuid reporter_id;
  std::string reason;  // trimmed
  int32_t reported_count_after = 0;
  EDU_FIELDS(review_id, reporter_id, reason, reported_count_after)
};

struct ReviewReportsDismissed {
  static constexpr const char* kType = "ReviewReportsDismissed";
  static constexpr int kSchemaVersion = 1;
  Uuid review_id;
  Uuid moderator_id;
  std::optional<std::string> note;
  int32_t reported_count = 0;
  EDU_FIELDS(review_id, moderator_id, note, reported_count)
};

// The review leaves its mentor's rating (the skillspring-commerce reaction withdraws it).
struct ReviewRemoved {
  static constexpr const char* kType = "ReviewRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid review_id;
  Uuid course_id;
  Uuid student_id;
  Uuid mentor_id;
  int32_t rating = 0;
  Uuid moderator_id;
  std::string reason;  // trimmed
  EDU_FIELDS(review_id, course_id, student_id, mentor_id, rating, moderator_id, reason)
};

// A mentor's rating after a removed review left it; with no review left the average is 0 (the
// read table shows NULL).
struct MentorRatingWithdrawn {
  static constexpr const char* kType = "MentorRatingWithdrawn";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid review_id;
  int32_t rating = 0;
  int32_t total_reviews_after = 0;
  int64_t rating_sum_after = 0;
  int32_t average_rating_hundredths = 0;
  EDU_FIELDS(mentor_id, review_id, rating, total_reviews_after, rating_sum_after,
             average_rating_hundredths)
};

}  // namespace edu::skillspring
