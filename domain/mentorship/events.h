// Mentorship domain events. Past tense, one fact each; they carry the figures (amounts, shares,
// balances after) so projections never recompute business rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/escrow_machine.h"
#include "domain/mentorship/types.h"

namespace edu::mentorship {

struct UserRegistered {
  static constexpr const char* kType = "UserRegistered";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  UserRole role = UserRole::student;
  Personal<std::string> email;
  Personal<std::string> name;
  std::optional<Personal<std::string>> phone;
  std::optional<Personal<std::string>> password_hash;
  std::optional<Personal<std::string>> profile_image;
  std::optional<Personal<std::string>> date_of_birth;  // YYYY-MM-DD
  std::optional<Personal<std::string>> gender;
  std::optional<Personal<std::string>> city;
  std::optional<std::string> state;
  std::optional<std::string> country;
  std::optional<std::string> timezone;
  std::optional<std::string> current_grade;
  std::optional<AcademicLevel> academic_level;
  std::optional<std::string> institution_name;
  std::optional<std::string> field_of_study;
  std::optional<int32_t> graduation_year;
  std::optional<double> gpa_score;
  std::vector<std::string> interests;
  std::vector<std::string> career_goals;
  std::vector<std::string> preferred_industries;
  std::optional<std::string> primary_language;
  std::vector<std::string> languages_spoken;
  std::optional<Personal<std::string>> linkedin_url;
  std::optional<Personal<std::string>> parent_email;
  bool onboarding_completed = false;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(user_id, role, email, name, phone, password_hash, profile_image, date_of_birth, gender,
             city, state, country, timezone, current_grade, academic_level, institution_name,
             field_of_study, graduation_year, gpa_score, interests, career_goals,
             preferred_industries, primary_language, languages_spoken, linkedin_url, parent_email,
             onboarding_completed)
};

struct MentorApplied {
  static constexpr const char* kType = "MentorApplied";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  std::string title;
  std::optional<std::string> university;
  std::optional<std::string> company;
  int32_t experience_years = 0;
  std::vector<std::string> expertise_areas;
  std::vector<std::string> academic_specializations;
  std::vector<std::string> industry_focus;
  std::vector<AcademicLevel> student_levels_served;
  Money hourly_rate;
  std::optional<Personal<std::string>> bio;
  std::optional<Personal<std::string>> linkedin_url;
  std::string primary_language;
  std::vector<std::string> languages_spoken;
  std::optional<std::string> timezone;
  std::optional<std::string> mentor_type;
  std::vector<std::string> verification_docs;
  std::optional<Personal<std::string>> payout_details;
  std::optional<Personal<std::string>> tax_information;
  VerificationStatus verification_status = VerificationStatus::pending;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(mentor_id, user_id, title, university, company, experience_years, expertise_areas,
             academic_specializations, industry_focus, student_levels_served, hourly_rate, bio,
             linkedin_url, primary_language, languages_spoken, timezone, mentor_type,
             verification_docs, payout_details, tax_information, verification_status)
};

// The history row of every verification step (mentor_verification) is `step_id`, derived from the
// mentor and the step's number, so each step is its own row.
struct MentorVerificationApproved {
  static constexpr const char* kType = "MentorVerificationApproved";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  std::string reviewed_by;
  std::optional<std::string> notes;
  VerificationStatus previous_status = VerificationStatus::pending;
  std::optional<Uuid> step_id = std::nullopt;
  std::optional<Date> expiry_date = std::nullopt;  // approval + the policy's validity
  std::optional<Date> auto_reverify_date =
      std::nullopt;  // approval + the review interval (quarterly)
  std::optional<std::string> policy = std::nullopt;
  EDU_FIELDS(mentor_id, user_id, reviewed_by, notes, previous_status, step_id, expiry_date,
             auto_reverify_date, policy)
};

// One of the review steps: documents_under_review, background_check_in_progress,
// interview_scheduled, trial_session_required.
struct MentorVerificationAdvanced {
  static constexpr const char* kType = "MentorVerificationAdvanced";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid step_id;
  VerificationStatus previous_status = VerificationStatus::pending;
  VerificationStatus verification_status = VerificationStatus::pending;
  std::string verification_type;  // document_review, background_check, interview, trial_session
  std::string reviewed_by;
  std::optional<std::string> document_type;
  std::optional<std::string> document_url;
  std::optional<std::string> background_check_status;  // in_progress, cleared
  std::optional<Timestamp> scheduled_for;              // the interview or trial session
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, step_id, previous_status, verification_status, verification_type,
             reviewed_by, document_type, document_url, background_check_status, scheduled_for,
             notes)
};

