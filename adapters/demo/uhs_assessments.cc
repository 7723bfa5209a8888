#include "adapters/demo/uhs_assessments.h"

#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/uhs/commands.h"
#include "domain/uhs/commands_assessment.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

using namespace uhs;

void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, "uhs assessments", what); }

Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }

AssessmentQuestion Choice(const char* id, const char* text, std::vector<std::string> options,
                          const char* correct, int32_t points) {
  return AssessmentQuestion{id,    QuestionType::multiple_choice, text, std::move(options), correct,
                            points};
}
AssessmentQuestion TrueFalse(const char* id, const char* text, bool correct, int32_t points) {
  return AssessmentQuestion{
      id, QuestionType::true_false, text, {}, std::string(correct ? "true" : "false"), points};
}
AssessmentQuestion Essay(const char* id, const char* text, int32_t points) {
  return AssessmentQuestion{id, QuestionType::essay, text, {}, std::nullopt, points};
}

class AssessmentScenario {
 public:
  AssessmentScenario(DemoDriver& d, const UhsAssessmentsCast& cast,
                     const std::function<void()>& settle, UhsAssessmentTotals* t)
      : d_(d), cast_(cast), settle_(settle), t_(t) {}

  void Run() {
    if (cast_.instructors.size() < 2 || cast_.children.size() < 3 || !cast_.courses ||
        !cast_.enrollments) {
      throw std::runtime_error("uhs assessments demo: needs 2 instructors, 3 children, counters");
    }
    Courses();
    Quiz();
    Project();
    Exam();
    settle_();
  }

 private:
  struct Learner {
    Uuid student;
    Uuid user;
    Uuid enrollment;
  };

  template <class C>
  DemoOutcome Send(const C& command, const Actor& actor) {
    return d_.Send(C::kType, CommandBody("uhs", command), actor);
  }
  template <class C>
  void Refused(const C& command, const Actor& actor, const char* code, const char* what) {
    ExpectRefused(Send(command, actor), code, "uhs assessments", what);
    ++t_->refusals;
  }
  Actor Teacher() { return As(cast_.instructors[0], "instructor"); }
  Actor Student(const Learner& l) { return As(l.user, "student"); }

  Uuid FreeCourse(const char* title, const char* area) {
    Uuid id = d_.NewId();
    CreateCourse c;
    c.course_id = id;
    c.title = title;
    c.description = "Weekly practice with quizzes and a project";
    c.grade_levels = {"Grade 7"};
    c.learning_area = area;
    c.price = Money{0, "KES"};
    c.instructor_id = cast_.instructors[0];
    c.lessons = {"practice-1", "practice-2"};
    Expect(Send(c, Teacher()), "creating a free practice course");
    Expect(Send(PublishCourse{id}, Teacher()), "publishing the practice course");
    ++*cast_.courses;
    return id;
  }

  Uuid Enroll(const Uuid& student, const Uuid& parent, const Uuid& course) {
    Uuid id = d_.NewId();
    Expect(Send(EnrollInCourse{id, student, course, std::nullopt}, As(parent, "parent")),
           "enrolling in the free practice course");
    ++*cast_.enrollments;
    return id;
  }

  // Every child but the last in the mathematics practice course; the last in the science one.
  void Courses() {
    maths_ = FreeCourse("Grade 7 Mathematics practice", "Mathematics");
    science_ = FreeCourse("Grade 7 Science practice", "Science");
    for (size_t i = 0; i + 1 < cast_.children.size() && i < 6; ++i) {
      const auto& [student, parent] = cast_.children[i];
      learners_.push_back({student, StudentUserIdFor(student), Enroll(student, parent, maths_)});
    }
    const auto& [student, parent] = cast_.children.back();
    outsider_ = {student, StudentUserIdFor(student), Enroll(student, parent, science_)};
  }

