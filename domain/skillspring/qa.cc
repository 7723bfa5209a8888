#include "domain/skillspring/qa.h"

#include "domain/core/field_limits.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {
namespace {

// Trimmed, 1..kLongTextMaxLength characters (TEXT column); the binding checks the length of what
// arrives as JSON, this also covers typed commands and whitespace-only texts.
std::optional<Rejection> CheckLongText(const std::string& trimmed, const char* field,
                                       const RejectionCode& code) {
  return CheckText(trimmed, static_cast<size_t>(kLongTextMaxLength), field, code);
}

Decision<QuestionDecider::Event> Ask(const AskQuestion& c, const QuestionState& s,
                                     const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.student_id)) {
    return Reject(codes::kNotQuestionAsker, "students ask questions as themselves");
  }
  if (s.exists) {
    return Reject(codes::kQuestionAlreadyExists, "question {} was already asked",
                  ToString(c.question_id));
  }
  const LearnerState* learner = ctx.refs->Find<LearnerState>(LearnerStream(c.student_id));
  const Purchase* owned = learner ? learner->Owned(c.course_id) : nullptr;
  if (!owned) {
    return Reject(codes::kNotEnrolled, "only students enrolled in course {} ask about it",
                  ToString(c.course_id));
  }
  const std::string question = TrimmedText(c.question);
  if (auto bad = CheckLongText(question, "question", codes::kInvalidQuestion)) return *bad;
  return QuestionAsked{c.question_id, c.course_id, c.student_id, owned->mentor_id, question};
}

Decision<QuestionDecider::Event> MarkSolution(const MarkAnswerAsSolution& c, const QuestionState& s,
                                              const DecisionContext& ctx) {
  if (!s.exists) {
    return Reject(codes::kQuestionNotFound, "question {} does not exist", ToString(c.question_id));
  }
  if (!Is(ctx.actor, c.student_id) || c.student_id != s.student_id) {
    return Reject(codes::kNotQuestionAsker,
                  "only the student who asked question {} marks its solution",
                  ToString(c.question_id));
  }
  const AnswerState* answer = ctx.refs->Find<AnswerState>(AnswerStream(c.answer_id));
  if (!answer || !answer->exists || answer->question_id != c.question_id) {
    return Reject(codes::kAnswerNotFound, "question {} has no answer {}", ToString(c.question_id),
                  ToString(c.answer_id));
  }
  if (!s.machine.Allows(QuestionTrigger::mark_solution)) {
    return Reject(codes::kQuestionAlreadyResolved, "question {} is already solved by answer {}",
                  ToString(c.question_id), ToString(s.solution_id));
  }
  return AnswerMarkedAsSolution{c.question_id, c.answer_id, c.student_id, answer->mentor_id,
                                answer->answer};
}

Decision<AnswerDecider::Event> Answer(const AnswerQuestion& c, const AnswerState& s,
                                      const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kAnswerAlreadyExists, "answer {} was already given",
                  ToString(c.answer_id));
  }
  const QuestionState* question = ctx.refs->Find<QuestionState>(QuestionStream(c.question_id));
  if (!question || !question->exists) {
    return Reject(codes::kQuestionNotFound, "question {} does not exist", ToString(c.question_id));
  }
  if (!Is(ctx.actor, c.mentor_id) || c.mentor_id != question->mentor_id) {
    return Reject(codes::kNotCourseMentor,
                  "only the mentor of course {} answers questions about it",
                  ToString(question->course_id));
  }
  const std::string answer = TrimmedText(c.answer);
  if (auto bad = CheckLongText(answer, "answer", codes::kInvalidAnswer)) return *bad;
  return QuestionAnswered{c.answer_id, c.question_id, question->course_id, c.mentor_id, answer};
}

}  // namespace

Decision<QuestionDecider::Event> QuestionDecider::decide(const Command& command, const State& state,
                                                         const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const AskQuestion& c) { return Ask(c, state, ctx); },
                 [&](const MarkAnswerAsSolution& c) { return MarkSolution(c, state, ctx); }},
      command);
}

QuestionState QuestionDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const QuestionAsked& e) {
                          s.exists = true;
                          s.question_id = e.question_id;
                          s.course_id = e.course_id;
                          s.student_id = e.student_id;
                          s.mentor_id = e.mentor_id;
                        },
                        [&](const AnswerMarkedAsSolution& e) {
                          s.machine.Fire(QuestionTrigger::mark_solution);
                          s.solution_id = e.answer_id;
                        }},
             event);
  return s;
}

Decision<AnswerDecider::Event> AnswerDecider::decide(const Command& command, const State& state,
                                                     const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const AnswerQuestion& c) { return Answer(c, state, ctx); }},
                    command);
}

AnswerState AnswerDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const QuestionAnswered& e) {
               s.exists = true;
               s.answer_id = e.answer_id;
               s.question_id = e.question_id;
               s.mentor_id = e.mentor_id;
               s.answer = e.answer;
             }},
             event);
  return s;
}

}  // namespace edu::skillspring