struct MentorVerificationRejected {
  static constexpr const char* kType = "MentorVerificationRejected";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  Uuid step_id;
  VerificationStatus previous_status = VerificationStatus::pending;
  std::string reviewed_by;
  std::string rejection_reason;
  std::optional<std::string> background_check_status;  // failed, when rejected at that step
  EDU_FIELDS(mentor_id, user_id, step_id, previous_status, reviewed_by, rejection_reason,
             background_check_status)
};

struct MentorSuspended {
  static constexpr const char* kType = "MentorSuspended";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  Uuid step_id;
  std::string suspended_by;
  std::string reason;
  EDU_FIELDS(mentor_id, user_id, step_id, suspended_by, reason)
};

struct MentorReinstated {
  static constexpr const char* kType = "MentorReinstated";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  Uuid step_id;
  std::string reinstated_by;
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, user_id, step_id, reinstated_by, notes)
};

struct MentorReapplicationRequired {
  static constexpr const char* kType = "MentorReapplicationRequired";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid step_id;
  VerificationStatus previous_status = VerificationStatus::rejected;
  std::string requested_by;
  std::string reason;
  EDU_FIELDS(mentor_id, step_id, previous_status, requested_by, reason)
};

struct MentorReapplied {
  static constexpr const char* kType = "MentorReapplied";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid step_id;
  std::vector<std::string> verification_docs;
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, step_id, verification_docs, notes)
};

// A session's contribution to its mentor's figures, and the figures after it (mentors.avg_rating,
// performance_score). Ratings in hundredths (450 = 4.50); the score in hundredths of a point
// (0..10000 = 0.00..100.00).
struct MentorPerformanceUpdated {
  static constexpr const char* kType = "MentorPerformanceUpdated";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  SessionOutcome outcome = SessionOutcome::completed;
  std::optional<int32_t> rating;
  int32_t sessions_completed = 0;
  int32_t sessions_missed = 0;  // cancelled by the mentor, or a mentor no-show upheld
  BasisPoints completion_rate_bps = 0;
  int32_t ratings_count = 0;
  std::optional<int32_t> avg_rating;
  int32_t performance_score = 0;
  bool meets_thresholds = false;  // >= the policy's minimum average and completion rate
  std::string policy;
  EDU_FIELDS(mentor_id, session_id, outcome, rating, sessions_completed, sessions_missed,
             completion_rate_bps, ratings_count, avg_rating, performance_score, meets_thresholds,
             policy)
};

struct SessionBooked {
  static constexpr const char* kType = "SessionBooked";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;      // users.id of the student (sessions.user_id)
  Uuid mentor_id;       // mentors.id
  Uuid mentor_user_id;  // users.id of the mentor: who may complete the session
  Timestamp scheduled_at;
  int32_t duration_minutes = 0;
  Money hourly_rate;
  Money amount;  // hourly_rate x duration / 60, rounded half up to the minor unit
  SessionType session_type = SessionType::academic_guidance;
  std::string session_language;
  std::vector<std::string> user_questions;
  EDU_FIELDS(session_id, student_id, mentor_id, mentor_user_id, scheduled_at, duration_minutes,
             hourly_rate, amount, session_type, session_language, user_questions)
};

// The gateway captured the student's payment; the platform now holds it in escrow.
struct PaymentCaptured {
  static constexpr const char* kType = "PaymentCaptured";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid student_id;
  Uuid mentor_id;
  Money amount;
  PaymentMethod payment_method = PaymentMethod::upi;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_payment_id;
  std::optional<std::string> gateway_response;  // the gateway's JSON, verbatim
  Money escrow_held_after;
  EDU_FIELDS(session_id, payment_id, student_id, mentor_id, amount, payment_method, gateway,
             gateway_payment_id, gateway_response, escrow_held_after)
};

