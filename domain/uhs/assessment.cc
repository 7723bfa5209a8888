#include "domain/uhs/assessment.h"

#include <algorithm>
#include <set>

#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = AssessmentDecider::Event;
using S = AssessmentStatus;
using Sub = SubmissionStatus;

constexpr int32_t kMaxQuestionPoints = 100;
// assessments.average_score is NUMERIC(5,2): an average of points stays below 1000.
constexpr int32_t kMaxTotalPoints = 999;
constexpr size_t kMaxOptions = 10;
constexpr int32_t kMaxAttempts = 10;
constexpr int32_t kMaxDurationMinutes = 24 * 60;

std::string Trim(const std::string& s) {
  const char* kSpace = " \t\n\r\f\v";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

Rejection Missing(const Uuid& id) {
  return Reject(codes::kAssessmentNotFound, "assessment {} does not exist", ToString(id));
}

// The course's instructor, or staff (admins manage platform-created courses' assessments).
std::optional<Rejection> CheckManager(const std::optional<Uuid>& instructor,
                                      const DecisionContext& ctx, const char* what) {
  if (IsStaff(ctx.actor) || (instructor && IsUser(ctx.actor, *instructor))) return std::nullopt;
  return Reject(codes::kNotAssessmentInstructor,
                "only the course's instructor or staff {} its assessments", what);
}

Uuid ActingUserId(const DecisionContext& ctx) { return ParseUuid(ctx.actor.id).value_or(Uuid{}); }

// The definition both CreateAssessment and UpdateAssessment carry, checked and normalized.
struct Definition {
  std::string title;
  std::optional<std::string> description;
  AssessmentType assessment_type = AssessmentType::quiz;
  std::vector<AssessmentQuestion> questions;
  int32_t total_points = 0;
  int32_t passing_score = 0;
  bool auto_gradable = true;
  std::optional<int32_t> duration_minutes;
  std::optional<Timestamp> available_from;
  std::optional<Timestamp> available_until;
  int32_t max_attempts = 1;
};

std::optional<Rejection> CheckQuestion(AssessmentQuestion* q) {
  q->id = Trim(q->id);
  q->question = Trim(q->question);
  if (q->id.empty()) {
    return Reject(codes::kInvalidAssessmentQuestions, "every question needs an id");
  }
  if (q->question.empty()) {
    return Reject(codes::kInvalidAssessmentQuestions, "question '{}' has no text", q->id);
  }
  if (q->points < 1 || q->points > kMaxQuestionPoints) {
    return Reject(codes::kInvalidAssessmentQuestions, "question '{}' is worth {} points; 1..{}",
                  q->id, q->points, kMaxQuestionPoints);
  }
  if (q->correct_answer) q->correct_answer = Trim(*q->correct_answer);
  for (std::string& option : q->options) option = Trim(option);
  switch (q->type) {
    case QuestionType::multiple_choice: {
      if (q->options.size() < 2 || q->options.size() > kMaxOptions) {
        return Reject(codes::kInvalidAssessmentQuestions,
                      "multiple_choice question '{}' has {} options; 2..{}", q->id,
                      q->options.size(), kMaxOptions);
      }
      std::set<std::string> seen;
      for (const std::string& option : q->options) {
        if (option.empty() || !seen.insert(option).second) {
          return Reject(codes::kInvalidAssessmentQuestions,
                        "question '{}' has an empty or repeated option", q->id);
        }
      }
      if (!q->correct_answer || seen.count(*q->correct_answer) == 0) {
        return Reject(codes::kInvalidAssessmentQuestions,
                      "question '{}' needs its correct answer among its options", q->id);
      }
      return std::nullopt;
    }
    case QuestionType::true_false:
      if (!q->options.empty() || !q->correct_answer ||
          (*q->correct_answer != "true" && *q->correct_answer != "false")) {
        return Reject(codes::kInvalidAssessmentQuestions,
                      "true_false question '{}' takes no options and a correct answer of true or "
                      "false",
                      q->id);
      }
      return std::nullopt;
    case QuestionType::essay:
      if (!q->options.empty() || q->correct_answer) {
        return Reject(codes::kInvalidAssessmentQuestions,
                      "essay question '{}' takes no options and no correct answer", q->id);
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Rejection> CheckDefinition(Definition* d) {
  d->title = Trim(d->title);
  if (d->title.empty()) return Reject(codes::kInvalidTitle, "an assessment needs a title");
  if (d->description) {
    d->description = Trim(*d->description);
    if (d->description->empty()) d->description.reset();
  }
  if (d->questions.empty()) {
    return Reject(codes::kInvalidAssessmentQuestions, "an assessment needs a question");
  }
  std::set<std::string> ids;
  d->total_points = 0;
  for (AssessmentQuestion& q : d->questions) {
    if (auto bad = CheckQuestion(&q)) return bad;
    if (!ids.insert(q.id).second) {
      return Reject(codes::kInvalidAssessmentQuestions, "question id '{}' is used twice", q.id);
    }
    d->total_points += q.points;
  }
  if (d->total_points > kMaxTotalPoints) {
    return Reject(codes::kInvalidAssessmentQuestions,
                  "the questions are worth {} points in all; at most {}", d->total_points,
                  kMaxTotalPoints);
  }
  if (d->auto_gradable) {
    for (const AssessmentQuestion& q : d->questions) {
      if (q.type == QuestionType::essay) {
        return Reject(codes::kAssessmentNotAutoGradable,
                      "question '{}' is an essay; an auto-gradable assessment has none", q.id);
      }
    }
  }
  if (d->passing_score < 0 || d->passing_score > d->total_points) {
    return Reject(codes::kInvalidPassingScore, "passing_score {} is outside 0..{}",
                  d->passing_score, d->total_points);
  }
  if (d->max_attempts < 1 || d->max_attempts > kMaxAttempts) {
    return Reject(codes::kInvalidMaxAttempts, "max_attempts {} is outside 1..{}", d->max_attempts,
                  kMaxAttempts);
  }
  if (d->duration_minutes &&
      (*d->duration_minutes < 1 || *d->duration_minutes > kMaxDurationMinutes)) {
    return Reject(codes::kInvalidDuration, "duration_minutes {} is outside 1..{}",
                  *d->duration_minutes, kMaxDurationMinutes);
  }
  if (d->available_from && d->available_until && !(*d->available_from < *d->available_until)) {
    return Reject(codes::kInvalidAssessmentWindow,
                  "available_until {} is not after available_from {}",
                  FormatIso8601(*d->available_until), FormatIso8601(*d->available_from));
  }
  return std::nullopt;
}

template <class C>
Definition DefinitionOf(const C& c) {
  return Definition{
      c.title,         c.description,   c.assessment_type,  c.questions,      0,
      c.passing_score, c.auto_gradable, c.duration_minutes, c.available_from, c.available_until,
      c.max_attempts};
}

template <class E>
void Fill(const Definition& d, E* e) {
  e->title = d.title;
  e->description = d.description;
  e->assessment_type = d.assessment_type;
  e->questions = d.questions;
  e->total_points = d.total_points;
  e->passing_score = d.passing_score;
  e->auto_gradable = d.auto_gradable;
  e->duration_minutes = d.duration_minutes;
  e->available_from = d.available_from;
  e->available_until = d.available_until;
  e->max_attempts = d.max_attempts;
}

template <class E>
void Apply(const E& e, AssessmentState* s) {
  s->title = e.title;
  s->assessment_type = e.assessment_type;
  s->questions = e.questions;
  s->total_points = e.total_points;
  s->passing_score = e.passing_score;
  s->auto_gradable = e.auto_gradable;
  s->duration_minutes = e.duration_minutes;
  s->available_from = e.available_from;
  s->available_until = e.available_until;
  s->max_attempts = e.max_attempts;
}

Decision<Event> Create(const CreateAssessment& c, const AssessmentState& s,
                       const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kAssessmentAlreadyExists, "assessment {} already exists",
                  ToString(c.assessment_id));
  }
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  if (auto denied = CheckManager(course->instructor_id, ctx, "create")) return *denied;
  Definition d = DefinitionOf(c);
  if (auto bad = CheckDefinition(&d)) return *bad;
  AssessmentCreated e;
  e.assessment_id = c.assessment_id;
  e.course_id = c.course_id;
  e.instructor_id = course->instructor_id;
  e.creator_id = ParseUuid(ctx.actor.id);
  Fill(d, &e);
  return e;
}

Decision<Event> Update(const UpdateAssessment& c, const AssessmentState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.assessment_id);
  if (auto denied = CheckManager(s.instructor_id, ctx, "edit")) return *denied;
  if (s.status() != S::draft) {
    return Reject(codes::kIllegalTransition, "assessment {} is {}; only a draft is edited",
                  ToString(c.assessment_id), EnumName(s.status()));
  }
  Definition d = DefinitionOf(c);
  if (auto bad = CheckDefinition(&d)) return *bad;
  AssessmentUpdated e;
  e.assessment_id = c.assessment_id;
  e.updated_by = ActingUserId(ctx);
  Fill(d, &e);
  return e;
}

std::optional<Rejection> CheckMove(const AssessmentState& s, AssessmentAction action) {
  if (s.machine.Allows(action)) return std::nullopt;
  return Reject(codes::kIllegalTransition, "assessment {} is {}; it cannot take '{}'",
                ToString(s.assessment_id), EnumName(s.status()), EnumName(action));
}

Decision<Event> Publish(const PublishAssessment& c, const AssessmentState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.assessment_id);
  if (auto denied = CheckManager(s.instructor_id, ctx, "publish")) return *denied;
  if (auto illegal = CheckMove(s, AssessmentAction::publish)) return *illegal;
  return AssessmentPublished{c.assessment_id, s.course_id, ActingUserId(ctx)};
}

