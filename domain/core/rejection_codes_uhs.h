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
  /* Assessments, submissions and grades (assessment.cc, assessment_gradebook.cc). */           \
  X(kAssessmentNotFound, "assessment_not_found", kNotFound, kStatusOfKind,                      \
    "No assessment has this id.", "Fix the assessment id.")                                     \
  X(kAssessmentAlreadyExists, "assessment_already_exists", kConflict, kStatusOfKind,            \
    "An assessment with this id was already created.", "Create it under a new id.")             \
  X(kInvalidAssessmentQuestions, "invalid_assessment_questions", kInvalid, kStatusOfKind,       \
    "No question; a question id empty or used twice; an empty question text; points outside "   \
    "1..100 or over 999 in all; a multiple_choice question without 2..10 distinct options or "  \
    "with a correct answer not among them; a true_false answer other than true/false; an "      \
    "essay with options or a correct answer.",                                                  \
    "Fix the question the message names.")                                                      \
  X(kAssessmentNotAutoGradable, "assessment_not_auto_gradable", kInvalid, kStatusOfKind,        \
    "An auto-gradable assessment has an essay question (no correct answer to score against).",  \
    "Make it auto_gradable: false (the instructor grades it) or drop the essay question.")      \
  X(kInvalidPassingScore, "invalid_passing_score", kInvalid, kStatusOfKind,                     \
    "passing_score is below 0 or above the assessment's total points.",                         \
    "Send passing points within 0..total_points.")                                              \
  X(kInvalidMaxAttempts, "invalid_max_attempts", kInvalid, kStatusOfKind,                       \
    "max_attempts is outside 1..10.", "Send 1..10 attempts.")                                   \
  X(kInvalidAssessmentWindow, "invalid_assessment_window", kInvalid, kStatusOfKind,             \
    "available_until is not after available_from.", "Send an end after the start.")             \
  X(kNotAssessmentInstructor, "not_assessment_instructor", kForbidden, kStatusOfKind,           \
    "Someone other than the course's instructor or staff creates, edits, publishes, closes or " \
    "grades an assessment.",                                                                    \
    "Send it as the course's instructor (or an admin).")                                        \
  X(kAssessmentNotPublished, "assessment_not_published", kConflict, kStatusOfKind,              \
    "A student starts or submits an attempt at a draft or closed assessment.",                  \
    "Wait for the instructor to publish it; a closed assessment takes no attempts.")            \
  X(kAssessmentNotYetAvailable, "assessment_not_yet_available", kConflict, kStatusOfKind,       \
    "An attempt before the assessment's available_from.", "Try again once it opens.")           \
  X(kAssessmentWindowClosed, "assessment_window_closed", kConflict, kStatusOfKind,              \
    "An attempt after the assessment's available_until.", "Nothing to do: it is over.")         \
  X(kEnrollmentNotActive, "enrollment_not_active", kConflict, kStatusOfKind,                    \
    "A student takes an assessment under an enrollment that is not active (pending payment, "   \
    "completed, dropped or expired).",                                                          \
    "Pay for (or re-enroll in) the course first.")                                              \
  X(kMaxAttemptsReached, "max_attempts_reached", kConflict, kStatusOfKind,                      \
    "The student has used every attempt the assessment allows (max_attempts).",                 \
    "Nothing to do; ask the instructor if a retake is needed.")                                 \
  X(kAttemptInProgress, "attempt_in_progress", kConflict, kStatusOfKind,                        \
    "The student starts a new attempt while an earlier one is not handed in.",                  \
    "Submit the open attempt first.")                                                           \
  X(kSubmissionNotFound, "submission_not_found", kNotFound, kStatusOfKind,                      \
    "The assessment has no submission with this id.", "Fix the submission id.")                 \
  X(kSubmissionAlreadyExists, "submission_already_exists", kConflict, kStatusOfKind,            \
    "A submission id already used on the assessment (by another student, or for a started "     \
    "attempt).",                                                                                \
    "Start or submit under a new id; hand in a started attempt under its own id.")              \
  X(kSubmissionAlreadySubmitted, "submission_already_submitted", kConflict, kStatusOfKind,      \
    "Handing in an attempt a second time.", "Nothing to do: it is handed in.")                  \
  X(kSubmissionNotSubmitted, "submission_not_submitted", kConflict, kStatusOfKind,              \
    "Grading an attempt that is not handed in yet.", "Wait until the student submits it.")      \
  X(kAssessmentTimeUp, "assessment_time_up", kConflict, kStatusOfKind,                          \
    "A timed attempt is handed in after started_at + duration_minutes.",                        \
    "Nothing to do: the attempt ran out of time.")                                              \
  X(kInvalidAssessmentAnswers, "invalid_assessment_answers", kInvalid, kStatusOfKind,           \
    "An answer names no question of the assessment, or is not one of a multiple_choice "        \
    "question's options, or not true/false for a true_false one.",                              \
    "Answer the assessment's questions with the values the message gives.")                     \
  X(kGradeOutOfRange, "grade_out_of_range", kInvalid, kStatusOfKind,                            \
    "A grade below 0 or above the assessment's total points.",                                  \
    "Send a score within 0..total_points.")                                                     \
  /* Certificates (certificate.cc; the not-found, already-exists and not-completed codes are    \
   * shared). */                                                                                \
  X(kCertificateAlreadyRevoked, "certificate_already_revoked", kConflict, kStatusOfKind,        \
    "Revoking a certificate that is already revoked (revocation is final).", "Nothing to do.")  \
  X(kInvalidCompletionDate, "invalid_completion_date", kInvalid, kStatusOfKind,                 \
    "A certificate's completion_date is after the time it is issued.",                          \
    "Send the enrollment's completed_at.")                                                      \
  /* Categories and course pages (catalog.cc). */                                               \
  X(kCategoryCycle, "category_cycle", kInvalid, kStatusOfKind,                                  \
    "A category names itself (its own slug's id) as its parent.",                               \
    "Name another, existing category as the parent, or none.")                                  \
  X(kCategoryInactive, "category_inactive", kConflict, kStatusOfKind,                           \
    "A course or subcategory is added to a category that is not active.",                       \
    "Choose an active category, or reactivate it first.")                                       \
  X(kCategoryActivityUnchanged, "category_activity_unchanged", kConflict, kStatusOfKind,        \
    "Activating an active category, or deactivating an inactive one.", "Nothing to do.")        \
  X(kCourseAlreadyInCategory, "course_already_in_category", kConflict, kStatusOfKind,           \
    "Adding a course to a category it is already listed in.", "Nothing to do.")                 \
  X(kCourseNotInCategory, "course_not_in_category", kConflict, kStatusOfKind,                   \
    "Removing a course from a category it is not listed in.", "Nothing to do.")                 \
  X(kCourseFeaturedUnchanged, "course_featured_unchanged", kConflict, kStatusOfKind,            \
    "Featuring a featured course, or unfeaturing one that is not featured.", "Nothing to do.")  \
  X(kInvalidSyllabus, "invalid_syllabus", kInvalid, kStatusOfKind,                              \
    "A syllabus without units, a unit without a title or twice the same title, or an empty "    \
    "topic.",                                                                                   \
    "Send units with distinct titles and non-empty topics.")                                    \
  X(kInvalidCompetencies, "invalid_competencies", kInvalid, kStatusOfKind,                      \
    "A competency is empty or given twice (ignoring case).",                                    \
    "Send distinct, non-empty CBC competencies.")                                               \
  X(kEnrollmentNotReviewable, "enrollment_not_reviewable", kConflict, kStatusOfKind,            \
    "Reviewing a course through an enrollment that is not active or completed (awaiting "       \
    "payment, dropped, expired).",                                                              \
    "Review once the enrollment is active.")                                                    \
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
    "The wallet holds less than the enrollment costs.", "Top up the wallet first.")             \
  /* Forum, contact messages, notifications (forum.cc, contact.cc, notifications.cc). */        \
  X(kForumPostNotFound, "forum_post_not_found", kNotFound, kStatusOfKind,                       \
    "No forum post has this id.", "Fix the post id.")                                           \
  X(kForumPostAlreadyExists, "forum_post_already_exists", kConflict, kStatusOfKind,             \
    "A forum post with this id already exists.", "Create the post under a new id.")             \
  X(kForumTextRequired, "forum_text_required", kInvalid, kStatusOfKind,                         \
    "A post's or reply's content is empty or only whitespace.", "Send some text.")              \
  X(kForumCategoryRequired, "forum_category_required", kInvalid, kStatusOfKind,                 \
    "A post's category is empty.", "Send the category's slug.")                                 \
  X(kInvalidForumTags, "invalid_forum_tags", kInvalid, kStatusOfKind,                           \
    "A post's tag is empty, or a tag is given twice (ignoring case).",                          \
    "Send distinct, non-empty tags.")                                                           \
  X(kForumPostClosed, "forum_post_closed", kConflict, kStatusOfKind,                            \
    "Replying to a locked, hidden or removed post; liking, flagging, viewing or accepting a "   \
    "solution on a hidden or removed one.",                                                     \
    "Nothing to do on this post; a moderator may unlock or restore it.")                        \
  X(kForumReplyNotFound, "forum_reply_not_found", kNotFound, kStatusOfKind,                     \
    "The post has no (remaining) reply with this id.", "Fix the reply id.")                     \
  X(kForumReplyAlreadyExists, "forum_reply_already_exists", kConflict, kStatusOfKind,           \
    "The post already has a reply with this id.", "Reply under a new id.")                      \
  X(kForumAlreadyLiked, "forum_already_liked", kConflict, kStatusOfKind,                        \
    "The user already likes this post or reply, or the like id is taken.",                      \
    "Nothing to do (a new like needs a new like_id).")                                          \
  X(kForumNotLiked, "forum_not_liked", kConflict, kStatusOfKind,                                \
    "Taking back a like of a post or reply the user does not like.", "Nothing to do.")          \
  X(kNotForumPostAuthor, "not_forum_post_author", kForbidden, kStatusOfKind,                    \
    "Someone other than the post's author accepts a solution on it.",                           \
    "Only the post's author accepts a solution.")                                               \
  X(kNotForumReplyAuthor, "not_forum_reply_author", kForbidden, kStatusOfKind,                  \
    "Someone other than the reply's author or a moderator removes a reply.",                    \
    "Send it as the reply's author or a moderator.")                                            \
  X(kForumSolutionAlreadyAccepted, "forum_solution_already_accepted", kConflict, kStatusOfKind, \
    "Accepting the reply that already is the post's solution.", "Nothing to do.")               \
  X(kForumAlreadyFlagged, "forum_already_flagged", kConflict, kStatusOfKind,                    \
    "The user's earlier flag on the post is still open.",                                       \
    "Nothing to do: the moderators have it.")                                                   \
  X(kForumNoOpenFlags, "forum_no_open_flags", kConflict, kStatusOfKind,                         \
    "Dismissing the flags of a post that has none open.", "Nothing to do.")                     \
  X(kForumPinUnchanged, "forum_pin_unchanged", kConflict, kStatusOfKind,                        \
    "Pinning a pinned post, or unpinning one that is not pinned.", "Nothing to do.")            \
  X(kNotForumModerator, "not_forum_moderator", kForbidden, kStatusOfKind,                       \
    "Someone who is not an admin or staff pins, locks, hides, restores or dismisses flags (or " \
    "removes a post that is not theirs).",                                                      \
    "Ask a moderator (an admin or staff).")                                                     \
  X(kContactMessageNotFound, "contact_message_not_found", kNotFound, kStatusOfKind,             \
    "No contact message has this id.", "Fix the message id.")                                   \
  X(kContactMessageAlreadyExists, "contact_message_already_exists", kConflict, kStatusOfKind,   \
    "A contact message with this id was already received.", "Send it under a new id.")          \
  X(kContactTextRequired, "contact_text_required", kInvalid, kStatusOfKind,                     \
    "A contact message's subject or text, or an admin's reply, is empty.",                      \
    "Send the field the message names.")                                                        \
  X(kContactMessageAlreadyRead, "contact_message_already_read", kConflict, kStatusOfKind,       \
    "Marking a contact message read a second time.", "Nothing to do.")                          \
  X(kContactMessageAlreadyReplied, "contact_message_already_replied", kConflict, kStatusOfKind, \
    "Replying to a contact message that has its reply (one reply per message).",                \
    "Nothing to do; write to the sender directly for a follow-up.")