// The gateway could not capture a payment attempt; the session stays requested (the student may
// pay again or cancel).
struct PaymentFailed {
  static constexpr const char* kType = "PaymentFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid student_id;
  Uuid mentor_id;
  Money amount;
  PaymentMethod payment_method = PaymentMethod::upi;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_payment_id;
  std::optional<std::string> gateway_response;
  std::string failure_reason;
  EDU_FIELDS(session_id, payment_id, student_id, mentor_id, amount, payment_method, gateway,
             gateway_payment_id, gateway_response, failure_reason)
};

struct SessionRescheduled {
  static constexpr const char* kType = "SessionRescheduled";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  Timestamp rescheduled_from;  // the start it had before
  Timestamp scheduled_at;      // the new start
  SessionParty requested_by = SessionParty::student;
  std::string reason;
  bool emergency = false;  // a late reschedule is free only as an emergency with proof
  std::optional<std::string> proof_url;
  int64_t notice_minutes = 0;  // how long before the old start it was asked for
  int32_t reschedule_count = 0;
  std::string policy;
  EDU_FIELDS(session_id, student_id, mentor_id, rescheduled_from, scheduled_at, requested_by,
             reason, emergency, proof_url, notice_minutes, reschedule_count, policy)
};

struct SessionStarted {
  static constexpr const char* kType = "SessionStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid mentor_id;
  Timestamp started_at;
  std::optional<std::string> video_room_id;
  EDU_FIELDS(session_id, mentor_id, started_at, video_room_id)
};

struct SessionCompleted {
  static constexpr const char* kType = "SessionCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  Timestamp completed_at;
  std::optional<std::string> mentor_notes;
  std::vector<std::string> follow_up_tasks;
  std::optional<std::string> recording_url = std::nullopt;
  std::optional<Timestamp> recording_access_expires = std::nullopt;
  // Set when the policy holds the payment after completion (quality-dispute window); absent when
  // the escrow is released in the same decision.
  std::optional<Timestamp> escrow_release_due = std::nullopt;
  EDU_FIELDS(session_id, student_id, mentor_id, completed_at, mentor_notes, follow_up_tasks,
             recording_url, recording_access_expires, escrow_release_due)
};

// Cancelled before its start. The refund figures are those the policy produced for who cancelled
// and how long before the start; absent when nothing had been paid.
struct SessionCancelled {
  static constexpr const char* kType = "SessionCancelled";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  SessionParty cancelled_by = SessionParty::student;
  std::string cancelled_by_actor;
  std::string reason;
  Timestamp scheduled_at;
  int64_t notice_minutes = 0;  // how long before the start (whole minutes, rounded down)
  std::optional<RefundPolicy> refund_policy;
  BasisPoints refund_bps = 0;
  Money refund_amount;    // to the student
  Money retained_amount;  // released and split between mentor and platform
  std::string policy;
  EDU_FIELDS(session_id, student_id, mentor_id, cancelled_by, cancelled_by_actor, reason,
             scheduled_at, notice_minutes, refund_policy, refund_bps, refund_amount,
             retained_amount, policy)
};

// The student did not come: nothing is refunded and the mentor is paid (PRD "No-Show Policy").
struct StudentNoShowRecorded {
  static constexpr const char* kType = "StudentNoShowRecorded";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  std::string reported_by;
  std::optional<std::string> notes;
  RefundPolicy refund_policy = RefundPolicy::no_refund;
  std::optional<Timestamp> escrow_release_due;
  std::string policy;
  EDU_FIELDS(session_id, student_id, mentor_id, reported_by, notes, refund_policy,
             escrow_release_due, policy)
};

// A session_conflicts row opens: a quality dispute, a mentor who did not come, or a contested
// student no-show. The payment held in escrow is frozen until the dispute is resolved.
struct SessionDisputed {
  static constexpr const char* kType = "SessionDisputed";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid conflict_id;
  Uuid payment_id;
  Uuid student_id;
  Uuid mentor_id;
  ConflictType conflict_type = ConflictType::quality_dispute;
  SessionParty reported_by_party = SessionParty::student;
  std::string reported_by;
  std::optional<std::string> notes;
  Money disputed_amount;  // held in escrow
  EDU_FIELDS(session_id, conflict_id, payment_id, student_id, mentor_id, conflict_type,
             reported_by_party, reported_by, notes, disputed_amount)
};

