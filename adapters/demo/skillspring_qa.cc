#include "adapters/demo/skillspring_qa.h"

#include <map>
#include <set>
#include <stdexcept>

#include <pqxx/pqxx>

#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_qa.h"

namespace edu {
namespace {

using namespace skillspring;

constexpr const char* kPart = "skillspring";

void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, kPart, what); }

class QaScenario {
 public:
  QaScenario(DemoDriver& d, const SkillspringQaCast& cast, SkillspringDemoTotals* t)
      : d_(d), cast_(cast), t_(t) {}

  void Run() {
    if (cast_.reviews.size() < 2) {
      throw std::runtime_error("skillspring demo: moderation needs 2 reviews");
    }
    Questions();
    Reports();
  }

 private:
  Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }
  // Refused with `code` (the rejection catalog's test reads the codes of these calls).
  void ExpectRefusal(const DemoOutcome& refused, const char* code, const char* what) {
    ExpectRefused(refused, code, kPart, what);
    ++t_->refusals[code];
  }

  void Questions() {
    static const char* kAsked[] = {
        "How do I read an EXPLAIN plan?", "Why does my LEFT JOIN return NULLs?",
        "Is a composite index used for the second column alone?", "When is a CTE materialized?"};
    std::vector<std::pair<Uuid, const SkillspringQaCast::Owner*>> questions;
    std::set<Uuid> asked_by;
    for (const auto& owner : cast_.owners) {
      if (questions.size() == 4 || !asked_by.insert(owner.student).second) continue;
      Uuid question = d_.NewId();
      Expect(d_.Send("AskQuestion",
                     CommandBody("skillspring", AskQuestion{question, owner.student, owner.course,
                                                            kAsked[questions.size()]}),
                     As(owner.student, "student")),
             "asking a question");
      ++t_->questions;
      questions.push_back({question, &owner});
    }
    if (questions.size() < 4) throw std::runtime_error("skillspring demo: 4 askers needed");
    // Someone who does not own the course may not ask about it.
    const auto& first = *questions[0].second;
    std::set<std::pair<Uuid, Uuid>> owned;
    for (const auto& o : cast_.owners) owned.insert({o.student, o.course});
    for (const Uuid& student : cast_.students) {
      if (owned.count({student, first.course})) continue;
      const DemoOutcome not_enrolled = d_.Send(
          "AskQuestion",
          CommandBody("skillspring",
                      AskQuestion{d_.NewId(), student, first.course, "Can I ask without buying?"}),
          As(student, "student"));
      ExpectRefusal(not_enrolled, "not_enrolled", "a question about a course never bought");
      break;
    }
    const DemoOutcome invalid_question = d_.Send(
        "AskQuestion",
        CommandBody("skillspring", AskQuestion{d_.NewId(), first.student, first.course, "   "}),
        As(first.student, "student"));
    ExpectRefusal(invalid_question, "invalid_question", "a blank question");

    // The course's mentor answers each question; the first two get a follow-up answer too.
    std::vector<Uuid> first_answers;
    for (size_t i = 0; i < questions.size(); ++i) {
      const auto& [question, owner] = questions[i];
      for (int n = 0; n < (i < 2 ? 2 : 1); ++n) {
        Uuid answer = d_.NewId();
        Expect(d_.Send("AnswerQuestion",
                       CommandBody("skillspring",
                                   AnswerQuestion{answer, question, owner->mentor,
                                                  n == 0 ? "Start from the lecture on indexes."
                                                         : "And try it on the sample data."}),
                       As(owner->mentor, "mentor")),
               "answering a question");
        ++t_->answers;
        if (n == 0) first_answers.push_back(answer);
      }
    }
    // Another mentor may not answer.
    for (const auto& owner : cast_.owners) {
      if (owner.mentor == questions[0].second->mentor) continue;
      const DemoOutcome not_course_mentor =
          d_.Send("AnswerQuestion",
                  CommandBody("skillspring", AnswerQuestion{d_.NewId(), questions[0].first,
                                                            owner.mentor, "Try my course"}),
                  As(owner.mentor, "mentor"));
      ExpectRefusal(not_course_mentor, "not_course_mentor", "an answer by another course's mentor");
      break;
    }
    // The askers of the first three questions mark a solution; someone else may not, and a
    // question has one solution.
    const DemoOutcome not_question_asker = d_.Send(
        "MarkAnswerAsSolution",
        CommandBody("skillspring", MarkAnswerAsSolution{questions[0].first, first_answers[0],
                                                        questions[1].second->student}),
        As(questions[1].second->student, "student"));
    ExpectRefusal(not_question_asker, "not_question_asker",
                  "a solution marked on someone else's question");
    for (size_t i = 0; i < 3; ++i) {
      const Uuid& asker = questions[i].second->student;
      Expect(d_.Send("MarkAnswerAsSolution",
                     CommandBody("skillspring",
                                 MarkAnswerAsSolution{questions[i].first, first_answers[i], asker}),
                     As(asker, "student")),
             "marking a solution");
      ++t_->solutions;
    }
    const Uuid& asker = questions[0].second->student;
    const DemoOutcome question_already_resolved =
        d_.Send("MarkAnswerAsSolution",
                CommandBody("skillspring",
                            MarkAnswerAsSolution{questions[0].first, first_answers[0], asker}),
                As(asker, "student"));
    ExpectRefusal(question_already_resolved, "question_already_resolved", "a second solution");
  }

  // Students other than the author, in order.
  std::vector<Uuid> Reporters(const Uuid& author, size_t n) {
    std::vector<Uuid> out;
    for (const Uuid& s : cast_.students) {
      if (s != author && out.size() < n) out.push_back(s);
    }
    return out;
  }

  void Report(const Uuid& review, const Uuid& reporter, const char* reason) {
    Expect(
        d_.Send("ReportReview", CommandBody("skillspring", ReportReview{review, reporter, reason}),
                As(reporter, "student")),
        "reporting a review");
    ++t_->reports;
  }

  void Reports() {
    const Actor admin = As(cast_.admin, "admin");
    const auto& [removed, removed_author] = cast_.reviews[0];
    const auto& [kept, kept_author] = cast_.reviews[1];
    // A review nobody reported is not moderated.
    const DemoOutcome review_not_reported =
        d_.Send("DismissReviewReports",
                CommandBody("skillspring", DismissReviewReports{kept, std::nullopt}), admin);
    ExpectRefusal(review_not_reported, "review_not_reported",
                  "dismissing reports of a review nobody reported");
    std::vector<Uuid> reporters = Reporters(removed_author, 2);
    for (const Uuid& r : reporters) Report(removed, r, "Personal attacks on the mentor");
    const DemoOutcome already_reported = d_.Send(
        "ReportReview", CommandBody("skillspring", ReportReview{removed, reporters[0], "Again"}),
        As(reporters[0], "student"));
    ExpectRefusal(already_reported, "already_reported", "reporting a review twice");
    const DemoOutcome own_review = d_.Send(
        "ReportReview", CommandBody("skillspring", ReportReview{removed, removed_author, "Mine"}),
        As(removed_author, "student"));
    ExpectRefusal(own_review, "own_review", "reporting one's own review");
    // Moderation is the admin's: a mentor is refused before anything is decided.
    const Uuid& mentor = cast_.owners[0].mentor;
    const DemoOutcome by_mentor =
        d_.Send("RemoveReview", CommandBody("skillspring", RemoveReview{removed, "I dislike it"}),
                As(mentor, "mentor"));
    ExpectRefusal(by_mentor, "role_not_allowed", "a mentor removing a review");
    Expect(d_.Send("RemoveReview",
                   CommandBody("skillspring", RemoveReview{removed, "Abusive language"}), admin),
           "removing a reported review");
    ++t_->reviews_removed;

    Report(kept, Reporters(kept_author, 1)[0], "I disagree with it");
    Expect(d_.Send("DismissReviewReports",
                   CommandBody("skillspring",
                               DismissReviewReports{kept, std::string("Honest criticism")}),
                   admin),
           "dismissing the reports of a review");
    ++t_->reports_dismissed;
  }

  DemoDriver& d_;
  const SkillspringQaCast& cast_;
  SkillspringDemoTotals* t_;
};

