// A course review (seed: only from enrolled students, is_verified; one per student and course by
// its id; rating 1..5), its helpful votes (one per review and student), its reports
// (reported_count; one per review and reporter) and their moderation (ModerationMachine:
// an admin dismisses the reports or removes the review; review_moderation.cc).
#pragma once

#include <set>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_qa.h"
#include "domain/skillspring/events.h"
#include "domain/skillspring/events_qa.h"
#include "domain/skillspring/review_moderation_machine.h"

namespace edu::skillspring {

struct ReviewState {
  bool exists = false;
  Uuid review_id;
  Uuid student_id;
  Uuid course_id;
  Uuid mentor_id;
  int32_t rating = 0;
  std::set<Uuid> voters;
  int32_t helpful_count = 0;
  std::set<Uuid> reporters;  // everyone who ever reported it
  ModerationMachine moderation;

  int32_t reported_count() const { return static_cast<int32_t>(reporters.size()); }
};

struct ReviewDecider {
  static constexpr const char* kCategory = kReviewCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = ReviewState;
  using Command =
      std::variant<WriteReview, VoteReview, ReportReview, DismissReviewReports, RemoveReview>;
  using Event = std::variant<ReviewWritten, ReviewVoted, ReviewReported, ReviewReportsDismissed,
                             ReviewRemoved>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
