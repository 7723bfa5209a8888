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
    "Buying, carting or wishlisting a course that is not published.",                              \
    "Choose a course that is on sale.")                                                            \
  /* Carts, coupons and purchases (learner.cc, coupon.cc). */                                      \
  X(kCartNotFound, "cart_not_found", kNotFound, kStatusOfKind,                                     \
    "The student has no open cart with this id.", "Open a cart first, or fix the cart id.")        \
  X(kCartNotOpen, "cart_not_open", kNotFound, kStatusOfKind,                                       \
    "Applying a coupon to a cart that is not the student's open cart.",                            \
    "Apply it to the student's open cart.")                                                        \
  X(kOpenCartExists, "open_cart_exists", kConflict, kStatusOfKind,                                 \
    "Opening a cart while the student has one open.", "Use the open cart the message names.")      \
  X(kAlreadyEnrolled, "already_enrolled", kConflict, kStatusOfKind,                                \
    "Buying, carting or wishlisting a course the student already owns.",                           \
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
    "Nothing to do: a question has one solution.")                                                 \
  /* Media assets, wishlists, course content (media.cc, wishlist.cc, course.cc). */                \
  X(kMediaAssetAlreadyExists, "media_asset_already_exists", kConflict, kStatusOfKind,              \
    "A media asset with this asset_id was already uploaded.",                                      \
    "Nothing to do if it is yours; otherwise upload under a new id.")                              \
  X(kMediaAssetNotFound, "media_asset_not_found", kNotFound, kStatusOfKind,                        \
    "A report, retry or course edit names a media asset that was never uploaded.",                 \
    "Fix the asset id.")                                                                           \
  X(kInvalidMimeType, "invalid_mime_type", kInvalid, kStatusOfKind,                                \
    "mime_type is not type/subtype, or disagrees with file_type (image/*, video/*, other).",       \
    "Send the file's MIME type, of the file_type's family.")                                       \
  X(kInvalidFileSize, "invalid_file_size", kInvalid, kStatusOfKind,                                \
    "size_bytes is 0 or above the file type's limit (images 20 MiB, documents 200 MiB, videos "    \
    "8 GiB).",                                                                                     \
    "Upload a smaller file.")                                                                      \
  X(kInvalidMediaUrl, "invalid_media_url", kInvalid, kStatusOfKind,                                \
    "A media url is not an http(s) link of at most 2048 characters.",                              \
    "Send the file's https url.")                                                                  \
  X(kMediaReportOutOfOrder, "media_report_out_of_order", kConflict, kStatusOfKind,                 \
    "The media adapter reports a step the asset's transcoding status does not allow (started "     \
    "twice, ready or failed before started, anything after ready).",                               \
    "Read the asset's status; the first report stands. Report steps in order.")                    \
  X(kNotOwnMedia, "not_own_media", kForbidden, kStatusOfKind,                                      \
    "A mentor retries, or puts on a course, a media asset of another mentor or course.",           \
    "Use your own assets.")                                                                        \
  X(kMediaNotReady, "media_not_ready", kConflict, kStatusOfKind,                                   \
    "A course's hero video names an asset that is not a ready video.",                             \
    "Wait for the media adapter's ready report, or name a video asset.")                           \
  X(kCourseArchived, "course_archived", kConflict, kStatusOfKind,                                  \
    "Editing the content of, or uploading media for, an archived course.",                         \
    "Nothing to do: archived courses do not change.")                                              \
  X(kInvalidDescription, "invalid_description", kInvalid, kStatusOfKind,                           \
    "A course's description is empty, only whitespace, or over 10000 characters.",                 \
    "Send a description of 1..10000 characters.")                                                  \
  X(kNothingToEdit, "nothing_to_edit", kInvalid, kStatusOfKind,                                    \
    "A course content edit sends no field.", "Send at least one field to change.")                 \
  X(kInvalidWishlistName, "invalid_wishlist_name", kInvalid, kStatusOfKind,                        \
    "A wishlist's name is empty, only whitespace, or over 120 characters.",                        \
    "Send a name of 1..120 characters, or leave it out for 'Favorites'.")                          \
  X(kWishlistAlreadyExists, "wishlist_already_exists", kConflict, kStatusOfKind,                   \
    "A wishlist with this wishlist_id already exists.",                                            \
    "Nothing to do if it is yours; otherwise create it under a new id.")                           \
  X(kWishlistNotFound, "wishlist_not_found", kNotFound, kStatusOfKind,                             \
    "Removing from a wishlist that does not exist.", "Fix the wishlist id.")                       \
  X(kNotOwnWishlist, "not_own_wishlist", kForbidden, kStatusOfKind,                                \
    "A student changes another student's wishlist.", "Change your own wishlists.")                 \
  X(kAlreadyInWishlist, "already_in_wishlist", kConflict, kStatusOfKind,                           \
    "Adding a course the wishlist already holds.", "Nothing to do.")                               \
  X(kNotInWishlist, "not_in_wishlist", kNotFound, kStatusOfKind,                                   \
    "Removing a course the wishlist does not hold.", "Nothing to do.")                             \
  X(kWishlistFull, "wishlist_full", kInvalid, kStatusOfKind,                                       \
    "Adding a course to a wishlist that holds 100 courses already.",                               \
    "Remove a course first, or start another wishlist.")