Decision<Event> Close(const CloseAssessment& c, const AssessmentState& s,
                      const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.assessment_id);
  if (auto denied = CheckManager(s.instructor_id, ctx, "close")) return *denied;
  if (auto illegal = CheckMove(s, AssessmentAction::close)) return *illegal;
  const Timestamp until =
      s.available_until && *s.available_until < ctx.now ? *s.available_until : ctx.now;
  return AssessmentClosed{c.assessment_id, ActingUserId(ctx), ctx.now, until};
}

// Whether the assessment takes an attempt now from the student of `enrollment_id`, acting
// themself: published, within [available_from, available_until] (both ends included), under an
// active enrollment of theirs in the assessment's course.
std::optional<Rejection> CheckTakes(const AssessmentState& s, const Uuid& enrollment_id,
                                    const DecisionContext& ctx, const EnrollmentState** out) {
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(enrollment_id));
  if (!enrollment) {
    return Reject(codes::kEnrollmentNotFound, "enrollment {} does not exist",
                  ToString(enrollment_id));
  }
  if (!IsUser(ctx.actor, enrollment->student_user_id)) {
    return Reject(codes::kNotOwnEnrollment,
                  "enrollment {} is another student's; students take assessments themselves",
                  ToString(enrollment_id));
  }
  if (enrollment->course_id != s.course_id) {
    return Reject(codes::kEnrollmentMismatch,
                  "enrollment {} is in course {}, the assessment in course {}",
                  ToString(enrollment_id), ToString(enrollment->course_id), ToString(s.course_id));
  }
  if (enrollment->status() != EnrollmentStatus::active) {
    return Reject(codes::kEnrollmentNotActive, "enrollment {} is {}, not active",
                  ToString(enrollment_id), EnumName(enrollment->status()));
  }
  if (s.status() != S::published) {
    return Reject(codes::kAssessmentNotPublished, "assessment {} is {}; it takes no attempts",
                  ToString(s.assessment_id), EnumName(s.status()));
  }
  if (s.available_from && ctx.now < *s.available_from) {
    return Reject(codes::kAssessmentNotYetAvailable, "assessment {} opens at {}",
                  ToString(s.assessment_id), FormatIso8601(*s.available_from));
  }
  if (s.available_until && *s.available_until < ctx.now) {
    return Reject(codes::kAssessmentWindowClosed, "assessment {} closed at {}",
                  ToString(s.assessment_id), FormatIso8601(*s.available_until));
  }
  *out = enrollment;
  return std::nullopt;
}

