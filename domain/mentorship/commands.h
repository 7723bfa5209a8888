// Mentorship commands: what the API layer asks for. Ids of new things arrive here; time arrives
// in the DecisionContext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/stream.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/types.h"

namespace edu::mentorship {

// Links kept in TEXT columns: as long as browsers and gateways accept.
constexpr int64_t kUrl = 2048;

inline std::string UserStream(const Uuid& id) { return StreamId(kUserCategory, id); }
inline std::string MentorStream(const Uuid& id) { return StreamId(kMentorCategory, id); }
inline std::string SessionStream(const Uuid& id) { return StreamId(kSessionCategory, id); }
// A mentor's availability and session times (domain/mentorship/calendar.h).
inline constexpr const char* kMentorCalendarCategory = "mentorship.mentor_calendar";
inline std::string MentorCalendarStream(const Uuid& mentor_id) {
  return StreamId(kMentorCalendarCategory, mentor_id);
}
inline std::string PayoutAccountStream(const Uuid& mentor_id) {
  return StreamId(kPayoutAccountCategory, mentor_id);
}

struct RegisterUser {
  static constexpr const char* kType = "RegisterUser";
  Uuid user_id;
  std::optional<UserRole> role;  // student when absent
  std::string email;
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> password_hash;
  std::optional<std::string> profile_image;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> gender;
  std::optional<std::string> city;
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
  std::optional<std::string> linkedin_url;
  std::optional<std::string> parent_email;
  std::optional<bool> onboarding_completed;
  EDU_FIELDS(user_id, role, email, name, phone, password_hash, profile_image, date_of_birth, gender,
             city, state, country, timezone, current_grade, academic_level, institution_name,
             field_of_study, graduation_year, gpa_score, interests, career_goals,
             preferred_industries, primary_language, languages_spoken, linkedin_url, parent_email,
             onboarding_completed)
  EDU_LIMITS(limit::DateText("date_of_birth"), limit::Numeric("gpa_score", 4, 2),
             limit::VarChar("profile_image", kUrl), limit::VarChar("linkedin_url", kUrl))
  std::string stream_id() const { return UserStream(user_id); }
};

struct ApplyAsMentor {
  static constexpr const char* kType = "ApplyAsMentor";
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
  std::optional<std::string> bio;
  std::optional<std::string> linkedin_url;
  std::string primary_language;
  std::vector<std::string> languages_spoken;
  std::optional<std::string> timezone;
  std::optional<std::string> mentor_type;
  std::vector<std::string> verification_docs;
  std::optional<std::string> payout_details;
  std::optional<std::string> tax_information;
  EDU_FIELDS(mentor_id, user_id, title, university, company, experience_years, expertise_areas,
             academic_specializations, industry_focus, student_levels_served, hourly_rate, bio,
             linkedin_url, primary_language, languages_spoken, timezone, mentor_type,
             verification_docs, payout_details, tax_information)
  EDU_LIMITS(limit::Text("bio"), limit::Text("payout_details"), limit::Text("tax_information"),
             limit::VarChar("linkedin_url", kUrl), limit::VarChar("verification_docs", kUrl))
  std::string stream_id() const { return MentorStream(mentor_id); }
  std::vector<std::string> references() const { return {UserStream(user_id)}; }
};

struct ApproveMentor {
  static constexpr const char* kType = "ApproveMentor";
  Uuid mentor_id;
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, notes)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

// ---- mentor verification (PRD §3.2) -------------------------------------------------------------

// One review step: to documents_under_review, background_check_in_progress, interview_scheduled
// or trial_session_required (approval and rejection have their own commands).
struct AdvanceMentorVerification {
  static constexpr const char* kType = "AdvanceMentorVerification";
  Uuid mentor_id;
  VerificationStatus to = VerificationStatus::documents_under_review;
  std::optional<std::string> document_type;
  std::optional<std::string> document_url;
  std::optional<Timestamp> scheduled_for;  // interview or trial session
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, to, document_type, document_url, scheduled_for, notes)
  EDU_LIMITS(limit::VarChar("document_url", kUrl), limit::Text("notes"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

struct RejectMentor {
  static constexpr const char* kType = "RejectMentor";
  Uuid mentor_id;
  std::string rejection_reason;
  EDU_FIELDS(mentor_id, rejection_reason)
  EDU_LIMITS(limit::Text("rejection_reason"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

struct SuspendMentor {
  static constexpr const char* kType = "SuspendMentor";
  Uuid mentor_id;
  std::string reason;
  EDU_FIELDS(mentor_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

struct ReinstateMentor {
  static constexpr const char* kType = "ReinstateMentor";
  Uuid mentor_id;
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, notes)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

struct RequireMentorReapplication {
  static constexpr const char* kType = "RequireMentorReapplication";
  Uuid mentor_id;
  std::string reason;
  EDU_FIELDS(mentor_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

struct ReapplyAsMentor {
  static constexpr const char* kType = "ReapplyAsMentor";
  Uuid mentor_id;
  std::vector<std::string> verification_docs;
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, verification_docs, notes)
  EDU_LIMITS(limit::VarChar("verification_docs", kUrl), limit::Text("notes"))
  std::string stream_id() const { return MentorStream(mentor_id); }
};

// Issued by the mentor_performance reaction when a session completes, is rated by its student, or
// is missed by its mentor.
struct RecordMentorSessionOutcome {
  static constexpr const char* kType = "RecordMentorSessionOutcome";
  Uuid mentor_id;
  Uuid session_id;
  SessionOutcome outcome = SessionOutcome::completed;
  std::optional<int32_t> rating;  // hundredths, for `rated`
  EDU_FIELDS(mentor_id, session_id, outcome, rating)
  std::string stream_id() const { return MentorStream(mentor_id); }
};

// ---- sessions -----------------------------------------------------------------------------------

struct BookSession {
  static constexpr const char* kType = "BookSession";
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  Timestamp scheduled_at;
  int32_t duration_minutes = 0;
  SessionType session_type = SessionType::academic_guidance;
  std::string session_language;
  std::vector<std::string> user_questions;
  EDU_FIELDS(session_id, student_id, mentor_id, scheduled_at, duration_minutes, session_type,
             session_language, user_questions)
  EDU_LIMITS(limit::Text("user_questions"))
  std::string stream_id() const { return SessionStream(session_id); }
  std::vector<std::string> references() const {
    return {MentorStream(mentor_id), UserStream(student_id), MentorCalendarStream(mentor_id)};
  }
};

// Reported by the payment gateway adapter once the gateway has captured the money.
struct CapturePayment {
  static constexpr const char* kType = "CapturePayment";
  Uuid session_id;
  Uuid payment_id;
  Money amount;
  PaymentMethod payment_method = PaymentMethod::upi;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_payment_id;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(session_id, payment_id, amount, payment_method, gateway, gateway_payment_id,
             gateway_response)
  EDU_LIMITS(limit::Text("gateway_response"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// Gateway port: the API layer talks to Razorpay/Stripe and reports each result as one of the
// commands below (CapturePayment above, RecordPaymentFailed, RecordRefundIssued,
// RecordRefundFailed, RecordPayoutCompleted, RecordPayoutFailed), with the gateway's id and its
// response verbatim. Gateways deliver webhooks more than once: a report already recorded (same
// gateway id, same facts) is accepted and appends nothing; the same gateway id with different facts
// is refused.
struct RecordPaymentFailed {
  static constexpr const char* kType = "RecordPaymentFailed";
  Uuid session_id;
  Uuid payment_id;
  Money amount;
  PaymentMethod payment_method = PaymentMethod::upi;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_payment_id;
  std::string failure_reason;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(session_id, payment_id, amount, payment_method, gateway, gateway_payment_id,
             failure_reason, gateway_response)
  EDU_LIMITS(limit::Text("failure_reason"), limit::Text("gateway_response"))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct RescheduleSession {
  static constexpr const char* kType = "RescheduleSession";
  Uuid session_id;
  Timestamp scheduled_at;  // the new start
  std::string reason;
  std::optional<bool> emergency;
  std::optional<std::string> proof_url;
  std::optional<SessionParty> on_behalf_of;  // staff act for the student or the mentor
  EDU_FIELDS(session_id, scheduled_at, reason, emergency, proof_url, on_behalf_of)
  EDU_LIMITS(limit::Text("reason"), limit::VarChar("proof_url", kUrl))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct StartSession {
  static constexpr const char* kType = "StartSession";
  Uuid session_id;
  std::optional<std::string> video_room_id;
  EDU_FIELDS(session_id, video_room_id)
  std::string stream_id() const { return SessionStream(session_id); }
};

struct CompleteSession {
  static constexpr const char* kType = "CompleteSession";
  Uuid session_id;
  std::optional<std::string> mentor_notes;
  std::vector<std::string> follow_up_tasks;
  std::optional<std::string> recording_url = std::nullopt;
  EDU_FIELDS(session_id, mentor_notes, follow_up_tasks, recording_url)
  EDU_LIMITS(limit::Text("mentor_notes"), limit::Text("follow_up_tasks"),
             limit::VarChar("recording_url", kUrl))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct CancelSession {
  static constexpr const char* kType = "CancelSession";
  Uuid session_id;
  std::string reason;
  std::optional<SessionParty> on_behalf_of;  // staff act for the student or the mentor
  EDU_FIELDS(session_id, reason, on_behalf_of)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// The student did not come (reported by the mentor: no refund, the mentor is paid), or the mentor
// did not come (reported by the student: a session_conflicts row asking for a refund).
struct ReportNoShow {
  static constexpr const char* kType = "ReportNoShow";
  Uuid session_id;
  SessionParty absent = SessionParty::student;
  std::optional<std::string> notes;
  EDU_FIELDS(session_id, absent, notes)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// A student's quality dispute (a started or completed session whose payment is still held), or a
// contested no-show. Freezes the escrow until support resolves it.
struct RaiseDispute {
  static constexpr const char* kType = "RaiseDispute";
  Uuid session_id;
  std::optional<std::string> notes;
  std::optional<Money> refund_requested;  // default: as much as the policy allows
  EDU_FIELDS(session_id, notes, refund_requested)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct ResolveDispute {
  static constexpr const char* kType = "ResolveDispute";
  Uuid session_id;
  ResolutionType resolution_type = ResolutionType::no_refund;
  std::optional<Money> compensation_amount;  // required for partial_refund
  std::optional<std::string> notes;
  EDU_FIELDS(session_id, resolution_type, compensation_amount, notes)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// Releases a payment held after completion once the policy's hold has passed (a scheduler's job;
// with the default policy the completion itself releases it).
struct ReleaseEscrow {
  static constexpr const char* kType = "ReleaseEscrow";
  Uuid session_id;
  EDU_FIELDS(session_id)
  std::string stream_id() const { return SessionStream(session_id); }
};

struct RecordRefundIssued {
  static constexpr const char* kType = "RecordRefundIssued";
  Uuid session_id;
  Uuid refund_id;
  Money amount;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_refund_id;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(session_id, refund_id, amount, gateway, gateway_refund_id, gateway_response)
  EDU_LIMITS(limit::Text("gateway_response"))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct RecordRefundFailed {
  static constexpr const char* kType = "RecordRefundFailed";
  Uuid session_id;
  Uuid refund_id;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string gateway_refund_id;
  std::string failure_reason;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(session_id, refund_id, gateway, gateway_refund_id, failure_reason, gateway_response)
  EDU_LIMITS(limit::Text("failure_reason"), limit::Text("gateway_response"))
  std::string stream_id() const { return SessionStream(session_id); }
};

struct RetryRefund {
  static constexpr const char* kType = "RetryRefund";
  Uuid session_id;
  Uuid refund_id;
  EDU_FIELDS(session_id, refund_id)
  std::string stream_id() const { return SessionStream(session_id); }
};

// By the session's student (satisfaction_rating) or mentor (mentor_rating): 1..5, two decimals.
struct RateSession {
  static constexpr const char* kType = "RateSession";
  Uuid session_id;
  double rating = 0;
  std::optional<std::string> feedback;
  EDU_FIELDS(session_id, rating, feedback)
  EDU_LIMITS(limit::Numeric("rating", 3, 2), limit::Text("feedback"))
  std::string stream_id() const { return SessionStream(session_id); }
};

// ---- payout accounts ----------------------------------------------------------------------------

// Issued by the mentor_earnings reaction for each PaymentSplit: the figures are read from the
// session itself, so only released money is ever credited, once.
struct CreditMentorEarnings {
  static constexpr const char* kType = "CreditMentorEarnings";
  Uuid mentor_id;
  Uuid session_id;
  Uuid payment_id;
  EDU_FIELDS(mentor_id, session_id, payment_id)
  std::string stream_id() const { return PayoutAccountStream(mentor_id); }
  std::vector<std::string> references() const { return {SessionStream(session_id)}; }
};

// The weekly run for one mentor and one period (starting on `period_start`, a Monday in the
// policy's payout time zone). The payout id is derived from the mentor and the period.
struct RunMentorPayout {
  static constexpr const char* kType = "RunMentorPayout";
  Uuid mentor_id;
  Date period_start;
  std::optional<PayoutMethod> payout_method;
  EDU_FIELDS(mentor_id, period_start, payout_method)
  std::string stream_id() const { return PayoutAccountStream(mentor_id); }
};

struct ApprovePayout {
  static constexpr const char* kType = "ApprovePayout";
  Uuid mentor_id;
  Uuid payout_id;
  EDU_FIELDS(mentor_id, payout_id)
  std::string stream_id() const { return PayoutAccountStream(mentor_id); }
};

struct CancelPayout {
  static constexpr const char* kType = "CancelPayout";
  Uuid mentor_id;
  Uuid payout_id;
  std::string reason;
  EDU_FIELDS(mentor_id, payout_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return PayoutAccountStream(mentor_id); }
};

struct RecordPayoutCompleted {
  static constexpr const char* kType = "RecordPayoutCompleted";
  Uuid mentor_id;
  Uuid payout_id;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string payout_reference;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(mentor_id, payout_id, gateway, payout_reference, gateway_response)
  EDU_LIMITS(limit::Text("gateway_response"))
  std::string stream_id() const { return PayoutAccountStream(mentor_id); }
};

struct RecordPayoutFailed {
  static constexpr const char* kType = "RecordPayoutFailed";
  Uuid mentor_id;
  Uuid payout_id;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string payout_reference;
  std::string failure_reason;
  std::optional<std::string> gateway_response;
  EDU_FIELDS(mentor_id, payout_id, gateway, payout_reference, failure_reason, gateway_response)
  EDU_LIMITS(limit::Text("failure_reason"), limit::Text("gateway_response"))
  std::string stream_id() const { return PayoutAccountStream(mentor_id); }
};

}  // namespace edu::mentorship
