// Property tests of Skillspring course Q&A and review moderation: random questions, answers,
// solutions, reviews, votes, reports and moderation by random actors (the right ones and the wrong
// ones) through the real pipeline over the in-memory log, with the skillspring-commerce reaction
// run to quiescence after every command. From the events alone, after every step:
//   - a question comes from a student owning the course then; every answer from that course's
//     mentor; at most one solution per question, by its asker, naming one of its answers;
//   - reported_count_after counts the review's distinct reporters, never its author; nothing is
//     reported, voted on or moderated once the review is removed; moderation only of a reported
//     review, and only by an admin;
//   - each mentor's rating (count and sum) is exactly the reviews of their courses not removed.
#include <map>
#include <memory>
#include <random>
#include <set>

#include <doctest/doctest.h>

#include "commands/reaction.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/qa.h"
#include "domain/skillspring/review.h"
#include "eventstore/event_codec.h"
#include "tests/support/command_world.h"

namespace edu {
std::unique_ptr<Reaction> MakeSkillspringCommerceReaction();
}

namespace edu::skillspring {
namespace {

using QaEvent = std::variant<CoursePurchased, PurchaseRefunded, QuestionAsked, QuestionAnswered,
                             AnswerMarkedAsSolution, ReviewWritten, ReviewVoted, ReviewReported,
                             ReviewReportsDismissed, ReviewRemoved, MentorRatingRecorded,
                             MentorRatingWithdrawn>;

// What the events say, and every rule they break.
struct QaBooks {
  std::map<Uuid, Uuid> course_mentor;
  std::set<std::pair<Uuid, Uuid>> owned;  // student, course
  struct Question {
    Uuid asker, course;
    std::set<Uuid> answers;
    bool solved = false;
  };
  std::map<Uuid, Question> questions;
  struct Review {
    Uuid author, mentor;
    int32_t rating = 0;
    std::set<Uuid> reporters;
    ModerationStatus status = ModerationStatus::active;
  };
  std::map<Uuid, Review> reviews;
  struct Rating {
    int32_t count = 0;
    int64_t sum = 0;
  };
  std::map<Uuid, Rating> ratings;  // by mentor, from the rating events
  std::vector<std::string> violations;

  void Violation(const std::string& what) { violations.push_back(what); }

  void Apply(const RecordedEvent& r) {
    if (!HandlesEventType<QaEvent>(r.type)) return;
    QaEvent event;
    if (!DecodeEvent(r, &event).ok()) return Violation("undecodable " + r.type);
    std::visit(
        Overloaded{[&](const CoursePurchased& e) {
                     owned.insert({e.student_id, e.course_id});
                   },
                   [&](const PurchaseRefunded& e) {
                     owned.erase({e.student_id, e.course_id});
                   },
                   [&](const QuestionAsked& e) {
                     if (!owned.count({e.student_id, e.course_id}))
                       Violation("a question by a student not owning the course");
                     if (course_mentor[e.course_id] != e.mentor_id)
                       Violation("a question naming another mentor");
                     questions[e.question_id] = {e.student_id, e.course_id, {}, false};
                   },
                   [&](const QuestionAnswered& e) {
                     auto q = questions.find(e.question_id);
                     if (q == questions.end()) return Violation("an answer to no question");
                     if (course_mentor[q->second.course] != e.mentor_id ||
                         r.actor.id != ToString(e.mentor_id)) {
                       Violation("an answer by someone other than the course's mentor");
                     }
                     q->second.answers.insert(e.answer_id);
                   },
                   [&](const AnswerMarkedAsSolution& e) {
                     Question& q = questions[e.question_id];
                     if (q.solved) Violation("a second solution");
                     if (q.asker != e.student_id || r.actor.id != ToString(q.asker))
                       Violation("a solution marked by someone other than the asker");
                     if (!q.answers.count(e.answer_id))
                       Violation("a solution that is not one of the question's answers");
                     q.solved = true;
                   },
                   [&](const ReviewWritten& e) {
                     reviews[e.review_id] = {e.student_id, e.mentor_id, e.rating, {}, {}};
                   },
                   [&](const ReviewVoted& e) {
                     if (reviews[e.review_id].status == ModerationStatus::removed)
                       Violation("a vote on a removed review");
                   },
                   [&](const ReviewReported& e) {
                     Review& v = reviews[e.review_id];
                     if (v.status == ModerationStatus::removed)
                       Violation("a report of a removed review");
                     if (e.reporter_id == v.author) Violation("a review reported by its author");
                     if (!v.reporters.insert(e.reporter_id).second)
                       Violation("a review reported twice by one person");
                     if (e.reported_count_after != static_cast<int32_t>(v.reporters.size()))
                       Violation("reported_count_after is not the number of reporters");
                     v.status = ModerationStatus::reported;
                   },
                   [&](const ReviewReportsDismissed& e) { Moderated(r, e.review_id, false); },
                   [&](const ReviewRemoved& e) { Moderated(r, e.review_id, true); },
                   [&](const MentorRatingRecorded& e) {
                     Rating& m = ratings[e.mentor_id];
                     m = {e.total_reviews_after, e.rating_sum_after};
                   },
                   [&](const MentorRatingWithdrawn& e) {
                     Rating& m = ratings[e.mentor_id];
                     if (m.count - 1 != e.total_reviews_after ||
                         m.sum - e.rating != e.rating_sum_after)
                       Violation("a withdrawal that does not take exactly one review out");
                     m = {e.total_reviews_after, e.rating_sum_after};
                   }},
        event);
  }

