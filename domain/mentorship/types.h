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
// PRD §3.5 "Payment Methods" of mentor payouts.
EDU_ENUM(PayoutMethod, bank_transfer, upi, wallet)

// The two people of a session (who cancelled, who was absent, who rated).
EDU_ENUM(SessionParty, student, mentor)
// PRD §3.5 `enum RefundPolicy`: which rule decided the money of a cancellation or dispute.
EDU_ENUM(RefundPolicy, full_refund, partial_refund, no_refund, dispute_resolution)
// session_conflicts.conflict_type
EDU_ENUM(ConflictType, quality_dispute, mentor_no_show, no_show_contested)
// session_conflicts.resolution_type
EDU_ENUM(ResolutionType, full_refund, partial_refund, no_refund)
// What a session contributed to its mentor's performance figures.
EDU_ENUM(SessionOutcome, completed, rated, missed_by_mentor)

// Categories of the mentorship streams.
inline constexpr const char* kUserCategory = "mentorship.user";
inline constexpr const char* kMentorCategory = "mentorship.mentor";
inline constexpr const char* kSessionCategory = "mentorship.session";
// One per mentor: earnings credited from released payments, and the weekly payouts.
inline constexpr const char* kPayoutAccountCategory = "mentorship.payout_account";

}  // namespace edu::mentorship
