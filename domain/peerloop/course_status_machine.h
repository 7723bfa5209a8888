// Whether a PeerLoop course takes enrollments (courses.is_active, CD-004; courses.is_retired,
// US-C004; Boost.MSM, rows in course_status_machine.cc). A course is active when created; its
// creator closes it (inactive) and opens it again, or retires it from either: final.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(CourseStatus, active, inactive, retired)
EDU_ENUM(CourseStatusTrigger, deactivate, activate, retire)

EDU_DECLARE_MACHINE(CourseStatusMachine, CourseStatus, CourseStatusTrigger)

}  // namespace edu::peerloop