// A new attempt of the student: the id unused, no attempt of theirs open, one attempt left.
std::optional<Rejection> CheckNewAttempt(const AssessmentState& s, const Uuid& submission_id,
                                         const Uuid& student_id, int32_t* attempt_number) {
  if (s.submissions.count(submission_id) > 0) {
    return Reject(codes::kSubmissionAlreadyExists, "submission {} already exists",
                  ToString(submission_id));
  }
  int32_t used = 0;
  for (const auto& [id, sub] : s.submissions) {
    if (sub.student_id != student_id) continue;
    ++used;
    if (sub.status() == Sub::in_progress) {
      return Reject(codes::kAttemptInProgress,
                    "attempt {} of this student is still open; submit it first", ToString(id));
    }
  }
  if (used >= s.max_attempts) {
    return Reject(codes::kMaxAttemptsReached, "the student has used all {} attempt(s)",
                  s.max_attempts);
  }
  *attempt_number = used + 1;
  return std::nullopt;
}

Decision<Event> Start(const StartAssessmentAttempt& c, const AssessmentState& s,
                      const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.assessment_id);
  const EnrollmentState* enrollment = nullptr;
  if (auto refused = CheckTakes(s, c.enrollment_id, ctx, &enrollment)) return *refused;
  int32_t attempt = 0;
  if (auto refused = CheckNewAttempt(s, c.submission_id, enrollment->student_id, &attempt)) {
    return *refused;
  }
  return AssessmentAttemptStarted{c.assessment_id, c.submission_id, enrollment->student_id,
                                  c.enrollment_id, attempt,         ctx.now};
}

