// Skillspring course Q&A and review moderation, projected by a real Projector into real
// PostgreSQL: course_questions (resolved_at), course_answers (is_marked_solution, whichever of the
// answer's and the question's streams arrives first), course_reviews.reported_count with the
// review's moderation_status and deleted_at, and the mentor's rating once a review is removed.
#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_qa.h"
#include "domain/skillspring/events.h"
#include "domain/skillspring/events_qa.h"
#include "projections/skillspring/skillspring_projection.h"
#include "tests/support/projection_spec.h"

namespace edu::skillspring {
namespace {

using testing::ProjectionSpec;

const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kOther = *ParseUuid("11111111-1111-4111-8111-222222222222");
const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kAdmin = *ParseUuid("99999999-9999-4999-8999-999999999999");
const Uuid kCourse = CourseIdFor("sql-from-zero");
const Uuid kQuestion = *ParseUuid("66666666-6666-4666-8666-666666666661");
const Uuid kQuestion2 = *ParseUuid("66666666-6666-4666-8666-666666666662");
const Uuid kAnswer = *ParseUuid("77777777-7777-4777-8777-777777777771");
const Uuid kAnswer2 = *ParseUuid("77777777-7777-4777-8777-777777777772");
const Timestamp kDay1 = *ParseIso8601("2026-04-01T10:00:00Z");
const Timestamp kDay2 = *ParseIso8601("2026-04-02T11:00:00Z");
const Timestamp kDay3 = *ParseIso8601("2026-04-03T12:00:00Z");

QuestionAsked Asked(const Uuid& id, const std::string& text) {
  return QuestionAsked{id, kCourse, kStudent, kMentor, text};
}
QuestionAnswered Answered(const Uuid& id, const std::string& text) {
  return QuestionAnswered{id, kQuestion, kCourse, kMentor, text};
}
UserRegistered Mentor() {
  UserRegistered e;
  e.user_id = kMentor;
  e.role = UserRole::mentor;
  e.email = Personal<std::string>("maya@example.com");
  e.first_name = Personal<std::string>("Maya");
  e.last_name = Personal<std::string>("Lopez");
  return e;
}

}  // namespace

TEST_SUITE("skillspring qa projection") {
  TEST_CASE("a question asked, answered twice by its mentor, resolved by the asker's solution") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(QuestionStream(kQuestion), Asked(kQuestion, "Why does a LEFT JOIN keep NULLs?"))
        .given(QuestionStream(kQuestion2), Asked(kQuestion2, "Which index for LIKE 'x%'?"))
        .at(kDay2)
        .given(AnswerStream(kAnswer), Answered(kAnswer, "Unmatched rows keep their columns."))
        .given(AnswerStream(kAnswer2), Answered(kAnswer2, "See lecture 2."));
    spec.then_rows(
        "SELECT id::text, course_id::text, student_id::text, question, created_at, resolved_at "
        "FROM skillspring.course_questions ORDER BY id",
        {{ToString(kQuestion), ToString(kCourse), ToString(kStudent),
          "Why does a LEFT JOIN keep NULLs?", "2026-04-01 10:00:00+00", "NULL"},
         {ToString(kQuestion2), ToString(kCourse), ToString(kStudent), "Which index for LIKE 'x%'?",
          "2026-04-01 10:00:00+00", "NULL"}});
    spec.at(kDay3).given(QuestionStream(kQuestion),
                         AnswerMarkedAsSolution{kQuestion, kAnswer, kStudent, kMentor,
                                                "Unmatched rows keep their columns."});
    spec.then_rows(
        "SELECT id::text, question_id::text, mentor_id::text, answer, created_at, "
        "is_marked_solution FROM skillspring.course_answers ORDER BY id",
        {{ToString(kAnswer), ToString(kQuestion), ToString(kMentor),
          "Unmatched rows keep their columns.", "2026-04-02 11:00:00+00", "t"},
         {ToString(kAnswer2), ToString(kQuestion), ToString(kMentor), "See lecture 2.",
          "2026-04-02 11:00:00+00", "f"}});
    spec.then_rows(
        "SELECT id::text, resolved_at FROM skillspring.course_questions ORDER BY id",
        {{ToString(kQuestion), "2026-04-03 12:00:00+00"}, {ToString(kQuestion2), "NULL"}});
  }

