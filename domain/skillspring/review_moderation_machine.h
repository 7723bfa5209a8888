// The moderation lifecycle of a course review (Boost.MSM; rows in review_moderation_machine.cc):
// a review is active until someone reports it; further reports keep it reported; an admin (the
// marketplace's moderator) dismisses the reports (back to active, where new reports may come) or
// removes the review, which is final.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::skillspring {

EDU_ENUM(ModerationStatus, active, reported, removed)
EDU_ENUM(ModerationTrigger, report, dismiss, remove)

EDU_DECLARE_MACHINE(ModerationMachine, ModerationStatus, ModerationTrigger)

}  // namespace edu::skillspring