  Uuid Create(CreateAssessment c) {
    Expect(Send(c, Teacher()), "creating an assessment");
    ++t_->assessments;
    Expect(Send(PublishAssessment{c.assessment_id}, Teacher()), "publishing an assessment");
    ++t_->published;
    return c.assessment_id;
  }

  CreateAssessment Definition(const char* title, AssessmentType type, bool auto_gradable) {
    CreateAssessment c;
    c.assessment_id = d_.NewId();
    c.course_id = maths_;
    c.title = title;
    c.assessment_type = type;
    c.auto_gradable = auto_gradable;
    c.available_from = d_.clock().Now();
    c.available_until = d_.clock().Now() + Days(14);
    return c;
  }

  // Auto-graded at hand-in; two attempts; the first learner starts before handing in.
  void Quiz() {
    CreateAssessment quiz = Definition("Fractions quiz", AssessmentType::quiz, true);
    quiz.description = "Adding, comparing and simplifying fractions";
    quiz.questions = {
        Choice("q1", "What is 1/3 + 1/4?", {"2/7", "7/12", "1/12", "5/12"}, "7/12", 10),
        Choice("q2", "Which is larger?", {"3/5", "5/8"}, "5/8", 10),
        TrueFalse("q3", "6/8 simplifies to 3/4.", true, 5),
    };
    quiz.passing_score = 15;
    quiz.duration_minutes = 30;
    quiz.max_attempts = 2;
    // Refused first: another instructor, and an essay in an auto-gradable quiz.
    Refused(quiz, As(cast_.instructors[1], "instructor"), "not_assessment_instructor",
            "another instructor creating an assessment of the course");
    CreateAssessment with_essay = quiz;
    with_essay.questions.push_back(Essay("q4", "Explain how you compared them.", 5));
    Refused(with_essay, Teacher(), "assessment_not_auto_gradable",
            "an essay question in an auto-gradable quiz");
    const Uuid id = Create(quiz);

    static const char* kPicks[][3] = {{"7/12", "5/8", "true"},
                                      {"2/7", "5/8", "true"},
                                      {"7/12", "3/5", "false"},
                                      {"5/12", "3/5", "true"}};
    for (size_t i = 0; i < learners_.size(); ++i) {
      const Learner& l = learners_[i];
      const auto* picks = kPicks[i % 4];
      std::map<std::string, std::string> answers = {
          {"q1", picks[0]}, {"q2", picks[1]}, {"q3", picks[2]}};
      Uuid submission = d_.NewId();
      if (i == 0) {
        Expect(Send(StartAssessmentAttempt{id, submission, l.enrollment}, Student(l)),
               "starting a timed quiz attempt");
        ++t_->started_first;
        d_.clock().Advance(Minutes(12));  // handed in 12 of its 30 minutes later
      }
      Expect(Send(SubmitAssessment{id, submission, l.enrollment, answers}, Student(l)),
             "handing in the quiz");
      ++t_->submissions;
      ++t_->auto_graded;
      // The weaker half tries again, with every answer right.
      if (i % 2 == 1) {
        Expect(
            Send(
                SubmitAssessment{
                    id, d_.NewId(), l.enrollment, {{"q1", "7/12"}, {"q2", "5/8"}, {"q3", "true"}}},
                Student(l)),
            "a second quiz attempt");
        ++t_->submissions;
        ++t_->auto_graded;
        Refused(SubmitAssessment{id, d_.NewId(), l.enrollment, answers}, Student(l),
                "max_attempts_reached", "a third attempt of two");
      }
    }
    t_->grades += static_cast<int>(learners_.size());
    Refused(SubmitAssessment{id, d_.NewId(), outsider_.enrollment, {{"q1", "7/12"}}},
            Student(outsider_), "enrollment_mismatch",
            "a quiz handed in by a student not enrolled in its course");
    quiz_ = id;
  }

