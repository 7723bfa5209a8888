#include "domain/mentorship/user.h"

#include "domain/core/time.h"
#include "domain/policies.h"

namespace edu::mentorship {
namespace {

template <class T>
std::optional<Personal<T>> AsPersonal(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return Personal<T>(*v);
}

bool LooksLikeEmail(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos &&
         s.back() != '.' && s.find(' ') == std::string::npos;
}

Decision<UserDecider::Event> Register(const RegisterUser& c, const UserState& state,
                                      const DecisionContext& ctx) {
  if (state.exists) {
    return Reject(codes::kUserAlreadyRegistered, "user {} is already registered",
                  ToString(c.user_id));
  }
  bool self = ctx.actor.id == ToString(c.user_id);
  bool admin = ctx.actor.role == "admin";
  if (!self && !admin) {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may register only their own account, not user {}", ctx.actor.id,
                  ToString(c.user_id));
  }
  const UserRole role = c.role.value_or(UserRole::student);
  if ((role == UserRole::admin || role == UserRole::support) && !admin) {
    return Reject(codes::kPrivilegedRoleRequiresAdmin,
                  "only an admin may register a user with role '{}'", EnumName(role));
  }
  if (c.name.empty()) {
    return Reject(codes::kNameRequired, "name must not be empty");
  }
  if (!LooksLikeEmail(c.email)) {
    return Reject(codes::kInvalidEmail, "'{}' is not an email address", c.email);
  }
  if (c.parent_email && !LooksLikeEmail(*c.parent_email)) {
    return Reject(codes::kInvalidEmail, "parent_email '{}' is not an email address",
                  *c.parent_email);
  }
  if (c.date_of_birth) {
    auto dob = ParseDate(*c.date_of_birth);
    if (!dob) {
      return Reject(codes::kInvalidDateOfBirth, "date_of_birth '{}' is not a date (YYYY-MM-DD)",
                    *c.date_of_birth);
    }
    if (!(StartOfDay(*dob) < ctx.now)) {
      return Reject(codes::kInvalidDateOfBirth, "date_of_birth {} is not in the past",
                    *c.date_of_birth);
    }
  }
  if (c.gpa_score && (*c.gpa_score < 0 || *c.gpa_score > 10)) {
    return Reject(codes::kInvalidGpa, "gpa_score {} is outside 0..10", *c.gpa_score);
  }
  if (c.graduation_year && (*c.graduation_year < 1950 || *c.graduation_year > 2100)) {
    return Reject(codes::kInvalidGraduationYear, "graduation_year {} is outside 1950..2100",
                  *c.graduation_year);
  }
  if (role == UserRole::student && !c.academic_level) {
    return Reject(codes::kAcademicLevelRequired, "a student must give academic_level ({})",
                  EnumChoices<AcademicLevel>());
  }
  UserRegistered e;
  e.user_id = c.user_id;
  e.role = role;
  e.email = Personal<std::string>(c.email);
  e.name = Personal<std::string>(c.name);
  e.phone = AsPersonal(c.phone);
  e.password_hash = AsPersonal(c.password_hash);
  e.profile_image = AsPersonal(c.profile_image);
  e.date_of_birth = AsPersonal(c.date_of_birth);
  e.gender = AsPersonal(c.gender);
  e.city = AsPersonal(c.city);
  e.state = c.state;
  e.country = c.country;
  e.timezone = c.timezone;
  e.current_grade = c.current_grade;
  e.academic_level = c.academic_level;
  e.institution_name = c.institution_name;
  e.field_of_study = c.field_of_study;
  e.graduation_year = c.graduation_year;
  e.gpa_score = c.gpa_score;
  e.interests = c.interests;
  e.career_goals = c.career_goals;
  e.preferred_industries = c.preferred_industries;
  e.primary_language = c.primary_language;
  e.languages_spoken = c.languages_spoken;
  e.linkedin_url = AsPersonal(c.linkedin_url);
  e.parent_email = AsPersonal(c.parent_email);
  e.onboarding_completed = c.onboarding_completed.value_or(false);
  return e;
}

}  // namespace

Decision<UserDecider::Event> UserDecider::decide(const Command& command, const State& state,
                                                 const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const RegisterUser& c) { return Register(c, state, ctx); }},
                    command);
}

UserState UserDecider::evolve(State state, const Event& event) {
  std::visit(Overloaded{[&](const UserRegistered& e) {
               state.exists = true;
               state.user_id = e.user_id;
               state.role = e.role;
               state.academic_level = e.academic_level;
               state.primary_language = e.primary_language;
               state.languages_spoken = e.languages_spoken;
             }},
             event);
  return state;
}

}  // namespace edu::mentorship
