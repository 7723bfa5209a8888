// The lifecycle of a PeerLoop enrollment (Boost.MSM; rows in enrollment_machine.cc): enrolled ->
// in_progress (its first session started) -> completed, or cancelled from enrolled or in_progress.
// enrollments.status. Deciders ask Allows() before emitting and evolve() Fire()s.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(EnrollmentStatus, enrolled, in_progress, completed, cancelled)
EDU_ENUM(EnrollmentTrigger, start, complete, cancel)

EDU_DECLARE_MACHINE(EnrollmentMachine, EnrollmentStatus, EnrollmentTrigger)

}  // namespace edu::peerloop