struct DisputeResolved {
  static constexpr const char* kType = "DisputeResolved";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid conflict_id;
  Uuid mentor_id;
  ConflictType conflict_type = ConflictType::quality_dispute;
  ResolutionType resolution_type = ResolutionType::no_refund;
  Money compensation_amount;  // refunded to the student; the rest is released to the mentor
  std::string resolved_by;
  std::optional<std::string> notes;
  std::string policy;
  EDU_FIELDS(session_id, conflict_id, mentor_id, conflict_type, resolution_type,
             compensation_amount, resolved_by, notes, policy)
};

struct EscrowReleased {
  static constexpr const char* kType = "EscrowReleased";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Money amount;             // released now
  Money escrow_held_after;  // still held afterwards
  std::optional<EscrowStatus> escrow_status_after = std::nullopt;
  EDU_FIELDS(session_id, payment_id, amount, escrow_held_after, escrow_status_after)
};

// How a released payment divides between platform and mentor. platform_fee + mentor_earnings ==
// amount, always (largest remainder).
struct PaymentSplit {
  static constexpr const char* kType = "PaymentSplit";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid mentor_id;
  Money amount;
  Money platform_fee;
  Money mentor_earnings;
  BasisPoints platform_fee_bps = 0;
  BasisPoints mentor_share_bps = 0;
  std::string policy;
  EDU_FIELDS(session_id, payment_id, mentor_id, amount, platform_fee, mentor_earnings,
             platform_fee_bps, mentor_share_bps, policy)
};

// A refund of (part of) the payment is asked for: by a cancellation rule (approved in the same
// decision) or by a dispute (approved or rejected when it is resolved).
struct RefundRequested {
  static constexpr const char* kType = "RefundRequested";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid refund_id;
  Uuid student_id;
  Money amount;
  RefundPolicy refund_policy = RefundPolicy::full_refund;
  std::string reason;
  std::string requested_by;
  EDU_FIELDS(session_id, payment_id, refund_id, student_id, amount, refund_policy, reason,
             requested_by)
};

// The money leaves escrow towards the student; the gateway is asked to pay it back.
struct RefundApproved {
  static constexpr const char* kType = "RefundApproved";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid refund_id;
  Money amount;  // may be less than requested (a partial resolution)
  std::string reason;
  std::string approved_by;  // "policy:<name>" for automatic refunds
  Money escrow_held_after;
  Money refunded_after;  // approved refunds of this payment, in total
  EscrowStatus escrow_status_after = EscrowStatus::held;
  EDU_FIELDS(session_id, payment_id, refund_id, amount, reason, approved_by, escrow_held_after,
             refunded_after, escrow_status_after)
};

struct RefundRejected {
  static constexpr const char* kType = "RefundRejected";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid refund_id;
  Money amount;
  std::string rejected_by;
  std::optional<std::string> reason;
  EDU_FIELDS(session_id, payment_id, refund_id, amount, rejected_by, reason)
};

// Reported by the gateway: the student has the money back.
struct RefundIssued {
  static constexpr const char* kType = "RefundIssued";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid refund_id;
  Money amount;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_refund_id;
  std::optional<std::string> gateway_response;
  Money issued_after;  // issued refunds of this payment, in total
  EDU_FIELDS(session_id, payment_id, refund_id, amount, gateway, gateway_refund_id,
             gateway_response, issued_after)
};

// Reported by the gateway: the refund did not go through; the student is still owed it.
struct RefundFailed {
  static constexpr const char* kType = "RefundFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid refund_id;
  Money amount;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_refund_id;
  std::string failure_reason;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(session_id, payment_id, refund_id, amount, gateway, gateway_refund_id, failure_reason,
             gateway_response)
};

struct RefundRetried {
  static constexpr const char* kType = "RefundRetried";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Uuid refund_id;
  Money amount;
  std::string retried_by;
  EDU_FIELDS(session_id, payment_id, refund_id, amount, retried_by)
};

// satisfaction_rating (by the student) or mentor_rating (by the mentor), in hundredths.
struct SessionRated {
  static constexpr const char* kType = "SessionRated";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  SessionParty rated_by = SessionParty::student;
  int32_t rating = 0;
  std::optional<std::string> feedback;
  EDU_FIELDS(session_id, student_id, mentor_id, rated_by, rating, feedback)
};

