// Mentor verification (PRD §3.2; Boost.MSM, rows in verification_machine.cc): the nine statuses.
// An application starts pending; an admin moves it through document review, background check,
// interview and trial session, and may approve or reject it at any review stage (the policy can
// require the trial session first). Approved mentors can be suspended and reinstated; rejected or
// suspended ones can be asked to reapply, which starts the review again. An approved (or suspended)
// mentor whose verification expires must reapply too (the scheduler, ExpireMentorVerification).
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"
#include "domain/mentorship/types.h"

namespace edu::mentorship {

EDU_ENUM(VerificationTrigger, review_documents, check_background, schedule_interview,
         require_trial_session, approve, reject, suspend, reinstate, require_reapplication, reapply,
         expire)

EDU_DECLARE_MACHINE(VerificationMachine, VerificationStatus, VerificationTrigger)

}  // namespace edu::mentorship
