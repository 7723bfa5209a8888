// PeerLoop commands: what the API layer (or a gateway, or a reaction) asks for. Ids of new things
// arrive here; time arrives in the DecisionContext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/types.h"
// The feed's commands (posts, interactions, flags, moderation) live in their own header.
#include "domain/peerloop/commands_feed.h"

namespace edu::peerloop {

// Links kept in TEXT columns: as long as browsers and gateways accept.
constexpr int64_t kUrl = 2048;

// ---- users -------------------------------------------------------------------------------------

struct RegisterUser {
  static constexpr const char* kType = "RegisterUser";
  Uuid user_id;
  std::optional<UserRole> role;  // student when absent
  std::string email;
  std::string name;
  std::string handle;  // "@gabriel" or "gabriel"
  std::optional<std::string> password_hash;
  std::optional<std::string> title;
  std::optional<std::string> avatar_url;
  std::optional<std::string> bio;
  std::optional<std::string> bio_short;  // at most 160 characters
  std::optional<std::string> teaching_philosophy;
  std::optional<std::string> website;
  std::optional<bool> privacy_public;  // true when absent
  EDU_FIELDS(user_id, role, email, name, handle, password_hash, title, avatar_url, bio, bio_short,
             teaching_philosophy, website, privacy_public)
  EDU_LIMITS(limit::Text("bio"), limit::VarChar("bio_short", 160),
             limit::Text("teaching_philosophy"), limit::VarChar("avatar_url", kUrl),
             limit::VarChar("website", kUrl))
  std::string stream_id() const { return UserStream(user_id); }
};

// The course's creator certifies a user as a student-teacher of that course (student_teachers).
struct CertifyStudentTeacher {
  static constexpr const char* kType = "CertifyStudentTeacher";
  Uuid user_id;
  Uuid course_id;
  EDU_FIELDS(user_id, course_id)
  std::string stream_id() const { return UserStream(user_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// A weekly teaching slot (availability): day 0 = Sunday .. 6 = Saturday, times "HH:MM".
struct AddAvailabilitySlot {
  static constexpr const char* kType = "AddAvailabilitySlot";
  Uuid user_id;
  Uuid slot_id;
  int32_t day_of_week = 0;
  std::string start_time;
  std::string end_time;
  std::string timezone;
  std::optional<bool> is_recurring;  // true when absent
  EDU_FIELDS(user_id, slot_id, day_of_week, start_time, end_time, timezone, is_recurring)
  std::string stream_id() const { return UserStream(user_id); }
};

struct RemoveAvailabilitySlot {
  static constexpr const char* kType = "RemoveAvailabilitySlot";
  Uuid user_id;
  Uuid slot_id;
  EDU_FIELDS(user_id, slot_id)
  std::string stream_id() const { return UserStream(user_id); }
};

// ---- catalog -----------------------------------------------------------------------------------

struct CreateCategory {
  static constexpr const char* kType = "CreateCategory";
  Uuid category_id;
  std::string name;
  std::string slug;
  std::optional<int32_t> display_order;
  EDU_FIELDS(category_id, name, slug, display_order)
  std::string stream_id() const { return CategoryStream(category_id); }
};

struct CreateCourse {
  static constexpr const char* kType = "CreateCourse";
  Uuid course_id;
  Uuid creator_id;
  Uuid category_id;
  std::string title;
  std::string slug;
  std::optional<std::string> tagline;  // at most 150 characters
  std::string description;
  std::string duration;  // "6 weeks"
  std::optional<int32_t> duration_weeks;
  std::optional<std::string> total_duration;
  std::optional<int32_t> session_count;  // live 1-on-1 sessions; 1 when absent
  std::optional<int32_t> module_count;
  std::optional<int32_t> lesson_count;
  std::optional<std::string> format;
  CourseLevel level = CourseLevel::beginner;
  Money price;  // courses.price_cents + currency
  std::optional<std::string> thumbnail_url;
  std::optional<bool> lifetime_access;  // true when absent
  std::optional<bool> has_certificate;  // false when absent
  std::optional<std::string> certificate_name;
  std::optional<int32_t> teacher_commission;  // percent; the policy's default when absent
  std::optional<bool> earn_while_teaching;    // true when absent
  EDU_FIELDS(course_id, creator_id, category_id, title, slug, tagline, description, duration,
             duration_weeks, total_duration, session_count, module_count, lesson_count, format,
             level, price, thumbnail_url, lifetime_access, has_certificate, certificate_name,
             teacher_commission, earn_while_teaching)
  EDU_LIMITS(limit::VarChar("tagline", 150), limit::Text("description"),
             limit::VarChar("thumbnail_url", kUrl))
  std::string stream_id() const { return CourseStream(course_id); }
  std::vector<std::string> references() const {
    return {UserStream(creator_id), CategoryStream(category_id)};
  }
};

// A topic tag for search and filtering (course_tags), by the course's creator or an admin. The tag
// is trimmed; a tag already on the course (ignoring ASCII case) is refused.
struct TagCourse {
  static constexpr const char* kType = "TagCourse";
  Uuid course_id;
  Uuid tag_id;  // the course_tags row
  std::string tag;
  EDU_FIELDS(course_id, tag_id, tag)
  EDU_LIMITS(limit::Text("tag"))
  std::string stream_id() const { return CourseStream(course_id); }
};

// ---- enrollments and their payment -------------------------------------------------------------

// A student enrolls (checkout started): the enrollment and a pending transaction. Without a
// student_teacher_id the creator teaches.
struct Enroll {
  static constexpr const char* kType = "Enroll";
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  std::optional<Uuid> student_teacher_id;
  std::optional<Uuid> referred_by;  // a referrer earns the referral award once the payment clears
  Uuid transaction_id;
  std::string stripe_payment_id;
  EDU_FIELDS(enrollment_id, student_id, course_id, student_teacher_id, referred_by, transaction_id,
             stripe_payment_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> out = {CourseStream(course_id), UserStream(student_id)};
    if (student_teacher_id) out.push_back(UserStream(*student_teacher_id));
    if (referred_by) out.push_back(UserStream(*referred_by));
    return out;
  }
};

// Reported by the payment gateway: the money is captured; it is held in escrow and split.
struct ConfirmPayment {
  static constexpr const char* kType = "ConfirmPayment";
  Uuid enrollment_id;
  Uuid transaction_id;
  std::string stripe_payment_id;
  EDU_FIELDS(enrollment_id, transaction_id, stripe_payment_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

// Reported by the payment gateway: the payment failed; the enrollment is cancelled.
struct FailPayment {
  static constexpr const char* kType = "FailPayment";
  Uuid enrollment_id;
  Uuid transaction_id;
  std::optional<std::string> reason;
  EDU_FIELDS(enrollment_id, transaction_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

// The enrollment's first session started (issued by the peerloop.teaching reaction).
struct StartEnrollment {
  static constexpr const char* kType = "StartEnrollment";
  Uuid enrollment_id;
  EDU_FIELDS(enrollment_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

// A session of the enrollment completed: the next tranche leaves escrow (reaction).
struct ReleaseSessionEscrow {
  static constexpr const char* kType = "ReleaseSessionEscrow";
  Uuid enrollment_id;
  Uuid session_id;
  EDU_FIELDS(enrollment_id, session_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

struct CompleteEnrollment {
  static constexpr const char* kType = "CompleteEnrollment";
  Uuid enrollment_id;
  EDU_FIELDS(enrollment_id)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

struct CancelEnrollment {
  static constexpr const char* kType = "CancelEnrollment";
  Uuid enrollment_id;
  std::string reason;
  EDU_FIELDS(enrollment_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

// A payout paid these splits of the enrollment (reaction to PayoutCompleted).
struct MarkSplitsPaid {
  static constexpr const char* kType = "MarkSplitsPaid";
  Uuid enrollment_id;
  Uuid payout_id;
  std::vector<Uuid> split_ids;
  EDU_FIELDS(enrollment_id, payout_id, split_ids)
  std::string stream_id() const { return EnrollmentStream(enrollment_id); }
};

// ---- sessions ----------------------------------------------------------------------------------

struct ScheduleSession {
  static constexpr const char* kType = "ScheduleSession";
  Uuid session_id;
  Uuid enrollment_id;
  Timestamp scheduled_start;
  Timestamp scheduled_end;
  std::optional<std::string> bbb_meeting_url;
  EDU_FIELDS(session_id, enrollment_id, scheduled_start, scheduled_end, bbb_meeting_url)
  EDU_LIMITS(limit::VarChar("bbb_meeting_url", kUrl))
  std::string stream_id() const { return SessionStream(session_id); }
  std::vector<std::string> references() const { return {EnrollmentStream(enrollment_id)}; }
};

struct StartSession {
  static constexpr const char* kType = "StartSession";
  Uuid session_id;
  EDU_FIELDS(session_id)
  std::string stream_id() const { return SessionStream(session_id); }
};

struct CompleteSession {
  static constexpr const char* kType = "CompleteSession";
  Uuid session_id;
  std::optional<std::string> recording_url;
  EDU_FIELDS(session_id, recording_url)
  EDU_LIMITS(limit::VarChar("recording_url", kUrl))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct CancelSession {
  static constexpr const char* kType = "CancelSession";
  Uuid session_id;
  std::string reason;
  EDU_FIELDS(session_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// Mutual post-session assessment: the actor (teacher or student) rates the other 1-5.
struct AssessSession {
  static constexpr const char* kType = "AssessSession";
  Uuid session_id;
  int32_t rating = 0;
  std::optional<std::string> comment;
  EDU_FIELDS(session_id, rating, comment)
  EDU_LIMITS(limit::Text("comment"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// ---- earnings and payouts ----------------------------------------------------------------------

// A released split credited to its recipient's payout account (reaction to EscrowReleased).
struct CreditEarnings {
  static constexpr const char* kType = "CreditEarnings";
  Uuid recipient_id;
  Uuid split_id;
  Uuid enrollment_id;
  Uuid transaction_id;
  Money amount;
  EDU_FIELDS(recipient_id, split_id, enrollment_id, transaction_id, amount)
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

// Claims every released, unpaid split of the recipient for one payout, pending an admin.
struct RequestPayout {
  static constexpr const char* kType = "RequestPayout";
  Uuid recipient_id;
  Uuid payout_id;
  EDU_FIELDS(recipient_id, payout_id)
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

struct ApprovePayout {
  static constexpr const char* kType = "ApprovePayout";
  Uuid recipient_id;
  Uuid payout_id;
  EDU_FIELDS(recipient_id, payout_id)
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

struct RejectPayout {
  static constexpr const char* kType = "RejectPayout";
  Uuid recipient_id;
  Uuid payout_id;
  std::string reason;
  EDU_FIELDS(recipient_id, payout_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

// The transfer was sent (Stripe transfer id); the payout is processing.
struct StartPayoutTransfer {
  static constexpr const char* kType = "StartPayoutTransfer";
  Uuid recipient_id;
  Uuid payout_id;
  std::string stripe_transfer_id;
  EDU_FIELDS(recipient_id, payout_id, stripe_transfer_id)
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

struct CompletePayout {
  static constexpr const char* kType = "CompletePayout";
  Uuid recipient_id;
  Uuid payout_id;
  EDU_FIELDS(recipient_id, payout_id)
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

struct FailPayout {
  static constexpr const char* kType = "FailPayout";
  Uuid recipient_id;
  Uuid payout_id;
  std::string reason;
  EDU_FIELDS(recipient_id, payout_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return PayoutAccountStream(recipient_id); }
};

// ---- goodwill ----------------------------------------------------------------------------------

// A peer award: the giver thanks the receiver with points from the giver's own balance.
struct AwardGoodwill {
  static constexpr const char* kType = "AwardGoodwill";
  Uuid award_id;
  Uuid from_user_id;
  Uuid to_user_id;
  int32_t points = 0;
  GoodwillReason reason = GoodwillReason::question_answer;
  std::optional<Uuid> course_id;
  EDU_FIELDS(award_id, from_user_id, to_user_id, points, reason, course_id)
  std::string stream_id() const { return GoodwillStream(from_user_id); }
  std::vector<std::string> references() const {
    return {UserStream(to_user_id), UserStream(from_user_id)};
  }
};

// Credits an award to its receiver: a peer award already paid by its giver, or a system award
// (no giver). Issued by the peerloop.goodwill reaction only.
struct CreditGoodwill {
  static constexpr const char* kType = "CreditGoodwill";
  Uuid award_id;
  Uuid to_user_id;
  std::optional<Uuid> from_user_id;
  int32_t points = 0;
  GoodwillReason reason = GoodwillReason::summon_help;
  std::optional<Uuid> course_id;
  std::optional<Uuid> summon_id;
  EDU_FIELDS(award_id, to_user_id, from_user_id, points, reason, course_id, summon_id)
  std::string stream_id() const { return GoodwillStream(to_user_id); }
};

// The "Available to Help" toggle; turning it on earns the daily availability bonus once a day.
struct SetHelpAvailability {
  static constexpr const char* kType = "SetHelpAvailability";
  Uuid user_id;
  bool is_available = false;
  EDU_FIELDS(user_id, is_available)
  std::string stream_id() const { return GoodwillStream(user_id); }
  std::vector<std::string> references() const { return {UserStream(user_id)}; }
};

// Promotes a course-feed post to the main feed, paid with the promoter's points.
struct PromotePost {
  static constexpr const char* kType = "PromotePost";
  Uuid promotion_id;
  Uuid user_id;
  Uuid post_id;
  EDU_FIELDS(promotion_id, user_id, post_id)
  std::string stream_id() const { return GoodwillStream(user_id); }
  std::vector<std::string> references() const { return {PostStream(post_id)}; }
};

struct RedeemReward {
  static constexpr const char* kType = "RedeemReward";
  Uuid user_id;
  Uuid reward_id;
  EDU_FIELDS(user_id, reward_id)
  std::string stream_id() const { return GoodwillStream(user_id); }
};

// ---- help summons ------------------------------------------------------------------------------

struct SummonHelp {
  static constexpr const char* kType = "SummonHelp";
  Uuid summon_id;
  Uuid student_id;
  Uuid course_id;
  std::optional<Uuid> module_id;
  Uuid enrollment_id;  // the student's enrollment in the course: only enrolled students summon
  EDU_FIELDS(summon_id, student_id, course_id, module_id, enrollment_id)
  std::string stream_id() const { return SummonStream(summon_id); }
  std::vector<std::string> references() const { return {EnrollmentStream(enrollment_id)}; }
};

struct RespondToSummon {
  static constexpr const char* kType = "RespondToSummon";
  Uuid summon_id;
  Uuid responder_id;
  EDU_FIELDS(summon_id, responder_id)
  std::string stream_id() const { return SummonStream(summon_id); }
  std::vector<std::string> references() const {
    return {UserStream(responder_id), GoodwillStream(responder_id)};
  }
};

// The summoning student closes the summon with the session's length and the points (10-25) the
// responder earns; sessions under the minimum earn none.
struct CompleteSummon {
  static constexpr const char* kType = "CompleteSummon";
  Uuid summon_id;
  int32_t session_duration_mins = 0;
  int32_t points = 0;
  EDU_FIELDS(summon_id, session_duration_mins, points)
  std::string stream_id() const { return SummonStream(summon_id); }
};

struct CancelSummon {
  static constexpr const char* kType = "CancelSummon";
  Uuid summon_id;
  std::optional<std::string> reason;
  EDU_FIELDS(summon_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return SummonStream(summon_id); }
};

}  // namespace edu::peerloop
