// Mentors: application, verification, profile.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/events.h"

namespace edu::mentorship {

struct MentorState {
  bool exists = false;
  Uuid mentor_id;
  Uuid user_id;
  VerificationStatus verification_status = VerificationStatus::pending;
  bool is_active = false;
  Money hourly_rate;
  std::vector<AcademicLevel> student_levels_served;
  std::string primary_language;
  std::vector<std::string> languages_spoken;

  bool Speaks(const std::string& language) const;
  bool Serves(AcademicLevel level) const;
};

struct MentorDecider {
  static constexpr const char* kCategory = kMentorCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = MentorState;
  using Command = std::variant<ApplyAsMentor, ApproveMentor>;
  using Event = std::variant<MentorApplied, MentorVerificationApproved>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::mentorship
