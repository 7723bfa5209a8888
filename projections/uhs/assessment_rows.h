// The uhs projection's rows of the assessment events: assessments, assessment_submissions and the
// grade columns of enrollments (current_grade, quiz_scores, assignment_scores):
// assessment_rows.cc, so uhs_projection.cc keeps the people, courses and money.
#pragma once

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu::uhs_assessment_rows {

// Whether `e` is one of the assessment or gradebook events (decided by its type).
bool Handles(const RecordedEvent& e);
// The row operations of such an event; a non-OK status when it does not decode.
Status Apply(const RecordedEvent& r, RowOps* ops);

}  // namespace edu::uhs_assessment_rows
