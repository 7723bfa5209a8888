// The rejection catalog, part 4: the Peerloop marketplace's own codes (domain/peerloop). One
// X(name, "code", kind, http status, "when", "what to do") per code. Included by
// domain/core/rejection_codes.h only.
#pragma once

#define EDU_REJECTIONS_PEERLOOP(X)                                                                 \
  /* Direct messages, follows and notifications (conversation.cc, follows.cc, notification.cc). */ \
  X(kActsForAnotherUser, "acts_for_another_user", kForbidden, kStatusOfKind,                       \
    "A user starts a conversation, sends a message, marks a conversation read or follows as "      \
    "someone else (staff too: these are a person's own acts).",                                    \
    "Send it as the user it names.")                                                               \
  X(kConversationAlreadyExists, "conversation_already_exists", kConflict, kStatusOfKind,           \
    "A conversation with this id already exists.", "Start it under a new id.")                     \
  X(kConversationNeedsAnotherParticipant, "conversation_needs_another_participant", kInvalid,      \
    kStatusOfKind, "Starting a conversation with nobody but oneself.",                             \
    "Name at least one other registered user.")                                                    \
  X(kTooManyParticipants, "too_many_participants", kInvalid, kStatusOfKind,                        \
    "A conversation names more participants than the limit the message gives.",                    \
    "Start a smaller conversation.")                                                               \
  X(kParticipantNotFound, "participant_not_found", kNotFound, kStatusOfKind,                       \
    "A participant of a new conversation is not a registered user.", "Fix the participant ids.")   \
  X(kConversationNotFound, "conversation_not_found", kNotFound, kStatusOfKind,                     \
    "Writing to or reading a conversation that does not exist.", "Fix the conversation id.")       \
  X(kNotConversationParticipant, "not_conversation_participant", kForbidden, kStatusOfKind,        \
    "Someone outside a conversation writes to it or marks it read.",                               \
    "Only its participants may; start a conversation of your own.")                                \
  X(kMessageContentRequired, "message_content_required", kInvalid, kStatusOfKind,                  \
    "A message is empty or only whitespace.", "Send the message's text.")                          \
  X(kMessageTooLong, "message_too_long", kInvalid, kStatusOfKind,                                  \
    "A message is longer than the limit the message gives (characters).",                          \
    "Shorten it, or send it as several messages.")                                                 \
  X(kMessageAlreadyExists, "message_already_exists", kConflict, kStatusOfKind,                     \
    "The conversation already has a message with this id.", "Send it under a new id.")             \
  X(kCannotFollowSelf, "cannot_follow_self", kInvalid, kStatusOfKind,                              \
    "A user follows themselves.", "Follow another user.")                                          \
  X(kAlreadyFollowing, "already_following", kConflict, kStatusOfKind,                              \
    "The user already follows this user or course, or the follow id is already in use.",           \
    "Nothing to do: the follow is in place (or send a new follow id).")                            \
  X(kNotFollowing, "not_following", kNotFound, kStatusOfKind,                                      \
    "Unfollowing a user or course one does not follow.", "Nothing to do.")                         \
  X(kNotificationRecipientRequired, "notification_recipient_required", kInvalid, kStatusOfKind,    \
    "A notification names neither a user nor an enrollment, or both.",                             \
    "Name exactly one of user_id and enrollment_id.")                                              \
  /* Users, teaching certificates and availability (user.cc). */                                   \
  X(kInvalidHandle, "invalid_handle", kInvalid, kStatusOfKind,                                     \
    "handle is not 1-30 letters, digits or '_' (with an optional leading '@').",                   \
    "Send a handle of that form.")                                                                 \
  X(kBioShortTooLong, "bio_short_too_long", kInvalid, kStatusOfKind,                               \
    "bio_short is over 160 characters.", "Shorten it to 160 characters.")                          \
  X(kNotCourseCreator, "not_course_creator", kForbidden, kStatusOfKind,                            \
    "Someone other than the course's creator (or an admin) certifies a student-teacher, tags, "    \
    "edits, (de)activates or retires the course, changes its pages or features a testimonial, "    \
    "or issues or declines a certificate.",                                                        \
    "Send it as the course's creator or an admin.")                                                \
  X(kCreatorTeachesOwnCourse, "creator_teaches_own_course", kInvalid, kStatusOfKind,               \
    "Certifying a course's creator as its student-teacher.",                                       \
    "Nothing to do: creators teach their courses without certification.")                          \
  X(kRoleCannotTeach, "role_cannot_teach", kInvalid, kStatusOfKind,                                \
    "Certifying a staff user as a student-teacher.", "Certify a student or creator.")              \
  X(kAlreadyCertified, "already_certified", kConflict, kStatusOfKind,                              \
    "The user is already a certified student-teacher of the course.", "Nothing to do.")            \
  X(kNotATeacher, "not_a_teacher", kInvalid, kStatusOfKind,                                        \
    "Adding availability for a user who is neither a creator nor a student-teacher.",              \
    "Get certified for a course first.")                                                           \
  X(kSlotAlreadyExists, "slot_already_exists", kConflict, kStatusOfKind,                           \
    "An availability slot with this id already exists.", "Add the slot under a new id.")           \
  X(kSlotNotFound, "slot_not_found", kNotFound, kStatusOfKind,                                     \
    "Removing an availability slot the user does not have.", "Fix the slot id.")                   \
  X(kInvalidDayOfWeek, "invalid_day_of_week", kInvalid, kStatusOfKind,                             \
    "day_of_week is outside 0 (Sunday) .. 6 (Saturday).", "Send a day within 0..6.")               \
  X(kInvalidTime, "invalid_time", kInvalid, kStatusOfKind, "start_time or end_time is not HH:MM.", \
    "Send times as HH:MM.")                                                                        \
  X(kSlotNotOrdered, "slot_not_ordered", kInvalid, kStatusOfKind,                                  \
    "A slot's start_time is not before its end_time.", "Send a start before the end.")             \
  X(kTimezoneRequired, "timezone_required", kInvalid, kStatusOfKind,                               \
    "A slot has an empty timezone.", "Send the slot's IANA timezone.")                             \
  /* Courses and categories (course.cc). */                                                        \
  X(kCategoryAlreadyExists, "category_already_exists", kConflict, kStatusOfKind,                   \
    "A category with this id already exists.", "Create it under a new id.")                        \
  X(kCreatorNotFound, "creator_not_found", kNotFound, kStatusOfKind,                               \
    "The course's creator is not registered.", "Fix the creator id.")                              \
  X(kNotACreator, "not_a_creator", kInvalid, kStatusOfKind,                                        \
    "The course's creator does not have the creator role.",                                        \
    "Create courses with a creator's account.")                                                    \
  X(kCourseTextRequired, "course_text_required", kInvalid, kStatusOfKind,                          \
    "A course's title, slug, description or duration is empty.", "Fill in all four.")              \
  X(kTaglineTooLong, "tagline_too_long", kInvalid, kStatusOfKind,                                  \
    "tagline is over 150 characters.", "Shorten it to 150 characters.")                            \
  X(kInvalidCount, "invalid_count", kInvalid, kStatusOfKind,                                       \
    "session_count, duration_weeks, module_count or lesson_count is not positive, or "             \
    "session_count is above 100.",                                                                 \
    "Send counts within the range the message gives.")                                             \
  X(kInvalidTeacherCommission, "invalid_teacher_commission", kInvalid, kStatusOfKind,              \
    "teacher_commission is outside what remains after the platform's fee.",                        \
    "Send a percentage within the range the message gives.")                                       \
  X(kCourseTagRequired, "course_tag_required", kInvalid, kStatusOfKind,                            \
    "A course tag is empty or only whitespace.", "Send a non-empty tag.")                          \
  X(kCourseTagAlreadyExists, "course_tag_already_exists", kConflict, kStatusOfKind,                \
    "The course already has this tag (ignoring case and surrounding spaces).",                     \
    "Nothing to do: the course is already tagged so.")                                             \
  X(kCourseTagIdTaken, "course_tag_id_taken", kConflict, kStatusOfKind,                            \
    "The course already has a tag with this tag_id.", "Tag the course under a new tag_id.")        \
  /* Course edits, pages, reviews, module progress, certificates (course.cc, course_pages.cc, */   \
  /* progress.cc, certificate.cc). */                                                              \
  X(kCourseRetired, "course_retired", kConflict, kStatusOfKind,                                    \
    "Editing, (de)activating, retiring or changing the pages of a retired course.",                \
    "Nothing to do: a retired course stays as it is; create a new course.")                        \
  X(kCourseEditEmpty, "course_edit_empty", kInvalid, kStatusOfKind,                                \
    "A course edit that changes no field.", "Send at least one field to change.")                  \
  X(kCourseActivationUnchanged, "course_activation_unchanged", kConflict, kStatusOfKind,           \
    "Activating an active course or deactivating an inactive one.", "Nothing to do.")              \
  X(kCoursePageTextRequired, "course_page_text_required", kInvalid, kStatusOfKind,                 \
    "A course page line is empty, or a module has no title, description or duration.",             \
    "Send the text the message names.")                                                            \
  X(kPrerequisiteTypeRequired, "prerequisite_type_required", kInvalid, kStatusOfKind,              \
    "A prerequisite without its tier, or a tier on a line that is not a prerequisite.",            \
    "Send prerequisite_type (required, nice_to_have, not_required) with prerequisites only.")      \
  X(kInvalidCourseOrder, "invalid_course_order", kInvalid, kStatusOfKind,                          \
    "A display_order, module_order or session_number is not positive, or a video or reading "      \
    "count is negative.",                                                                          \
    "Send positive orders and counts of zero or more.")                                            \
  X(kCourseModuleNotFound, "course_module_not_found", kNotFound, kStatusOfKind,                    \
    "The module is not in the course's curriculum.", "Fix the module id or the course id.")        \
  X(kCourseModuleAlreadyExists, "course_module_already_exists", kConflict, kStatusOfKind,          \
    "The course already has a module with this module_id.", "Add it under a new module_id.")       \
  X(kCoursePageItemNotFound, "course_page_item_not_found", kNotFound, kStatusOfKind,               \
    "The course page has no line with this item_id.", "Fix the item id.")                          \
  X(kCoursePageItemAlreadyExists, "course_page_item_already_exists", kConflict, kStatusOfKind,     \
    "The course page already has a line with this item_id.", "Add it under a new item_id.")        \
  X(kEnrollmentNotCompleted, "enrollment_not_completed", kConflict, kStatusOfKind,                 \
    "Rating a course, or recommending or issuing a certificate, for an enrollment that is not "    \
    "completed.",                                                                                  \
    "Send it once the enrollment is completed.")                                                   \
  X(kCourseAlreadyReviewed, "course_already_reviewed", kConflict, kStatusOfKind,                   \
    "The enrollment's student already rated the course, or the review_id is taken.",               \
    "Nothing to do: one rating per enrollment.")                                                   \
  X(kTestimonialNameRequired, "testimonial_name_required", kInvalid, kStatusOfKind,                \
    "A testimonial (a rating with a quote) without the student's name, or an empty quote.",        \
    "Send a non-empty quote and student_name, or rate without a quote.")                           \
  X(kTestimonialNotFound, "testimonial_not_found", kNotFound, kStatusOfKind,                       \
    "The course has no testimonial (rating with a quote) with this review_id.",                    \
    "Fix the review id.")                                                                          \
  X(kModuleProgressUnchanged, "module_progress_unchanged", kConflict, kStatusOfKind,               \
    "Marking complete a module already complete, or unmarking one that is not.", "Nothing to do.") \
  X(kCertificateNotOffered, "certificate_not_offered", kInvalid, kStatusOfKind,                    \
    "A certificate for a course that awards none (has_certificate false).",                        \
    "Have the course's creator offer a certificate first (EditCourse has_certificate).")           \
  X(kCertificateAlreadyExists, "certificate_already_exists", kConflict, kStatusOfKind,             \
    "The enrollment already has a certificate of this type, issued or recommended.",               \
    "Nothing to do: one certificate of each type per enrollment.")                                 \
  X(kCertificateIdTaken, "certificate_id_taken", kConflict, kStatusOfKind,                         \
    "The certificate_id is already used in this enrollment for another type, or already "          \
    "recommended.",                                                                                \
    "Use a new certificate_id, or the recommendation's own type.")                                 \
  X(kCertificateNotFound, "certificate_not_found", kNotFound, kStatusOfKind,                       \
    "The enrollment has no certificate with this id.", "Fix the certificate id.")                  \
  X(kNotCertifiedToTeach, "not_certified_to_teach", kInvalid, kStatusOfKind,                       \
    "A teaching certificate for a student who is not a certified student-teacher of the "          \
    "course.",                                                                                     \
    "Certify the student as a student-teacher of the course first.")                               \
  /* Enrollments, escrow tranches and splits (enrollment.cc). */                                   \
  X(kEnrollmentClosed, "enrollment_closed", kConflict, kStatusOfKind,                              \
    "Acting on an enrollment that is completed or cancelled (also: scheduling a session or "       \
    "summoning help on one).",                                                                     \
    "Nothing to do on this enrollment; enroll again for a new course run.")                        \
  X(kCourseInactive, "course_inactive", kInvalid, kStatusOfKind,                                   \
    "Enrolling in a course that is not open for enrollment.", "Enroll in an active course.")       \
  X(kRoleCannotEnroll, "role_cannot_enroll", kInvalid, kStatusOfKind, "A staff user enrolls.",     \
    "Enroll with a student's account.")                                                            \
  X(kOwnCourse, "own_course", kInvalid, kStatusOfKind, "A creator enrolls in their own course.",   \
    "Nothing to do: creators own their courses.")                                                  \
  X(kStudentTeacherNotFound, "student_teacher_not_found", kNotFound, kStatusOfKind,                \
    "The chosen student-teacher is not registered.", "Fix the student-teacher id.")                \
  X(kStudentTeacherNotCertified, "student_teacher_not_certified", kInvalid, kStatusOfKind,         \
    "The chosen student-teacher is not certified for the course.",                                 \
    "Choose a certified student-teacher of the course, or none.")                                  \
  X(kSelfTeaching, "self_teaching", kInvalid, kStatusOfKind,                                       \
    "A student names themselves as their student-teacher.", "Choose someone else, or none.")       \
  X(kReferrerNotFound, "referrer_not_found", kNotFound, kStatusOfKind,                             \
    "The referring user is not registered.", "Fix the referrer id, or leave it out.")              \
  X(kSelfReferral, "self_referral", kInvalid, kStatusOfKind,                                       \
    "A student names themselves as their referrer.", "Leave referred_by out.")                     \
  X(kStripePaymentIdRequired, "stripe_payment_id_required", kInvalid, kStatusOfKind,               \
    "A payment is reported without the Stripe payment id.", "Send the Stripe payment id.")         \
  X(kPaymentMismatch, "payment_mismatch", kInvalid, kStatusOfKind,                                 \
    "The gateway reports a payment for another transaction than the one the enrollment awaits.",   \
    "Report the transaction the message names.")                                                   \
  X(kPaymentPending, "payment_pending", kConflict, kStatusOfKind,                                  \
    "Cancelling an enrollment whose payment awaits the gateway's answer.",                         \
    "Wait for the answer: a failed payment cancels the enrollment.")                               \
  X(kPaymentNotCompleted, "payment_not_completed", kInvalid, kStatusOfKind,                        \
    "Acting on (or scheduling a session or summon for) an enrollment that is not paid yet.",       \
    "Pay for the enrollment first.")                                                               \
  X(kNotEnrollmentTeacher, "not_enrollment_teacher", kForbidden, kStatusOfKind,                    \
    "Someone other than the enrollment's teacher, the course's creator or staff starts or "        \
    "completes it; someone other than its student-teacher recommends a certificate.",              \
    "Send it as the teacher, the creator or staff.")                                               \
  X(kEnrollmentAlreadyStarted, "enrollment_already_started", kConflict, kStatusOfKind,             \
    "Starting an enrollment that is already in progress.",                                         \
    "Nothing to do (a reaction expects this when sessions start it).")                             \
  X(kSessionAlreadyReleased, "session_already_released", kConflict, kStatusOfKind,                 \
    "A session releases a second escrow tranche of the enrollment.",                               \
    "Nothing to do: each session releases one tranche.")                                           \
  X(kEscrowEmpty, "escrow_empty", kConflict, kStatusOfKind,                                        \
    "Releasing a tranche when every tranche of the enrollment is already released.",               \
    "Nothing to do (a reaction expects this).")                                                    \
  X(kSplitIdsRequired, "split_ids_required", kInvalid, kStatusOfKind,                              \
    "Marking splits paid out without naming any.", "Name at least one split.")                     \
  X(kSplitNotFound, "split_not_found", kNotFound, kStatusOfKind,                                   \
    "Naming a payment split the enrollment does not have.", "Fix the split id.")                   \
  X(kSplitNotReleased, "split_not_released", kConflict, kStatusOfKind,                             \
    "Paying out a split that is not released yet.", "Pay it out after its release.")               \
  /* Sessions and help summons (session.cc, summon.cc). */                                         \
  X(kNotEnrollmentParty, "not_enrollment_party", kForbidden, kStatusOfKind,                        \
    "Someone other than the enrolled student or their teacher schedules a session.",               \
    "Send it as the student or their teacher.")                                                    \
  X(kInvalidSessionWindow, "invalid_session_window", kInvalid, kStatusOfKind,                      \
    "scheduled_end is not after scheduled_start, or more than 8 hours later.",                     \
    "Send a window of at most 8 hours.")                                                           \
  X(kSessionNotDue, "session_not_due", kInvalid, kStatusOfKind,                                    \
    "Starting a session earlier than allowed before its scheduled start.",                         \
    "Start it from the time the message gives.")                                                   \
  X(kNotSessionTeacher, "not_session_teacher", kForbidden, kStatusOfKind,                          \
    "Someone other than the session's teacher (or staff) completes it.",                           \
    "Send it as the teacher or staff.")                                                            \
  X(kAlreadyAssessed, "already_assessed", kConflict, kStatusOfKind,                                \
    "A party assesses a session a second time.", "Nothing to do: each party assesses once.")       \
  X(kSummonNotFound, "summon_not_found", kNotFound, kStatusOfKind,                                 \
    "The summon the command names does not exist.", "Fix the summon id.")                          \
  X(kSummonAlreadyExists, "summon_already_exists", kConflict, kStatusOfKind,                       \
    "A summon with this id already exists.", "Summon under a new id.")                             \
  X(kNotOwnSummon, "not_own_summon", kForbidden, kStatusOfKind,                                    \
    "A student summons help for someone else, or closes another student's summon.",                \
    "Send it as the summoning student.")                                                           \
  X(kEnrollmentMismatch, "enrollment_mismatch", kInvalid, kStatusOfKind,                           \
    "The enrollment is not the student's enrollment in the course.",                               \
    "Name the student's own enrollment in that course.")                                           \
  X(kResponderNotFound, "responder_not_found", kNotFound, kStatusOfKind,                           \
    "The user who answers the summon is not registered.", "Fix the responder id.")                 \
  X(kSelfResponse, "self_response", kInvalid, kStatusOfKind,                                       \
    "A student answers their own summon.", "Let another student-teacher answer it.")               \
  X(kNotCertifiedForCourse, "not_certified_for_course", kInvalid, kStatusOfKind,                   \
    "The responder is not a certified student-teacher of the summon's course.",                    \
    "Answer summons of courses you are certified for.")                                            \
  X(kResponderNotAvailable, "responder_not_available", kInvalid, kStatusOfKind,                    \
    "The responder's 'Available to Help' toggle is off.",                                          \
    "Turn availability on (SetHelpAvailability) first.")                                           \
  X(kSummonNotExpired, "summon_not_expired", kConflict, kStatusOfKind,                             \
    "Expiring a summon before the policy's summon_expires_after has passed since it was "          \
    "summoned (or when summons never expire).",                                                    \
    "Nothing to do: the scheduler expires it when due.")                                           \
  /* Goodwill points, promotions and rewards (goodwill.cc). */                                     \
  X(kGiverNotFound, "giver_not_found", kNotFound, kStatusOfKind,                                   \
    "The user who gives goodwill points is not registered.", "Fix the giver id.")                  \
  X(kReceiverNotFound, "receiver_not_found", kNotFound, kStatusOfKind,                             \
    "The user who would receive goodwill points is not registered.", "Fix the receiver id.")       \
  X(kPointsOutOfRange, "points_out_of_range", kInvalid, kStatusOfKind,                             \
    "An award is outside the policy's points range.", "Send points within the message's range.")   \
  X(kPointsNotAllowedForReason, "points_not_allowed_for_reason", kInvalid, kStatusOfKind,          \
    "The points do not match what the award's reason is worth.",                                   \
    "Send the points the message gives for that reason.")                                          \
  X(kInsufficientBalance, "insufficient_balance", kInvalid, kStatusOfKind,                         \
    "The giver has fewer goodwill points than they give.", "Give at most the giver's balance.")    \
  X(kSelfAward, "self_award", kInvalid, kStatusOfKind,                                             \
    "A user awards goodwill points to themselves.", "Award someone else.")                         \
  X(kSystemAwardReason, "system_award_reason", kInvalid, kStatusOfKind,                            \
    "A user gives points for a reason only the platform awards.",                                  \
    "Use a peer reason, or leave from_user_id out for a platform award.")                          \
  X(kGiverRequired, "giver_required", kInvalid, kStatusOfKind,                                     \
    "A peer award (a reason users give points for) has no giver (from_user_id).",                  \
    "Name the giver in from_user_id.")                                                             \
  X(kAwardAlreadyExists, "award_already_exists", kConflict, kStatusOfKind,                         \
    "An award with this id already exists.", "Award under a new id.")                              \
  X(kAwardCooldown, "award_cooldown", kInvalid, kStatusOfKind,                                     \
    "The giver awarded the same receiver within the policy's cooldown.",                           \
    "Award again from the time the message gives.")                                                \
  X(kAwardAlreadyCredited, "award_already_credited", kConflict, kStatusOfKind,                     \
    "Crediting an award a second time.", "Nothing to do: the award is credited.")                  \
  X(kAvailabilityBonusIsDaily, "availability_bonus_is_daily", kInvalid, kStatusOfKind,             \
    "Awarding the availability bonus directly.",                                                   \
    "Nothing to do: SetHelpAvailability earns it, once a day.")                                    \
  X(kNotAStudentTeacher, "not_a_student_teacher", kInvalid, kStatusOfKind,                         \
    "A user who is neither a student-teacher nor a creator sets help availability.",               \
    "Get certified as a student-teacher first.")                                                   \
  X(kAvailabilityUnchanged, "availability_unchanged", kConflict, kStatusOfKind,                    \
    "Setting help availability to what it already is.", "Nothing to do.")                          \
  X(kPostNotFound, "post_not_found", kNotFound, kStatusOfKind,                                     \
    "The post the command names does not exist.", "Fix the post id.")                              \
  X(kPromotionAlreadyExists, "promotion_already_exists", kConflict, kStatusOfKind,                 \
    "A promotion with this id already exists.", "Promote under a new id.")                         \
  X(kNotACoursePost, "not_a_course_post", kInvalid, kStatusOfKind,                                 \
    "Promoting a post that is not in a course feed.", "Promote a course-feed post.")               \
  X(kAlreadyPromoted, "already_promoted", kConflict, kStatusOfKind,                                \
    "The user already promotes the post.", "Nothing to do until the promotion ends.")              \
  X(kRewardNotUnlocked, "reward_not_unlocked", kInvalid, kStatusOfKind,                            \
    "Redeeming a reward the user has not unlocked.", "Earn the points the reward needs first.")    \
  X(kRewardAlreadyRedeemed, "reward_already_redeemed", kConflict, kStatusOfKind,                   \
    "Redeeming a reward a second time.", "Nothing to do: each reward is redeemed once.")           \
  /* Feed posts (post.cc). */                                                                      \
  X(kPostAlreadyExists, "post_already_exists", kConflict, kStatusOfKind,                           \
    "A post with this id already exists.", "Post under a new id.")                                 \
  X(kAuthorNotFound, "author_not_found", kNotFound, kStatusOfKind,                                 \
    "The post's author is not registered.", "Fix the author id.")                                  \
  X(kNotOwnPost, "not_own_post", kForbidden, kStatusOfKind,                                        \
    "A user posts as someone else, or edits someone else's post.",                                 \
    "Post as yourself; edit your own posts.")                                                      \
  X(kContentRequired, "content_required", kInvalid, kStatusOfKind, "A post has no content.",       \
    "Send the post's content.")                                                                    \
  /* Feed interactions, flags and moderation (feed.cc). */                                         \
  X(kNoFeedAccess, "no_feed_access", kForbidden, kStatusOfKind,                                    \
    "Posting, interacting or flagging in an instructor's feed (a course-feed post) without feed "  \
    "access: not the instructor, staff or a certified student-teacher of the course, and no "      \
    "enrollment_id of one's own enrollment with that instructor.",                                 \
    "Enroll in one of the instructor's courses and send that enrollment_id.")                      \
  X(kPostRemoved, "post_removed", kConflict, kStatusOfKind,                                        \
    "Acting on a post a moderator removed.", "Nothing to do: removed posts are final.")            \
  X(kPostHidden, "post_hidden", kConflict, kStatusOfKind,                                          \
    "Interacting with, flagging or pinning a post a moderator hid.",                               \
    "Wait until a moderator restores it.")                                                         \
  X(kNotFeedOwner, "not_feed_owner", kForbidden, kStatusOfKind,                                    \
    "Pinning a post as someone other than its feed's instructor (the course's creator) or a "      \
    "moderator; main-feed posts are pinned by moderators.",                                        \
    "Ask the instructor or a moderator to pin it.")                                                \
  X(kPinUnchanged, "pin_unchanged", kConflict, kStatusOfKind,                                      \
    "Pinning a pinned post, or unpinning one that is not pinned.", "Nothing to do.")               \
  X(kInteractionAlreadyExists, "interaction_already_exists", kConflict, kStatusOfKind,             \
    "The user already liked, bookmarked or reposted the post (the same type).",                    \
    "Nothing to do; undo it first to do it again.")                                                \
  X(kInteractionIdTaken, "interaction_id_taken", kConflict, kStatusOfKind,                         \
    "The post already has an interaction with this interaction_id.",                               \
    "Interact under a new interaction_id.")                                                        \
  X(kInteractionNotFound, "interaction_not_found", kNotFound, kStatusOfKind,                       \
    "Undoing a like, bookmark or repost the user does not have on the post.", "Nothing to undo.")  \
  X(kFlagOwnPost, "flag_own_post", kInvalid, kStatusOfKind, "A user flags their own post.",        \
    "Edit the post, or ask a moderator to remove it.")                                             \
  X(kAlreadyFlagged, "already_flagged", kConflict, kStatusOfKind,                                  \
    "The user already flagged the post.", "Nothing to do: a moderator will review the flag.")      \
  X(kFlagIdTaken, "flag_id_taken", kConflict, kStatusOfKind,                                       \
    "The post already has a flag with this flag_id.", "Flag under a new flag_id.")                 \
  X(kNoOpenFlags, "no_open_flags", kConflict, kStatusOfKind,                                       \
    "Reviewing or dismissing the flags of a post that has no pending or reviewed flag.",           \
    "Nothing to do.")                                                                              \
  /* Payouts (payout.cc). */                                                                       \
  X(kPlatformNotPaidOut, "platform_not_paid_out", kInvalid, kStatusOfKind,                         \
    "Requesting a payout for the platform's share.", "Nothing to do: the platform keeps it.")      \
  X(kSplitAlreadyCredited, "split_already_credited", kConflict, kStatusOfKind,                     \
    "Crediting a split a second time.", "Nothing to do: the split is credited.")                   \
  X(kPayoutAlreadyExists, "payout_already_exists", kConflict, kStatusOfKind,                       \
    "A payout with this id already exists.", "Request it under a new id.")                         \
  X(kNothingToPayOut, "nothing_to_pay_out", kInvalid, kStatusOfKind,                               \
    "Requesting a payout with no released earnings waiting.",                                      \
    "Request it after earnings are released.")                                                     \
  X(kSelfApproval, "self_approval", kForbidden, kStatusOfKind,                                     \
    "An admin approves their own payout.", "Have another admin approve it.")                       \
  X(kStripeTransferIdRequired, "stripe_transfer_id_required", kInvalid, kStatusOfKind,             \
    "A payout is reported paid without the Stripe transfer id.", "Send the Stripe transfer id.")
