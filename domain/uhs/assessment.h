// A Urban Home School assessment (seed 004 §8) with every student's attempts at it (§9): its
// definition, edited while a draft, its lifecycle (AssessmentMachine), and each submission's
// (SubmissionMachine). One stream per assessment (AssessmentStream). Auto-gradable submissions
// are scored when handed in (ScoreAnswers); the instructor grades the others.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/uhs/commands_assessment.h"

namespace edu::uhs {

struct AssessmentSubmissionState {
  Uuid student_id;
  Uuid enrollment_id;
  int32_t attempt_number = 1;
  Timestamp started_at;
  SubmissionMachine machine;
  std::optional<int32_t> score;

  SubmissionStatus status() const { return machine.status(); }
};

struct AssessmentState {
  bool exists = false;
  Uuid assessment_id;
  Uuid course_id;
  std::optional<Uuid> instructor_id;
  std::string title;
  AssessmentType assessment_type = AssessmentType::quiz;
  std::vector<AssessmentQuestion> questions;
  int32_t total_points = 0;
  int32_t passing_score = 0;
  bool auto_gradable = true;
  std::optional<int32_t> duration_minutes;
  std::optional<Timestamp> available_from;
  std::optional<Timestamp> available_until;
  int32_t max_attempts = 1;
  AssessmentMachine machine;
  std::map<Uuid, AssessmentSubmissionState> submissions;
  std::map<Uuid, int32_t> gradings;  // student id -> gradings of their attempts so far
  int32_t total_submissions = 0;     // handed in

  AssessmentStatus status() const { return machine.status(); }
};

struct AssessmentDecider {
  static constexpr const char* kCategory = kAssessmentCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = AssessmentState;
  using Command =
      std::variant<CreateAssessment, UpdateAssessment, PublishAssessment, CloseAssessment,
                   StartAssessmentAttempt, SubmitAssessment, GradeAssessmentSubmission>;
  using Event =
      std::variant<AssessmentCreated, AssessmentUpdated, AssessmentPublished, AssessmentClosed,
                   AssessmentAttemptStarted, AssessmentSubmitted, AssessmentSubmissionGraded>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The points earned by `answers` (question id -> answer, as the decider keeps them): a question's
// points when its answer equals its correct answer (true_false compares "true"/"false"; blanks
// around an answer never count); essays earn nothing here (their assessments are not
// auto-gradable). Pure.
int32_t ScoreAnswers(const std::vector<AssessmentQuestion>& questions,
                     const std::map<std::string, std::string>& answers);

}  // namespace edu::uhs
