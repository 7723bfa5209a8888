// The rejection catalog, part 2: the codes deciders of several marketplaces give, and the privacy
// codes. One X(name, "code", kind, http status, "when", "what to do") per code. Included by
// domain/core/rejection_codes.h only.
#pragma once

// Codes every marketplace uses in the same sense: the message says which aggregate and field.
#define EDU_REJECTIONS_DOMAIN(X)                                                                 \
  X(kIllegalTransition, "illegal_transition", kConflict, kStatusOfKind,                          \
    "The aggregate's lifecycle does not allow this command from its current status (the "        \
    "machines in docs/machines.md).",                                                            \
    "Read the current status; send a command that is allowed from it. Retrying does not help.")  \
  X(kStreamInconsistent, "stream_inconsistent", kInternal, kStatusOfKind,                        \
    "The aggregate's history holds an event without the events it depends on (a doctored or "    \
    "damaged stream), so no command on it can be decided.",                                      \
    "Report it to the operator with the stream id; nothing on this aggregate will be accepted.") \
  X(kAdminOnly, "admin_only", kForbidden, kStatusOfKind,                                         \
    "Only an admin may do this (approve, suspend, pay out, move the clock, ...).",               \
    "Ask an admin to send it.")                                                                  \
  X(kStaffOnly, "staff_only", kForbidden, kStatusOfKind,                                         \
    "Only staff (support or an admin, per marketplace) may do this.", "Ask staff to send it.")   \
  X(kSystemOnly, "system_only", kForbidden, kStatusOfKind,                                       \
    "The command is the scheduler's, a reaction's or an admin's job, not a user's (escrow "      \
    "release, payout runs, recorded outcomes).",                                                 \
    "Do not send it; the platform sends it when it is due.")                                     \
  X(kPrivilegedRoleRequiresAdmin, "privileged_role_requires_admin", kForbidden, kStatusOfKind,   \
    "Registering a user with a staff or admin role, sent by someone who is not an admin.",       \
    "Have an admin register privileged users; users register themselves with a user role.")      \
  X(kNotOwnAccount, "not_own_account", kForbidden, kStatusOfKind,                                \
    "The actor acts on another user's account (register, apply, withdraw, pay, ...) and is not " \
    "staff.",                                                                                    \
    "Send it as the account's owner, or as staff.")                                              \
  X(kNotOwnCourse, "not_own_course", kForbidden, kStatusOfKind,                                  \
    "The actor creates a course for someone else, or changes a course that is not theirs.",      \
    "Send it as the course's creator (mentor, instructor) or as staff.")                         \
  X(kNotOwnEnrollment, "not_own_enrollment", kForbidden, kStatusOfKind,                          \
    "The actor acts on an enrollment that is not theirs (not the student, their parent, the "    \
    "course's creator or staff).",                                                               \
    "Send it as the enrollment's student (or parent), or as staff.")                             \
  X(kNotSessionParty, "not_session_party", kForbidden, kStatusOfKind,                            \
    "The actor is not a party of the session (its student or mentor/teacher, or staff for "      \
    "them), or reports an absence that is not theirs to report.",                                \
    "Send it as the session's student or mentor, or as staff.")                                  \
  X(kUserAlreadyRegistered, "user_already_registered", kConflict, kStatusOfKind,                 \
    "A user with this id is already registered.",                                                \
    "Use a new user id; a retry of the same registration uses the same Idempotency-Key.")        \
  X(kUserNotFound, "user_not_found", kNotFound, kStatusOfKind,                                   \
    "The user the command names is not registered.", "Register the user first, or fix the id.")  \
  X(kStudentNotFound, "student_not_found", kNotFound, kStatusOfKind,                             \
    "The student the command names is not registered.",                                          \
    "Register the student first, or fix the id.")                                                \
  X(kMentorNotFound, "mentor_not_found", kNotFound, kStatusOfKind,                               \
    "The mentor the command names does not exist.",                                              \
    "Fix the mentor id, or have the mentor apply first.")                                        \
  X(kCourseNotFound, "course_not_found", kNotFound, kStatusOfKind,                               \
    "The course the command names does not exist.", "Fix the course id.")                        \
  X(kCourseAlreadyExists, "course_already_exists", kConflict, kStatusOfKind,                     \
    "A course with this id already exists.", "Create the course under a new id.")                \
  X(kCategoryNotFound, "category_not_found", kNotFound, kStatusOfKind,                           \
    "The category (or parent category) the command names does not exist.",                       \
    "Create the category first, or fix its id.")                                                 \
  X(kEnrollmentNotFound, "enrollment_not_found", kNotFound, kStatusOfKind,                       \
    "The enrollment the command names does not exist.", "Fix the enrollment id.")                \
  X(kEnrollmentAlreadyExists, "enrollment_already_exists", kConflict, kStatusOfKind,             \
    "An enrollment with this id already exists.", "Enroll under a new id.")                      \
  X(kSessionNotFound, "session_not_found", kNotFound, kStatusOfKind,                             \
    "The session the command names does not exist.", "Fix the session id.")                      \
  X(kSessionAlreadyExists, "session_already_exists", kConflict, kStatusOfKind,                   \
    "A session with this id already exists.", "Book or schedule under a new session id.")        \
  X(kSessionNotInFuture, "session_not_in_future", kInvalid, kStatusOfKind,                       \
    "The session's (new) start time is not after the command's time.",                           \
    "Choose a start time in the future.")                                                        \
  X(kSessionNotCompleted, "session_not_completed", kConflict, kStatusOfKind,                     \
    "Rating or assessing a session that did not take place (not completed).",                    \
    "Rate or assess the session only after it was completed.")                                   \
  X(kPayoutNotFound, "payout_not_found", kNotFound, kStatusOfKind,                               \
    "The payout the command names does not exist.", "Fix the payout id.")                        \
  X(kReasonRequired, "reason_required", kInvalid, kStatusOfKind,                                 \
    "A command that needs a reason (rejection, suspension, cancellation, failure) has an empty " \
    "one.",                                                                                      \
    "Say why in the field the message names.")                                                   \
  X(kNameRequired, "name_required", kInvalid, kStatusOfKind,                                     \
    "A name (of a user, or a category's name and slug) is empty.", "Send a non-empty name.")     \
  X(kInvalidEmail, "invalid_email", kInvalid, kStatusOfKind,                                     \
    "An email address (the user's, or a parent's) does not look like one.",                      \
    "Send an address of the form name@domain.")                                                  \
  X(kInvalidTitle, "invalid_title", kInvalid, kStatusOfKind,                                     \
    "A title is empty or longer than allowed (the message gives the limit).",                    \
    "Send a title within the limit.")                                                            \
  X(kInvalidRating, "invalid_rating", kInvalid, kStatusOfKind,                                   \
    "A rating is outside 1..5 (or has more than two decimals where decimals are allowed).",      \
    "Send a rating within the range the message gives.")                                         \
  X(kInvalidExperienceYears, "invalid_experience_years", kInvalid, kStatusOfKind,                \
    "experience_years is outside the marketplace's range.",                                      \
    "Send a number of years within the range the message gives.")                                \
  X(kInvalidDuration, "invalid_duration", kInvalid, kStatusOfKind,                               \
    "A duration (a session's, a lecture's, a course's) is outside what the marketplace allows.", \
    "Send one of the durations the message gives.")                                              \
  X(kInvalidAmount, "invalid_amount", kInvalid, kStatusOfKind,                                   \
    "An amount or price is not positive, or above the marketplace's maximum.",                   \
    "Send an amount within the range the message gives.")                                        \
  X(kCurrencyMismatch, "currency_mismatch", kInvalid, kStatusOfKind,                             \
    "An amount is in another currency than the marketplace's, the account's or the policy's.",   \
    "Send the amount in the currency the message names.")                                        \
  X(kAmountMismatch, "amount_mismatch", kInvalid, kStatusOfKind,                                 \
    "A reported amount (a capture, a refund, a payment) differs from what is owed.",             \
    "Report the exact amount the message names; a different amount is a different payment.")     \
  X(kRefundWindowPassed, "refund_window_passed", kInvalid, kStatusOfKind,                        \
    "A refund is asked for after the refund window closed.",                                     \
    "No refund through the platform; contact support for an exception.")                         \
  X(kNothingToRefund, "nothing_to_refund", kInvalid, kStatusOfKind,                              \
    "A refund is asked for something that was free.",                                            \
    "Nothing to do: there is no money to give back.")                                            \
  /* Notifications, in every marketplace that keeps an inbox. */                                 \
  X(kNotificationNotFound, "notification_not_found", kNotFound, kStatusOfKind,                   \
    "Marking read a notification the user's inbox does not have.", "Fix the notification id.")   \
  X(kNotificationAlreadyRead, "notification_already_read", kConflict, kStatusOfKind,             \
    "Marking read a notification already marked read.", "Nothing to do.")                        \
  X(kNotificationAlreadyExists, "notification_already_exists", kConflict, kStatusOfKind,         \
    "Delivering a notification under an id the inbox already holds.",                            \
    "Nothing to do: it was delivered.")                                                          \
  X(kNotificationTextRequired, "notification_text_required", kInvalid, kStatusOfKind,            \
    "A notification's title or message is empty.", "Send both.")                                 \
  X(kNotOwnNotification, "not_own_notification", kForbidden, kStatusOfKind,                      \
    "Marking read another user's notification.", "Mark your own notifications.")

// Personal data (domain/privacy): the right to be forgotten.
#define EDU_REJECTIONS_PRIVACY(X)                                                    \
  X(kPersonNotFound, "person_not_found", kNotFound, kStatusOfKind,                   \
    "Forgetting a person the marketplace has no record of.", "Fix the person's id.") \
  X(kPersonAlreadyForgotten, "person_already_forgotten", kConflict, kStatusOfKind,   \
    "Forgetting a person who was already forgotten.",                                \
    "Nothing to do: their personal data is already erased.")
