// Mentorship domain events, part 2: a session's life and its money (booking, payment, escrow,
// refunds, disputes, ratings). Included through domain/mentorship/events.h.
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

}  // namespace edu::mentorship
