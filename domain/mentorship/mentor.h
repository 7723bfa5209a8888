// Mentors: application, verification (VerificationMachine: the PRD's nine statuses, one
// mentor_verification history row per step), and the performance figures their sessions feed.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/commands_deadlines.h"
#include "domain/mentorship/events.h"
#include "domain/mentorship/events_deadlines.h"
#include "domain/mentorship/policy.h"
#include "domain/mentorship/verification_machine.h"

namespace edu::mentorship {

struct MentorState {
  bool exists = false;
  Uuid mentor_id;
  Uuid user_id;
  VerificationMachine verification;
  int32_t verification_steps = 0;  // history rows after the application row
  bool is_active = false;
  Money hourly_rate;
  std::vector<AcademicLevel> student_levels_served;
  std::string primary_language;
  std::vector<std::string> languages_spoken;
  // Performance: what the mentor's sessions contributed, each (session, outcome) once.
  std::set<std::pair<std::string, SessionOutcome>> outcomes_counted;
  int32_t sessions_completed = 0;
  int32_t sessions_missed = 0;
  int64_t ratings_sum = 0;  // hundredths
  int32_t ratings_count = 0;
  // The last approval's dates (MentorVerificationApproved) and the next quarterly review
  // (MentorReverificationOpened moves it on): the scheduler's deadlines, decided here.
  std::optional<Date> expiry_date;
  std::optional<Date> auto_reverify_date;

  VerificationStatus verification_status() const { return verification.status(); }
  bool Speaks(const std::string& language) const;
  bool Serves(AcademicLevel level) const;
};

struct MentorDecider {
  static constexpr const char* kCategory = kMentorCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = MentorState;
  using Command =
      std::variant<ApplyAsMentor, ApproveMentor, AdvanceMentorVerification, RejectMentor,
                   SuspendMentor, ReinstateMentor, RequireMentorReapplication, ReapplyAsMentor,
                   RecordMentorSessionOutcome, ExpireMentorVerification, OpenMentorReverification>;
  using Event = std::variant<MentorApplied, MentorVerificationApproved, MentorVerificationAdvanced,
                             MentorVerificationRejected, MentorSuspended, MentorReinstated,
                             MentorReapplicationRequired, MentorReapplied, MentorPerformanceUpdated,
                             MentorVerificationExpired, MentorReverificationOpened>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The mentor_verification row of the application (step 0) and of step n (1, 2, ...).
Uuid VerificationStepId(const Uuid& mentor_id, int32_t step);

// performance_score in hundredths of a point (0..10000): half for the average rating against the
// policy's minimum (4.0), half for the completion rate against its minimum (90 %), each capped at
// its threshold. A mentor without ratings yet gets the rating half in full.
int32_t PerformanceScore(std::optional<int32_t> avg_rating, BasisPoints completion_rate_bps,
                         const Policy& policy);

}  // namespace edu::mentorship
