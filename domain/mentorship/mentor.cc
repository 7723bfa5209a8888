#include "domain/mentorship/mentor.h"

#include <algorithm>

#include "domain/mentorship/user.h"
#include "domain/policies.h"

namespace edu::mentorship {

bool MentorState::Speaks(const std::string& language) const {
  return primary_language == language ||
         std::find(languages_spoken.begin(), languages_spoken.end(), language) !=
             languages_spoken.end();
}

bool MentorState::Serves(AcademicLevel level) const {
  return std::find(student_levels_served.begin(), student_levels_served.end(), level) !=
         student_levels_served.end();
}

namespace {

template <class T>
std::optional<Personal<T>> AsPersonal(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return Personal<T>(*v);
}

Decision<MentorDecider::Event> Apply(const ApplyAsMentor& c, const MentorState& state,
                                     const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (state.exists) {
    return Reject(ErrorKind::kConflict, "mentor_already_exists", "mentor {} already exists",
                  ToString(c.mentor_id));
  }
  if (ctx.actor.id != ToString(c.user_id) && ctx.actor.role != "admin") {
    return Reject(ErrorKind::kForbidden, "not_own_account",
                  "actor {} may apply only for their own account, not user {}", ctx.actor.id,
                  ToString(c.user_id));
  }
  const UserState* user = ctx.refs->Find<UserState>(UserStream(c.user_id));
  if (!user) {
    return Reject(ErrorKind::kNotFound, "user_not_found", "user {} is not registered",
                  ToString(c.user_id));
  }
  if (c.title.empty()) {
    return Reject(ErrorKind::kInvalid, "title_required", "title must not be empty");
  }
  if (c.experience_years < 0 || c.experience_years > 70) {
    return Reject(ErrorKind::kInvalid, "invalid_experience_years",
                  "experience_years {} is outside 0..70", c.experience_years);
  }
  if (c.hourly_rate.currency != policy.currency) {
    return Reject(ErrorKind::kInvalid, "currency_mismatch",
                  "hourly_rate is in {} but mentorship prices are in {}", c.hourly_rate.currency,
                  policy.currency);
  }
  if (c.hourly_rate.minor <= 0) {
    return Reject(ErrorKind::kInvalid, "invalid_amount", "hourly_rate must be positive, got {}",
                  FormatMoney(c.hourly_rate));
  }
  if (c.student_levels_served.empty()) {
    return Reject(ErrorKind::kInvalid, "student_levels_required",
                  "student_levels_served must name at least one of {}",
                  EnumChoices<AcademicLevel>());
  }
  if (c.primary_language.empty()) {
    return Reject(ErrorKind::kInvalid, "primary_language_required",
                  "primary_language must not be empty");
  }
  MentorApplied e;
  e.mentor_id = c.mentor_id;
  e.user_id = c.user_id;
  e.title = c.title;
  e.university = c.university;
  e.company = c.company;
  e.experience_years = c.experience_years;
  e.expertise_areas = c.expertise_areas;
  e.academic_specializations = c.academic_specializations;
  e.industry_focus = c.industry_focus;
  e.student_levels_served = c.student_levels_served;
  e.hourly_rate = c.hourly_rate;
  e.bio = AsPersonal(c.bio);
  e.linkedin_url = AsPersonal(c.linkedin_url);
  e.primary_language = c.primary_language;
  e.languages_spoken = c.languages_spoken;
  e.timezone = c.timezone;
  e.mentor_type = c.mentor_type;
  e.verification_docs = c.verification_docs;
  e.payout_details = AsPersonal(c.payout_details);
  e.tax_information = AsPersonal(c.tax_information);
  e.verification_status = VerificationStatus::pending;
  return e;
}

Decision<MentorDecider::Event> Approve(const ApproveMentor& c, const MentorState& state,
                                       const DecisionContext& ctx) {
  if (!state.exists) {
    return Reject(ErrorKind::kNotFound, "mentor_not_found", "mentor {} does not exist",
                  ToString(c.mentor_id));
  }
  if (ctx.actor.role != "admin") {
    return Reject(ErrorKind::kForbidden, "admin_only", "only an admin may approve a mentor");
  }
  switch (state.verification_status) {
    case VerificationStatus::approved:
    case VerificationStatus::rejected:
    case VerificationStatus::reapplication_required:
      return Reject(ErrorKind::kConflict, "illegal_transition",
                    "mentor {} is {}; it cannot be approved", ToString(c.mentor_id),
                    EnumName(state.verification_status));
    default:
      break;
  }
  MentorVerificationApproved e;
  e.mentor_id = c.mentor_id;
  e.user_id = state.user_id;
  e.reviewed_by = ctx.actor.id;
  e.notes = c.notes;
  e.previous_status = state.verification_status;
  return e;
}

}  // namespace

Decision<MentorDecider::Event> MentorDecider::decide(const Command& command, const State& state,
                                                     const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const ApplyAsMentor& c) { return Apply(c, state, ctx); },
                 [&](const ApproveMentor& c) { return Approve(c, state, ctx); }},
      command);
}

MentorState MentorDecider::evolve(State state, const Event& event) {
  std::visit(Overloaded{[&](const MentorApplied& e) {
                          state.exists = true;
                          state.mentor_id = e.mentor_id;
                          state.user_id = e.user_id;
                          state.verification_status = e.verification_status;
                          state.is_active = false;
                          state.hourly_rate = e.hourly_rate;
                          state.student_levels_served = e.student_levels_served;
                          state.primary_language = e.primary_language;
                          state.languages_spoken = e.languages_spoken;
                        },
                        [&](const MentorVerificationApproved&) {
                          state.verification_status = VerificationStatus::approved;
                          state.is_active = true;
                        }},
             event);
  return state;
}

}  // namespace edu::mentorship
