// Urban Home School domain events. Past tense, one fact each; they carry the figures (amounts,
// shares, percentages, balances after, the policy's name) so projections never recompute rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/uhs/enrollment_machine.h"
#include "domain/uhs/types.h"

namespace edu::uhs {

// ---- people
// --------------------------------------------------------------------------------------

struct UserRegistered {
  static constexpr const char* kType = "UserRegistered";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  UserRole role = UserRole::parent;
  Personal<std::string> email;
  Personal<std::string> name;
  std::optional<Personal<std::string>> phone;
  std::optional<Personal<std::string>> password_hash;
  std::optional<std::string> county;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(user_id, role, email, name, phone, password_hash, county)
};

// A student admitted under a school admission number; the student's user account comes with it.
struct StudentRegistered {
  static constexpr const char* kType = "StudentRegistered";
  static constexpr int kSchemaVersion = 1;
  Uuid student_id;
  Uuid user_id;
  std::optional<Uuid> parent_id;
  std::string admission_number;
  std::string grade_level;
  Date enrollment_date;
  Personal<std::string> email;
  Personal<std::string> name;
  std::optional<Personal<std::string>> phone;
  std::optional<std::string> county;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(student_id, user_id, parent_id, admission_number, grade_level, enrollment_date, email,
             name, phone, county)
};

// ---- courses
// -------------------------------------------------------------------------------------

struct CourseCreated {
  static constexpr const char* kType = "CourseCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::string title;
  std::string description;
  std::vector<std::string> grade_levels;
  std::string learning_area;
  std::optional<Uuid> instructor_id;
  bool is_platform_created = false;
  Money price;
  std::vector<std::string> lessons;  // lesson ids, in order
  std::optional<int32_t> estimated_duration_hours;
  EDU_FIELDS(course_id, title, description, grade_levels, learning_area, instructor_id,
             is_platform_created, price, lessons, estimated_duration_hours)
};

struct CoursePublished {
  static constexpr const char* kType = "CoursePublished";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  EDU_FIELDS(course_id)
};

// ---- enrollments
// ---------------------------------------------------------------------------------

// status is active for a free course, pending_payment otherwise (until payment_due_by).
struct EnrollmentStarted {
  static constexpr const char* kType = "EnrollmentStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid student_user_id;
  std::optional<Uuid> parent_id;
  Uuid course_id;
  std::optional<Uuid> instructor_id;
  bool is_platform_created = false;
  std::optional<Uuid> partner_id;  // the referring partner, if any
  Money price;
  EnrollmentStatus status = EnrollmentStatus::pending_payment;
  std::optional<Timestamp> payment_due_by;
  std::vector<std::string> lessons;  // the course's lessons when the student enrolled
  EDU_FIELDS(enrollment_id, student_id, student_user_id, parent_id, course_id, instructor_id,
             is_platform_created, partner_id, price, status, payment_due_by, lessons)
};

struct EnrollmentPaid {
  static constexpr const char* kType = "EnrollmentPaid";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid course_id;
  Uuid payment_id;  // the transaction (gateway) or the wallet payment
  PaymentSource source = PaymentSource::gateway;
  Uuid payer_user_id;
  Money amount;
  std::optional<std::string> transaction_reference;  // gateway payments
  Timestamp paid_at;                                 // starts the refund window
  EDU_FIELDS(enrollment_id, course_id, payment_id, source, payer_user_id, amount,
             transaction_reference, paid_at)
};

// How a course payment divides. instructor_share + platform_share + partner_share == amount,
// always (largest remainder); the *_bps are the percentages in force for this payment.
struct RevenueSplit {
  static constexpr const char* kType = "RevenueSplit";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid payment_id;
  Uuid course_id;
  Money amount;
  std::optional<Uuid> instructor_id;
  Money instructor_share;
  Money platform_share;
  std::optional<Uuid> partner_id;
  Money partner_share;
  BasisPoints instructor_bps = 0;
  BasisPoints platform_bps = 0;
  BasisPoints partner_bps = 0;
  std::string policy;
  EDU_FIELDS(enrollment_id, payment_id, course_id, amount, instructor_id, instructor_share,
             platform_share, partner_id, partner_share, instructor_bps, platform_bps, partner_bps,
             policy)
};

// Money arrived for an enrollment that could not take it (already paid, expired, dropped, or the
// wrong amount): it goes back to the payer (see the uhs-money reaction).
struct EnrollmentPaymentDeclined {
  static constexpr const char* kType = "EnrollmentPaymentDeclined";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid payment_id;
  PaymentSource source = PaymentSource::gateway;
  Uuid payer_user_id;
  Money amount;
  std::optional<std::string> transaction_reference;
  std::string reason;
  EDU_FIELDS(enrollment_id, payment_id, source, payer_user_id, amount, transaction_reference,
             reason)
};

struct LessonCompleted {
  static constexpr const char* kType = "LessonCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  std::string lesson_id;
  int32_t minutes_spent = 0;
  std::vector<std::string> completed_lessons_after;
  int64_t total_minutes_after = 0;
  BasisPoints progress_bps = 0;  // completed lessons / all lessons, 10'000 = 100 %
  EDU_FIELDS(enrollment_id, lesson_id, minutes_spent, completed_lessons_after, total_minutes_after,
             progress_bps)
};

struct EnrollmentCompleted {
  static constexpr const char* kType = "EnrollmentCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid course_id;
  EDU_FIELDS(enrollment_id, course_id)
};

struct EnrollmentDropped {
  static constexpr const char* kType = "EnrollmentDropped";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  EnrollmentStatus previous_status = EnrollmentStatus::active;
  std::optional<std::string> reason;
  EDU_FIELDS(enrollment_id, previous_status, reason)
};

// A paid enrollment refunded in full; the enrollment is dropped. The platform funds the refund:
// instructor and partner keep the shares already credited to their wallets (interpretation).
struct EnrollmentRefunded {
  static constexpr const char* kType = "EnrollmentRefunded";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid payment_id;
  PaymentSource source = PaymentSource::gateway;
  RefundDestination destination = RefundDestination::original;
  Uuid payer_user_id;
  Money amount;
  std::optional<std::string> transaction_reference;
  std::optional<std::string> reason;
  std::string policy;
  EDU_FIELDS(enrollment_id, payment_id, source, destination, payer_user_id, amount,
             transaction_reference, reason, policy)
};

struct EnrollmentExpired {
  static constexpr const char* kType = "EnrollmentExpired";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Timestamp payment_due_by;
  EDU_FIELDS(enrollment_id, payment_due_by)
};

// ---- gateway transactions
// ------------------------------------------------------------------------

struct TransactionInitiated {
  static constexpr const char* kType = "TransactionInitiated";
  static constexpr int kSchemaVersion = 1;
  Uuid transaction_id;
  std::string transaction_reference;
  Uuid user_id;
  Money amount;
  Gateway gateway = Gateway::mpesa;
  PaymentPurpose purpose = PaymentPurpose::wallet_topup;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> payment_method_id;
  EDU_FIELDS(transaction_id, transaction_reference, user_id, amount, gateway, purpose,
             enrollment_id, payment_method_id)
};

struct TransactionCompleted {
  static constexpr const char* kType = "TransactionCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid transaction_id;
  std::string transaction_reference;
  Uuid user_id;
  Money amount;
  Gateway gateway = Gateway::mpesa;
  PaymentPurpose purpose = PaymentPurpose::wallet_topup;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> payment_method_id;
  std::optional<std::string> gateway_receipt;  // e.g. the M-Pesa receipt number
  Timestamp completed_at;
  EDU_FIELDS(transaction_id, transaction_reference, user_id, amount, gateway, purpose,
             enrollment_id, payment_method_id, gateway_receipt, completed_at)
};

struct TransactionFailed {
  static constexpr const char* kType = "TransactionFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid transaction_id;
  std::string transaction_reference;
  Uuid user_id;
  Money amount;
  Gateway gateway = Gateway::mpesa;
  PaymentPurpose purpose = PaymentPurpose::wallet_topup;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> payment_method_id;
  std::string reason;
  std::optional<std::string> result_code;
  EDU_FIELDS(transaction_id, transaction_reference, user_id, amount, gateway, purpose,
             enrollment_id, payment_method_id, reason, result_code)
};

// completed_at is when the refunded payment completed: revenue figures attribute the refund to
// that day, so a day's net revenue never goes below zero.
struct TransactionRefunded {
  static constexpr const char* kType = "TransactionRefunded";
  static constexpr int kSchemaVersion = 1;
  Uuid transaction_id;
  std::string transaction_reference;
  Uuid user_id;
  Money amount;
  Gateway gateway = Gateway::mpesa;
  PaymentPurpose purpose = PaymentPurpose::course_enrollment;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> payment_method_id;
  std::optional<std::string> gateway_receipt;
  Timestamp completed_at;
  std::optional<std::string> reason;
  EDU_FIELDS(transaction_id, transaction_reference, user_id, amount, gateway, purpose,
             enrollment_id, payment_method_id, gateway_receipt, completed_at, reason)
};

// ---- wallets
// ---------------------------------------------------------------------------------------

struct WalletOpened {
  static constexpr const char* kType = "WalletOpened";
  static constexpr int kSchemaVersion = 1;
  Uuid wallet_id;
  Uuid user_id;
  std::string currency;
  EDU_FIELDS(wallet_id, user_id, currency)
};

struct WalletCredited {
  static constexpr const char* kType = "WalletCredited";
  static constexpr int kSchemaVersion = 1;
  Uuid wallet_id;
  Uuid user_id;
  Money amount;
  WalletReason reason = WalletReason::topup;
  Uuid source_id;  // the transaction, payment or enrollment the money comes from
  Money balance_after;
  EDU_FIELDS(wallet_id, user_id, amount, reason, source_id, balance_after)
};

struct WalletDebited {
  static constexpr const char* kType = "WalletDebited";
  static constexpr int kSchemaVersion = 1;
  Uuid wallet_id;
  Uuid user_id;
  Money amount;
  WalletReason reason = WalletReason::enrollment_payment;
  Uuid enrollment_id;
  Uuid payment_id;
  Money balance_after;  // never below zero
  EDU_FIELDS(wallet_id, user_id, amount, reason, enrollment_id, payment_id, balance_after)
};

// ---- saved payment methods
// -------------------------------------------------------------------------

struct PaymentMethodAdded {
  static constexpr const char* kType = "PaymentMethodAdded";
  static constexpr int kSchemaVersion = 1;
  Uuid payment_method_id;
  Uuid user_id;
  Gateway gateway = Gateway::mpesa;
  MethodType method_type = MethodType::phone;
  Personal<std::string> account;  // phone number, card's last four digits, PayPal email
  std::optional<std::string> label;
  bool is_default = false;
  std::optional<Uuid> previous_default;  // no longer the default when this one is
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(payment_method_id, user_id, gateway, method_type, account, label, is_default,
             previous_default)
};

struct DefaultPaymentMethodChanged {
  static constexpr const char* kType = "DefaultPaymentMethodChanged";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  Uuid payment_method_id;
  std::optional<Uuid> previous_default;
  EDU_FIELDS(user_id, payment_method_id, previous_default)
};

// A removed default hands the flag to the oldest remaining active method (new_default).
struct PaymentMethodRemoved {
  static constexpr const char* kType = "PaymentMethodRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  Uuid payment_method_id;
  bool was_default = false;
  std::optional<Uuid> new_default;
  EDU_FIELDS(user_id, payment_method_id, was_default, new_default)
};

}  // namespace edu::uhs
