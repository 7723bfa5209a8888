// The rows of the Urban Home School assessment events. assessments and assessment_submissions are
// written by the assessment's stream only; enrollments' grade columns by the enrollment's gradebook
// stream only (EnrollmentGradesUpdated carries them whole), so every row here has one writer.
#include "projections/uhs/assessment_rows.h"

#include "domain/core/variant_util.h"
#include "domain/uhs/assessment.h"
#include "domain/uhs/assessment_gradebook.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::uhs_assessment_rows {
namespace {

using namespace uhs;

using AssessmentEvent =
    std::variant<AssessmentCreated, AssessmentUpdated, AssessmentPublished, AssessmentClosed,
                 AssessmentAttemptStarted, AssessmentSubmitted, AssessmentSubmissionGraded,
                 EnrollmentGradesUpdated>;
static_assert(VariantIncludes<AssessmentDecider::Event, AssessmentEvent>::value,
              "every assessment event");
static_assert(VariantIncludes<GradebookDecider::Event, AssessmentEvent>::value,
              "every gradebook event");

// ---- JSON documents of the jsonb columns, as documented (seed 004 §8 "Questions JSONB Format")

struct ChoiceQuestionRow {
  std::string id;
  std::string type;
  std::string question;
  std::vector<std::string> options;
  std::string correct_answer;
  int32_t points = 0;
  EDU_FIELDS(id, type, question, options, correct_answer, points)
};
struct TrueFalseQuestionRow {
  std::string id;
  std::string type;
  std::string question;
  bool correct_answer = false;
  int32_t points = 0;
  EDU_FIELDS(id, type, question, correct_answer, points)
};
struct EssayQuestionRow {
  std::string id;
  std::string type;
  std::string question;
  int32_t points = 0;
  EDU_FIELDS(id, type, question, points)
};

std::string QuestionJson(const AssessmentQuestion& q) {
  const std::string type(EnumName(q.type));
  switch (q.type) {
    case QuestionType::multiple_choice:
      return json::Encode(ChoiceQuestionRow{q.id, type, q.question, q.options,
                                            q.correct_answer.value_or(""), q.points});
    case QuestionType::true_false:
      return json::Encode(
          TrueFalseQuestionRow{q.id, type, q.question, q.correct_answer == "true", q.points});
    case QuestionType::essay:
      return json::Encode(EssayQuestionRow{q.id, type, q.question, q.points});
  }
  return "{}";
}

SqlValue QuestionsJson(const std::vector<AssessmentQuestion>& questions) {
  std::string out = "[";
  for (size_t i = 0; i < questions.size(); ++i) {
    if (i > 0) out += ",";
    out += QuestionJson(questions[i]);
  }
  return Json{out + "]"};
}

// An item of enrollments.quiz_scores / assignment_scores: one assessment's best graded attempt.
struct ScoreRow {
  Uuid assessment_id;
  std::string title;
  std::string assessment_type;
  int32_t score = 0;
  int32_t total_points = 0;
  double percentage = 0;  // 0..100, two decimals
  bool passed = false;
  int32_t attempt_number = 1;
  Timestamp graded_at;
  EDU_FIELDS(assessment_id, title, assessment_type, score, total_points, percentage, passed,
             attempt_number, graded_at)
};

SqlValue ScoresJson(const std::vector<AssessmentGrade>& grades) {
  std::vector<ScoreRow> rows;
  for (const AssessmentGrade& g : grades) {
    rows.push_back(ScoreRow{g.assessment_id, g.title, std::string(EnumName(g.assessment_type)),
                            g.score, g.total_points,
                            static_cast<double>(g.percentage_hundredths) / 100.0, g.passed,
                            g.attempt_number, g.graded_at});
  }
  return Json{json::Encode(rows)};
}

template <class E>
Columns DefinitionColumns(const E& e) {
  return {{"title", e.title},
          {"description", OptionalValue(e.description)},
          {"assessment_type", EnumValue(e.assessment_type)},
          {"questions", QuestionsJson(e.questions)},
          {"total_points", int64_t{e.total_points}},
          {"passing_score", int64_t{e.passing_score}},
          {"auto_gradable", e.auto_gradable},
          {"duration_minutes",
           e.duration_minutes ? SqlValue(int64_t{*e.duration_minutes}) : SqlValue(Null{})},
          {"available_from", OptionalValue(e.available_from)},
          {"available_until", OptionalValue(e.available_until)},
          {"max_attempts", int64_t{e.max_attempts}}};
}

void SetAssessment(const RecordedEvent& r, const Uuid& id, Columns set, RowOps* ops) {
  set.push_back({"updated_at", r.occurred_at});
  ops->Update("assessments", {{"id", id}}, std::move(set));
}

void On(const RecordedEvent& r, const AssessmentCreated& e, RowOps* ops) {
  Columns row = {{"id", e.assessment_id},
                 {"course_id", e.course_id},
                 {"creator_id", OptionalValue(e.creator_id)}};
  for (auto& column : DefinitionColumns(e)) row.push_back(std::move(column));
  row.push_back({"is_published", false});
  row.push_back({"total_submissions", int64_t{0}});
  row.push_back({"average_score", Decimal{0, 2}});
  row.push_back({"created_at", r.occurred_at});
  row.push_back({"updated_at", r.occurred_at});
  ops->Insert("assessments", std::move(row));
}

void On(const RecordedEvent& r, const AssessmentUpdated& e, RowOps* ops) {
  SetAssessment(r, e.assessment_id, DefinitionColumns(e), ops);
}

void On(const RecordedEvent& r, const AssessmentPublished& e, RowOps* ops) {
  SetAssessment(r, e.assessment_id, {{"is_published", true}}, ops);
}

// A closed assessment stays visible (its results are), its window ends when it was closed.
void On(const RecordedEvent& r, const AssessmentClosed& e, RowOps* ops) {
  SetAssessment(r, e.assessment_id, {{"available_until", e.available_until}}, ops);
}

void On(const RecordedEvent& r, const AssessmentAttemptStarted& e, RowOps* ops) {
  ops->Insert("assessment_submissions", {{"id", e.submission_id},
                                         {"assessment_id", e.assessment_id},
                                         {"student_id", e.student_id},
                                         {"answers", Json{"{}"}},
                                         {"score", Null{}},
                                         {"is_graded", false},
                                         {"graded_by", Null{}},
                                         {"feedback", Null{}},
                                         {"is_submitted", false},
                                         {"attempt_number", int64_t{e.attempt_number}},
                                         {"started_at", e.started_at},
                                         {"submitted_at", Null{}},
                                         {"graded_at", Null{}},
                                         {"created_at", r.occurred_at},
                                         {"updated_at", r.occurred_at}});
}

// A started attempt's row is completed; one handed in at once is created.
void On(const RecordedEvent& r, const AssessmentSubmitted& e, RowOps* ops) {
  Columns set = {{"answers", Json{json::Encode(e.answers)}},
                 {"is_submitted", true},
                 {"submitted_at", e.submitted_at},
                 {"updated_at", r.occurred_at}};
  if (e.was_started) {
    ops->Update("assessment_submissions", {{"id", e.submission_id}}, std::move(set));
  } else {
    set.insert(set.end(), {{"id", e.submission_id},
                           {"assessment_id", e.assessment_id},
                           {"student_id", e.student_id},
                           {"score", Null{}},
                           {"is_graded", false},
                           {"graded_by", Null{}},
                           {"feedback", Null{}},
                           {"attempt_number", int64_t{e.attempt_number}},
                           {"started_at", e.started_at},
                           {"graded_at", Null{}},
                           {"created_at", r.occurred_at}});
    ops->Insert("assessment_submissions", std::move(set));
  }
  SetAssessment(r, e.assessment_id, {{"total_submissions", int64_t{e.total_submissions_after}}},
                ops);
}

void On(const RecordedEvent& r, const AssessmentSubmissionGraded& e, RowOps* ops) {
  ops->Update("assessment_submissions", {{"id", e.submission_id}},
              {{"score", int64_t{e.score}},
               {"is_graded", true},
               {"graded_by", OptionalValue(e.graded_by)},
               {"feedback", OptionalValue(e.feedback)},
               {"graded_at", e.graded_at},
               {"updated_at", r.occurred_at}});
  SetAssessment(r, e.assessment_id, {{"average_score", Decimal{e.average_score_hundredths, 2}}},
                ops);
}

void On(const RecordedEvent& r, const EnrollmentGradesUpdated& e, RowOps* ops) {
  // The gradebook is its own stream: its row in enrollments may come before the enrollment's
  // (a rebuild reads partitions side by side), so Upsert, and updated_at stays the enrollment's.
  ops->Upsert("enrollments", {"id"},
              {{"id", e.enrollment_id},
               {"student_id", e.student_id},
               {"course_id", e.course_id},
               {"current_grade", Decimal{e.current_grade_hundredths, 2}},
               {"quiz_scores", ScoresJson(e.quiz_scores)},
               {"assignment_scores", ScoresJson(e.assignment_scores)}});
}

}  // namespace

bool Handles(const RecordedEvent& e) { return HandlesEventType<AssessmentEvent>(e.type); }

Status Apply(const RecordedEvent& r, RowOps* ops) {
  AssessmentEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(r, e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::uhs_assessment_rows
