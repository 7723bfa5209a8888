// The booking lifecycle of a mentorship session (Boost.MSM; rows in booking_machine.cc):
// requested -> confirmed -> (rescheduled)* -> in_progress -> completed, or cancelled (by the
// student or the mentor, with a reason), no_show (the student did not come), disputed (a quality
// dispute, a mentor who did not come, or a contested no-show) -> resolved. Deciders ask Allows()
// before emitting an event and evolve() Fire()s it, so an illegal transition is a rejection, never
// a silent no-op.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::mentorship {

EDU_ENUM(BookingStatus, requested, confirmed, rescheduled, in_progress, completed, cancelled,
         no_show, disputed, resolved)
EDU_ENUM(BookingTrigger, pay, reschedule, start, complete, cancel, student_no_show, mentor_no_show,
         dispute, resolve)

EDU_DECLARE_MACHINE(BookingMachine, BookingStatus, BookingTrigger)

}  // namespace edu::mentorship
