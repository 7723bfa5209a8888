// Shared vocabulary of the Urban Home School specifications (uhs_*_test.cc): well-known ids, the
// events that set a stream up (a registered user, an admitted student, a course, an enrollment, its
// payment and split, gateway transactions, a wallet) and Specs positioned at kNow.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/payment_methods.h"
#include "domain/uhs/people.h"
#include "domain/uhs/split.h"
#include "domain/uhs/transaction.h"
#include "domain/uhs/wallet.h"
#include "tests/support/decider_spec.h"

namespace edu::uhs::fixtures {

using testing::Admin;
using testing::AsUser;
using testing::Spec;
using testing::System;

inline const Uuid kParent = *ParseUuid("11111111-1111-4111-8111-111111111111");
inline const Uuid kOtherParent = *ParseUuid("11111111-1111-4111-8111-222222222222");
inline const Uuid kInstructor = *ParseUuid("22222222-2222-4222-8222-222222222222");
inline const Uuid kPartner = *ParseUuid("33333333-3333-4333-8333-333333333333");
inline const Uuid kCourse = *ParseUuid("44444444-4444-4444-8444-444444444444");
inline const Uuid kEnrollment = *ParseUuid("55555555-5555-4555-8555-555555555555");
inline const Uuid kPayment = *ParseUuid("66666666-6666-4666-8666-666666666666");
inline const Uuid kMethod = *ParseUuid("77777777-7777-4777-8777-777777777777");
inline const Uuid kMethod2 = *ParseUuid("77777777-7777-4777-8777-888888888888");
inline const Uuid kMethod3 = *ParseUuid("77777777-7777-4777-8777-999999999999");
inline const std::string kAdmission = "UHS/2026/0042";
inline const Uuid kStudent = StudentIdFor(kAdmission);
inline const Uuid kStudentUser = StudentUserIdFor(kStudent);
inline const Timestamp kNow = *ParseIso8601("2026-03-02T08:00:00Z");
inline const Policy kPolicy;

inline Money Kes(int64_t minor) { return Money{minor, "KES"}; }

inline UserRegistered Registered(const Uuid& id, UserRole role, const char* email) {
  UserRegistered e;
  e.user_id = id;
  e.role = role;
  e.email = Personal<std::string>(email);
  e.name = Personal<std::string>("Wanjiku Kamau");
  return e;
}

inline StudentRegistered Admitted(std::optional<Uuid> parent = kParent) {
  StudentRegistered e;
  e.student_id = kStudent;
  e.user_id = kStudentUser;
  e.parent_id = parent;
  e.admission_number = kAdmission;
  e.grade_level = "Grade 7";
  e.enrollment_date = Date{2026, 1, 5};
  e.email = Personal<std::string>("amani@example.co.ke");
  e.name = Personal<std::string>("Amani Kamau");
  e.county = "Nairobi";
  return e;
}

inline CourseCreated Created(int64_t price, bool platform = false) {
  CourseCreated e;
  e.course_id = kCourse;
  e.title = "Grade 7 Mathematics";
  e.description = "Integers, fractions and geometry";
  e.grade_levels = {"Grade 7"};
  e.learning_area = "Mathematics";
  if (!platform) e.instructor_id = kInstructor;
  e.is_platform_created = platform;
  e.price = Kes(price);
  e.lessons = {"integers", "fractions", "geometry"};
  return e;
}

inline EnrollmentStarted Started(int64_t price, std::optional<Uuid> partner = kPartner,
                                 bool platform = false) {
  EnrollmentStarted e;
  e.enrollment_id = kEnrollment;
  e.student_id = kStudent;
  e.student_user_id = kStudentUser;
  e.parent_id = kParent;
  e.course_id = kCourse;
  if (!platform) e.instructor_id = kInstructor;
  e.is_platform_created = platform;
  e.partner_id = partner;
  e.price = Kes(price);
  e.status = price == 0 ? EnrollmentStatus::active : EnrollmentStatus::pending_payment;
  if (price > 0) e.payment_due_by = kNow + Hours(48);
  e.lessons = {"integers", "fractions", "geometry"};
  return e;
}

inline RecordEnrollmentPayment Payment(int64_t amount,
                                       PaymentSource source = PaymentSource::gateway,
                                       const Uuid& payment_id = kPayment) {
  RecordEnrollmentPayment c;
  c.enrollment_id = kEnrollment;
  c.payment_id = payment_id;
  c.source = source;
  c.payer_user_id = kParent;
  c.amount = Kes(amount);
  if (source == PaymentSource::gateway) c.transaction_reference = "ws_CO_1";
  return c;
}

inline EnrollmentPaid Paid(int64_t amount, PaymentSource source = PaymentSource::gateway,
                           Timestamp at = kNow) {
  EnrollmentPaid e;
  e.enrollment_id = kEnrollment;
  e.course_id = kCourse;
  e.payment_id = kPayment;
  e.source = source;
  e.payer_user_id = kParent;
  e.amount = Kes(amount);
  if (source == PaymentSource::gateway) e.transaction_reference = "ws_CO_1";
  e.paid_at = at;
  return e;
}

inline RevenueSplit Split(int64_t amount, int64_t instructor, int64_t platform, int64_t partner,
                          BasisPoints ib, BasisPoints pb, BasisPoints rb, bool with_partner = true,
                          bool with_instructor = true) {
  RevenueSplit e;
  e.enrollment_id = kEnrollment;
  e.payment_id = kPayment;
  e.course_id = kCourse;
  e.amount = Kes(amount);
  if (with_instructor) e.instructor_id = kInstructor;
  e.instructor_share = Kes(instructor);
  e.platform_share = Kes(platform);
  if (with_partner) e.partner_id = kPartner;
  e.partner_share = Kes(partner);
  e.instructor_bps = ib;
  e.platform_bps = pb;
  e.partner_bps = rb;
  e.policy = "uhs-default-v1";
  return e;
}

inline Spec<EnrollmentDecider> EnrollmentSpec(const Actor& actor = AsUser(kParent, "parent")) {
  Spec<EnrollmentDecider> spec;
  spec.at(kNow).as(actor);
  return spec;
}

// ---- transactions ----

inline const std::string kRef = "ws_CO_020320260800001";

inline InitiatePayment Topup(int64_t amount = 500000) {
  InitiatePayment c;
  c.transaction_reference = kRef;
  c.user_id = kParent;
  c.amount = Kes(amount);
  c.gateway = Gateway::mpesa;
  c.purpose = PaymentPurpose::wallet_topup;
  return c;
}

inline TransactionInitiated Initiated(int64_t amount = 500000,
                                      PaymentPurpose purpose = PaymentPurpose::wallet_topup) {
  TransactionInitiated e;
  e.transaction_id = TransactionIdFor(kRef);
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = purpose;
  if (purpose == PaymentPurpose::course_enrollment) e.enrollment_id = kEnrollment;
  return e;
}

inline TransactionCompleted Completed(int64_t amount = 500000,
                                      PaymentPurpose purpose = PaymentPurpose::wallet_topup) {
  TransactionCompleted e;
  e.transaction_id = TransactionIdFor(kRef);
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = purpose;
  if (purpose == PaymentPurpose::course_enrollment) e.enrollment_id = kEnrollment;
  e.gateway_receipt = "QCH7X1Y2Z3";
  e.completed_at = kNow;
  return e;
}

inline TransactionFailed Failed(int64_t amount = 500000) {
  TransactionFailed e;
  e.transaction_id = TransactionIdFor(kRef);
  e.transaction_reference = kRef;
  e.user_id = kParent;
  e.amount = Kes(amount);
  e.gateway = Gateway::mpesa;
  e.purpose = PaymentPurpose::wallet_topup;
  e.reason = "Request cancelled by user";
  e.result_code = "1032";
  return e;
}

inline Spec<TransactionDecider> GatewaySpec() {
  Spec<TransactionDecider> spec;
  spec.at(kNow).as(Actor{"system:mpesa", "gateway"});
  return spec;
}

// ---- wallets ----

inline WalletOpened Opened(const Uuid& user = kParent) {
  return WalletOpened{WalletIdFor(user), user, "KES"};
}

inline WalletCredited Credited(int64_t amount, int64_t balance_after,
                               WalletReason reason = WalletReason::topup,
                               const Uuid& user = kParent) {
  return WalletCredited{WalletIdFor(user), user, Kes(amount), reason, TransactionIdFor(kRef),
                        Kes(balance_after)};
}

inline Spec<WalletDecider> WalletSpec(int64_t balance, int64_t price) {
  Spec<WalletDecider> spec;
  spec.at(kNow)
      .as(AsUser(kParent, "parent"))
      .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {Started(price)});
  std::vector<WalletDecider::Event> history = {Opened()};
  if (balance > 0) history.push_back(Credited(balance, balance));
  spec.given(history);
  return spec;
}

}  // namespace edu::uhs::fixtures
