// Urban Home School assessment commands and who may issue them (finer checks live in the
// deciders: the course's instructor, the enrolled student), and the uhs-gradebook reaction that
// carries every grading of a submission to the enrollment's gradebook.
#include <memory>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/uhs/assessment.h"
#include "domain/uhs/assessment_gradebook.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterUhsAssessments(Registry* r) {
  using namespace uhs;
  const std::vector<std::string> kTeachers = {"instructor", "admin", "staff"};
  r->AddCommand<AssessmentDecider, CreateAssessment>(
      kTeachers,
      "Create a draft assessment of one's course (quiz, assignment, project, exam; questions, "
      "passing score, attempts, availability window)");
  r->AddCommand<AssessmentDecider, UpdateAssessment>(kTeachers,
                                                     "Rewrite a draft assessment's definition");
  r->AddCommand<AssessmentDecider, PublishAssessment>(
      kTeachers, "Publish a draft assessment: enrolled students may take it");
  r->AddCommand<AssessmentDecider, CloseAssessment>(
      kTeachers, "Close a published assessment: no more attempts (grading goes on)");
  r->AddCommand<AssessmentDecider, StartAssessmentAttempt>(
      {"student"}, "Start an attempt (active enrollment, within the window and max_attempts)");
  r->AddCommand<AssessmentDecider, SubmitAssessment>(
      {"student"}, "Hand in an attempt's answers (auto-gradable assessments are scored at once)");
  r->AddCommand<AssessmentDecider, GradeAssessmentSubmission>(
      kTeachers, "Grade a handed-in submission, 0..total_points, with feedback");
  r->AddCommand<GradebookDecider, RecordAssessmentGrade>(
      {"system"}, "Record an assessment grade in the enrollment's gradebook (reaction)");
}

namespace {

using namespace uhs;

// Every grading (auto or by the instructor) reaches the enrollment's gradebook as the student's
// best graded attempt on the assessment. The command id derives from the event's, so a
// redelivered event records nothing new; grading_sequence keeps a stale grade out.
class UhsGradebookReaction : public Reaction {
 public:
  std::string name() const override { return "uhs-gradebook"; }

  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "uhs" && e.type == AssessmentSubmissionGraded::kType;
  }

  Status React(const RecordedEvent& recorded, std::vector<ReactionCommand>* out) const override {
    std::variant<AssessmentSubmissionGraded> event;
    EDU_RETURN_IF_ERROR(DecodeEvent(recorded, &event));
    const AssessmentSubmissionGraded& e = std::get<AssessmentSubmissionGraded>(event);
    RecordAssessmentGrade c;
    c.enrollment_id = e.enrollment_id;
    c.student_id = e.student_id;
    c.course_id = e.course_id;
    c.grading_sequence = e.grading_sequence;
    c.grade.assessment_id = e.assessment_id;
    c.grade.title = e.title;
    c.grade.assessment_type = e.assessment_type;
    c.grade.score = e.best_score;
    c.grade.total_points = e.total_points;
    c.grade.passed = e.best_score >= e.passing_score;
    c.grade.attempt_number = e.best_attempt_number;
    c.grade.graded_at = e.graded_at;
    out->push_back(Issue("uhs", std::move(c), "grade"));
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeUhsGradebookReaction() {
  return std::make_unique<UhsGradebookReaction>();
}

}  // namespace edu
