// The PeerLoop read tables, projected by a real Projector into real PostgreSQL from events the
// deciders produced (tests/unit/peerloop_test_fixtures.h runs the commands).
#include "projections/peerloop/peerloop_projection.h"
#include "tests/support/projection_spec.h"
#include "tests/support/read_schema_check.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;
using edu::testing::ProjectionSpec;

// Appends every event the world decided, in order, one stream append each.
void Feed(World& w, ProjectionSpec& spec) {
  w.Replay([&](const std::string& stream, const auto& e) { spec.given(stream, e); });
}

const Timestamp kStart = *ParseIso8601("2026-03-05T15:00:00Z");

void TeachOneSession(World& w, const Uuid& session, Timestamp start) {
  w.Run<SessionDecider>(
      ScheduleSession{session, kEnrollment, start, start + Hours(1), std::nullopt}, Student());
  w.Run<SessionDecider>(StartSession{session}, Teacher(), start);
  w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System(), start);
  w.Run<SessionDecider>(CompleteSession{session, std::string("https://rec.example/1")}, Teacher(),
                        start + Minutes(50));
  w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, session}, System(),
                           start + Minutes(50));
}

}  // namespace

TEST_SUITE("peerloop projection") {
  TEST_CASE("accounts, the course, its features and a certified student-teacher") {
    World w;
    w.Setup();
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT handle, role, is_creator, is_student_teacher, privacy_public FROM peerloop.users "
        "WHERE id IN ('" +
            ToString(kCreator) + "', '" + ToString(kTeacher) + "') ORDER BY handle",
        {{"gabriel", "creator", "t", "f", "t"}, {"marcus", "student_teacher", "f", "t", "t"}});
    spec.then_rows(
        "SELECT title, price_cents, currency, session_count, student_count, level, is_active "
        "FROM peerloop.courses",
        {{"Intro to Claude Code", "39900", "USD", "3", "0", "beginner", "t"}});
    spec.then_rows(
        "SELECT one_on_one_teaching, certified_teachers, earn_while_teaching, teacher_commission "
        "FROM peerloop.peerloop_features",
        {{"t", "t", "t", "70"}});
    spec.then_rows(
        "SELECT count(*), min(approved_by::text), min(certified_date::text), sum(students_taught) "
        "FROM peerloop.student_teachers",
        {{"2", ToString(kCreator), "2026-03-02", "0"}});
    spec.then_rows("SELECT name, slug FROM peerloop.categories", {{"AI Coding", "ai-coding"}});
    spec.then_rows("SELECT count(*) FROM peerloop.goodwill_rewards", {{"4"}});
  }

  TEST_CASE("a tagged course has one course_tags row per tag, trimmed, under the tag's id") {
    World w;
    w.Setup();
    const Uuid tag = Id("c0000000-0000-4000-8000-000000000070");
    const Uuid tag2 = Id("c0000000-0000-4000-8000-000000000071");
    w.Run<CourseDecider>(TagCourse{kCourse, tag, " ai-coding "}, Creator());
    w.Run<CourseDecider>(TagCourse{kCourse, tag2, "beginner"}, Admin());
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows("SELECT id::text, course_id::text, tag FROM peerloop.course_tags ORDER BY tag",
                   {{ToString(tag), ToString(kCourse), "ai-coding"},
                    {ToString(tag2), ToString(kCourse), "beginner"}});
  }

  TEST_CASE("an enrollment paid, split 70/15/15 in tranches, one released, the rest refunded") {
    World w;
    w.Paid();
    TeachOneSession(w, kSession, kStart);
    w.Run<EnrollmentDecider>(CancelEnrollment{kEnrollment, "moving abroad"}, Student(),
                             kStart + Days(1));
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows("SELECT status, cancel_reason, student_teacher_id FROM peerloop.enrollments",
                   {{"cancelled", "moving abroad", ToString(kTeacher)}});
    spec.then_rows(
        "SELECT amount_cents, stripe_payment_id, status, paid_at IS NOT NULL FROM "
        "peerloop.transactions",
        {{"39900", kStripe, "refunded", "t"}});
    spec.then_rows(
        "SELECT recipient_type, percentage, status, count(*), sum(amount_cents) FROM "
        "peerloop.payment_splits "
        "GROUP BY 1, 2, 3 ORDER BY 1, 3",
        {{"creator", "15", "refunded", "2", "3990"},
         {"creator", "15", "released", "1", "1995"},
         {"platform", "15", "refunded", "2", "3990"},
         {"platform", "15", "released", "1", "1995"},
         {"student_teacher", "70", "refunded", "2", "18620"},
         {"student_teacher", "70", "released", "1", "9310"}});
    spec.then_rows(
        "SELECT sum(amount_cents) = (SELECT amount_cents FROM peerloop.transactions), "
        "bool_and(released_at IS NOT NULL) FILTER (WHERE status = 'released') FROM "
        "peerloop.payment_splits",
        {{"t", "t"}});
    spec.then_rows("SELECT status, recording_url FROM peerloop.sessions",
                   {{"completed", "https://rec.example/1"}});
    spec.then_rows("SELECT student_count FROM peerloop.courses", {{"0"}});
  }

  TEST_CASE("a payout approved by an admin marks the splits it pays as paid") {
    World w;
    w.Paid();
    TeachOneSession(w, kSession, kStart);
    w.Run<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher(), kStart + Hours(2));
    // What the peerloop.teaching reaction does with the released lines of the student-teacher.
    std::vector<Uuid> paid;
    for (const auto& l : w.State<EnrollmentDecider>(EnrollmentStream(kEnrollment)).lines) {
      if (l.recipient_id != kTeacher) continue;
      w.Run<PayoutAccountDecider>(CreditEarnings{kTeacher, l.split_id, kEnrollment, kTransaction,
                                                 Money{l.amount_cents, "USD"}},
                                  System());
      paid.push_back(l.split_id);
    }
    const Timestamp approved = kStart + Days(3);
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, kPayout}, Teacher(), approved - Hours(1));
    w.Run<PayoutAccountDecider>(ApprovePayout{kTeacher, kPayout}, Admin(), approved);
    w.Run<PayoutAccountDecider>(StartPayoutTransfer{kTeacher, kPayout, "tr_1Pl"}, Gateway(),
                                approved);
    w.Run<PayoutAccountDecider>(CompletePayout{kTeacher, kPayout}, Gateway(), approved + Hours(4));
    w.Run<EnrollmentDecider>(MarkSplitsPaid{kEnrollment, kPayout, paid}, System(),
                             approved + Hours(4));
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT recipient_id, amount_cents, stripe_transfer_id, status, approved_by, approved_at, "
        "paid_at "
        "FROM peerloop.payouts",
        {{ToString(kTeacher), "27930", "tr_1Pl", "completed", ToString(kAdmin),
          "2026-03-08 15:00:00+00", "2026-03-08 19:00:00+00"}});
    spec.then_rows(
        "SELECT recipient_type, status, count(*), sum(amount_cents) FROM peerloop.payment_splits "
        "GROUP BY 1, 2 ORDER BY 1",
        {{"creator", "released", "3", "5985"},
         {"platform", "released", "3", "5985"},
         {"student_teacher", "paid", "3", "27930"}});
    spec.then_rows("SELECT status, completed_at IS NOT NULL FROM peerloop.enrollments",
                   {{"completed", "t"}});
    spec.then_rows("SELECT students_taught FROM peerloop.student_teachers WHERE user_id = '" +
                       ToString(kTeacher) + "'",
                   {{"1"}});
    spec.then_rows(
        "SELECT students_taught, courses_completed, courses_created FROM peerloop.user_stats "
        "WHERE user_id IN ('" +
            ToString(kTeacher) + "', '" + ToString(kStudent) + "', '" + ToString(kCreator) +
            "') ORDER BY user_id",
        {{"0", "0", "1"}, {"1", "0", "0"}, {"0", "1", "0"}});
  }

  TEST_CASE("assessments, availability slots and the user_stats view") {
    World w;
    w.Paid();
    TeachOneSession(w, kSession, kStart);
    w.Run<SessionDecider>(AssessSession{kSession, 5, std::string("Clear")}, Student());
    w.Run<SessionDecider>(AssessSession{kSession, 4, std::nullopt}, Teacher());
    w.Run<UserDecider>(
        AddAvailabilitySlot{kTeacher, kSession2, 2, "18:00", "20:30", "Europe/London", false},
        Teacher());
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT assessor_id, assessee_id, rating FROM peerloop.session_assessments ORDER BY rating",
        {{ToString(kTeacher), ToString(kStudent), "4"},
         {ToString(kStudent), ToString(kTeacher), "5"}});
    spec.then_rows(
        "SELECT day_of_week, start_time, end_time, timezone, is_recurring FROM "
        "peerloop.availability",
        {{"2", "18:00:00", "20:30:00", "Europe/London", "f"}});
    spec.then_rows(
        "SELECT average_rating, total_reviews FROM peerloop.user_stats WHERE user_id = '" +
            ToString(kTeacher) + "'",
        {{"5.00", "1"}});
  }

  TEST_CASE(
      "goodwill: balances from the events' figures, transactions, unlocks, availability, "
      "promotion") {
    World w;
    w.Setup();
    const Timestamp morning = *ParseIso8601("2026-03-02T09:00:00Z");
    w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher(), morning);
    for (int i = 0; i < 5; ++i) {
      CreditGoodwill c;
      c.award_id = DeriveUuid(kTeacher, "referral-" + std::to_string(i));
      c.to_user_id = kTeacher;
      c.points = 100;
      c.reason = GoodwillReason::referral;
      c.course_id = kCourse;
      w.Run<GoodwillDecider>(c, System(), morning + Minutes(i));
    }
    w.Run<GoodwillDecider>(AwardGoodwill{kSession, kTeacher, kStudent, 50,
                                         GoodwillReason::first_session_mentor, kCourse},
                           Teacher(), morning + Hours(1));
    w.Run<PostDecider>(CreatePost{kPost, kTeacher, kCourse, "Tip: commit often",
                                  PostType::teaching_tip, std::nullopt},
                       Teacher());
    w.Run<GoodwillDecider>(PromotePost{kPayout, kTeacher, kPost}, Teacher(), morning + Hours(2));
    w.Run<GoodwillDecider>(RedeemReward{kTeacher, RewardId(500, RewardType::badge)}, Teacher(),
                           morning + Hours(3));
    CreditGoodwill credit;  // the reaction's credit of the peer award
    credit.award_id = kSession;
    credit.to_user_id = kStudent;
    credit.from_user_id = kTeacher;
    credit.points = 50;
    credit.reason = GoodwillReason::first_session_mentor;
    credit.course_id = kCourse;
    w.Run<GoodwillDecider>(credit, System(), morning + Hours(1));
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows(
        "SELECT user_id, total_earned, balance, spent, last_awarded_to_user_id FROM "
        "peerloop.user_goodwill "
        "ORDER BY total_earned",
        {{ToString(kStudent), "50", "50", "0", "NULL"},
         {ToString(kTeacher), "505", "405", "100", ToString(kStudent)}});
    spec.then_rows(
        "SELECT reason, count(*), sum(points), count(from_user_id) FROM "
        "peerloop.goodwill_transactions "
        "GROUP BY reason ORDER BY reason",
        {{"availability_bonus", "1", "5", "0"},
         {"first_session_mentor", "1", "50", "1"},
         {"referral", "5", "500", "0"}});
    spec.then_rows(
        "SELECT r.points_threshold, r.reward_value, u.redeemed_at FROM "
        "peerloop.user_reward_unlocks u "
        "JOIN peerloop.goodwill_rewards r ON r.id = u.reward_id",
        {{"500", "Community Helper", "2026-03-02 12:00:00+00"}});
    spec.then_rows("SELECT is_available, last_available_at FROM peerloop.user_availability",
                   {{"t", "2026-03-02 09:00:00+00"}});
    spec.then_rows(
        "SELECT post_id, points_spent, promoted_at, expires_at FROM peerloop.promoted_posts",
        {{ToString(kPost), "50", "2026-03-02 11:00:00+00", "2026-03-09 11:00:00+00"}});
    spec.then_rows("SELECT post_type, course_id FROM peerloop.posts",
                   {{"teaching_tip", ToString(kCourse)}});
  }

  TEST_CASE("help summons move pending -> responded -> completed with the points awarded") {
    auto summoned = [](World& w) {
      w.Paid();
      w.Run<GoodwillDecider>(SetHelpAvailability{kTeacher, true}, Teacher());
      w.Run<SummonDecider>(SummonHelp{kSummon, kStudent, kCourse, kSession2, kEnrollment},
                           Student());
    };
    World w;
    summoned(w);
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);
    spec.then_rows("SELECT status, module_id, responder_id FROM peerloop.help_summons",
                   {{"pending", ToString(kSession2), "NULL"}});
    w.Run<SummonDecider>(RespondToSummon{kSummon, kTeacher}, Teacher(), kNow + Minutes(2));
    w.Run<SummonDecider>(CompleteSummon{kSummon, 4, 20}, Student(), kNow + Minutes(6));
    ProjectionSpec short_session(MakePeerloopProjection());
    Feed(w, short_session);
    short_session.then_rows(
        "SELECT status, responder_id, points_awarded, session_duration_mins, responded_at, "
        "completed_at FROM peerloop.help_summons",
        {{"completed", ToString(kTeacher), "0", "4", "2026-03-02 08:02:00+00",
          "2026-03-02 08:06:00+00"}});
    World other;
    summoned(other);
    other.Run<SummonDecider>(CancelSummon{kSummon, std::nullopt}, Student());
    ProjectionSpec cancelled(MakePeerloopProjection());
    Feed(other, cancelled);
    cancelled.then_rows("SELECT status FROM peerloop.help_summons", {{"cancelled"}});
  }

  TEST_CASE(
      "instructor_followers: the first enrollment with an instructor, whatever the order applied") {
    World w;
    w.Setup();
    const Uuid later = Id("c0000000-0000-4000-8000-0000000000e2");
    w.Run<EnrollmentDecider>(EnrollCmd(kTeacher, later), Student(), kNow + Days(10));
    ProjectionSpec spec(MakePeerloopProjection());
    Feed(w, spec);  // the later enrollment is projected first ...
    spec.then_rows("SELECT first_enrollment_at FROM peerloop.instructor_followers",
                   {{"2026-03-12 08:00:00+00"}});
    World earlier;
    earlier.Setup();
    earlier.Run<EnrollmentDecider>(EnrollCmd(kTeacher2), Student(), kNow);
    earlier.Replay([&](const std::string& stream, const auto& e) {
      if (ParseStreamId(stream)->category == kEnrollmentCategory) spec.given(stream, e);
    });
    // ... and the earlier one, applied afterwards, still wins; a third changes nothing.
    spec.then_rows(
        "SELECT instructor_id, follower_id, first_enrollment_at, created_at FROM "
        "peerloop.instructor_followers",
        {{ToString(kCreator), ToString(kStudent), "2026-03-02 08:00:00+00",
          "2026-03-02 08:00:00+00"}});
    World third;
    third.Setup();
    third.Run<EnrollmentDecider>(
        EnrollCmd(std::nullopt, Id("c0000000-0000-4000-8000-0000000000e3")), Student(),
        kNow + Days(20));
    third.Replay([&](const std::string& stream, const auto& e) {
      if (ParseStreamId(stream)->category == kEnrollmentCategory) spec.given(stream, e);
    });
    spec.then_rows("SELECT count(*), min(first_enrollment_at) FROM peerloop.instructor_followers",
                   {{"1", "2026-03-02 08:00:00+00"}});
    spec.then_rows("SELECT student_count FROM peerloop.courses", {{"3"}});
  }

  TEST_CASE("the peerloop schema is complete against the documented tables") {
    ProjectionSpec spec(MakePeerloopProjection());
    REQUIRE(spec.Project().ok());
    edu::testing::ReadSchemaReport report =
        edu::testing::CheckReadSchema(spec.db().uri(), "peerloop");
    std::string problems;
    for (const auto& p : report.problems) problems += "\n  " + p;
    CHECK_MESSAGE(report.complete(), problems);
    CHECK(report.tables_expected == 43);
  }
}

}  // namespace edu::peerloop
