// The lifecycle of a Skillspring course (Boost.MSM; rows in course_machine.cc), with the seed's
// statuses: draft -> submitted -> published -> archived. A submitted course an admin sends back
// returns to draft; any course can be archived (status 'archived' + deleted_at).
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::skillspring {

EDU_ENUM(CourseStatus, draft, submitted, published, archived)
EDU_ENUM(CourseTrigger, submit, publish, request_changes, archive)

EDU_DECLARE_MACHINE(CourseMachine, CourseStatus, CourseTrigger)

}  // namespace edu::skillspring
