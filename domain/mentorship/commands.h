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

inline std::string UserStream(const Uuid& id) { return StreamId(kUserCategory, id); }
inline std::string MentorStream(const Uuid& id) { return StreamId(kMentorCategory, id); }
inline std::string SessionStream(const Uuid& id) { return StreamId(kSessionCategory, id); }

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
  std::string stream_id() const { return MentorStream(mentor_id); }
  std::vector<std::string> references() const { return {UserStream(user_id)}; }
};

struct ApproveMentor {
  static constexpr const char* kType = "ApproveMentor";
  Uuid mentor_id;
  std::optional<std::string> notes;
  EDU_FIELDS(mentor_id, notes)
  std::string stream_id() const { return MentorStream(mentor_id); }
};

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
  std::string stream_id() const { return SessionStream(session_id); }
  std::vector<std::string> references() const {
    return {MentorStream(mentor_id), UserStream(student_id)};
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
  std::string stream_id() const { return SessionStream(session_id); }
};

struct CompleteSession {
  static constexpr const char* kType = "CompleteSession";
  Uuid session_id;
  std::optional<std::string> mentor_notes;
  std::vector<std::string> follow_up_tasks;
  EDU_FIELDS(session_id, mentor_notes, follow_up_tasks)
  std::string stream_id() const { return SessionStream(session_id); }
};

}  // namespace edu::mentorship