// Events of the skillspring marketplace in the log, by type.
std::map<std::string, int64_t> CountEvents(EventLog* log) {
  std::map<std::string, int64_t> count;
  for (int p = 0; p < log->partition_count(); ++p) {
    for (int64_t from = 0;;) {
      std::vector<RecordedEvent> batch;
      Status read = log->ReadPartition(p, from, 1000, &batch);
      if (!read.ok()) {
        throw std::runtime_error("skillspring report: reading the log: " + read.ToString());
      }
      if (batch.empty()) break;
      from = batch.back().offset + 1;
      for (const auto& e : batch) {
        if (e.marketplace == "skillspring") ++count[e.type];
      }
    }
  }
  return count;
}

}  // namespace

void RunSkillspringQaDemo(DemoDriver& d, const SkillspringQaCast& cast,
                          SkillspringDemoTotals* totals) {
  QaScenario(d, cast, totals).Run();
}

std::vector<DemoCheck> SkillspringQaChecks(const std::string& db_uri, EventLog* log,
                                           const SkillspringDemoTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  std::map<std::string, int64_t> events = CountEvents(log);
  const std::string kRemoved =
      "SELECT count(*) FROM skillspring.course_reviews WHERE moderation_status = 'removed' AND "
      "deleted_at IS NOT NULL";
  return {
      {"course_questions", t.questions, scalar("SELECT count(*) FROM skillspring.course_questions"),
       false},
      {"  = QuestionAsked events in the log", t.questions, events["QuestionAsked"], false},
      {"course_answers (all by the course's mentor)", t.answers,
       scalar("SELECT count(*) FROM skillspring.course_answers a JOIN "
              "skillspring.course_questions q ON q.id = a.question_id JOIN skillspring.courses c "
              "ON c.id = q.course_id AND c.mentor_id = a.mentor_id"),
       false},
      {"  = QuestionAnswered events in the log", t.answers, events["QuestionAnswered"], false},
      {"answers marked as the solution", t.solutions,
       scalar("SELECT count(*) FROM skillspring.course_answers WHERE is_marked_solution"), false},
      {"  = questions resolved (resolved_at)", t.solutions,
       scalar("SELECT count(*) FROM skillspring.course_questions WHERE resolved_at IS NOT NULL"),
       false},
      {"  = AnswerMarkedAsSolution events in the log", t.solutions,
       events["AnswerMarkedAsSolution"], false},
      {"reports = sum of course_reviews.reported_count", t.reports,
       scalar("SELECT sum(reported_count) FROM skillspring.course_reviews"), false},
      {"  = ReviewReported events in the log", t.reports, events["ReviewReported"], false},
      {"reviews removed (moderation_status, deleted_at)", t.reviews_removed, scalar(kRemoved),
       false},
      {"  = ReviewRemoved events in the log", t.reviews_removed, events["ReviewRemoved"], false},
      {"  = MentorRatingWithdrawn events in the log", t.reviews_removed,
       events["MentorRatingWithdrawn"], false},
      {"reviews whose reports were dismissed", t.reports_dismissed,
       events["ReviewReportsDismissed"], false},
      {"reviews still reported (not moderated)", 0,
       scalar("SELECT count(*) FROM skillspring.course_reviews WHERE moderation_status = "
              "'reported'"),
       false},
  };
}

}  // namespace edu