// Answers trimmed; each names a question and fits its kind.
std::optional<Rejection> CheckAnswers(const AssessmentState& s,
                                      const std::map<std::string, std::string>& raw,
                                      std::map<std::string, std::string>* out) {
  for (const auto& [key, value] : raw) {
    const std::string id = Trim(key);
    auto q = std::find_if(s.questions.begin(), s.questions.end(),
                          [&](const AssessmentQuestion& x) { return x.id == id; });
    if (q == s.questions.end()) {
      return Reject(codes::kInvalidAssessmentAnswers, "the assessment has no question '{}'", id);
    }
    const std::string answer = Trim(value);
    if (q->type == QuestionType::true_false && answer != "true" && answer != "false") {
      return Reject(codes::kInvalidAssessmentAnswers,
                    "question '{}' is true_false: answer true or false", id);
    }
    if (q->type == QuestionType::multiple_choice &&
        std::find(q->options.begin(), q->options.end(), answer) == q->options.end()) {
      return Reject(codes::kInvalidAssessmentAnswers, "'{}' is not one of question '{}''s options",
                    answer, id);
    }
    if (!out->emplace(id, answer).second) {
      return Reject(codes::kInvalidAssessmentAnswers, "question '{}' is answered twice", id);
    }
  }
  return std::nullopt;
}

