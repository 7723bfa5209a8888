// The lifecycle of a Urban Home School enrollment (Boost.MSM; rows in enrollment_machine.cc).
// Statuses as documented (seed §7): pending_payment -> active -> completed, or dropped / expired.
// Deciders ask Allows() before emitting an event and evolve() Fire()s it, so an illegal transition
// is a rejection, never a silent no-op.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::uhs {

EDU_ENUM(EnrollmentStatus, active, completed, dropped, expired, pending_payment)
// admit_free: a free course needs no payment; refund: a paid enrollment dropped with its money
// back.
EDU_ENUM(EnrollmentTrigger, admit_free, pay, complete, drop, refund, expire)

EDU_DECLARE_MACHINE(EnrollmentMachine, EnrollmentStatus, EnrollmentTrigger)

}  // namespace edu::uhs
