// The grades of one Urban Home School enrollment (GradebookStream, keyed by the enrollment's id):
// the best graded attempt of each assessment of the course, kept as the uhs-gradebook reaction
// reports them (RecordAssessmentGrade, from AssessmentSubmissionGraded). The one writer of
// enrollments.current_grade, quiz_scores and assignment_scores, so those columns are rewritten
// whole, in order, from one stream.
#pragma once

#include <map>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/commands_assessment.h"

namespace edu::uhs {

struct GradebookState {
  std::map<Uuid, AssessmentGrade> grades;  // by assessment id
  std::map<Uuid, int32_t> sequences;       // the last grading_sequence taken per assessment
};

struct GradebookDecider {
  static constexpr const char* kCategory = kGradebookCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = GradebookState;
  using Command = std::variant<RecordAssessmentGrade>;
  using Event = std::variant<EnrollmentGradesUpdated>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// current_grade in hundredths of a percent: the mean of the grades' percentages, rounded half up;
// 0 without grades.
int64_t CurrentGradeHundredths(const std::map<Uuid, AssessmentGrade>& grades);

}  // namespace edu::uhs