  void Moderated(const RecordedEvent& r, const Uuid& review, bool removed) {
    Review& v = reviews[review];
    if (v.status != ModerationStatus::reported) Violation("moderation of a review not reported");
    if (r.actor.role != "admin") Violation("moderation by someone other than an admin");
    v.status = removed ? ModerationStatus::removed : ModerationStatus::active;
  }

  // With the reactions quiet: each mentor's rating is the reviews of their courses still standing.
  void CheckRatings() {
    std::map<Uuid, Rating> expected;
    for (const auto& [id, v] : reviews) {
      if (v.status == ModerationStatus::removed) continue;
      ++expected[v.mentor].count;
      expected[v.mentor].sum += v.rating;
    }
    for (const auto& [mentor, got] : ratings) expected[mentor];  // all removed: 0 and 0
    for (const auto& [mentor, want] : expected) {
      const Rating& got = ratings[mentor];
      if (got.count != want.count || got.sum != want.sum)
        Violation("a mentor's rating is not the sum of their standing reviews");
    }
  }
};

Money Usd(int64_t cents) { return Money{cents, "USD"}; }

class QaMarket {
 public:
  explicit QaMarket(uint64_t seed)
      : rng_(seed), world_("skillspring", *ParseIso8601("2026-04-01T09:00:00Z"), Reactions()) {
    world_.on_event = [this](const RecordedEvent& e) {
      if (e.marketplace == "skillspring") books_.Apply(e);
    };
    world_.on_violation = [this](const std::string& what) { books_.Violation(what); };
  }

  static std::vector<std::unique_ptr<Reaction>> Reactions() {
    std::vector<std::unique_ptr<Reaction>> out;
    out.push_back(MakeSkillspringCommerceReaction());
    return out;
  }

  template <class C>
  void Must(const C& command, const Actor& actor) {
    CommandResult r = world_.Send(command, actor);
    REQUIRE_MESSAGE(r.ok(),
                    C::kType << ": " << (r.error ? r.error->code + " " + r.error->message : ""));
  }

  void Register(const Uuid& id, UserRole role, const char* role_name) {
    RegisterUser u;
    u.user_id = id;
    u.role = role;
    u.email = ToString(id).substr(0, 8) + "@example.com";
    u.first_name = "Sam";
    u.last_name = "Lee";
    Must(u, Actor{ToString(id), role_name});
  }

  void Setup() {
    Register(admin_id_, UserRole::admin, "admin");
    for (int m = 0; m < 2; ++m) mentors_.push_back(NewId());
    for (const Uuid& m : mentors_) Register(m, UserRole::mentor, "mentor");
    for (int s = 0; s < 5; ++s) students_.push_back(NewId());
    for (const Uuid& s : students_) Register(s, UserRole::student, "student");
    for (int i = 0; i < 3; ++i) {
      const Uuid& mentor = mentors_[i % 2];
      const Actor self{ToString(mentor), "mentor"};
      CreateCourse c;
      c.slug = "qa-course-" + std::to_string(i);
      c.mentor_id = mentor;
      c.title = "Course";
      c.description = "About";
      c.language_code = "en";
      c.list_price = Usd(1000 + i);
      c.sections = {SectionSpec{
          NewId(), "Part 1", {LectureSpec{NewId(), "One", ContentType::video, 5, {}, {}, {}}}}};
      Must(c, self);
      const Uuid course = CourseIdFor(c.slug);
      Must(SubmitCourse{course}, self);
      Must(PublishCourse{course}, Admin());
      courses_.push_back(course);
      books_.course_mentor[course] = mentor;
      prices_[course] = 1000 + i;
    }
    // Every student buys a random subset of the courses, one cart each.
    for (const Uuid& s : students_) {
      const Uuid cart = NewId();
      int64_t total = 0;
      for (const Uuid& c : courses_) {
        if (rng_() % 3 == 0) continue;
        Must(AddToCart{s, cart, c}, Student(s));
        total += prices_[c];
      }
      if (total > 0) Must(CheckoutCart{s, cart, Usd(total), "pi_" + ToString(cart)}, Student(s));
    }
  }

