// The rejection catalog, part 3: the mentorship marketplace's own codes (domain/mentorship). One
// X(name, "code", kind, http status, "when", "what to do") per code. Included by
// domain/core/rejection_codes.h only.
#pragma once

#define EDU_REJECTIONS_MENTORSHIP(X)                                                              \
  /* Users and mentor applications (user.cc, mentor.cc). */                                       \
  X(kInvalidDateOfBirth, "invalid_date_of_birth", kInvalid, kStatusOfKind,                        \
    "date_of_birth is not a YYYY-MM-DD date, or not in the past.",                                \
    "Send the birth date as YYYY-MM-DD.")                                                         \
  X(kInvalidGpa, "invalid_gpa", kInvalid, kStatusOfKind, "gpa_score is outside 0..10.",           \
    "Send a score within 0..10.")                                                                 \
  X(kInvalidGraduationYear, "invalid_graduation_year", kInvalid, kStatusOfKind,                   \
    "graduation_year is outside 1950..2100.", "Send a year within 1950..2100.")                   \
  X(kAcademicLevelRequired, "academic_level_required", kInvalid, kStatusOfKind,                   \
    "A student registers without academic_level.",                                                \
    "Send one of the academic levels the message lists.")                                         \
  X(kMentorAlreadyExists, "mentor_already_exists", kConflict, kStatusOfKind,                      \
    "The user already has a mentor profile.",                                                     \
    "Update or reapply with the existing profile instead of applying again.")                     \
  X(kTitleRequired, "title_required", kInvalid, kStatusOfKind,                                    \
    "A mentor application has an empty title.", "Send the mentor's professional title.")          \
  X(kStudentLevelsRequired, "student_levels_required", kInvalid, kStatusOfKind,                   \
    "A mentor application serves no student level.",                                              \
    "Name at least one of the levels the message lists.")                                         \
  X(kPrimaryLanguageRequired, "primary_language_required", kInvalid, kStatusOfKind,               \
    "A mentor application has an empty primary_language.", "Send the mentor's main language.")    \
  X(kVerificationDocsRequired, "verification_docs_required", kInvalid, kStatusOfKind,             \
    "A mentor reapplies without a verification document.",                                        \
    "Attach at least one verification document.")                                                 \
  X(kInvalidVerificationStep, "invalid_verification_step", kInvalid, kStatusOfKind,               \
    "A verification review moves a mentor to a status that is not a review step.",                \
    "Use a review step the message lists, or ApproveMentor / RejectMentor / SuspendMentor / "     \
    "ReinstateMentor for the others.")                                                            \
  X(kTrialSessionRequired, "trial_session_required", kInvalid, kStatusOfKind,                     \
    "An admin approves a mentor before their trial session, and the policy requires one.",        \
    "Move the mentor to trial_session_required and approve after the trial session.")             \
  /* Booking and running sessions (session.cc). */                                                \
  X(kNotOwnBooking, "not_own_booking", kForbidden, kStatusOfKind,                                 \
    "A student books a session for another student.",                                             \
    "Book as the student; staff book on behalf of a student with on_behalf_of.")                  \
  X(kOnBehalfOfRequired, "on_behalf_of_required", kInvalid, kStatusOfKind,                        \
    "Staff act on a session without saying for whom.",                                            \
    "Set on_behalf_of to the party staff act for, as the message says.")                          \
  X(kNotAStudent, "not_a_student", kInvalid, kStatusOfKind,                                       \
    "The user who would book is not a student.", "Book with a student's account.")                \
  X(kAccountNotActive, "account_not_active", kInvalid, kStatusOfKind,                             \
    "The student's account is not active (suspended or closed).",                                 \
    "Reactivate the account through support first.")                                              \
  X(kMentorNotApproved, "mentor_not_approved", kInvalid, kStatusOfKind,                           \
    "The mentor is not approved (still in verification, rejected or suspended).",                 \
    "Book an approved mentor.")                                                                   \
  X(kMentorInactive, "mentor_inactive", kInvalid, kStatusOfKind,                                  \
    "The mentor is approved but not taking bookings.", "Book another mentor, or later.")          \
  X(kLevelNotServed, "level_not_served", kInvalid, kStatusOfKind,                                 \
    "The mentor does not serve the student's academic level.",                                    \
    "Book a mentor who serves that level.")                                                       \
  X(kLanguageNotSpoken, "language_not_spoken", kInvalid, kStatusOfKind,                           \
    "The mentor does not hold sessions in the requested session_language.",                       \
    "Book in a language the mentor offers.")                                                      \
  X(kSessionLanguageRequired, "session_language_required", kInvalid, kStatusOfKind,               \
    "A booking has an empty session_language.", "Send the session's language.")                   \
  X(kGatewayPaymentIdRequired, "gateway_payment_id_required", kInvalid, kStatusOfKind,            \
    "A captured payment is reported without the gateway's payment id.",                           \
    "Send the gateway's payment id.")                                                             \
  X(kSameStart, "same_start", kInvalid, kStatusOfKind,                                            \
    "A reschedule to the time the session already starts at.",                                    \
    "Nothing to do, or send the new start time.")                                                 \
  X(kLateRescheduleRequiresEmergency, "late_reschedule_requires_emergency", kInvalid,             \
    kStatusOfKind, "A reschedule inside the policy's notice period without an emergency.",        \
    "Cancel under the cancellation policy, or reschedule as an emergency with proof.")            \
  X(kEmergencyProofRequired, "emergency_proof_required", kInvalid, kStatusOfKind,                 \
    "An emergency reschedule without proof_url.", "Attach the proof (proof_url).")                \
  X(kSessionAlreadyStarted, "session_already_started", kConflict, kStatusOfKind,                  \
    "Cancelling or rescheduling a session whose start time has passed.",                          \
    "Complete it, or report a no-show or dispute instead.")                                       \
  X(kNotSessionMentor, "not_session_mentor", kForbidden, kStatusOfKind,                           \
    "Someone other than the session's mentor (or staff, or the video integration) starts or "     \
    "completes it.",                                                                              \
    "Send it as the session's mentor or as staff.")                                               \
  X(kTooEarlyToStart, "too_early_to_start", kInvalid, kStatusOfKind,                              \
    "Starting a session earlier than the policy allows before its start time.",                   \
    "Start it from the time the message gives.")                                                  \
  X(kSessionNotStarted, "session_not_started", kInvalid, kStatusOfKind,                           \
    "Completing a session before its start time.", "Complete it after it took place.")            \
  X(kSessionNotOver, "session_not_over", kInvalid, kStatusOfKind,                                 \
    "Completing a session that was never started before its scheduled end.",                      \
    "Start it first, or complete it after its scheduled end.")                                    \
  X(kNoShowTooEarly, "no_show_too_early", kInvalid, kStatusOfKind,                                \
    "Reporting an absence before the policy's grace period after the start has passed.",          \
    "Report it from the time the message gives.")                                                 \
  X(kNoShowAlreadyDetected, "no_show_already_detected", kConflict, kStatusOfKind,                 \
    "Flagging a session as not started by its grace period a second time (for the same start).",  \
    "Nothing to do: it is already flagged for review; settle it with ReportNoShow.")              \
  X(kVerificationDeadlineNotDue, "verification_deadline_not_due", kInvalid, kStatusOfKind,        \
    "Expiring a mentor's verification before its expiry_date, or opening the quarterly "          \
    "re-verification before its date (or when the mentor has none).",                             \
    "Nothing to do: the scheduler sends it from 00:00 UTC of the date the message gives.")        \
  X(kSessionHasNoRecording, "session_has_no_recording", kInvalid, kStatusOfKind,                  \
    "Erasing the recording of a session that was completed without one (or is not completed).",   \
    "Nothing to do: there is no recording to erase.")                                             \
  X(kSessionRecordingAlreadyErased, "session_recording_already_erased", kConflict, kStatusOfKind, \
    "Erasing a session's recording a second time.",                                               \
    "Nothing to do: the recording is already erased.")                                            \
  X(kRecordingRetentionNotOver, "recording_retention_not_over", kInvalid, kStatusOfKind,          \
    "Erasing a session's recording before recording_retention_days after its completion.",        \
    "Nothing to do: the scheduler erases it from the time the message gives.")                    \
  /* Escrow, refunds, disputes and ratings (session.cc). */                                       \
  X(kPaymentAlreadyReleased, "payment_already_released", kConflict, kStatusOfKind,                \
    "A dispute on a session whose payment was already released to the mentor.",                   \
    "Rate the session instead: a low rating opens a quality review.")                             \
  X(kNotSessionStudent, "not_session_student", kForbidden, kStatusOfKind,                         \
    "Someone other than the session's student (or staff for them) disputes it.",                  \
    "Send the dispute as the session's student or as staff.")                                     \
  X(kDisputeWindowClosed, "dispute_window_closed", kInvalid, kStatusOfKind,                       \
    "A dispute after the policy's dispute window (from the session's end) closed.",               \
    "Contact support; the payment is released to the mentor.")                                    \
  X(kInvalidRefundRequest, "invalid_refund_request", kInvalid, kStatusOfKind,                     \
    "A dispute asks for a refund that is not positive or above what is held.",                    \
    "Ask for an amount within what the message gives.")                                           \
  X(kInvalidCompensation, "invalid_compensation", kInvalid, kStatusOfKind,                        \
    "A dispute resolution's compensation does not fit its outcome (the message gives the amount " \
    "it must be).",                                                                               \
    "Send the compensation the outcome implies.")                                                 \
  X(kCompensationAbovePolicy, "compensation_above_policy", kInvalid, kStatusOfKind,               \
    "A quality-dispute resolution refunds more than the policy allows.",                          \
    "Refund at most the amount the message gives.")                                               \
  X(kEscrowNotDue, "escrow_not_due", kInvalid, kStatusOfKind,                                     \
    "Releasing a payment that is still held for the dispute window.",                             \
    "Release it from the time the message gives (the scheduler does so).")                        \
  X(kRefundNotFound, "refund_not_found", kNotFound, kStatusOfKind,                                \
    "A gateway report names a refund the session does not have.", "Fix the refund id.")           \
  X(kGatewayRefundIdRequired, "gateway_refund_id_required", kInvalid, kStatusOfKind,              \
    "A refund is reported without the gateway's refund id.", "Send the gateway's refund id.")     \
  X(kGatewayEventConflict, "gateway_event_conflict", kConflict, kStatusOfKind,                    \
    "The gateway reports different facts under an id it already used.",                           \
    "Investigate the gateway's reports; the first report stands.")                                \
  X(kAlreadyRated, "already_rated", kConflict, kStatusOfKind,                                     \
    "The student or mentor rates a session they already rated, or a user a support ticket "       \
    "they already rated.",                                                                        \
    "Nothing to do: each party rates a session (a user a ticket) once.")                          \
  /* Mentor payouts (payout_account.cc). */                                                       \
  X(kPayoutAccountNotFound, "payout_account_not_found", kNotFound, kStatusOfKind,                 \
    "A payout for a mentor who never had earnings credited.",                                     \
    "Nothing to pay; wait until a session's payment is released.")                                \
  X(kPaymentNotFound, "payment_not_found", kNotFound, kStatusOfKind,                              \
    "Crediting a payment the session does not have with this mentor.",                            \
    "Fix the session, payment or mentor id.")                                                     \
  X(kPaymentNotReleased, "payment_not_released", kConflict, kStatusOfKind,                        \
    "Crediting a payment that is not released from escrow.",                                      \
    "Credit it after the release (a reaction does so).")                                          \
  X(kInvalidPeriodStart, "invalid_period_start", kInvalid, kStatusOfKind,                         \
    "A payout run whose period does not start on a Monday.", "Start the period on a Monday.")     \
  X(kPeriodNotEnded, "period_not_ended", kInvalid, kStatusOfKind,                                 \
    "A payout run for a period that has not ended yet.", "Run it after the period ends.")         \
  X(kPeriodAlreadyRun, "period_already_run", kConflict, kStatusOfKind,                            \
    "A payout run for a period that overlaps a run already made for the mentor.",                 \
    "Nothing to do: that period is paid out.")                                                    \
  X(kPayoutReferenceRequired, "payout_reference_required", kInvalid, kStatusOfKind,               \
    "A payout is reported paid without the payment provider's reference.",                        \
    "Send the provider's reference.")                                                             \
  /* Support tickets (support_ticket.cc) and notifications (notifications.cc). */                 \
  X(kSupportTicketNotFound, "support_ticket_not_found", kNotFound, kStatusOfKind,                 \
    "The support ticket the command names does not exist.", "Fix the ticket id.")                 \
  X(kSupportTicketAlreadyExists, "support_ticket_already_exists", kConflict, kStatusOfKind,       \
    "A support ticket with this id already exists.", "Open the ticket under a new id.")           \
  X(kTicketSubjectRequired, "ticket_subject_required", kInvalid, kStatusOfKind,                   \
    "A support ticket's subject is empty or only whitespace.", "Say what it is about.")           \
  X(kNotTicketOpener, "not_ticket_opener", kForbidden, kStatusOfKind,                             \
    "Someone other than the user the ticket is about (or staff, where staff may) closes, "        \
    "reopens or rates it.",                                                                       \
    "Send it as the ticket's user; only that user rates it.")                                     \
  X(kTicketAlreadyClosed, "ticket_already_closed", kConflict, kStatusOfKind,                      \
    "Closing a support ticket that is already closed.",                                           \
    "Nothing to do; open a new ticket if the problem is back.")                                   \
  X(kTicketNotClosed, "ticket_not_closed", kConflict, kStatusOfKind,                              \
    "Rating a support ticket that is not closed yet.", "Rate it once it is closed.")              \
  X(kAssigneeNotStaff, "assignee_not_staff", kInvalid, kStatusOfKind,                             \
    "A support ticket is assigned to a user who is not support or admin.",                        \
    "Assign it to a support or admin user.")                                                      \
  X(kTicketAlreadyAssigned, "ticket_already_assigned", kConflict, kStatusOfKind,                  \
    "A support ticket is assigned to the user it is already assigned to.",                        \
    "Nothing to do, or assign it to someone else.")                                               \
  X(kResolutionNotesRequired, "resolution_notes_required", kInvalid, kStatusOfKind,               \
    "A support ticket is resolved with empty resolution_notes.",                                  \
    "Say how the problem was solved.")                                                            \
  X(kRecipientNotFound, "recipient_not_found", kNotFound, kStatusOfKind,                          \
    "A notification is routed through a session or mentor that does not exist.",                  \
    "Fix the resource id (a reaction's bug when it happens).")                                    \
  /* Mentor calendars: availability and session holds (calendar.cc). */                           \
  X(kNotOwnCalendar, "not_own_calendar", kForbidden, kStatusOfKind,                               \
    "Someone other than the mentor (or an admin) publishes a mentor's availability.",             \
    "Publish it as the mentor's user, or as an admin.")                                           \
  X(kInvalidTimeZone, "invalid_time_zone", kInvalid, kStatusOfKind,                               \
    "time_zone is not an IANA time zone the server knows (e.g. Asia/Kolkata).",                   \
    "Send an IANA zone name such as Asia/Kolkata or America/New_York.")                           \
  X(kAvailabilitySlotsOverlap, "availability_slots_overlap", kInvalid, kStatusOfKind,             \
    "Two weekly availability slots of the same day overlap.",                                     \
    "Merge the two slots into one, or make them end-to-start.")                                   \
  X(kTooManyAvailabilitySlots, "too_many_availability_slots", kInvalid, kStatusOfKind,            \
    "A mentor publishes more weekly slots than the limit the message names.",                     \
    "Merge adjacent slots.")                                                                      \
  X(kMentorHasNoAvailability, "mentor_has_no_availability", kInvalid, kStatusOfKind,              \
    "A session is booked with a mentor who has published no weekly availability.",                \
    "Book a mentor who has published availability, or ask the mentor to publish it.")             \
  X(kOutsideMentorAvailability, "outside_mentor_availability", kInvalid, kStatusOfKind,           \
    "The session does not fall inside one of the mentor's weekly slots, in the mentor's zone.",   \
    "Pick a start and duration inside one of the mentor's slots (the message lists them).")       \
  X(kMentorTimeTaken, "mentor_time_taken", kConflict, kStatusOfKind,                              \
    "The session overlaps a session the mentor already holds or has booked.",                     \
    "Pick another time; sessions may touch end-to-start.")                                        \
  X(kStudentTimeTaken, "student_time_taken", kConflict, kStatusOfKind,                            \
    "The session overlaps another session of the same student.",                                  \
    "Pick another time, or cancel the other session first.")                                      \
  X(kSessionTimeNotHeld, "session_time_not_held", kConflict, kStatusOfKind,                       \
    "A session is booked (or confirmed) without its student holding that time in the mentor's "   \
    "calendar, or the hold expired.",                                                             \
    "Book through the API (it holds the time first), or book again.")                             \
  X(kSessionTimeHeldOtherwise, "session_time_held_otherwise", kConflict, kStatusOfKind,           \
    "The session id already holds a different time or student in the mentor's calendar.",         \
    "Book under a new session id.")
