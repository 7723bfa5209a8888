#include "projections/skillspring/qa_rows.h"

#include <string>

#include "domain/skillspring/review_moderation_machine.h"
#include "projections/values.h"

namespace edu::skillspring_rows {

void Project(const RecordedEvent& r, const QuestionAsked& e, RowOps* ops) {
  ops->Insert("course_questions", {{"id", e.question_id},
                                   {"course_id", e.course_id},
                                   {"student_id", e.student_id},
                                   {"question", e.question},
                                   {"created_at", r.occurred_at},
                                   {"resolved_at", Null{}}});
}

void Project(const RecordedEvent& r, const QuestionAnswered& e, RowOps* ops) {
  ops->Upsert("course_answers", {"id"},
              {{"id", e.answer_id},
               {"question_id", e.question_id},
               {"mentor_id", e.mentor_id},
               {"answer", e.answer},
               {"created_at", r.occurred_at}});
}

void Project(const RecordedEvent& r, const AnswerMarkedAsSolution& e, RowOps* ops) {
  ops->Upsert("course_answers", {"id"},
              {{"id", e.answer_id},
               {"question_id", e.question_id},
               {"mentor_id", e.mentor_id},
               {"answer", e.answer},
               {"is_marked_solution", true}});
  ops->Update("course_questions", {{"id", e.question_id}}, {{"resolved_at", r.occurred_at}});
}

void Project(const RecordedEvent& r, const ReviewReported& e, RowOps* ops) {
  ops->Update("course_reviews", {{"id", e.review_id}},
              {{"reported_count", int64_t{e.reported_count_after}},
               {"moderation_status", EnumValue(ModerationStatus::reported)},
               {"updated_at", r.occurred_at}});
}

void Project(const RecordedEvent& r, const ReviewReportsDismissed& e, RowOps* ops) {
  ops->Update(
      "course_reviews", {{"id", e.review_id}},
      {{"moderation_status", EnumValue(ModerationStatus::active)}, {"updated_at", r.occurred_at}});
}

void Project(const RecordedEvent& r, const ReviewRemoved& e, RowOps* ops) {
  ops->Update("course_reviews", {{"id", e.review_id}},
              {{"moderation_status", EnumValue(ModerationStatus::removed)},
               {"deleted_at", r.occurred_at},
               {"updated_at", r.occurred_at}});
}

void Project(const RecordedEvent&, const MentorRatingWithdrawn& e, RowOps* ops) {
  // No review left: no average (the column's CHECK is 1..5).
  ops->Update("mentors", {{"user_id", e.mentor_id}},
              {{"average_rating", e.total_reviews_after > 0
                                      ? SqlValue(Decimal{e.average_rating_hundredths, 2})
                                      : SqlValue(Null{})},
               {"total_reviews", int64_t{e.total_reviews_after}}});
}

}  // namespace edu::skillspring_rows
