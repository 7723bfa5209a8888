// Value vocabularies of Urban Home School (seed 004), spelled as the document spells them, and the
// stream ids of its aggregates.
//
// Natural-key streams: where the document makes a value unique (students.admission_number,
// transactions.transaction_reference, wallets.user_id), the aggregate's stream id is derived from
// that value, so uniqueness holds by construction (a second registration lands on the same stream
// and is refused) instead of by a check that two concurrent commands could both pass.
#pragma once

#include <string>
#include <string_view>

#include "domain/core/describe.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"

namespace edu::uhs {

EDU_ENUM(UserRole, student, parent, instructor, admin, partner, staff)
EDU_ENUM(Gateway, mpesa, paypal, stripe)
EDU_ENUM(MethodType, phone, card, paypal_account)
// What a gateway payment is for.
EDU_ENUM(PaymentPurpose, wallet_topup, course_enrollment)
// Where the money of an enrollment payment came from.
EDU_ENUM(PaymentSource, gateway, wallet)
// Where a refund goes: back the way it came (the gateway, or the wallet it was paid from), or to
// the payer's wallet.
EDU_ENUM(RefundDestination, original, wallet)
// Why a wallet balance changed.
EDU_ENUM(WalletReason, topup, revenue_share, refund, payment_returned, enrollment_payment)

inline constexpr const char* kUserCategory = "uhs.user";
inline constexpr const char* kStudentCategory = "uhs.student";
inline constexpr const char* kCourseCategory = "uhs.course";
inline constexpr const char* kEnrollmentCategory = "uhs.enrollment";
inline constexpr const char* kTransactionCategory = "uhs.transaction";
inline constexpr const char* kWalletCategory = "uhs.wallet";
inline constexpr const char* kPaymentMethodsCategory = "uhs.payment_methods";

// Namespace of the ids Urban Home School derives from natural keys.
const Uuid& UhsNamespace();

// Admission numbers compare case-insensitively and ignore surrounding blanks.
std::string NormalizeAdmissionNumber(std::string_view number);
// students.id of an admission number, and the id of that student's user account.
Uuid StudentIdFor(std::string_view admission_number);
Uuid StudentUserIdFor(const Uuid& student_id);
// transactions.id of a gateway reference.
Uuid TransactionIdFor(std::string_view transaction_reference);
// wallets.id of a user's (only) wallet.
Uuid WalletIdFor(const Uuid& user_id);

inline std::string UserStream(const Uuid& user_id) { return StreamId(kUserCategory, user_id); }
inline std::string StudentStream(const Uuid& student_id) {
  return StreamId(kStudentCategory, student_id);
}
inline std::string CourseStream(const Uuid& course_id) {
  return StreamId(kCourseCategory, course_id);
}
inline std::string EnrollmentStream(const Uuid& enrollment_id) {
  return StreamId(kEnrollmentCategory, enrollment_id);
}
inline std::string TransactionStream(std::string_view transaction_reference) {
  return StreamId(kTransactionCategory, TransactionIdFor(transaction_reference));
}
// A wallet's stream is keyed by its owner: one wallet per user.
inline std::string WalletStream(const Uuid& user_id) { return StreamId(kWalletCategory, user_id); }
// All saved payment methods of one user: "one default per user" is decided on one stream.
inline std::string PaymentMethodsStream(const Uuid& user_id) {
  return StreamId(kPaymentMethodsCategory, user_id);
}

}  // namespace edu::uhs