// PRD §3.2 "Automatic review for ratings below 3.5": a quality_reviews row for support.
struct QualityReviewOpened {
  static constexpr const char* kType = "QualityReviewOpened";
  static constexpr int kSchemaVersion = 1;
  Uuid review_id;
  Uuid session_id;
  Uuid mentor_id;
  Uuid student_id;
  std::string review_type;  // low_rating
  int32_t rating = 0;
  int32_t threshold = 0;
  std::optional<std::string> feedback;
  std::string policy;
  EDU_FIELDS(review_id, session_id, mentor_id, student_id, review_type, rating, threshold, feedback,
             policy)
};

// ---- the mentor's payout account (stream mentorship.payout_account-<mentor id>) ----------------

// A released payment's mentor share joins the mentor's unpaid balance.
struct MentorEarningsCredited {
  static constexpr const char* kType = "MentorEarningsCredited";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  Uuid payment_id;
  Money amount;  // released, split between platform and mentor
  Money platform_fee;
  Money mentor_earnings;
  Timestamp earned_at;  // when the payment was released: decides its payout period
  Money balance_after;  // mentor earnings not yet in a payout
  EDU_FIELDS(mentor_id, session_id, payment_id, amount, platform_fee, mentor_earnings, earned_at,
             balance_after)
};

// The weekly run proposes a payout: mentor_payouts' figures. total_earnings is what the included
// sessions earned in all, platform_fee the platform's part of it, tax_deduction the TDS withheld
// from the mentor's part, net_amount = total_earnings - platform_fee - tax_deduction.
struct PayoutScheduled {
  static constexpr const char* kType = "PayoutScheduled";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  Timestamp period_start;
  Timestamp period_end;
  std::vector<Uuid> payment_ids;
  Money total_earnings;
  Money platform_fee;
  Money mentor_earnings;
  BasisPoints tax_deduction_bps = 0;
  std::string tax_section;
  Money tax_deduction;
  Money net_amount;
  Money minimum_payout;
  PayoutMethod payout_method = PayoutMethod::bank_transfer;
  Money balance_after;
  std::string policy;
  EDU_FIELDS(mentor_id, payout_id, period_start, period_end, payment_ids, total_earnings,
             platform_fee, mentor_earnings, tax_deduction_bps, tax_section, tax_deduction,
             net_amount, minimum_payout, payout_method, balance_after, policy)
};

// The period's net amount is under the minimum: no payout; the balance carries over.
struct PayoutCarriedOver {
  static constexpr const char* kType = "PayoutCarriedOver";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Timestamp period_start;
  Timestamp period_end;
  std::vector<Uuid> payment_ids;  // the unpaid earnings that carry over
  Money balance;                  // mentor earnings carried over
  Money net_amount;               // what the payout would have been
  Money minimum_payout;
  std::string policy;
  EDU_FIELDS(mentor_id, period_start, period_end, payment_ids, balance, net_amount, minimum_payout,
             policy)
};

struct PayoutApproved {
  static constexpr const char* kType = "PayoutApproved";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  Money net_amount;
  std::string approved_by;
  EDU_FIELDS(mentor_id, payout_id, payment_ids, net_amount, approved_by)
};

struct PayoutCancelled {
  static constexpr const char* kType = "PayoutCancelled";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  Money returned;  // mentor earnings back in the balance
  Money balance_after;
  std::string cancelled_by;
  std::string reason;
  EDU_FIELDS(mentor_id, payout_id, payment_ids, returned, balance_after, cancelled_by, reason)
};

// Reported by the gateway: the mentor has been paid.
struct PayoutCompleted {
  static constexpr const char* kType = "PayoutCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  Money net_amount;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string payout_reference;
  std::optional<std::string> gateway_response;
  Money paid_out_after;  // mentor earnings paid out in all (net + tax withheld)
  EDU_FIELDS(mentor_id, payout_id, payment_ids, net_amount, gateway, payout_reference,
             gateway_response, paid_out_after)
};

// Reported by the gateway: the transfer failed; its earnings return to the balance.
struct PayoutFailed {
  static constexpr const char* kType = "PayoutFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string payout_reference;
  std::string failure_reason;
  std::optional<std::string> gateway_response;
  Money returned;
  Money balance_after;
  EDU_FIELDS(mentor_id, payout_id, payment_ids, gateway, payout_reference, failure_reason,
             gateway_response, returned, balance_after)
};

}  // namespace edu::mentorship
