// The lifecycles of a Urban Home School assessment and of each of its submissions (Boost.MSM; rows
// in assessment_machine.cc and assessment_submission_machine.cc).
//
// An assessment is a draft while its instructor writes it (only a draft is edited), published
// when students may take it (within its availability window), closed when it takes no more
// attempts (grading goes on).
//
// A submission (an attempt) is in progress once started, submitted when the student hands it in,
// graded when scored: at submission for auto-gradable assessments, by the instructor otherwise.
// The instructor may grade a graded submission again (regrade), which replaces its score.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::uhs {

EDU_ENUM(AssessmentStatus, draft, published, closed)
EDU_ENUM(AssessmentAction, publish, close)

EDU_DECLARE_MACHINE(AssessmentMachine, AssessmentStatus, AssessmentAction)

EDU_ENUM(SubmissionStatus, in_progress, submitted, graded)
EDU_ENUM(SubmissionTrigger, submit, grade, regrade)

EDU_DECLARE_MACHINE(SubmissionMachine, SubmissionStatus, SubmissionTrigger)

}  // namespace edu::uhs
