// The row operations of Skillspring's course Q&A and review moderation events (qa_rows.cc), one
// overload per event type, called from the projection's dispatch (skillspring_projection.cc).
//
// Ordering (projections/row_ops.h): a course_answers row is written from its answer's stream
// (QuestionAnswered) and, when it is marked as the solution, from its question's stream
// (AnswerMarkedAsSolution), which may live on another partition. Both sides Upsert it with every
// NOT NULL column; only the question's side writes is_marked_solution, only the answer's side
// created_at.
#pragma once

#include "domain/skillspring/events_qa.h"
#include "eventstore/envelope.h"
#include "projections/row_ops.h"

namespace edu::skillspring_rows {

using namespace skillspring;

void Project(const RecordedEvent& r, const QuestionAsked& e, RowOps* ops);
void Project(const RecordedEvent& r, const QuestionAnswered& e, RowOps* ops);
void Project(const RecordedEvent& r, const AnswerMarkedAsSolution& e, RowOps* ops);
void Project(const RecordedEvent& r, const ReviewReported& e, RowOps* ops);
void Project(const RecordedEvent& r, const ReviewReportsDismissed& e, RowOps* ops);
void Project(const RecordedEvent& r, const ReviewRemoved& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorRatingWithdrawn& e, RowOps* ops);

}  // namespace edu::skillspring_rows
