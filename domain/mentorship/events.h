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

struct MentorVerificationApproved {
  static constexpr const char* kType = "MentorVerificationApproved";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid user_id;
  std::string reviewed_by;
  std::optional<std::string> notes;
  VerificationStatus previous_status = VerificationStatus::pending;
  EDU_FIELDS(mentor_id, user_id, reviewed_by, notes, previous_status)
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

struct SessionCompleted {
  static constexpr const char* kType = "SessionCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  Timestamp completed_at;
  std::optional<std::string> mentor_notes;
  std::vector<std::string> follow_up_tasks;
  EDU_FIELDS(session_id, student_id, mentor_id, completed_at, mentor_notes, follow_up_tasks)
};

struct EscrowReleased {
  static constexpr const char* kType = "EscrowReleased";
  static constexpr int kSchemaVersion = 1;
  Uuid session_id;
  Uuid payment_id;
  Money amount;             // released now
  Money escrow_held_after;  // still held afterwards
  EDU_FIELDS(session_id, payment_id, amount, escrow_held_after)
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

}  // namespace edu::mentorship
