// Urban Home School commands: what the API layer (or a gateway callback, or a reaction) asks for.
// Ids of new things arrive here; time arrives in the DecisionContext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/uhs/types.h"

namespace edu::uhs {

// ---- people
// --------------------------------------------------------------------------------------

// Parents register themselves; instructors, partners, staff and admins are registered by staff.
// Students are admitted with RegisterStudent.
struct RegisterUser {
  static constexpr const char* kType = "RegisterUser";
  Uuid user_id;
  UserRole role = UserRole::parent;
  std::string email;
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> password_hash;
  std::optional<std::string> county;
  EDU_FIELDS(user_id, role, email, name, phone, password_hash, county)
  EDU_LIMITS(limit::VarChar("email", 200), limit::VarChar("name", 200), limit::VarChar("phone", 50),
             limit::VarChar("county", 100))
  std::string stream_id() const { return UserStream(user_id); }
};

// Admits a student under the school's admission number. The student's id and user id are derived
// from it (StudentIdFor / StudentUserIdFor): a number can be admitted once.
struct RegisterStudent {
  static constexpr const char* kType = "RegisterStudent";
  std::string admission_number;
  std::string name;
  std::string email;
  std::string grade_level;
  Date enrollment_date;
  std::optional<Uuid> parent_id;
  std::optional<std::string> phone;
  std::optional<std::string> county;
  EDU_FIELDS(admission_number, name, email, grade_level, enrollment_date, parent_id, phone, county)
  EDU_LIMITS(limit::VarChar("admission_number", 50), limit::VarChar("name", 200),
             limit::VarChar("email", 200), limit::VarChar("grade_level", 20),
             limit::VarChar("phone", 50), limit::VarChar("county", 100))
  std::string stream_id() const { return StudentStream(StudentIdFor(admission_number)); }
  std::vector<std::string> references() const {
    if (!parent_id) return {};
    return {UserStream(*parent_id)};
  }
};

// ---- courses
// -------------------------------------------------------------------------------------

// Without instructor_id (staff only) the course is platform-created.
struct CreateCourse {
  static constexpr const char* kType = "CreateCourse";
  Uuid course_id;
  std::string title;
  std::string description;
  std::vector<std::string> grade_levels;
  std::string learning_area;
  Money price;
  std::optional<Uuid> instructor_id;
  std::vector<std::string> lessons;
  std::optional<int32_t> estimated_duration_hours;
  EDU_FIELDS(course_id, title, description, grade_levels, learning_area, price, instructor_id,
             lessons, estimated_duration_hours)
  EDU_LIMITS(limit::VarChar("title", 200), limit::Text("description"),
             limit::VarChar("learning_area", 100))
  std::string stream_id() const { return CourseStream(course_id); }
  std::vector<std::string> references() const {
    if (!instructor_id) return {};
    return {UserStream(*instructor_id)};
  }
};

struct PublishCourse {
  static constexpr const char* kType = "PublishCourse";
  Uuid course_id;
  EDU_FIELDS(course_id)
  std::string stream_id() const { return CourseStream(course_id); }
};

// ---- enrollments
// ---------------------------------------------------------------------------------

struct EnrollInCourse {
  static constexpr const char* kType = "EnrollInCourse";
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  std::optional<Uuid> partner_id;  // the partner who referred the student
  EDU_FIELDS(enrollment_id, student_id, course_id, partner_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {StudentStream(student_id), CourseStream(course_id)};
    if (partner_id) refs.push_back(UserStream(*partner_id));
    return refs;
  }
};

// Reported by the uhs-money reaction once money for the enrollment has moved (a completed gateway
// transaction, or a wallet debit).
struct RecordEnrollmentPayment {
  static constexpr const char* kType = "RecordEnrollmentPayment";
  Uuid enrollment_id;
  Uuid payment_id;
  PaymentSource source = PaymentSource::gateway;
  Uuid payer_user_id;
  Money amount;
  std::optional<std::string> transaction_reference;
  EDU_FIELDS(enrollment_id, payment_id, source, payer_user_id, amount, transaction_reference)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

struct RecordLessonCompleted {
  static constexpr const char* kType = "RecordLessonCompleted";
  Uuid enrollment_id;
  std::string lesson_id;
  int32_t minutes_spent = 0;
  EDU_FIELDS(enrollment_id, lesson_id, minutes_spent)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

struct DropEnrollment {
  static constexpr const char* kType = "DropEnrollment";
  Uuid enrollment_id;
  std::optional<std::string> reason;
  EDU_FIELDS(enrollment_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

struct RefundEnrollment {
  static constexpr const char* kType = "RefundEnrollment";
  Uuid enrollment_id;
  RefundDestination destination = RefundDestination::original;
  std::optional<std::string> reason;
  EDU_FIELDS(enrollment_id, destination, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

struct ExpireEnrollment {
  static constexpr const char* kType = "ExpireEnrollment";
  Uuid enrollment_id;
  EDU_FIELDS(enrollment_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

// ---- gateway transactions
// ------------------------------------------------------------------------

// The API layer has asked the gateway to collect (an M-Pesa STK push, a Stripe payment intent, a
// PayPal order) and reports the gateway's reference: the transaction's natural key.
struct InitiatePayment {
  static constexpr const char* kType = "InitiatePayment";
  std::string transaction_reference;
  Uuid user_id;  // the payer
  Money amount;
  Gateway gateway = Gateway::mpesa;
  PaymentPurpose purpose = PaymentPurpose::wallet_topup;
  std::optional<Uuid> enrollment_id;  // for course_enrollment
  std::optional<Uuid> payment_method_id;
  EDU_FIELDS(transaction_reference, user_id, amount, gateway, purpose, enrollment_id,
             payment_method_id)
  std::string stream_id() const { return TransactionStream(transaction_reference); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs;
    if (enrollment_id) refs.push_back(EnrollmentStream(*enrollment_id));
    if (payment_method_id) refs.push_back(PaymentMethodsStream(user_id));
    return refs;
  }
};

// The gateway's callback: the money arrived. A duplicate callback changes nothing.
struct CompleteTransaction {
  static constexpr const char* kType = "CompleteTransaction";
  std::string transaction_reference;
  Money amount;
  std::optional<std::string> gateway_receipt;
  EDU_FIELDS(transaction_reference, amount, gateway_receipt)
  std::string stream_id() const { return TransactionStream(transaction_reference); }
};

struct FailTransaction {
  static constexpr const char* kType = "FailTransaction";
  std::string transaction_reference;
  std::string reason;
  std::optional<std::string> result_code;
  EDU_FIELDS(transaction_reference, reason, result_code)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return TransactionStream(transaction_reference); }
};

// Issued by the uhs-money reaction for a refunded or declined course payment.
struct RefundTransaction {
  static constexpr const char* kType = "RefundTransaction";
  std::string transaction_reference;
  std::optional<std::string> reason;
  EDU_FIELDS(transaction_reference, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return TransactionStream(transaction_reference); }
};

// ---- wallets
// ---------------------------------------------------------------------------------------

struct OpenWallet {
  static constexpr const char* kType = "OpenWallet";
  Uuid user_id;
  EDU_FIELDS(user_id)
  std::string stream_id() const { return WalletStream(user_id); }
};

// Issued by the uhs-money reaction: top-ups, revenue shares, refunds, returned payments. Opens the
// wallet if needed.
struct CreditWallet {
  static constexpr const char* kType = "CreditWallet";
  Uuid user_id;
  Money amount;
  WalletReason reason = WalletReason::topup;
  Uuid source_id;
  EDU_FIELDS(user_id, amount, reason, source_id)
  std::string stream_id() const { return WalletStream(user_id); }
};

// Pays a pending enrollment from the payer's wallet (a parent's, or the student's own).
struct PayEnrollmentFromWallet {
  static constexpr const char* kType = "PayEnrollmentFromWallet";
  Uuid user_id;  // the wallet's owner
  Uuid enrollment_id;
  EDU_FIELDS(user_id, enrollment_id)
  std::string stream_id() const { return WalletStream(user_id); }
  std::vector<std::string> references() const { return {EnrollmentStream(enrollment_id)}; }
};

// ---- saved payment methods
// -------------------------------------------------------------------------

struct AddPaymentMethod {
  static constexpr const char* kType = "AddPaymentMethod";
  Uuid payment_method_id;
  Uuid user_id;
  Gateway gateway = Gateway::mpesa;
  MethodType method_type = MethodType::phone;
  std::string account;
  std::optional<std::string> label;
  std::optional<bool> make_default;  // the first method is the default regardless
  EDU_FIELDS(payment_method_id, user_id, gateway, method_type, account, label, make_default)
  std::string stream_id() const { return PaymentMethodsStream(user_id); }
};

struct SetDefaultPaymentMethod {
  static constexpr const char* kType = "SetDefaultPaymentMethod";
  Uuid user_id;
  Uuid payment_method_id;
  EDU_FIELDS(user_id, payment_method_id)
  std::string stream_id() const { return PaymentMethodsStream(user_id); }
};

struct RemovePaymentMethod {
  static constexpr const char* kType = "RemovePaymentMethod";
  Uuid user_id;
  Uuid payment_method_id;
  EDU_FIELDS(user_id, payment_method_id)
  std::string stream_id() const { return PaymentMethodsStream(user_id); }
};

}  // namespace edu::uhs