  // Graded by the instructor, with feedback; one grade above the project's points is refused.
  void Project() {
    CreateAssessment project =
        Definition("Fractions in the kitchen", AssessmentType::project, false);
    project.questions = {
        Essay("p1", "Write a recipe for 12 people from one for 4, showing the fractions.", 20),
        Choice("p2", "Three quarters of 8 cups is", {"4", "6", "8"}, "6", 5),
    };
    project.passing_score = 13;
    const Uuid id = Create(project);
    std::vector<Uuid> submissions;
    for (size_t i = 0; i < learners_.size() && i < 4; ++i) {
      const Learner& l = learners_[i];
      Uuid submission = d_.NewId();
      Expect(Send(SubmitAssessment{id,
                                   submission,
                                   l.enrollment,
                                   {{"p1", "Multiply every amount by 3: 1/2 cup becomes 3/2."},
                                    {"p2", i % 2 ? "4" : "6"}}},
                  Student(l)),
             "handing in the project");
      ++t_->submissions;
      submissions.push_back(submission);
    }
    Refused(GradeAssessmentSubmission{id, submissions[0], 26, std::string("Excellent")}, Teacher(),
            "grade_out_of_range", "a grade above the project's 25 points");
    for (size_t i = 0; i < submissions.size(); ++i) {
      const int32_t score = static_cast<int32_t>(14 + (i * 3) % 12);
      Expect(Send(GradeAssessmentSubmission{id, submissions[i], score,
                                            fmt::format("Clear working; {} of 25.", score)},
                  Teacher()),
             "grading a project");
      ++t_->graded_by_instructor;
      ++t_->grades;
    }
    t_->graded_enrollments = static_cast<int>(learners_.size());
    // The quiz is over: closed, it takes no more attempts.
    Expect(Send(CloseAssessment{quiz_}, Teacher()), "closing the quiz");
    Refused(SubmitAssessment{quiz_, d_.NewId(), learners_[0].enrollment, {{"q1", "7/12"}}},
            Student(learners_[0]), "assessment_not_published", "handing in a closed quiz");
  }

  // An exam whose window opens in a month: an attempt now is refused.
  void Exam() {
    CreateAssessment exam = Definition("End of term exam", AssessmentType::exam, true);
    exam.questions = {TrueFalse("e1", "0.5 equals 1/2.", true, 10)};
    exam.passing_score = 5;
    exam.available_from = d_.clock().Now() + Days(30);
    exam.available_until = d_.clock().Now() + Days(31);
    const Uuid id = Create(exam);
    Refused(SubmitAssessment{id, d_.NewId(), learners_[0].enrollment, {{"e1", "true"}}},
            Student(learners_[0]), "assessment_not_yet_available",
            "an exam attempt before its window opens");
  }

  DemoDriver& d_;
  const UhsAssessmentsCast& cast_;
  const std::function<void()>& settle_;
  UhsAssessmentTotals* t_;
  Uuid maths_, science_, quiz_;
  std::vector<Learner> learners_;
  Learner outsider_;
};

// What the log says of the assessments: events by type, and the latest grading of each
// submission.
struct LoggedAssessments {
  std::map<std::string, int64_t> events;
  std::map<Uuid, AssessmentSubmissionGraded> latest_grading;  // by submission
  std::set<std::pair<Uuid, Uuid>> graded_pairs;               // enrollment, assessment
};

LoggedAssessments ReadLog(EventLog* log) {
  LoggedAssessments out;
  for (int p = 0; p < log->partition_count(); ++p) {
    for (int64_t from = 0;;) {
      std::vector<RecordedEvent> batch;
      Status read = log->ReadPartition(p, from, 1000, &batch);
      if (!read.ok()) {
        throw std::runtime_error("uhs assessments report: reading the log: " + read.ToString());
      }
      if (batch.empty()) break;
      from = batch.back().offset + 1;
      for (const auto& e : batch) {
        if (e.marketplace != "uhs") continue;
        ++out.events[e.type];
        if (e.type != AssessmentSubmissionGraded::kType) continue;
        AssessmentSubmissionGraded g;
        Status decoded = json::Decode(e.payload, &g, json::DecodeOptions{false});
        if (!decoded.ok()) {
          throw std::runtime_error("uhs assessments report: " + decoded.ToString());
        }
        out.latest_grading[g.submission_id] = g;  // a stream's events are in order
        out.graded_pairs.insert({g.enrollment_id, g.assessment_id});
      }
    }
  }
  return out;
}

}  // namespace

