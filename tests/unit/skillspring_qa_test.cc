// Specifications of Skillspring course Q&A (seed 003: course_questions, course_answers): a student
// enrolled in the course asks; the course's mentor answers (course_answers.mentor_id: other
// students, other mentors and admins do not); the asker marks one answer as the solution, which
// resolves the question (QuestionMachine); texts are trimmed, 1..10000 characters.
#include <string>

#include "commands/pipeline.h"
#include "domain/skillspring/qa.h"
#include "eventstore/memory_event_log.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {
namespace {

using namespace fixtures;

const Uuid kQuestion = *ParseUuid("66666666-6666-4666-8666-666666666661");
const Uuid kQuestion2 = *ParseUuid("66666666-6666-4666-8666-666666666662");
const Uuid kAnswer = *ParseUuid("77777777-7777-4777-8777-777777777771");
const Uuid kAnswer2 = *ParseUuid("77777777-7777-4777-8777-777777777772");

QuestionAsked Asked(const Uuid& question = kQuestion) {
  return QuestionAsked{question, kCourse, kStudent, kMentor, "Why does a LEFT JOIN keep NULLs?"};
}
QuestionAnswered Answered(const Uuid& answer = kAnswer, const Uuid& question = kQuestion) {
  return QuestionAnswered{answer, question, kCourse, kMentor, "Rows without a match keep theirs."};
}

// A question decided on its stream, its asker's purchases referenced.
Spec<QuestionDecider> Asking(std::vector<LearnerDecider::Event> learner) {
  Spec<QuestionDecider> spec;
  spec.at(kNow).as(StudentActor()).given_stream<LearnerDecider>(LearnerStream(kStudent), learner);
  return spec;
}

// An answer decided on its stream, its question referenced.
Spec<AnswerDecider> Answering(std::vector<QuestionDecider::Event> question) {
  Spec<AnswerDecider> spec;
  spec.at(kNow)
      .as(MentorActor())
      .given_stream<QuestionDecider>(QuestionStream(kQuestion), question);
  return spec;
}

// Marking a solution, decided on the question's stream, the answer referenced.
Spec<QuestionDecider> Marking(std::vector<AnswerDecider::Event> answer,
                              const Uuid& answer_id = kAnswer) {
  Spec<QuestionDecider> spec;
  spec.at(kNow).as(StudentActor()).given_stream<AnswerDecider>(AnswerStream(answer_id), answer);
  return spec;
}

}  // namespace

