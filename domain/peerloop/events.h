// PeerLoop domain events. Past tense, one fact each; they carry the figures (amounts, percentages,
// balances after, the policy's name) so projections never recompute business rules, and the
// instants the aggregates' rules need (evolve sees events only, never the envelope).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/splits.h"
#include "domain/peerloop/types.h"
// The feed's events (posts, interactions, flags, moderation) live in their own header.
#include "domain/peerloop/events_feed.h"

namespace edu::peerloop {

// ---- users -------------------------------------------------------------------------------------

struct UserRegistered {
  static constexpr const char* kType = "UserRegistered";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  UserRole role = UserRole::student;
  Personal<std::string> email;
  Personal<std::string> name;
  Personal<std::string> handle;  // without the '@'
  std::optional<Personal<std::string>> password_hash;
  std::optional<std::string> title;
  std::optional<Personal<std::string>> avatar_url;
  std::optional<Personal<std::string>> bio;
  std::optional<Personal<std::string>> bio_short;
  std::optional<std::string> teaching_philosophy;
  std::optional<Personal<std::string>> website;
  bool is_creator = false;
  bool is_student_teacher = false;
  bool is_admin = false;
  bool is_moderator = false;
  bool privacy_public = true;
  bool email_verified = false;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(user_id, role, email, name, handle, password_hash, title, avatar_url, bio, bio_short,
             teaching_philosophy, website, is_creator, is_student_teacher, is_admin, is_moderator,
             privacy_public, email_verified)
};

struct StudentTeacherCertified {
  static constexpr const char* kType = "StudentTeacherCertified";
  static constexpr int kSchemaVersion = 1;
  Uuid certification_id;  // student_teachers.id
  Uuid user_id;
  Uuid course_id;
  Uuid approved_by;  // the course's creator (or an admin)
  Date certified_date;
  UserRole role_after = UserRole::student_teacher;  // a student becomes a student_teacher
  EDU_FIELDS(certification_id, user_id, course_id, approved_by, certified_date, role_after)
};

struct AvailabilitySlotAdded {
  static constexpr const char* kType = "AvailabilitySlotAdded";
  static constexpr int kSchemaVersion = 1;
  Uuid slot_id;
  Uuid user_id;
  int32_t day_of_week = 0;
  std::string start_time;  // HH:MM:SS
  std::string end_time;
  std::string timezone;
  bool is_recurring = true;
  EDU_FIELDS(slot_id, user_id, day_of_week, start_time, end_time, timezone, is_recurring)
};

struct AvailabilitySlotRemoved {
  static constexpr const char* kType = "AvailabilitySlotRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid slot_id;
  Uuid user_id;
  EDU_FIELDS(slot_id, user_id)
};

// ---- catalog -----------------------------------------------------------------------------------

struct CategoryCreated {
  static constexpr const char* kType = "CategoryCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid category_id;
  std::string name;
  std::string slug;
  int32_t display_order = 0;
  EDU_FIELDS(category_id, name, slug, display_order)
};

struct CourseCreated {
  static constexpr const char* kType = "CourseCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid creator_id;
  Uuid category_id;
  std::string title;
  std::string slug;
  std::optional<std::string> tagline;
  std::string description;
  std::string duration;
  std::optional<int32_t> duration_weeks;
  std::optional<std::string> total_duration;
  int32_t session_count = 1;  // escrow tranches
  std::optional<int32_t> module_count;
  std::optional<int32_t> lesson_count;
  std::optional<std::string> format;
  CourseLevel level = CourseLevel::beginner;
  Money price;
  std::optional<std::string> thumbnail_url;
  bool lifetime_access = true;
  bool has_certificate = false;
  std::optional<std::string> certificate_name;
  // peerloop_features
  bool one_on_one_teaching = true;
  bool earn_while_teaching = true;
  int32_t teacher_commission = 70;  // percent
  EDU_FIELDS(course_id, creator_id, category_id, title, slug, tagline, description, duration,
             duration_weeks, total_duration, session_count, module_count, lesson_count, format,
             level, price, thumbnail_url, lifetime_access, has_certificate, certificate_name,
             one_on_one_teaching, earn_while_teaching, teacher_commission)
};

struct CourseTagged {
  static constexpr const char* kType = "CourseTagged";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid tag_id;
  std::string tag;  // trimmed
  EDU_FIELDS(course_id, tag_id, tag)
};

// ---- enrollments -------------------------------------------------------------------------------

struct EnrollmentCreated {
  static constexpr const char* kType = "EnrollmentCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  Uuid creator_id;                         // the instructor (instructor_followers)
  Uuid teacher_id;                         // who teaches: the student-teacher, or the creator
  std::optional<Uuid> student_teacher_id;  // absent when the creator teaches
  std::optional<Uuid> referred_by;
  Money price;
  int32_t session_count = 1;
  int32_t teacher_commission = 70;
  Timestamp enrolled_at;
  EDU_FIELDS(enrollment_id, student_id, course_id, creator_id, teacher_id, student_teacher_id,
             referred_by, price, session_count, teacher_commission, enrolled_at)
};

struct PaymentInitiated {
  static constexpr const char* kType = "PaymentInitiated";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid transaction_id;
  Money amount;
  std::string stripe_payment_id;
  EDU_FIELDS(enrollment_id, transaction_id, amount, stripe_payment_id)
};

struct PaymentCompleted {
  static constexpr const char* kType = "PaymentCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid transaction_id;
  Uuid student_id;
  Uuid course_id;
  Money amount;
  std::string stripe_payment_id;
  std::optional<Uuid> referred_by;
  std::optional<int32_t> referral_points;  // what the referrer earns, when there is one
  Timestamp paid_at;
  Money escrow_held_after;
  EDU_FIELDS(enrollment_id, transaction_id, student_id, course_id, amount, stripe_payment_id,
             referred_by, referral_points, paid_at, escrow_held_after)
};

// How the payment divides; every line starts pending (held in escrow). Sum of lines == amount.
struct PaymentSplit {
  static constexpr const char* kType = "PaymentSplit";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid transaction_id;
  Money amount;
  int32_t tranches = 1;
  Uuid teacher_id;
  Uuid creator_id;
  bool creator_teaches = false;
  int32_t teacher_percentage = 0;
  int32_t creator_percentage = 0;
  int32_t platform_percentage = 0;
  std::vector<SplitLine> lines;
  std::string policy;
  EDU_FIELDS(enrollment_id, transaction_id, amount, tranches, teacher_id, creator_id,
             creator_teaches, teacher_percentage, creator_percentage, platform_percentage, lines,
             policy)
};

struct PaymentFailed {
  static constexpr const char* kType = "PaymentFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid transaction_id;
  std::string reason;
  EDU_FIELDS(enrollment_id, transaction_id, reason)
};

struct EnrollmentStarted {
  static constexpr const char* kType = "EnrollmentStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Timestamp started_at;
  EDU_FIELDS(enrollment_id, started_at)
};

// Tranches leave escrow: their lines are released to the recipients.
struct EscrowReleased {
  static constexpr const char* kType = "EscrowReleased";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid transaction_id;
  std::optional<Uuid> session_id;  // the completed session that released it; absent at completion
  std::vector<SplitLine> lines;
  Money amount;             // released now (sum of lines)
  Money escrow_held_after;  // still held afterwards
  Timestamp released_at;
  EDU_FIELDS(enrollment_id, transaction_id, session_id, lines, amount, escrow_held_after,
             released_at)
};

struct EnrollmentCompleted {
  static constexpr const char* kType = "EnrollmentCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  Uuid teacher_id;
  std::optional<Uuid> student_teacher_id;
  Timestamp completed_at;
  EDU_FIELDS(enrollment_id, student_id, course_id, teacher_id, student_teacher_id, completed_at)
};

struct EnrollmentCancelled {
  static constexpr const char* kType = "EnrollmentCancelled";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  std::string cancelled_by;  // actor id
  std::string reason;
  Timestamp cancelled_at;
  EDU_FIELDS(enrollment_id, student_id, course_id, cancelled_by, reason, cancelled_at)
};

// What was still in escrow goes back to the student (rule: tranches not yet released by a
// completed session are refunded in full; released ones stay with their recipients).
struct RefundIssued {
  static constexpr const char* kType = "RefundIssued";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid transaction_id;
  Money amount;
  std::vector<Uuid> refunded_split_ids;
  std::string stripe_payment_id;
  Money escrow_held_after;
  EDU_FIELDS(enrollment_id, transaction_id, amount, refunded_split_ids, stripe_payment_id,
             escrow_held_after)
};

struct SplitsPaid {
  static constexpr const char* kType = "SplitsPaid";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid payout_id;
  std::vector<Uuid> split_ids;
  int64_t amount_cents = 0;
  Timestamp paid_at;
  EDU_FIELDS(enrollment_id, payout_id, split_ids, amount_cents, paid_at)
};

// ---- sessions ----------------------------------------------------------------------------------

struct SessionScheduled {
  static constexpr const char* kType = "SessionScheduled";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid enrollment_id;
  Uuid course_id;
  Uuid teacher_id;
  Uuid student_id;
  Timestamp scheduled_start;
  Timestamp scheduled_end;
  std::optional<std::string> bbb_meeting_url;
  EDU_FIELDS(session_id, enrollment_id, course_id, teacher_id, student_id, scheduled_start,
             scheduled_end, bbb_meeting_url)
};

struct SessionStarted {
  static constexpr const char* kType = "SessionStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid enrollment_id;
  Timestamp started_at;
  EDU_FIELDS(session_id, enrollment_id, started_at)
};

struct SessionCompleted {
  static constexpr const char* kType = "SessionCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid enrollment_id;
  Uuid teacher_id;
  Uuid student_id;
  Timestamp completed_at;
  int32_t duration_minutes = 0;  // from start to completion
  std::optional<std::string> recording_url;
  EDU_FIELDS(session_id, enrollment_id, teacher_id, student_id, completed_at, duration_minutes,
             recording_url)
};

struct SessionCancelled {
  static constexpr const char* kType = "SessionCancelled";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid enrollment_id;
  std::string cancelled_by;  // actor id
  std::string cancel_reason;
  EDU_FIELDS(session_id, enrollment_id, cancelled_by, cancel_reason)
};

struct SessionAssessed {
  static constexpr const char* kType = "SessionAssessed";
  static constexpr int kSchemaVersion = 1;
  Uuid assessment_id;  // derived from the session and the assessor
  Uuid session_id;
  Uuid assessor_id;
  Uuid assessee_id;
  int32_t rating = 0;
  std::optional<std::string> comment;
  EDU_FIELDS(assessment_id, session_id, assessor_id, assessee_id, rating, comment)
};

// ---- earnings and payouts ----------------------------------------------------------------------

struct PaidSplit {
  Uuid split_id;
  Uuid enrollment_id;
  int64_t amount_cents = 0;
  EDU_FIELDS(split_id, enrollment_id, amount_cents)
};

struct EarningsCredited {
  static constexpr const char* kType = "EarningsCredited";
  static constexpr int kSchemaVersion = 1;
  Uuid recipient_id;
  Uuid split_id;
  Uuid enrollment_id;
  Uuid transaction_id;
  Money amount;
  Money available_after;  // released, not yet claimed by a payout
  EDU_FIELDS(recipient_id, split_id, enrollment_id, transaction_id, amount, available_after)
};

struct PayoutRequested {
  static constexpr const char* kType = "PayoutRequested";
  static constexpr int kSchemaVersion = 1;
  Uuid payout_id;
  Uuid recipient_id;
  Money amount;
  std::vector<PaidSplit> splits;
  Money available_after;
  EDU_FIELDS(payout_id, recipient_id, amount, splits, available_after)
};

struct PayoutApproved {
  static constexpr const char* kType = "PayoutApproved";
  static constexpr int kSchemaVersion = 1;
  Uuid payout_id;
  Uuid recipient_id;
  Uuid approved_by;
  Timestamp approved_at;
  EDU_FIELDS(payout_id, recipient_id, approved_by, approved_at)
};

struct PayoutProcessing {
  static constexpr const char* kType = "PayoutProcessing";
  static constexpr int kSchemaVersion = 1;
  Uuid payout_id;
  Uuid recipient_id;
  std::string stripe_transfer_id;
  EDU_FIELDS(payout_id, recipient_id, stripe_transfer_id)
};

struct PayoutCompleted {
  static constexpr const char* kType = "PayoutCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid payout_id;
  Uuid recipient_id;
  Money amount;
  std::vector<PaidSplit> splits;
  Timestamp paid_at;
  EDU_FIELDS(payout_id, recipient_id, amount, splits, paid_at)
};

// An admin refused a pending payout: its splits are available to the next payout again.
struct PayoutRejected {
  static constexpr const char* kType = "PayoutRejected";
  static constexpr int kSchemaVersion = 1;
  Uuid payout_id;
  Uuid recipient_id;
  Money amount;
  Uuid rejected_by;
  std::string reason;
  Money available_after;
  EDU_FIELDS(payout_id, recipient_id, amount, rejected_by, reason, available_after)
};

// The transfer failed: the payout's splits are available to the next payout again.
struct PayoutFailed {
  static constexpr const char* kType = "PayoutFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid payout_id;
  Uuid recipient_id;
  Money amount;
  std::string reason;
  Money available_after;
  EDU_FIELDS(payout_id, recipient_id, amount, reason, available_after)
};

// ---- goodwill ----------------------------------------------------------------------------------

// A peer award leaves the giver's balance (the receiver is credited by GoodwillAwarded).
struct GoodwillGiven {
  static constexpr const char* kType = "GoodwillGiven";
  static constexpr int kSchemaVersion = 1;
  Uuid award_id;
  Uuid from_user_id;
  Uuid to_user_id;
  int32_t points = 0;
  GoodwillReason reason = GoodwillReason::question_answer;
  std::optional<Uuid> course_id;
  int64_t spent_after = 0;
  int64_t balance_after = 0;
  Timestamp given_at;
  EDU_FIELDS(award_id, from_user_id, to_user_id, points, reason, course_id, spent_after,
             balance_after, given_at)
};

// Points credited to a user: one goodwill_transactions row.
struct GoodwillAwarded {
  static constexpr const char* kType = "GoodwillAwarded";
  static constexpr int kSchemaVersion = 1;
  Uuid award_id;                     // goodwill_transactions.id
  std::optional<Uuid> from_user_id;  // absent for system awards
  Uuid to_user_id;
  int32_t points = 0;
  GoodwillReason reason = GoodwillReason::summon_help;
  std::optional<Uuid> course_id;
  std::optional<Uuid> summon_id;
  int64_t total_earned_after = 0;
  int64_t balance_after = 0;
  Timestamp awarded_at;
  EDU_FIELDS(award_id, from_user_id, to_user_id, points, reason, course_id, summon_id,
             total_earned_after, balance_after, awarded_at)
};

struct RewardUnlocked {
  static constexpr const char* kType = "RewardUnlocked";
  static constexpr int kSchemaVersion = 1;
  Uuid unlock_id;  // user_reward_unlocks.id
  Uuid user_id;
  Uuid reward_id;
  int32_t points_threshold = 0;
  RewardType reward_type = RewardType::badge;
  std::string reward_value;
  std::string description;
  int64_t total_earned = 0;
  Timestamp unlocked_at;
  EDU_FIELDS(unlock_id, user_id, reward_id, points_threshold, reward_type, reward_value,
             description, total_earned, unlocked_at)
};

struct RewardRedeemed {
  static constexpr const char* kType = "RewardRedeemed";
  static constexpr int kSchemaVersion = 1;
  Uuid unlock_id;
  Uuid user_id;
  Uuid reward_id;
  Timestamp redeemed_at;
  EDU_FIELDS(unlock_id, user_id, reward_id, redeemed_at)
};

struct HelpAvailabilityChanged {
  static constexpr const char* kType = "HelpAvailabilityChanged";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  bool is_available = false;
  Timestamp changed_at;
  std::optional<Timestamp> last_available_at;  // the latest time the user became available
  EDU_FIELDS(user_id, is_available, changed_at, last_available_at)
};

struct PostPromoted {
  static constexpr const char* kType = "PostPromoted";
  static constexpr int kSchemaVersion = 1;
  Uuid promotion_id;
  Uuid post_id;
  Uuid promoted_by;
  int32_t points_spent = 0;
  int64_t spent_after = 0;
  int64_t balance_after = 0;
  Timestamp promoted_at;
  std::optional<Timestamp> expires_at;
  std::string policy;
  EDU_FIELDS(promotion_id, post_id, promoted_by, points_spent, spent_after, balance_after,
             promoted_at, expires_at, policy)
};

// ---- help summons ------------------------------------------------------------------------------

struct HelpSummoned {
  static constexpr const char* kType = "HelpSummoned";
  static constexpr int kSchemaVersion = 1;
  Uuid summon_id;
  Uuid student_id;
  Uuid course_id;
  std::optional<Uuid> module_id;
  Uuid enrollment_id;
  // When it was summoned (absent in events recorded before issue 12): its expiry runs from here.
  std::optional<Timestamp> summoned_at = std::nullopt;
  EDU_FIELDS(summon_id, student_id, course_id, module_id, enrollment_id, summoned_at)
};

struct SummonResponded {
  static constexpr const char* kType = "SummonResponded";
  static constexpr int kSchemaVersion = 1;
  Uuid summon_id;
  Uuid responder_id;
  Timestamp responded_at;
  EDU_FIELDS(summon_id, responder_id, responded_at)
};

struct SummonCompleted {
  static constexpr const char* kType = "SummonCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid summon_id;
  Uuid student_id;
  Uuid responder_id;
  Uuid course_id;
  // Whole minutes from the recorded response to the completion (the server's figure).
  int32_t session_duration_mins = 0;
  int32_t points_requested = 0;
  int32_t points_awarded = 0;  // 0 when the session was under the minimum
  int32_t min_session_minutes = 5;
  Timestamp completed_at;
  // What the client reported (informative only; absent in events recorded before issue 12).
  std::optional<int32_t> claimed_duration_mins;
  EDU_FIELDS(summon_id, student_id, responder_id, course_id, session_duration_mins,
             points_requested, points_awarded, min_session_minutes, completed_at,
             claimed_duration_mins)
};

struct SummonCancelled {
  static constexpr const char* kType = "SummonCancelled";
  static constexpr int kSchemaVersion = 1;
  Uuid summon_id;
  std::string cancelled_by;
  std::optional<std::string> reason;
  EDU_FIELDS(summon_id, cancelled_by, reason)
};

}  // namespace edu::peerloop
