#include "domain/mentorship/mentor_deadlines.h"

#include "domain/policies.h"

namespace edu::mentorship::mentor_deadlines {
namespace {

using Event = MentorDecider::Event;

std::optional<Rejection> Guard(const MentorState& s, const Uuid& mentor_id,
                               const DecisionContext& ctx, const char* what) {
  if (!s.exists) {
    return Reject(codes::kMentorNotFound, "mentor {} does not exist", ToString(mentor_id));
  }
  if (!ctx.actor.IsSystem() && ctx.actor.role != "admin") {
    return Reject(codes::kSystemOnly, "{} is the scheduler's (or an admin's) job", what);
  }
  return std::nullopt;
}

std::optional<Rejection> NotDue(const MentorState& s, const std::optional<Date>& date,
                                const DecisionContext& ctx, const char* what) {
  if (!date) {
    return Reject(codes::kVerificationDeadlineNotDue, "mentor {} has no {} date",
                  ToString(s.mentor_id), what);
  }
  if (ctx.now < StartOfDay(*date)) {
    return Reject(codes::kVerificationDeadlineNotDue, "mentor {}'s {} is due from {} (now {})",
                  ToString(s.mentor_id), what, FormatIso8601(StartOfDay(*date)),
                  FormatIso8601(ctx.now));
  }
  return std::nullopt;
}

}  // namespace

Decision<Event> Expire(const ExpireMentorVerification& c, const MentorState& s,
                       const DecisionContext& ctx) {
  if (auto refused = Guard(s, c.mentor_id, ctx, "expiring a verification")) return *refused;
  if (!s.verification.Allows(VerificationTrigger::expire)) {
    return Reject(codes::kIllegalTransition, "mentor {} is {}; its verification cannot expire",
                  ToString(s.mentor_id), EnumName(s.verification_status()));
  }
  if (auto refused = NotDue(s, s.expiry_date, ctx, "verification expiry")) return *refused;
  MentorVerificationExpired e;
  e.mentor_id = s.mentor_id;
  e.user_id = s.user_id;
  e.step_id = VerificationStepId(s.mentor_id, s.verification_steps + 1);
  e.previous_status = s.verification_status();
  e.expiry_date = *s.expiry_date;
  e.expired_at = ctx.now;
  return e;
}

Decision<Event> Reverify(const OpenMentorReverification& c, const MentorState& s,
                         const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (auto refused = Guard(s, c.mentor_id, ctx, "opening a re-verification")) return *refused;
  if (s.verification_status() != VerificationStatus::approved) {
    return Reject(codes::kIllegalTransition,
                  "mentor {} is {}; only an approved mentor is re-verified", ToString(s.mentor_id),
                  EnumName(s.verification_status()));
  }
  if (auto refused = NotDue(s, s.auto_reverify_date, ctx, "quarterly re-verification")) {
    return *refused;
  }
  MentorReverificationOpened e;
  e.mentor_id = s.mentor_id;
  e.reverify_date = *s.auto_reverify_date;
  e.review_id = DeriveUuid(s.mentor_id, "reverification:" + FormatDate(e.reverify_date));
  e.next_reverify_date =
      CivilFromDays(DaysFromCivil(e.reverify_date) + std::max(policy.reverify_after_days, 1));
  e.opened_at = ctx.now;
  e.policy = policy.name;
  return e;
}

}  // namespace edu::mentorship::mentor_deadlines
