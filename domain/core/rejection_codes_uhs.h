// The rejection catalog, part 6: the UHS marketplace's own codes (domain/uhs). One
// X(name, "code", kind, http status, "when", "what to do") per code. Included by
// domain/core/rejection_codes.h only.
#pragma once

#define EDU_REJECTIONS_UHS(X)                                                                   \
  /* People (people.cc). */                                                                     \
  X(kStudentsAreAdmitted, "students_are_admitted", kInvalid, kStatusOfKind,                     \
    "Registering a student with RegisterUser.",                                                 \
    "Use RegisterStudent with the student's admission number.")                                 \
  X(kInvalidAdmissionNumber, "invalid_admission_number", kInvalid, kStatusOfKind,               \
    "admission_number is empty or over 50 characters.", "Send the school's admission number.")  \
  X(kAdmissionNumberTaken, "admission_number_taken", kConflict, kStatusOfKind,                  \
    "Another student is registered under the admission number.",                                \
    "Check the number; a student is registered once.")                                          \
  X(kNotOwnChild, "not_own_child", kForbidden, kStatusOfKind,                                   \
    "A parent registers a student as another parent's child.",                                  \
    "Register your own children (parent_id is yourself).")                                      \
  X(kParentNotFound, "parent_not_found", kNotFound, kStatusOfKind,                              \
    "The student's parent is not registered.", "Register the parent first.")                    \
  X(kNotAParent, "not_a_parent", kInvalid, kStatusOfKind,                                       \
    "The student's parent_id names a user who is not a parent.", "Name a parent's account.")    \
  X(kInvalidGradeLevel, "invalid_grade_level", kInvalid, kStatusOfKind,                         \
    "grade_level is empty or over 20 characters.", "Send a grade such as 'Grade 7'.")           \
  /* Courses (course.cc). */                                                                    \
  X(kInstructorNotFound, "instructor_not_found", kNotFound, kStatusOfKind,                      \
    "The course's instructor is not registered.", "Fix the instructor id.")                     \
  X(kNotAnInstructor, "not_an_instructor", kInvalid, kStatusOfKind,                             \
    "The course's instructor_id names a user who is not an instructor.",                        \
    "Name an instructor's account.")                                                            \
  X(kLearningAreaRequired, "learning_area_required", kInvalid, kStatusOfKind,                   \
    "learning_area is empty.", "Send the course's learning area.")                              \
  X(kGradeLevelsRequired, "grade_levels_required", kInvalid, kStatusOfKind,                     \
    "A course names no grade level.", "Name at least one grade (e.g. 'Grade 7').")              \
  X(kLessonsRequired, "lessons_required", kInvalid, kStatusOfKind, "A course has no lesson.",   \
    "Add at least one lesson.")                                                                 \
  X(kInvalidLessons, "invalid_lessons", kInvalid, kStatusOfKind,                                \
    "A lesson id is empty or used twice.", "Give every lesson its own non-empty id.")           \
  /* Enrollments and progress (enrollment.cc). */                                               \
  X(kNotOwnStudent, "not_own_student", kForbidden, kStatusOfKind,                               \
    "Someone other than the student, their parent or staff enrolls the student.",               \
    "Enroll as the student, their parent or staff.")                                            \
  X(kStudentInactive, "student_inactive", kInvalid, kStatusOfKind,                              \
    "Enrolling a student whose account is not active.", "Reactivate the student first.")        \
  X(kCourseNotPublished, "course_not_published", kInvalid, kStatusOfKind,                       \
    "Enrolling in a course that is not published.", "Enroll once the course is published.")     \
  X(kPartnerNotFound, "partner_not_found", kNotFound, kStatusOfKind,                            \
    "The referring partner is not registered.", "Fix the partner id, or leave it out.")         \
  X(kNotAPartner, "not_a_partner", kInvalid, kStatusOfKind,                                     \
    "The referring partner_id names a user who is not a partner.", "Name a partner's account.") \
  X(kLessonNotInCourse, "lesson_not_in_course", kInvalid, kStatusOfKind,                        \
    "Completing a lesson that is not part of the course.", "Fix the lesson id.")                \
  X(kLessonAlreadyCompleted, "lesson_already_completed", kConflict, kStatusOfKind,              \
    "Completing a lesson a second time.", "Nothing to do.")                                     \
  X(kInvalidMinutes, "invalid_minutes", kInvalid, kStatusOfKind,                                \
    "minutes_spent is outside 0..1440.", "Send the minutes within 0..1440.")                    \
  X(kPaymentWindowOpen, "payment_window_open", kInvalid, kStatusOfKind,                         \
    "Expiring an unpaid enrollment before its payment window closed.",                          \
    "Expire it from the time the message gives (the scheduler does so).")                       \
  /* Payment methods (payment_methods.cc). */                                                   \
  X(kInvalidPhone, "invalid_phone", kInvalid, kStatusOfKind,                                    \
    "A mobile-money method's phone number does not look like one.",                             \
    "Send the number in international form.")                                                   \
  X(kInvalidCard, "invalid_card", kInvalid, kStatusOfKind,                                      \
    "A card method is saved with more than its last four digits.",                              \
    "Send only the last four digits.")                                                          \
  X(kPaymentMethodNotFound, "payment_method_not_found", kNotFound, kStatusOfKind,               \
    "The user has no active payment method with this id.", "Fix the id, or add the method.")    \
  X(kPaymentMethodAlreadyExists, "payment_method_already_exists", kConflict, kStatusOfKind,     \
    "A payment method with this id already exists.", "Add it under a new id.")                  \
  X(kMethodTypeMismatch, "method_type_mismatch", kInvalid, kStatusOfKind,                       \
    "A payment method's details do not fit its type (a phone for a card, ...).",                \
    "Send the detail the method type takes.")                                                   \
  X(kAlreadyDefault, "already_default", kConflict, kStatusOfKind,                               \
    "Making the default payment method the default.", "Nothing to do.")                         \
  /* Transactions (transaction.cc). */                                                          \
  X(kTransactionNotFound, "transaction_not_found", kNotFound, kStatusOfKind,                    \
    "The gateway reports on a transaction reference that names no transaction.",                \
    "Check the reference.")                                                                     \
  X(kEnrollmentRequired, "enrollment_required", kInvalid, kStatusOfKind,                        \
    "A course_enrollment payment does not name its enrollment.", "Send enrollment_id.")         \
  X(kUnexpectedEnrollment, "unexpected_enrollment", kInvalid, kStatusOfKind,                    \
    "A wallet top-up names an enrollment.", "Leave enrollment_id out of a top-up.")             \
  X(kEnrollmentNotAwaitingPayment, "enrollment_not_awaiting_payment", kConflict, kStatusOfKind, \
    "Paying an enrollment that is not pending payment (paid, expired or cancelled).",           \
    "Nothing to pay; read the enrollment's status.")                                            \
  X(kInvalidTransactionReference, "invalid_transaction_reference", kInvalid, kStatusOfKind,     \
    "transaction_reference is empty or over 255 characters.",                                   \
    "Send a reference of 1..255 characters.")                                                   \
  X(kTransactionReferenceTaken, "transaction_reference_taken", kConflict, kStatusOfKind,        \
    "Another transaction already has the reference.", "Use a new reference per payment.")       \
  X(kAmountTooLarge, "amount_too_large", kInvalid, kStatusOfKind,                               \
    "A single payment is above the policy's maximum.",                                          \
    "Pay at most the amount the message gives.")                                                \
  X(kGatewayMismatch, "gateway_mismatch", kInvalid, kStatusOfKind,                              \
    "The payment's gateway differs from the payment method's.",                                 \
    "Pay through the method's own gateway.")                                                    \
  X(kTopupNotRefundable, "topup_not_refundable", kInvalid, kStatusOfKind,                       \
    "Refunding a wallet top-up through the gateway.",                                           \
    "Nothing to do: the money is in the wallet.")                                               \
  /* Wallets (wallet.cc). */                                                                    \
  X(kWalletNotFound, "wallet_not_found", kNotFound, kStatusOfKind, "The user has no wallet.",   \
    "Open a wallet first.")                                                                     \
  X(kWalletAlreadyOpen, "wallet_already_open", kConflict, kStatusOfKind,                        \
    "Opening a wallet for a user who has one.", "Use the wallet the message names.")            \
  X(kInvalidReason, "invalid_reason", kInvalid, kStatusOfKind,                                  \
    "Crediting a wallet with a debit reason (an enrollment payment).",                          \
    "Use a credit reason (top-up, refund).")                                                    \
  X(kBalanceOverflow, "balance_overflow", kInvalid, kStatusOfKind,                              \
    "A credit would overflow the wallet's balance.", "Credit a smaller amount.")                \
  X(kAlreadyPaid, "already_paid", kConflict, kStatusOfKind,                                     \
    "The wallet already paid the enrollment.", "Nothing to do.")                                \
  X(kInsufficientFunds, "insufficient_funds", kInvalid, kStatusOfKind,                          \
    "The wallet holds less than the enrollment costs.", "Top up the wallet first.")
