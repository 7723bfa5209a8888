// Value vocabularies of the mentorship marketplace, spelled as the documents spell them.
#pragma once

#include "domain/core/describe.h"

namespace edu::mentorship {

EDU_ENUM(UserRole, student, mentor, admin, support)
EDU_ENUM(AcademicLevel, school, college)
EDU_ENUM(AccountStatus, active, suspended, deactivated)
// PRD §3.2: the nine verification statuses.
EDU_ENUM(VerificationStatus, pending, documents_under_review, background_check_in_progress,
         interview_scheduled, trial_session_required, approved, rejected, suspended,
         reapplication_required)
EDU_ENUM(SessionType, academic_guidance, career_counseling, exam_prep)
EDU_ENUM(PaymentMethod, upi, card, net_banking, wallet)
EDU_ENUM(PaymentGateway, razorpay, stripe)

// Categories of the mentorship streams.
inline constexpr const char* kUserCategory = "mentorship.user";
inline constexpr const char* kMentorCategory = "mentorship.mentor";
inline constexpr const char* kSessionCategory = "mentorship.session";

}  // namespace edu::mentorship
