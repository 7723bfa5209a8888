#include "domain/uhs/assessment_gradebook.h"

#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = GradebookDecider::Event;

bool IsQuizLike(AssessmentType type) {
  return type == AssessmentType::quiz || type == AssessmentType::exam;
}

Decision<Event> Record(const RecordAssessmentGrade& c, const GradebookState& s,
                       const DecisionContext& ctx) {
  if (ctx.actor.role != "system") {
    return Reject(codes::kSystemOnly, "grades reach a gradebook from the uhs-gradebook reaction");
  }
  const AssessmentGrade& g = c.grade;
  if (g.total_points <= 0 || g.score < 0 || g.score > g.total_points) {
    return Reject(codes::kGradeOutOfRange, "score {} is outside 0..{}", g.score, g.total_points);
  }
  auto seen = s.sequences.find(g.assessment_id);
  // A grade older than the one kept (redelivered, or overtaken) changes nothing.
  if (seen != s.sequences.end() && c.grading_sequence <= seen->second) {
    return std::vector<Event>{};
  }
  std::map<Uuid, AssessmentGrade> grades = s.grades;
  AssessmentGrade& kept = grades[g.assessment_id];
  kept = g;
  kept.percentage_hundredths = (int64_t{g.score} * 10000 * 2 + g.total_points) /
                               (int64_t{g.total_points} * 2);  // rounded half up
  EnrollmentGradesUpdated e;
  e.enrollment_id = c.enrollment_id;
  e.student_id = c.student_id;
  e.course_id = c.course_id;
  e.assessment_id = g.assessment_id;
  e.grading_sequence = c.grading_sequence;
  for (const auto& [id, grade] : grades) {
    (IsQuizLike(grade.assessment_type) ? e.quiz_scores : e.assignment_scores).push_back(grade);
  }
  e.current_grade_hundredths = CurrentGradeHundredths(grades);
  return e;
}

}  // namespace

int64_t CurrentGradeHundredths(const std::map<Uuid, AssessmentGrade>& grades) {
  if (grades.empty()) return 0;
  int64_t sum = 0;
  for (const auto& [id, grade] : grades) sum += grade.percentage_hundredths;
  const int64_t n = static_cast<int64_t>(grades.size());
  return (sum * 2 + n) / (n * 2);
}

Decision<Event> GradebookDecider::decide(const Command& command, const State& state,
                                         const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const RecordAssessmentGrade& c) { return Record(c, state, ctx); }}, command);
}

GradebookState GradebookDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const EnrollmentGradesUpdated& e) {
               s.grades.clear();
               for (const AssessmentGrade& g : e.quiz_scores) s.grades[g.assessment_id] = g;
               for (const AssessmentGrade& g : e.assignment_scores) s.grades[g.assessment_id] = g;
               s.sequences[e.assessment_id] = e.grading_sequence;
             }},
             event);
  return s;
}

}  // namespace edu::uhs
