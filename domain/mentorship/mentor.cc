#include "domain/mentorship/mentor.h"

#include <algorithm>

#include "domain/mentorship/mentor_deadlines.h"
#include "domain/mentorship/user.h"
#include "domain/policies.h"

namespace edu::mentorship {

bool MentorState::Speaks(const std::string& language) const {
  return primary_language == language || std::find(languages_spoken.begin(), languages_spoken.end(),
                                                   language) != languages_spoken.end();
}

bool MentorState::Serves(AcademicLevel level) const {
  return std::find(student_levels_served.begin(), student_levels_served.end(), level) !=
         student_levels_served.end();
}

Uuid VerificationStepId(const Uuid& mentor_id, int32_t step) {
  return DeriveUuid(mentor_id, step == 0 ? std::string("verification:application")
                                         : "verification:" + std::to_string(step));
}

int32_t PerformanceScore(std::optional<int32_t> avg_rating, BasisPoints completion_rate_bps,
                         const Policy& policy) {
  auto part = [](int64_t value, int64_t threshold) -> int64_t {
    if (threshold <= 0 || value >= threshold) return 5000;
    return value * 5000 / threshold;  // rounded down: a score never flatters
  };
  int64_t rating = avg_rating ? part(*avg_rating, policy.performance_min_rating) : 5000;
  int64_t completion = part(completion_rate_bps, policy.performance_min_completion_bps);
  return static_cast<int32_t>(rating + completion);
}

namespace {

using Event = MentorDecider::Event;

bool IsAdmin(const Actor& a) { return a.role == "admin"; }

Rejection AdminOnly(const char* what) {
  return Reject(codes::kAdminOnly, "only an admin may {}", what);
}

Rejection MentorMissing(const Uuid& id) {
  return Reject(codes::kMentorNotFound, "mentor {} does not exist", ToString(id));
}

Rejection IllegalVerification(const MentorState& s, const char* action) {
  return Reject(codes::kIllegalTransition, "mentor {} is {}; it cannot be {}",
                ToString(s.mentor_id), EnumName(s.verification_status()), action);
}

Rejection ReasonRequired(const char* field) {
  return Reject(codes::kReasonRequired, "{} must not be empty", field);
}

// Guards shared by every admin step of the verification: the mentor exists, an admin acts, and
// the machine allows the trigger. nullopt when the step may proceed.
std::optional<Rejection> CheckAdminStep(const MentorState& s, const Uuid& mentor_id,
                                        const DecisionContext& ctx, VerificationTrigger trigger,
                                        const char* action) {
  if (!s.exists) return MentorMissing(mentor_id);
  if (!IsAdmin(ctx.actor)) return AdminOnly(action);
  if (!s.verification.Allows(trigger)) return IllegalVerification(s, action);
  return std::nullopt;
}

Date AddDays(Timestamp t, int32_t days) { return CivilFromDays(DaysFromCivil(DateOf(t)) + days); }

template <class T>
std::optional<Personal<T>> AsPersonal(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return Personal<T>(*v);
}

Decision<MentorDecider::Event> Apply(const ApplyAsMentor& c, const MentorState& state,
                                     const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (state.exists) {
    return Reject(codes::kMentorAlreadyExists, "mentor {} already exists", ToString(c.mentor_id));
  }
  if (ctx.actor.id != ToString(c.user_id) && ctx.actor.role != "admin") {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may apply only for their own account, not user {}", ctx.actor.id,
                  ToString(c.user_id));
  }
  const UserState* user = ctx.refs->Find<UserState>(UserStream(c.user_id));
  if (!user) {
    return Reject(codes::kUserNotFound, "user {} is not registered", ToString(c.user_id));
  }
  if (c.title.empty()) {
    return Reject(codes::kTitleRequired, "title must not be empty");
  }
  if (c.experience_years < 0 || c.experience_years > 70) {
    return Reject(codes::kInvalidExperienceYears, "experience_years {} is outside 0..70",
                  c.experience_years);
  }
  if (c.hourly_rate.currency != policy.currency) {
    return Reject(codes::kCurrencyMismatch, "hourly_rate is in {} but mentorship prices are in {}",
                  c.hourly_rate.currency, policy.currency);
  }
  if (c.hourly_rate.minor <= 0) {
    return Reject(codes::kInvalidAmount, "hourly_rate must be positive, got {}",
                  FormatMoney(c.hourly_rate));
  }
  if (c.student_levels_served.empty()) {
    return Reject(codes::kStudentLevelsRequired,
                  "student_levels_served must name at least one of {}",
                  EnumChoices<AcademicLevel>());
  }
  if (c.primary_language.empty()) {
    return Reject(codes::kPrimaryLanguageRequired, "primary_language must not be empty");
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

Decision<Event> Approve(const ApproveMentor& c, const MentorState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (auto refused =
          CheckAdminStep(s, c.mentor_id, ctx, VerificationTrigger::approve, "approved")) {
    if (refused->code == codes::kAdminOnly.code) return AdminOnly("approve a mentor");
    return *refused;
  }
  if (policy.require_trial_session &&
      s.verification_status() != VerificationStatus::trial_session_required) {
    return Reject(codes::kTrialSessionRequired,
                  "policy {} approves mentors only after their trial session; mentor {} is {}",
                  policy.name, ToString(c.mentor_id), EnumName(s.verification_status()));
  }
  MentorVerificationApproved e;
  e.mentor_id = c.mentor_id;
  e.user_id = s.user_id;
  e.reviewed_by = ctx.actor.id;
  e.notes = c.notes;
  e.previous_status = s.verification_status();
  e.step_id = VerificationStepId(c.mentor_id, s.verification_steps + 1);
  e.expiry_date = AddDays(ctx.now, policy.verification_valid_days);
  e.auto_reverify_date = AddDays(ctx.now, policy.reverify_after_days);
  e.policy = policy.name;
  return e;
}

Decision<Event> Advance(const AdvanceMentorVerification& c, const MentorState& s,
                        const DecisionContext& ctx) {
  struct Step {
    VerificationStatus to;
    VerificationTrigger trigger;
    const char* type;
    std::optional<std::string> background;
  };
  static const Step kSteps[] = {
      {VerificationStatus::documents_under_review, VerificationTrigger::review_documents,
       "document_review", std::nullopt},
      {VerificationStatus::background_check_in_progress, VerificationTrigger::check_background,
       "background_check", std::string("in_progress")},
      {VerificationStatus::interview_scheduled, VerificationTrigger::schedule_interview,
       "interview", std::string("cleared")},
      {VerificationStatus::trial_session_required, VerificationTrigger::require_trial_session,
       "trial_session", std::nullopt},
  };
  const Step* step = nullptr;
  for (const auto& k : kSteps) {
    if (k.to == c.to) step = &k;
  }
  if (step == nullptr) {
    return Reject(codes::kInvalidVerificationStep,
                  "'{}' is not a review step: use documents_under_review, "
                  "background_check_in_progress, interview_scheduled or trial_session_required "
                  "(ApproveMentor, RejectMentor, SuspendMentor and ReinstateMentor for the others)",
                  EnumName(c.to));
  }
  if (auto refused = CheckAdminStep(s, c.mentor_id, ctx, step->trigger, "moved to this step")) {
    if (refused->code == codes::kIllegalTransition.code) {
      return Reject(codes::kIllegalTransition, "mentor {} is {}; it cannot move to {}",
                    ToString(c.mentor_id), EnumName(s.verification_status()), EnumName(c.to));
    }
    return *refused;
  }
  MentorVerificationAdvanced e;
  e.mentor_id = c.mentor_id;
  e.step_id = VerificationStepId(c.mentor_id, s.verification_steps + 1);
  e.previous_status = s.verification_status();
  e.verification_status = c.to;
  e.verification_type = step->type;
  e.reviewed_by = ctx.actor.id;
  e.document_type = c.document_type;
  e.document_url = c.document_url;
  e.background_check_status = step->background;
  e.scheduled_for = c.scheduled_for;
  e.notes = c.notes;
  return e;
}

Decision<Event> RejectApplication(const RejectMentor& c, const MentorState& s,
                                  const DecisionContext& ctx) {
  if (auto refused = CheckAdminStep(s, c.mentor_id, ctx, VerificationTrigger::reject, "rejected")) {
    return *refused;
  }
  if (c.rejection_reason.empty()) return ReasonRequired("rejection_reason");
  MentorVerificationRejected e;
  e.mentor_id = c.mentor_id;
  e.user_id = s.user_id;
  e.step_id = VerificationStepId(c.mentor_id, s.verification_steps + 1);
  e.previous_status = s.verification_status();
  e.reviewed_by = ctx.actor.id;
  e.rejection_reason = c.rejection_reason;
  if (s.verification_status() == VerificationStatus::background_check_in_progress) {
    e.background_check_status = "failed";
  }
  return e;
}

Decision<Event> Suspend(const SuspendMentor& c, const MentorState& s, const DecisionContext& ctx) {
  if (auto refused =
          CheckAdminStep(s, c.mentor_id, ctx, VerificationTrigger::suspend, "suspended")) {
    return *refused;
  }
  if (c.reason.empty()) return ReasonRequired("reason");
  return MentorSuspended{c.mentor_id, s.user_id,
                         VerificationStepId(c.mentor_id, s.verification_steps + 1), ctx.actor.id,
                         c.reason};
}

Decision<Event> Reinstate(const ReinstateMentor& c, const MentorState& s,
                          const DecisionContext& ctx) {
  if (auto refused =
          CheckAdminStep(s, c.mentor_id, ctx, VerificationTrigger::reinstate, "reinstated")) {
    return *refused;
  }
  return MentorReinstated{c.mentor_id, s.user_id,
                          VerificationStepId(c.mentor_id, s.verification_steps + 1), ctx.actor.id,
                          c.notes};
}

Decision<Event> RequireReapplication(const RequireMentorReapplication& c, const MentorState& s,
                                     const DecisionContext& ctx) {
  if (auto refused = CheckAdminStep(s, c.mentor_id, ctx, VerificationTrigger::require_reapplication,
                                    "asked to reapply")) {
    return *refused;
  }
  if (c.reason.empty()) return ReasonRequired("reason");
  return MentorReapplicationRequired{c.mentor_id,
                                     VerificationStepId(c.mentor_id, s.verification_steps + 1),
                                     s.verification_status(), ctx.actor.id, c.reason};
}

Decision<Event> Reapply(const ReapplyAsMentor& c, const MentorState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return MentorMissing(c.mentor_id);
  if (ctx.actor.id != ToString(s.user_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may reapply only for their own mentor profile, not mentor {}",
                  ctx.actor.id, ToString(c.mentor_id));
  }
  if (!s.verification.Allows(VerificationTrigger::reapply))
    return IllegalVerification(s, "reapplied");
  if (c.verification_docs.empty()) {
    return Reject(codes::kVerificationDocsRequired,
                  "a reapplication must include at least one verification document");
  }
  return MentorReapplied{c.mentor_id, VerificationStepId(c.mentor_id, s.verification_steps + 1),
                         c.verification_docs, c.notes};
}

Decision<Event> RecordOutcome(const RecordMentorSessionOutcome& c, const MentorState& s,
                              const DecisionContext& ctx) {
  if (!s.exists) return MentorMissing(c.mentor_id);
  if (!ctx.actor.IsSystem() && !IsAdmin(ctx.actor)) {
    return Reject(codes::kSystemOnly,
                  "session outcomes are recorded by the system from the session's own events");
  }
  if (s.outcomes_counted.count({ToString(c.session_id), c.outcome})) {
    return std::vector<Event>{};  // already counted: a redelivered reaction changes nothing
  }
  const bool rated = c.outcome == SessionOutcome::rated;
  if (rated != c.rating.has_value() || (rated && (*c.rating < 100 || *c.rating > 500))) {
    return Reject(
        codes::kInvalidRating,
        "a 'rated' outcome carries a rating in 100..500 (hundredths), other outcomes none");
  }
  const Policy& policy = ctx.policies->mentorship;
  MentorPerformanceUpdated e;
  e.mentor_id = c.mentor_id;
  e.session_id = c.session_id;
  e.outcome = c.outcome;
  e.rating = c.rating;
  e.sessions_completed = s.sessions_completed + (c.outcome == SessionOutcome::completed ? 1 : 0);
  e.sessions_missed = s.sessions_missed + (c.outcome == SessionOutcome::missed_by_mentor ? 1 : 0);
  int64_t held = int64_t{e.sessions_completed} + e.sessions_missed;
  e.completion_rate_bps =
      held == 0 ? kWhole : static_cast<BasisPoints>(e.sessions_completed * int64_t{kWhole} / held);
  e.ratings_count = s.ratings_count + (rated ? 1 : 0);
  int64_t sum = s.ratings_sum + (rated ? *c.rating : 0);
  if (e.ratings_count > 0) {
    e.avg_rating =
        static_cast<int32_t>((2 * sum + e.ratings_count) / (2 * e.ratings_count));  // half up
  }
  e.performance_score = PerformanceScore(e.avg_rating, e.completion_rate_bps, policy);
  e.meets_thresholds = (!e.avg_rating || *e.avg_rating >= policy.performance_min_rating) &&
                       e.completion_rate_bps >= policy.performance_min_completion_bps;
  e.policy = policy.name;
  return e;
}

}  // namespace

Decision<MentorDecider::Event> MentorDecider::decide(const Command& command, const State& state,
                                                     const DecisionContext& ctx) {
  return std::visit(
      Overloaded{
          [&](const ApplyAsMentor& c) { return Apply(c, state, ctx); },
          [&](const ApproveMentor& c) { return Approve(c, state, ctx); },
          [&](const AdvanceMentorVerification& c) { return Advance(c, state, ctx); },
          [&](const RejectMentor& c) { return RejectApplication(c, state, ctx); },
          [&](const SuspendMentor& c) { return Suspend(c, state, ctx); },
          [&](const ReinstateMentor& c) { return Reinstate(c, state, ctx); },
          [&](const RequireMentorReapplication& c) { return RequireReapplication(c, state, ctx); },
          [&](const ReapplyAsMentor& c) { return Reapply(c, state, ctx); },
          [&](const RecordMentorSessionOutcome& c) { return RecordOutcome(c, state, ctx); },
          [&](const ExpireMentorVerification& c) {
            return mentor_deadlines::Expire(c, state, ctx);
          },
          [&](const OpenMentorReverification& c) {
            return mentor_deadlines::Reverify(c, state, ctx);
          }},
      command);
}

MentorState MentorDecider::evolve(State state, const Event& event) {
  auto step = [&](VerificationTrigger trigger) {
    state.verification.Fire(trigger);
    ++state.verification_steps;
  };
  std::visit(
      Overloaded{
          [&](const MentorApplied& e) {
            state.exists = true;
            state.mentor_id = e.mentor_id;
            state.user_id = e.user_id;
            state.is_active = false;
            state.hourly_rate = e.hourly_rate;
            state.student_levels_served = e.student_levels_served;
            state.primary_language = e.primary_language;
            state.languages_spoken = e.languages_spoken;
          },
          [&](const MentorVerificationApproved& e) {
            step(VerificationTrigger::approve);
            state.is_active = true;
            state.expiry_date = e.expiry_date;
            state.auto_reverify_date = e.auto_reverify_date;
          },
          [&](const MentorVerificationExpired&) {
            step(VerificationTrigger::expire);
            state.is_active = false;
            state.expiry_date.reset();
            state.auto_reverify_date.reset();
          },
          [&](const MentorReverificationOpened& e) {
            state.auto_reverify_date = e.next_reverify_date;
          },
          [&](const MentorVerificationAdvanced& e) {
            static const std::pair<VerificationStatus, VerificationTrigger> kTriggers[] = {
                {VerificationStatus::documents_under_review, VerificationTrigger::review_documents},
                {VerificationStatus::background_check_in_progress,
                 VerificationTrigger::check_background},
                {VerificationStatus::interview_scheduled, VerificationTrigger::schedule_interview},
                {VerificationStatus::trial_session_required,
                 VerificationTrigger::require_trial_session}};
            for (const auto& [to, trigger] : kTriggers) {
              if (to == e.verification_status) step(trigger);
            }
          },
          [&](const MentorVerificationRejected&) { step(VerificationTrigger::reject); },
          [&](const MentorSuspended&) {
            step(VerificationTrigger::suspend);
            state.is_active = false;
          },
          [&](const MentorReinstated&) {
            step(VerificationTrigger::reinstate);
            state.is_active = true;
          },
          [&](const MentorReapplicationRequired&) {
            step(VerificationTrigger::require_reapplication);
            state.is_active = false;
          },
          [&](const MentorReapplied&) { step(VerificationTrigger::reapply); },
          [&](const MentorPerformanceUpdated& e) {
            state.outcomes_counted.insert({ToString(e.session_id), e.outcome});
            state.sessions_completed = e.sessions_completed;
            state.sessions_missed = e.sessions_missed;
            state.ratings_count = e.ratings_count;
            if (e.rating) state.ratings_sum += *e.rating;
          }},
      event);
  return state;
}

}  // namespace edu::mentorship