  TEST_CASE("a solution applied before its answer's own event still ends with the whole answer") {
    // The answer's stream and the question's may sit on different partitions: here the
    // question's side is projected first.
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(QuestionStream(kQuestion), Asked(kQuestion, "Why?"))
        .at(kDay3)
        .given(QuestionStream(kQuestion),
               AnswerMarkedAsSolution{kQuestion, kAnswer, kStudent, kMentor, "Because."});
    spec.then_rows("SELECT id::text, answer, is_marked_solution FROM skillspring.course_answers",
                   {{ToString(kAnswer), "Because.", "t"}});
    spec.at(kDay2).given(AnswerStream(kAnswer), Answered(kAnswer, "Because."));
    spec.then_rows("SELECT answer, created_at, is_marked_solution FROM skillspring.course_answers",
                   {{"Because.", "2026-04-02 11:00:00+00", "t"}});
  }

  TEST_CASE("reports count on the review; dismissed, reported again, removed (soft delete)") {
    ProjectionSpec spec(MakeSkillspringProjection());
    const Uuid review = ReviewIdFor(kStudent, kCourse);
    spec.at(kDay1)
        .given(UserStream(kMentor), Mentor(), MentorRatingRecorded{kMentor, review, 1, 1, 1, 100},
               MentorRatingRecorded{kMentor, kOther, 4, 2, 5, 250})
        .given(ReviewStream(review),
               ReviewWritten{review, kCourse, kStudent, kMentor, 1, std::string("Awful"),
                             std::string("..."), false, true},
               ReviewReported{review, kOther, "Insulting", 1});
    spec.then_rows(
        "SELECT reported_count, moderation_status, deleted_at FROM skillspring.course_reviews",
        {{"1", "reported", "NULL"}});
    spec.at(kDay2).given(ReviewStream(review),
                         ReviewReportsDismissed{review, kAdmin, std::string("Fair criticism"), 1});
    spec.then_rows(
        "SELECT reported_count, moderation_status, updated_at FROM skillspring.course_reviews",
        {{"1", "active", "2026-04-02 11:00:00+00"}});
    spec.at(kDay3)
        .given(ReviewStream(review), ReviewReported{review, kMentor, "Still insulting", 2},
               ReviewRemoved{review, kCourse, kStudent, kMentor, 1, kAdmin, "Abuse"})
        .given(UserStream(kMentor), MentorRatingWithdrawn{kMentor, review, 1, 1, 4, 400});
    spec.then_rows(
        "SELECT reported_count, moderation_status, deleted_at FROM skillspring.course_reviews",
        {{"2", "removed", "2026-04-03 12:00:00+00"}});
    spec.then_rows("SELECT average_rating, total_reviews FROM skillspring.mentors",
                   {{"4.00", "1"}});
    spec.given(UserStream(kMentor), MentorRatingWithdrawn{kMentor, kOther, 4, 0, 0, 0});
    spec.then_rows("SELECT average_rating, total_reviews FROM skillspring.mentors",
                   {{"NULL", "0"}});
  }

  TEST_CASE("skillspring: a review's moderation status and deleted_at go together") {
    ProjectionSpec spec(MakeSkillspringProjection());
    REQUIRE(spec.Project().ok());
    auto& db = spec.db();
    CHECK_THROWS(db.Exec(
        "INSERT INTO skillspring.course_reviews (id, course_id, student_id, rating, "
        "moderation_status) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 3, "
        "'removed')"));
    CHECK_THROWS(db.Exec(
        "INSERT INTO skillspring.course_reviews (id, course_id, student_id, rating, "
        "moderation_status) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 3, "
        "'hidden')"));
  }
}

}  // namespace edu::skillspring
