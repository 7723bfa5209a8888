// Mentorship domain events, part 1: users and mentors (registration, verification, suspension,
// performance). Included through domain/mentorship/events.h.
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

}  // namespace edu::mentorship
