// The rejection catalog, part 5: the Skillspring marketplace's own codes (domain/skillspring). One
// X(name, "code", kind, http status, "when", "what to do") per code. Included by
// domain/core/rejection_codes.h only.
#pragma once

#define EDU_REJECTIONS_SKILLSPRING(X)                                                              \
  /* People and categories (people.cc). */                                                         \
  X(kRoleMismatch, "role_mismatch", kForbidden, kStatusOfKind,                                     \
    "A token of one role registers an account of another role.",                                   \
    "Register with a token of the account's role (or as an admin).")                               \
  X(kInvalidFirstName, "invalid_first_name", kInvalid, kStatusOfKind,                              \
    "first_name is empty or over 100 characters.", "Send a first name of 1..100 characters.")      \
  X(kInvalidLastName, "invalid_last_name", kInvalid, kStatusOfKind,                                \
    "last_name is empty or over 100 characters.", "Send a last name of 1..100 characters.")        \
  X(kMentorFieldsOnNonMentor, "mentor_fields_on_non_mentor", kInvalid, kStatusOfKind,              \
    "A non-mentor registers with headline, about, experience_years or languages.",                 \
    "Leave the mentor fields out.")                                                                \
  X(kStudentFieldsOnNonStudent, "student_fields_on_non_student", kInvalid, kStatusOfKind,          \
    "A non-student registers with occupation or goals.", "Leave the student fields out.")          \
  X(kInvalidHeadline, "invalid_headline", kInvalid, kStatusOfKind,                                 \
    "headline is over 180 characters.", "Shorten it to 180 characters.")                           \
  X(kInvalidOccupation, "invalid_occupation", kInvalid, kStatusOfKind,                             \
    "occupation is over 120 characters.", "Shorten it to 120 characters.")                         \
  X(kInvalidName, "invalid_name", kInvalid, kStatusOfKind,                                         \
    "A category's name is empty or over 80 characters.", "Send a name of 1..80 characters.")       \
  X(kCategoryTooDeep, "category_too_deep", kInvalid, kStatusOfKind,                                \
    "A category's parent is itself a subcategory (categories have two levels).",                   \
    "Choose a root category as the parent.")                                                       \
  /* Courses (course.cc). */                                                                       \
  X(kInvalidLanguageCode, "invalid_language_code", kInvalid, kStatusOfKind,                        \
    "language_code is empty or over 5 characters.", "Send a code such as 'en' or 'pt-BR'.")        \
  X(kInvalidSubtitle, "invalid_subtitle", kInvalid, kStatusOfKind,                                 \
    "subtitle is over 220 characters.", "Shorten it to 220 characters.")                           \
  X(kInvalidSlug, "invalid_slug", kInvalid, kStatusOfKind,                                         \
    "A slug is not lowercase letters, digits and single dashes of the allowed length.",            \
    "Send a slug of that form.")                                                                   \
  X(kSlugTaken, "slug_taken", kConflict, kStatusOfKind,                                            \
    "Another course or category already has the slug.", "Choose another slug.")                    \
  X(kInvalidTag, "invalid_tag", kInvalid, kStatusOfKind, "A tag is empty or over 40 characters.",  \
    "Send tags of 1..40 characters.")                                                              \
  X(kSaleAboveList, "sale_above_list", kInvalid, kStatusOfKind, "sale_price is above list_price.", \
    "Send a sale price at most the list price.")                                                   \
  X(kInvalidSectionTitle, "invalid_section_title", kInvalid, kStatusOfKind,                        \
    "A section's title is empty or over 140 characters.", "Send a title of 1..140 characters.")    \
  X(kInvalidLectureTitle, "invalid_lecture_title", kInvalid, kStatusOfKind,                        \
    "A lecture's title is empty or over 160 characters.", "Send a title of 1..160 characters.")    \
  X(kDuplicateId, "duplicate_id", kInvalid, kStatusOfKind,                                         \
    "The curriculum uses a section or lecture id twice.",                                          \
    "Give every section and lecture its own id.")                                                  \
  X(kLecturesRequired, "lectures_required", kInvalid, kStatusOfKind,                               \
    "A course is submitted without a lecture.", "Add at least one lecture.")                       \
  X(kNotesRequired, "notes_required", kInvalid, kStatusOfKind,                                     \
    "A review asks for changes without notes.", "Say what should change in notes.")                \
  X(kCourseNotAvailable, "course_not_available", kInvalid, kStatusOfKind,                          \
    "Buying (or carting) a course that is not published.", "Choose a course that is on sale.")     \
  /* Carts, coupons and purchases (learner.cc, coupon.cc). */                                      \
  X(kCartNotFound, "cart_not_found", kNotFound, kStatusOfKind,                                     \
    "The student has no open cart with this id.", "Open a cart first, or fix the cart id.")        \
  X(kCartNotOpen, "cart_not_open", kNotFound, kStatusOfKind,                                       \
    "Applying a coupon to a cart that is not the student's open cart.",                            \
    "Apply it to the student's open cart.")                                                        \
  X(kOpenCartExists, "open_cart_exists", kConflict, kStatusOfKind,                                 \
    "Opening a cart while the student has one open.", "Use the open cart the message names.")      \
  X(kAlreadyEnrolled, "already_enrolled", kConflict, kStatusOfKind,                                \
    "Buying or carting a course the student already owns.",                                        \
    "Nothing to do: the course is theirs.")                                                        \
  X(kAlreadyInCart, "already_in_cart", kConflict, kStatusOfKind,                                   \
    "Adding a course that is already in the cart.", "Nothing to do.")                              \
  X(kNotInCart, "not_in_cart", kNotFound, kStatusOfKind,                                           \
    "Removing a course that is not in the cart.", "Nothing to do.")                                \
  X(kEmptyCart, "empty_cart", kInvalid, kStatusOfKind, "Checking out an empty cart.",              \
    "Add a course first.")                                                                         \
  X(kPaymentReferenceRequired, "payment_reference_required", kInvalid, kStatusOfKind,              \
    "Checking out without the payment provider's reference.", "Send the provider's reference.")    \
  X(kTotalMismatch, "total_mismatch", kInvalid, kStatusOfKind,                                     \
    "The checkout's total differs from what the cart comes to.",                                   \
    "Read the cart's total again (prices or coupons may have changed) and pay that.")              \
  X(kCouponNotFound, "coupon_not_found", kNotFound, kStatusOfKind, "No coupon has this code.",     \
    "Check the code.")                                                                             \
  X(kInvalidCode, "invalid_code", kInvalid, kStatusOfKind,                                         \
    "A coupon code is not 3..40 letters, digits, '-' or '_'.", "Send a code of that form.")        \
  X(kCodeTaken, "code_taken", kConflict, kStatusOfKind, "Another coupon already has the code.",    \
    "Choose another code.")                                                                        \
  X(kNotOwnCoupon, "not_own_coupon", kForbidden, kStatusOfKind,                                    \
    "A mentor creates a coupon for another mentor's courses.",                                     \
    "Create coupons for your own courses.")                                                        \
  X(kInvalidDiscount, "invalid_discount", kInvalid, kStatusOfKind,                                 \
    "discount_percent is outside 1..100.", "Send a percentage within 1..100.")                     \
  X(kInvalidMaxRedemptions, "invalid_max_redemptions", kInvalid, kStatusOfKind,                    \
    "max_redemptions is below 1.", "Send at least 1, or leave it out for no limit.")               \
  X(kInvalidWindow, "invalid_window", kInvalid, kStatusOfKind,                                     \
    "A coupon's expires_at is not after its starts_at.", "Send an end after the start.")           \
  X(kCouponAlreadyApplied, "coupon_already_applied", kConflict, kStatusOfKind,                     \
    "The coupon is already applied to this cart.", "Nothing to do.")                               \
  X(kCartHasCoupon, "cart_has_coupon", kConflict, kStatusOfKind,                                   \
    "The cart already holds another coupon (one per cart).",                                       \
    "Remove that coupon first, or keep it.")                                                       \
  X(kCouponNotStarted, "coupon_not_started", kInvalid, kStatusOfKind,                              \
    "The coupon's validity has not started yet.", "Apply it from the time the message gives.")     \
  X(kCouponExpired, "coupon_expired", kInvalid, kStatusOfKind, "The coupon has expired.",          \
    "Check out without it.")                                                                       \
  X(kCouponExhausted, "coupon_exhausted", kInvalid, kStatusOfKind,                                 \
    "The coupon has been redeemed as often as allowed.", "Check out without it.")                  \
  X(kCouponNotApplicable, "coupon_not_applicable", kInvalid, kStatusOfKind,                        \
    "The coupon is for another mentor's courses and the cart holds none of them.",                 \
    "Add a course of that mentor, or check out without it.")                                       \
  /* Learning and refunds (learner.cc). */                                                         \
  X(kNotEnrolled, "not_enrolled", kInvalid, kStatusOfKind,                                         \
    "Progressing in, refunding or reviewing a course the student does not own.",                   \
    "Buy the course first.")                                                                       \
  X(kLectureNotInCourse, "lecture_not_in_course", kInvalid, kStatusOfKind,                         \
    "Completing a lecture that is not part of the course.", "Fix the lecture id.")                 \
  X(kCourseCompleted, "course_completed", kInvalid, kStatusOfKind,                                 \
    "Asking a refund for a course the student completed.",                                         \
    "Nothing to do: completed courses are not refunded.")                                          \
  /* Reviews (review.cc). */                                                                       \
  X(kNotOwnReview, "not_own_review", kForbidden, kStatusOfKind,                                    \
    "A student writes a review as someone else (or reports one as someone else).",                 \
    "Write and report as yourself.")                                                               \
  X(kReviewAlreadyExists, "review_already_exists", kConflict, kStatusOfKind,                       \
    "The student already reviewed the course.", "Nothing to do: one review per course.")           \
  X(kReviewNotFound, "review_not_found", kNotFound, kStatusOfKind,                                 \
    "The review a vote, report or moderation names does not exist.", "Fix the review id.")         \
  X(kNotOwnVote, "not_own_vote", kForbidden, kStatusOfKind, "A student votes as someone else.",    \
    "Vote as yourself.")                                                                           \
  X(kOwnReview, "own_review", kInvalid, kStatusOfKind,                                             \
    "A student votes on or reports their own review.", "Nothing to do.")                           \
  X(kAlreadyVoted, "already_voted", kConflict, kStatusOfKind,                                      \
    "The student already voted on the review.", "Nothing to do: one vote per review.")             \
  X(kAlreadyReported, "already_reported", kConflict, kStatusOfKind,                                \
    "The reporter already reported the review (also when its reports were dismissed since).",      \
    "Nothing to do: one report per review and person.")                                            \
  X(kReviewRemoved, "review_removed", kConflict, kStatusOfKind,                                    \
    "Voting on, reporting or moderating a review a moderator removed.", "Nothing to do.")          \
  X(kReviewNotReported, "review_not_reported", kConflict, kStatusOfKind,                           \
    "Dismissing the reports of, or removing, a review that has no open report.",                   \
    "Only reported reviews are moderated; wait for a report.")                                     \
  /* Course questions and answers (qa.cc). */                                                      \
  X(kQuestionAlreadyExists, "question_already_exists", kConflict, kStatusOfKind,                   \
    "A question with this question_id was already asked.",                                         \
    "Nothing to do if it is yours; otherwise ask under a new id.")                                 \
  X(kInvalidQuestion, "invalid_question", kInvalid, kStatusOfKind,                                 \
    "A question is empty, only whitespace, or over 10000 characters.",                             \
    "Send a question of 1..10000 characters.")                                                     \
  X(kNotQuestionAsker, "not_question_asker", kForbidden, kStatusOfKind,                            \
    "A student asks as someone else, or marks the solution of someone else's question.",           \
    "Ask, and mark solutions of your own questions, as yourself.")                                 \
  X(kQuestionNotFound, "question_not_found", kNotFound, kStatusOfKind,                             \
    "The question an answer or a solution names does not exist.", "Fix the question id.")          \
  X(kAnswerAlreadyExists, "answer_already_exists", kConflict, kStatusOfKind,                       \
    "An answer with this answer_id was already given.",                                            \
    "Nothing to do if it is yours; otherwise answer under a new id.")                              \
  X(kInvalidAnswer, "invalid_answer", kInvalid, kStatusOfKind,                                     \
    "An answer is empty, only whitespace, or over 10000 characters.",                              \
    "Send an answer of 1..10000 characters.")                                                      \
  X(kNotCourseMentor, "not_course_mentor", kForbidden, kStatusOfKind,                              \
    "Someone other than the course's mentor answers a question about it.",                         \
    "Only the course's mentor answers (course_answers.mentor_id).")                                \
  X(kAnswerNotFound, "answer_not_found", kNotFound, kStatusOfKind,                                 \
    "The answer marked as the solution does not exist or answers another question.",               \
    "Mark one of the question's own answers.")                                                     \
  X(kQuestionAlreadyResolved, "question_already_resolved", kConflict, kStatusOfKind,               \
    "Marking a solution on a question that already has one.",                                      \
    "Nothing to do: a question has one solution.")
