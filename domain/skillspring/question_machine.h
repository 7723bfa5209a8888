// The lifecycle of a course question (Boost.MSM; rows in question_machine.cc): open -> resolved,
// when its asker marks one answer as the solution (course_questions.resolved_at).
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::skillspring {

EDU_ENUM(QuestionStatus, open, resolved)
EDU_ENUM(QuestionTrigger, mark_solution)

EDU_DECLARE_MACHINE(QuestionMachine, QuestionStatus, QuestionTrigger)

}  // namespace edu::skillspring