// The grading of submission `id` with `score`, and the student's best attempt and the
// assessment's average once it counts.
AssessmentSubmissionGraded Graded(const AssessmentState& s, const Uuid& id,
                                  const AssessmentSubmissionState& sub, int32_t score,
                                  bool auto_graded, const DecisionContext& ctx) {
  AssessmentSubmissionGraded e;
  e.assessment_id = s.assessment_id;
  e.submission_id = id;
  e.student_id = sub.student_id;
  e.enrollment_id = sub.enrollment_id;
  e.course_id = s.course_id;
  e.title = s.title;
  e.assessment_type = s.assessment_type;
  e.attempt_number = sub.attempt_number;
  e.score = score;
  e.total_points = s.total_points;
  e.passing_score = s.passing_score;
  e.passed = score >= s.passing_score;
  e.auto_graded = auto_graded;
  if (!auto_graded) e.graded_by = ActingUserId(ctx);
  e.graded_at = ctx.now;
  e.best_score = score;
  e.best_attempt_number = sub.attempt_number;
  int64_t sum = score;
  int64_t graded = 1;
  for (const auto& [other_id, other] : s.submissions) {
    if (other_id == id || !other.score) continue;
    sum += *other.score;
    ++graded;
    if (other.student_id == sub.student_id &&
        (*other.score > e.best_score ||
         (*other.score == e.best_score && other.attempt_number < e.best_attempt_number))) {
      e.best_score = *other.score;
      e.best_attempt_number = other.attempt_number;
    }
  }
  auto it = s.gradings.find(sub.student_id);
  e.grading_sequence = (it == s.gradings.end() ? 0 : it->second) + 1;
  e.average_score_hundredths = (sum * 100 * 2 + graded) / (graded * 2);  // rounded half up
  return e;
}

Decision<Event> Submit(const SubmitAssessment& c, const AssessmentState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.assessment_id);
  const EnrollmentState* enrollment = nullptr;
  if (auto refused = CheckTakes(s, c.enrollment_id, ctx, &enrollment)) return *refused;
  AssessmentSubmissionState sub;
  auto started = s.submissions.find(c.submission_id);
  if (started != s.submissions.end()) {
    sub = started->second;
    if (sub.student_id != enrollment->student_id) {
      return Reject(codes::kSubmissionAlreadyExists, "submission {} is another student's",
                    ToString(c.submission_id));
    }
    if (sub.status() != Sub::in_progress) {
      return Reject(codes::kSubmissionAlreadySubmitted, "submission {} is already handed in",
                    ToString(c.submission_id));
    }
    if (s.duration_minutes && sub.started_at + Minutes(*s.duration_minutes) < ctx.now) {
      return Reject(codes::kAssessmentTimeUp,
                    "attempt {} started at {} and had {} minute(s); it is over",
                    ToString(c.submission_id), FormatIso8601(sub.started_at), *s.duration_minutes);
    }
  } else {
    int32_t attempt = 0;
    if (auto refused = CheckNewAttempt(s, c.submission_id, enrollment->student_id, &attempt)) {
      return *refused;
    }
    sub.student_id = enrollment->student_id;
    sub.enrollment_id = c.enrollment_id;
    sub.attempt_number = attempt;
    sub.started_at = ctx.now;
  }
  AssessmentSubmitted submitted;
  if (auto bad = CheckAnswers(s, c.answers, &submitted.answers)) return *bad;
  submitted.assessment_id = c.assessment_id;
  submitted.submission_id = c.submission_id;
  submitted.student_id = sub.student_id;
  submitted.enrollment_id = sub.enrollment_id;
  submitted.attempt_number = sub.attempt_number;
  submitted.started_at = sub.started_at;
  submitted.submitted_at = ctx.now;
  submitted.was_started = started != s.submissions.end();
  submitted.total_submissions_after = s.total_submissions + 1;
  if (!s.auto_gradable) return submitted;
  const int32_t score = ScoreAnswers(s.questions, submitted.answers);
  return std::vector<Event>{submitted,
                            Graded(s, c.submission_id, sub, score, /*auto_graded=*/true, ctx)};
}

