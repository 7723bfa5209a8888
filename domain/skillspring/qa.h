// Skillspring course Q&A (seed 003: course_questions, course_answers). A question is asked by a
// student enrolled in the course and answered by the course's mentor (course_answers.mentor_id:
// interpretation, other students do not answer); its asker marks one answer as the solution,
// which resolves it (QuestionMachine). Questions and answers are one stream each.
#pragma once

#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands_qa.h"
#include "domain/skillspring/events_qa.h"
#include "domain/skillspring/question_machine.h"

namespace edu::skillspring {

struct QuestionState {
  bool exists = false;
  Uuid question_id;
  Uuid course_id;
  Uuid student_id;
  Uuid mentor_id;
  QuestionMachine machine;
  Uuid solution_id;  // once resolved

  QuestionStatus status() const { return machine.status(); }
};

struct QuestionDecider {
  static constexpr const char* kCategory = kQuestionCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = QuestionState;
  using Command = std::variant<AskQuestion, MarkAnswerAsSolution>;
  using Event = std::variant<QuestionAsked, AnswerMarkedAsSolution>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct AnswerState {
  bool exists = false;
  Uuid answer_id;
  Uuid question_id;
  Uuid mentor_id;
  std::string answer;
};

struct AnswerDecider {
  static constexpr const char* kCategory = kAnswerCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = AnswerState;
  using Command = std::variant<AnswerQuestion>;
  using Event = std::variant<QuestionAnswered>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