  void Step() {
    const Uuid& student = Pick(students_);
    const Uuid& course = Pick(courses_);
    switch (rng_() % 10) {
      case 0:
      case 1:
        Send(AskQuestion{NewId(), student, course, Text()}, Student(student));
        break;
      case 2:
      case 3: {
        if (questions_.empty()) break;
        // Mostly the course's mentor; else the other mentor, or a student posing as a mentor.
        const Uuid& question = Pick(questions_);
        const Uuid mentor =
            rng_() % 3 ? books_.course_mentor.at(course_of_.at(question)) : Pick(mentors_);
        Send(AnswerQuestion{NewId(), question, mentor, Text()},
             rng_() % 5 ? Actor{ToString(mentor), "mentor"} : Student(student));
        break;
      }
      case 4: {
        if (questions_.empty() || answers_.empty()) break;
        // Mostly the asker and one of the question's answers.
        const Uuid& question = Pick(questions_);
        const std::vector<Uuid>& own = answers_of_[question];
        const Uuid answer = !own.empty() && rng_() % 4 ? Pick(own) : Pick(answers_);
        const Uuid who = rng_() % 4 ? asker_of_.at(question) : student;
        Send(MarkAnswerAsSolution{question, answer, who}, Student(who));
        break;
      }
      case 5:
        Send(WriteReview{student, course, static_cast<int32_t>(1 + rng_() % 5), {}, {}, {}},
             Student(student));
        break;
      case 6:
        if (reviews_.empty()) break;
        Send(VoteReview{Pick(reviews_), student, Vote::helpful}, Student(student));
        break;
      case 7:
        if (reviews_.empty()) break;
        Send(ReportReview{Pick(reviews_), student, rng_() % 8 ? "Rude" : " "}, Student(student));
        break;
      default: {
        if (reviews_.empty()) break;
        const Actor moderator = rng_() % 4 ? Admin() : Actor{ToString(Pick(mentors_)), "mentor"};
        if (rng_() % 2) {
          Send(DismissReviewReports{Pick(reviews_), std::nullopt}, moderator);
        } else {
          Send(RemoveReview{Pick(reviews_), "Abusive"}, moderator);
        }
      }
    }
    if (rng_() % 7 == 0) {
      // A refund takes the course away from its student (later questions are refused).
      Send(RefundPurchase{student, course, {}}, Student(student));
    }
  }

  void Check() {
    books_.CheckRatings();
    for (const auto& v : books_.violations) FAIL_CHECK(v);
    books_.violations.clear();
  }

  const QaBooks& books() const { return books_; }
  const std::map<std::string, int>& accepted() const { return world_.accepted(); }
  const std::map<std::string, int>& rejected() const { return world_.rejected(); }

 private:
  template <class C>
  void Send(const C& command, const Actor& actor) {
    CommandResult r = world_.Send(command, actor);
    if (!r.ok()) return;
    if constexpr (std::is_same_v<C, AskQuestion>) {
      questions_.push_back(command.question_id);
      asker_of_[command.question_id] = command.student_id;
      course_of_[command.question_id] = command.course_id;
    }
    if constexpr (std::is_same_v<C, AnswerQuestion>) {
      answers_.push_back(command.answer_id);
      answers_of_[command.question_id].push_back(command.answer_id);
    }
    if constexpr (std::is_same_v<C, WriteReview>) {
      reviews_.push_back(ReviewIdFor(command.student_id, command.course_id));
    }
  }
  static Actor Student(const Uuid& id) { return Actor{ToString(id), "student"}; }
  static Actor Admin() { return Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"}; }
  std::string Text() { return rng_() % 9 ? "Why is it so?" : "  "; }
  template <class T>
  const T& Pick(const std::vector<T>& from) {
    return from[rng_() % from.size()];
  }
  Uuid NewId() { return DeriveUuid(EduledgerNamespace(), "qa-prop-" + std::to_string(++ids_)); }

  std::mt19937_64 rng_;
  testing::CommandWorld world_;
  QaBooks books_;
  Uuid admin_id_ = *ParseUuid("9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f");
  std::vector<Uuid> mentors_, students_, courses_, questions_, answers_, reviews_;
  std::map<Uuid, int64_t> prices_;
  std::map<Uuid, Uuid> asker_of_, course_of_;  // by question
  std::map<Uuid, std::vector<Uuid>> answers_of_;
  int ids_ = 0;
};

}  // namespace

TEST_SUITE("skillspring qa property") {
  TEST_CASE(
      "property: random Q&A, reports and moderation by random actors keep every rule, and "
      "mentors' ratings are their standing reviews") {
    int questions = 0, solutions = 0, removed = 0, dismissed = 0;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
      CAPTURE(seed);
      QaMarket market(seed);
      market.Setup();
      for (int step = 0; step < 120; ++step) {
        market.Step();
        market.Check();
      }
      auto count = [&](const char* type) {
        return market.accepted().count(type) ? market.accepted().at(type) : 0;
      };
      questions += count("AskQuestion");
      solutions += count("MarkAnswerAsSolution");
      removed += count("RemoveReview");
      dismissed += count("DismissReviewReports");
    }
    // The random walk reaches every rule it checks.
    CHECK(questions > 20);
    CHECK(solutions > 5);
    CHECK(removed > 3);
    CHECK(dismissed > 3);
  }
}

}  // namespace edu::skillspring