TEST_SUITE("skillspring questions") {
  TEST_CASE(
      "an enrolled student asks about the course; the question is trimmed and names its mentor") {
    Asking(Bought())
        .when(AskQuestion{kQuestion, kStudent, kCourse, "  Why does a LEFT JOIN keep NULLs?\n"})
        .then({Asked()});
    auto spec = Asking(Bought());
    spec.when(AskQuestion{kQuestion, kStudent, kCourse, "Why does a LEFT JOIN keep NULLs?"})
        .then({Asked()});
    CHECK(spec.state().exists);
    CHECK(spec.state().status() == QuestionStatus::open);
  }

  TEST_CASE("a student who does not own the course (never bought, or refunded) may not ask") {
    AskQuestion ask{kQuestion, kStudent, kCourse, "Is this course for me?"};
    Asking({}).when(ask).then_error("not_enrolled", ErrorKind::kInvalid);
    std::vector<LearnerDecider::Event> refunded = Bought();
    refunded.push_back(PurchaseRefunded{EnrollmentIdFor(kStudent, kCourse),
                                        kStudent,
                                        kCourse,
                                        kMentor,
                                        Usd(4999),
                                        Usd(3499),
                                        Usd(1500),
                                        {},
                                        "p"});
    Asking(refunded).when(ask).then_error("not_enrolled");
    // Owning another course is not enough.
    Asking(Bought())
        .when(AskQuestion{kQuestion, kStudent, kCourse2, "And this one?"})
        .then_error("not_enrolled");
  }

  TEST_CASE("a student asks as themselves, once per question id") {
    Asking(Bought())
        .as(StudentActor(kOther))
        .when(AskQuestion{kQuestion, kStudent, kCourse, "Asked for a friend"})
        .then_error("not_question_asker", ErrorKind::kForbidden);
    Asking(Bought())
        .given({Asked()})
        .when(AskQuestion{kQuestion, kStudent, kCourse, "Again"})
        .then_error("question_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("an empty, blank or over-long question is refused") {
    for (const std::string& text :
         {std::string(), std::string(" \t\n "), std::string(10'001, 'q')}) {
      Asking(Bought())
          .when(AskQuestion{kQuestion, kStudent, kCourse, text})
          .then_error("invalid_question", ErrorKind::kInvalid);
    }
    Asking(Bought())
        .when(AskQuestion{kQuestion, kStudent, kCourse, std::string(10'000, 'q')})
        .then({QuestionAsked{kQuestion, kCourse, kStudent, kMentor, std::string(10'000, 'q')}});
  }
}

TEST_SUITE("skillspring answers") {
  TEST_CASE("the course's mentor answers, trimmed; a question may have several answers") {
    Answering({Asked()})
        .when(AnswerQuestion{kAnswer, kQuestion, kMentor, " Rows without a match keep theirs. "})
        .then({Answered()});
    Answering({Asked(), AnswerMarkedAsSolution{kQuestion, kAnswer, kStudent, kMentor, "x"}})
        .when(AnswerQuestion{kAnswer2, kQuestion, kMentor, "Rows without a match keep theirs."})
        .then({Answered(kAnswer2)});
  }

  TEST_CASE("nobody but the course's mentor answers: not another mentor, a student or an admin") {
    Answering({Asked()})
        .as(MentorActor(kMentor2))
        .when(AnswerQuestion{kAnswer, kQuestion, kMentor2, "I know this one"})
        .then_error("not_course_mentor", ErrorKind::kForbidden);
    // An enrolled fellow student (answering in their own name).
    Answering({Asked()})
        .as(StudentActor(kOther))
        .when(AnswerQuestion{kAnswer, kQuestion, kOther, "Me too"})
        .then_error("not_course_mentor", ErrorKind::kForbidden);
    // Someone answering in the mentor's name.
    Answering({Asked()})
        .as(StudentActor(kOther))
        .when(AnswerQuestion{kAnswer, kQuestion, kMentor, "Signed, the mentor"})
        .then_error("not_course_mentor");
    Answering({Asked()})
        .as(Admin())
        .when(AnswerQuestion{kAnswer, kQuestion, kMentor, "Admin here"})
        .then_error("not_course_mentor");
  }

  TEST_CASE("an answer needs an existing question, a new answer id and a text of 1..10000") {
    Answering({})
        .when(AnswerQuestion{kAnswer, kQuestion, kMentor, "Hello?"})
        .then_error("question_not_found", ErrorKind::kNotFound);
    Answering({Asked()})
        .given({Answered()})
        .when(AnswerQuestion{kAnswer, kQuestion, kMentor, "Once more"})
        .then_error("answer_already_exists", ErrorKind::kConflict);
    for (const std::string& text : {std::string(), std::string("\n\n"), std::string(10'001, 'a')}) {
      Answering({Asked()})
          .when(AnswerQuestion{kAnswer, kQuestion, kMentor, text})
          .then_error("invalid_answer", ErrorKind::kInvalid);
    }
  }
}

TEST_SUITE("skillspring solutions") {
  TEST_CASE("the asker marks an answer as the solution: the question is resolved") {
    auto spec = Marking({Answered()});
    spec.given({Asked()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kStudent})
        .then({AnswerMarkedAsSolution{kQuestion, kAnswer, kStudent, kMentor,
                                      "Rows without a match keep theirs."}});
    CHECK(spec.state().status() == QuestionStatus::resolved);
    CHECK(spec.state().solution_id == kAnswer);
  }

  TEST_CASE("only the asker marks the solution of their question") {
    Marking({Answered()})
        .as(StudentActor(kOther))
        .given({Asked()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kOther})
        .then_error("not_question_asker", ErrorKind::kForbidden);
    Marking({Answered()})
        .as(StudentActor(kOther))
        .given({Asked()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kStudent})
        .then_error("not_question_asker");
    Marking({Answered()})
        .as(MentorActor())
        .given({Asked()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kMentor})
        .then_error("not_question_asker");
  }

  TEST_CASE("the solution is one of the question's own answers, and a question has one") {
    Marking({})
        .given({Asked()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kStudent})
        .then_error("answer_not_found", ErrorKind::kNotFound);
    // An answer to another question.
    Marking({Answered(kAnswer, kQuestion2)})
        .given({Asked()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kStudent})
        .then_error("answer_not_found");
    Marking({Answered(kAnswer2)}, kAnswer2)
        .given({Asked(), AnswerMarkedAsSolution{kQuestion, kAnswer, kStudent, kMentor, "x"}})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer2, kStudent})
        .then_error("question_already_resolved", ErrorKind::kConflict);
    Marking({Answered()})
        .when(MarkAnswerAsSolution{kQuestion, kAnswer, kStudent})
        .then_error("question_not_found", ErrorKind::kNotFound);
  }

  // Rows written from docs/skillspring.md "Lifecycles" (a question is resolved by its solution).
  TEST_CASE("question: open -> resolved") {
    using S = QuestionStatus;
    using T = QuestionTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::open, T::mark_solution, S::resolved},
    };
    testing::CheckMachine<QuestionMachine, S, T>(S::open, lifecycle);
  }
}

TEST_SUITE("skillspring questions through the pipeline") {
  // What arrives as JSON is limited before it is decided: a question or answer over the TEXT
  // limit is refused naming its field, and nothing is appended.
  TEST_CASE("an over-long question or answer sent as JSON is refused as too_long") {
    MemoryEventLog log(2);
    Registry registry;
    RegisterAllMarketplaces(&registry);
    Policies policies;
    CommandPipeline pipeline(&log, &registry, &policies);
    auto send = [&](const std::string& type, const std::string& body, const Actor& actor) {
      CommandRequest r;
      r.command_id = DeriveUuid(EduledgerNamespace(), "qa-limits-" + type);
      r.type = type;
      r.body = body;
      r.actor = actor;
      r.now = kNow;
      return pipeline.Handle(r);
    };
    const std::string too_long(10'001, 'x');
    CommandResult asked =
        send("AskQuestion",
             R"({"marketplace":"skillspring","question_id":")" + ToString(kQuestion) +
                 R"(","student_id":")" + ToString(kStudent) + R"(","course_id":")" +
                 ToString(kCourse) + R"(","question":")" + too_long + R"("})",
             StudentActor());
    REQUIRE(asked.error.has_value());
    CHECK(asked.error->code == "too_long");
    CHECK(asked.error->field == "question");
    CommandResult answered =
        send("AnswerQuestion",
             R"({"marketplace":"skillspring","answer_id":")" + ToString(kAnswer) +
                 R"(","question_id":")" + ToString(kQuestion) + R"(","mentor_id":")" +
                 ToString(kMentor) + R"(","answer":")" + too_long + R"("})",
             MentorActor());
    REQUIRE(answered.error.has_value());
    CHECK(answered.error->code == "too_long");
    CHECK(answered.error->field == "answer");
    // A student may not send an answer at all (course_answers.mentor_id).
    CommandResult by_student =
        send("AnswerQuestion",
             R"({"marketplace":"skillspring","answer_id":")" + ToString(kAnswer) +
                 R"(","question_id":")" + ToString(kQuestion) + R"(","mentor_id":")" +
                 ToString(kStudent) + R"(","answer":"Me too"})",
             StudentActor());
    REQUIRE(by_student.error.has_value());
    CHECK(by_student.error->code == "role_not_allowed");
    for (int p = 0; p < log.partition_count(); ++p) {
      std::vector<RecordedEvent> events;
      REQUIRE(log.ReadPartition(p, 0, 100, &events).ok());
      CHECK(events.empty());
    }
  }
}

}  // namespace edu::skillspring