void RunUhsAssessmentsDemo(DemoDriver& driver, const UhsAssessmentsCast& cast,
                           const std::function<void()>& settle, UhsAssessmentTotals* totals) {
  AssessmentScenario(driver, cast, settle, totals).Run();
}

std::vector<DemoCheck> UhsAssessmentChecks(const std::string& db_uri, EventLog* log,
                                           const UhsAssessmentTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  LoggedAssessments logged = ReadLog(log);
  int64_t logged_score_sum = 0, logged_auto = 0;
  for (const auto& [id, g] : logged.latest_grading) {
    logged_score_sum += g.score;
    if (g.auto_graded) ++logged_auto;
  }
  std::map<std::string, int64_t>& events = logged.events;
  const std::string kGradeItems =
      "SELECT coalesce(sum(jsonb_array_length(quiz_scores) + "
      "jsonb_array_length(assignment_scores)),"
      " 0) FROM uhs.enrollments";
  return {
      {"assessments", t.assessments, scalar("SELECT count(*) FROM uhs.assessments"), false},
      {"  = AssessmentCreated events", events["AssessmentCreated"],
       scalar("SELECT count(*) FROM uhs.assessments"), false},
      {"  published = AssessmentPublished events", events["AssessmentPublished"],
       scalar("SELECT count(*) FROM uhs.assessments WHERE is_published"), false},
      {"submissions handed in", t.submissions,
       scalar("SELECT count(*) FROM uhs.assessment_submissions WHERE is_submitted"), false},
      {"  = AssessmentSubmitted events", events["AssessmentSubmitted"],
       scalar("SELECT coalesce(sum(total_submissions), 0) FROM uhs.assessments"), false},
      {"  started before hand-in", t.started_first,
       scalar("SELECT count(*) FROM uhs.assessment_submissions WHERE started_at < submitted_at"),
       false},
      {"graded submissions (auto + instructor)", t.auto_graded + t.graded_by_instructor,
       scalar("SELECT count(*) FROM uhs.assessment_submissions WHERE is_graded"), false},
      {"  = graded submissions in the log", static_cast<int64_t>(logged.latest_grading.size()),
       scalar("SELECT count(*) FROM uhs.assessment_submissions WHERE is_graded AND score IS NOT "
              "NULL AND graded_at IS NOT NULL"),
       false},
      {"  auto-graded (no grader) = log", logged_auto,
       scalar("SELECT count(*) FROM uhs.assessment_submissions WHERE is_graded AND graded_by IS "
              "NULL"),
       false},
      {"  by the instructor, with feedback", t.graded_by_instructor,
       scalar("SELECT count(*) FROM uhs.assessment_submissions WHERE graded_by IS NOT NULL AND "
              "feedback IS NOT NULL"),
       false},
      {"  sum of scores = latest gradings in the log", logged_score_sum,
       scalar("SELECT coalesce(sum(score), 0) FROM uhs.assessment_submissions"), false},
      {"grades in enrollments' quiz/assignment_scores", t.grades, scalar(kGradeItems), false},
      {"  = graded (enrollment, assessment) in the log",
       static_cast<int64_t>(logged.graded_pairs.size()), scalar(kGradeItems), false},
      {"enrollments with a current_grade", t.graded_enrollments,
       scalar("SELECT count(*) FROM uhs.enrollments WHERE current_grade > 0"), false},
  };
}

}  // namespace edu