Decision<Event> Grade(const GradeAssessmentSubmission& c, const AssessmentState& s,
                      const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.assessment_id);
  if (auto denied = CheckManager(s.instructor_id, ctx, "grade")) return *denied;
  auto it = s.submissions.find(c.submission_id);
  if (it == s.submissions.end()) {
    return Reject(codes::kSubmissionNotFound, "assessment {} has no submission {}",
                  ToString(c.assessment_id), ToString(c.submission_id));
  }
  if (it->second.status() == Sub::in_progress) {
    return Reject(codes::kSubmissionNotSubmitted, "submission {} is not handed in yet",
                  ToString(c.submission_id));
  }
  if (c.score < 0 || c.score > s.total_points) {
    return Reject(codes::kGradeOutOfRange, "score {} is outside 0..{}", c.score, s.total_points);
  }
  AssessmentSubmissionGraded e =
      Graded(s, c.submission_id, it->second, c.score, /*auto_graded=*/false, ctx);
  if (c.feedback && !Trim(*c.feedback).empty()) e.feedback = Trim(*c.feedback);
  return e;
}

}  // namespace

int32_t ScoreAnswers(const std::vector<AssessmentQuestion>& questions,
                     const std::map<std::string, std::string>& answers) {
  int32_t score = 0;
  for (const AssessmentQuestion& q : questions) {
    if (!q.correct_answer || q.type == QuestionType::essay) continue;
    auto it = answers.find(q.id);
    if (it != answers.end() && Trim(it->second) == *q.correct_answer) score += q.points;
  }
  return score;
}

Decision<Event> AssessmentDecider::decide(const Command& command, const State& state,
                                          const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const CreateAssessment& c) { return Create(c, state, ctx); },
                 [&](const UpdateAssessment& c) { return Update(c, state, ctx); },
                 [&](const PublishAssessment& c) { return Publish(c, state, ctx); },
                 [&](const CloseAssessment& c) { return Close(c, state, ctx); },
                 [&](const StartAssessmentAttempt& c) { return Start(c, state, ctx); },
                 [&](const SubmitAssessment& c) { return Submit(c, state, ctx); },
                 [&](const GradeAssessmentSubmission& c) { return Grade(c, state, ctx); }},
      command);
}

AssessmentState AssessmentDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const AssessmentCreated& e) {
                   s.exists = true;
                   s.assessment_id = e.assessment_id;
                   s.course_id = e.course_id;
                   s.instructor_id = e.instructor_id;
                   Apply(e, &s);
                 },
                 [&](const AssessmentUpdated& e) { Apply(e, &s); },
                 [&](const AssessmentPublished&) { s.machine.Fire(AssessmentAction::publish); },
                 [&](const AssessmentClosed& e) {
                   s.machine.Fire(AssessmentAction::close);
                   s.available_until = e.available_until;
                 },
                 [&](const AssessmentAttemptStarted& e) {
                   AssessmentSubmissionState& sub = s.submissions[e.submission_id];
                   sub.student_id = e.student_id;
                   sub.enrollment_id = e.enrollment_id;
                   sub.attempt_number = e.attempt_number;
                   sub.started_at = e.started_at;
                 },
                 [&](const AssessmentSubmitted& e) {
                   AssessmentSubmissionState& sub = s.submissions[e.submission_id];
                   sub.student_id = e.student_id;
                   sub.enrollment_id = e.enrollment_id;
                   sub.attempt_number = e.attempt_number;
                   sub.started_at = e.started_at;
                   sub.machine.Fire(SubmissionTrigger::submit);
                   s.total_submissions = e.total_submissions_after;
                 },
                 [&](const AssessmentSubmissionGraded& e) {
                   AssessmentSubmissionState& sub = s.submissions[e.submission_id];
                   sub.machine.Fire(sub.score ? SubmissionTrigger::regrade
                                              : SubmissionTrigger::grade);
                   sub.score = e.score;
                   s.gradings[e.student_id] = e.grading_sequence;
                 }},
      event);
  return s;
}

}  // namespace edu::uhs
