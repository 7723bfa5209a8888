// Specifications of PeerLoop's teaching and money rules: accounts and certification, courses,
// enrollments and their payment split 70/15/15 into escrow tranches, sessions and assessments,
// refunds, payouts approved by an admin.
#include <random>

#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

SplitLine Line(int32_t tranche, RecipientType type, const Uuid& recipient, int64_t amount,
               int32_t percent, const Uuid& tx = kTransaction) {
  SplitLine l;
  l.split_id =
      DeriveUuid(tx, "split/" + std::to_string(tranche) + "/" + std::string(EnumName(type)));
  l.tranche = tranche;
  l.recipient_id = recipient;
  l.recipient_type = type;
  l.amount_cents = amount;
  l.percentage = percent;
  return l;
}

int64_t Sum(const std::vector<SplitLine>& lines) {
  int64_t total = 0;
  for (const auto& l : lines) total += l.amount_cents;
  return total;
}

PaymentSplit ExpectedSplit(std::vector<SplitLine> lines, bool creator_teaches, int32_t tranches,
                           int64_t amount) {
  PaymentSplit s;
  s.enrollment_id = kEnrollment;
  s.transaction_id = kTransaction;
  s.amount = Money{amount, "USD"};
  s.tranches = tranches;
  s.teacher_id = creator_teaches ? kCreator : kTeacher;
  s.creator_id = kCreator;
  s.creator_teaches = creator_teaches;
  s.teacher_percentage = creator_teaches ? 0 : 70;
  s.creator_percentage = creator_teaches ? 85 : 15;
  s.platform_percentage = 15;
  s.lines = std::move(lines);
  s.policy = "peerloop-default-v1";
  return s;
}

PaymentCompleted ExpectedPaid(int64_t amount) {
  PaymentCompleted p;
  p.enrollment_id = kEnrollment;
  p.transaction_id = kTransaction;
  p.student_id = kStudent;
  p.course_id = kCourse;
  p.amount = Money{amount, "USD"};
  p.stripe_payment_id = kStripe;
  p.paid_at = kNow;
  p.escrow_held_after = Money{amount, "USD"};
  return p;
}

const std::string kEnrollmentStream = EnrollmentStream(kEnrollment);

// kStudent enrolled (teacher kTeacher), paid, first session started: in progress.
void InProgress(World& w) {
  w.Paid();
  w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
}

}  // namespace

TEST_SUITE("peerloop accounts and courses") {
  TEST_CASE(
      "a user registers with a handle; staff roles need an admin; bio_short is 160 characters") {
    World w;
    auto c = UserCmd(kStudent, UserRole::student, "sarah");
    auto events = w.Run<UserDecider>(c, Student());
    const auto& e = std::get<UserRegistered>(events[0]);
    CHECK(e.handle.value == "sarah");
    CHECK_FALSE(e.is_creator);
    CHECK(e.privacy_public);
    w.Given<UserDecider>(UserStream(kStudent))
        .as(Student())
        .when(c)
        .then_error("user_already_registered");
    w.Given<UserDecider>(UserStream(kCreator))
        .as(Creator())
        .when(UserCmd(kCreator, UserRole::admin, "x"))
        .then_error("privileged_role_requires_admin", ErrorKind::kForbidden);
    auto too_long = UserCmd(kTeacher, UserRole::student, "m");
    too_long.bio_short = std::string(161, 'a');
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Teacher())
        .when(too_long)
        .then_error("bio_short_too_long");
    too_long.bio_short = std::string(160, 'a');
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Teacher())
        .when(too_long)
        .then(w.Decide<UserDecider>(too_long, Teacher()).events());
    auto bad_handle = UserCmd(kTeacher, UserRole::student, "no spaces");
    bad_handle.email = "no.spaces@peerloop.example";  // only the handle is wrong
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Teacher())
        .when(bad_handle)
        .then_error("invalid_handle");
  }

  TEST_CASE("a course takes the creator's commission, at most 100% minus the platform's 15%") {
    World w;
    w.Setup();
    auto c = CourseCmd(Id("c0000000-0000-4000-8000-0000000000aa"));
    c.teacher_commission = 86;
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Creator())
        .when(c)
        .then_error("invalid_teacher_commission");
    c.teacher_commission = 85;
    auto d = w.Decide<CourseDecider>(c, Creator());
    REQUIRE(d.accepted());
    CHECK(std::get<CourseCreated>(d.events()[0]).teacher_commission == 85);
    c.teacher_commission.reset();
    CHECK(std::get<CourseCreated>(w.Decide<CourseDecider>(c, Creator()).events()[0])
              .teacher_commission == 70);
    c.price = Money{39900, "EUR"};
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Creator())
        .when(c)
        .then_error("currency_mismatch");
    c.price = Money{0, "USD"};
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Creator())
        .when(c)
        .then_error("invalid_amount");
    c.price = Money{100, "USD"};
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Student())
        .when(c)
        .then_error("not_own_course", ErrorKind::kForbidden);
    c.creator_id = kStudent;
    w.Given<CourseDecider>(CourseStream(c.course_id))
        .as(Student())
        .when(c)
        .then_error("not_a_creator");
  }

  TEST_CASE(
      "the course's creator certifies student-teachers; a student becomes a student_teacher") {
    World w;
    w.Setup();
    StudentTeacherCertified expected;
    expected.certification_id = DeriveUuid(kStudent, "student_teacher/" + ToString(kCourse));
    expected.user_id = kStudent;
    expected.course_id = kCourse;
    expected.approved_by = kCreator;
    expected.certified_date = DateOf(kNow);
    expected.role_after = UserRole::student_teacher;
    w.Given<UserDecider>(UserStream(kStudent))
        .as(Creator())
        .when(CertifyStudentTeacher{kStudent, kCourse})
        .then({expected});
    w.Given<UserDecider>(UserStream(kStudent))
        .as(Teacher())
        .when(CertifyStudentTeacher{kStudent, kCourse})
        .then_error("not_course_creator", ErrorKind::kForbidden);
    w.Given<UserDecider>(UserStream(kTeacher))
        .as(Creator())
        .when(CertifyStudentTeacher{kTeacher, kCourse})
        .then_error("already_certified", ErrorKind::kConflict);
    w.Given<UserDecider>(UserStream(kCreator))
        .as(Creator())
        .when(CertifyStudentTeacher{kCreator, kCourse})
        .then_error("creator_teaches_own_course");
    CHECK(w.State<UserDecider>(UserStream(kTeacher)).role == UserRole::student_teacher);
  }

  TEST_CASE("availability slots: day 0-6, start before end, teachers only") {
    World w;
    w.Setup();
    AddAvailabilitySlot slot{kTeacher, kSession,           0,           "09:00",
                             "11:30",  "America/New_York", std::nullopt};
    auto spec = [&] { return w.Given<UserDecider>(UserStream(kTeacher)).as(Teacher()); };
    spec().when(slot).then({AvailabilitySlotAdded{kSession, kTeacher, 0, "09:00:00", "11:30:00",
                                                  "America/New_York", true}});
    slot.day_of_week = 6;
    CHECK(w.Decide<UserDecider>(slot, Teacher()).accepted());
    slot.day_of_week = 7;
    spec().when(slot).then_error("invalid_day_of_week");
    slot.day_of_week = -1;
    spec().when(slot).then_error("invalid_day_of_week");
    slot.day_of_week = 3;
    slot.end_time = "09:00";
    spec().when(slot).then_error("slot_not_ordered");
    slot.end_time = "25:00";
    spec().when(slot).then_error("invalid_time");
    slot.end_time = "10:00";
    slot.user_id = kStudent;
    w.Given<UserDecider>(UserStream(kStudent)).as(Student()).when(slot).then_error("not_a_teacher");
    slot.user_id = kTeacher;
    w.Run<UserDecider>(slot, Teacher());
    spec()
        .when(RemoveAvailabilitySlot{kTeacher, kSession})
        .then({AvailabilitySlotRemoved{kSession, kTeacher}});
    spec()
        .when(RemoveAvailabilitySlot{kTeacher, kSession2})
        .then_error("slot_not_found", ErrorKind::kNotFound);
  }
}

TEST_SUITE("peerloop enrollment and payment") {
  TEST_CASE("enrolling with a certified student-teacher opens a pending transaction") {
    World w;
    w.Setup();
    EnrollmentCreated created;
    created.enrollment_id = kEnrollment;
    created.student_id = kStudent;
    created.course_id = kCourse;
    created.creator_id = kCreator;
    created.teacher_id = kTeacher;
    created.student_teacher_id = kTeacher;
    created.price = Money{39900, "USD"};
    created.session_count = 3;
    created.teacher_commission = 70;
    created.enrolled_at = kNow;
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(EnrollCmd())
        .then({created, PaymentInitiated{kEnrollment, kTransaction, Money{39900, "USD"}, kStripe}});
  }

  TEST_CASE("enrollment refusals") {
    World w;
    w.Setup();
    auto spec = [&] { return w.Given<EnrollmentDecider>(kEnrollmentStream).as(Student()); };
    Enroll c = EnrollCmd(kStudent2);
    spec().when(c).then_error("student_teacher_not_certified");
    c = EnrollCmd();
    c.referred_by = kStudent;
    spec().when(c).then_error("self_referral");
    c = EnrollCmd();
    c.student_id = kCreator;
    w.Given<EnrollmentDecider>(kEnrollmentStream).as(Creator()).when(c).then_error("own_course");
    c = EnrollCmd();
    c.stripe_payment_id = "";
    spec().when(c).then_error("stripe_payment_id_required");
    spec()
        .as(Student(kStudent2))
        .when(EnrollCmd())
        .then_error("not_own_enrollment", ErrorKind::kForbidden);
    c = EnrollCmd();
    c.course_id = kPost;
    spec().when(c).then_error("course_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the payment splits 70/15/15 per session tranche and everything is held in escrow") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    std::vector<SplitLine> lines;
    for (int t = 1; t <= 3; ++t) {
      lines.push_back(Line(t, RecipientType::student_teacher, kTeacher, 9310, 70));
      lines.push_back(Line(t, RecipientType::creator, kCreator, 1995, 15));
      lines.push_back(Line(t, RecipientType::platform, PlatformAccountId(), 1995, 15));
    }
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Gateway())
        .when(ConfirmPayment{kEnrollment, kTransaction, kStripe})
        .then({ExpectedPaid(39900), ExpectedSplit(lines, false, 3, 39900)});
    CHECK(Sum(lines) == 39900);
  }

  TEST_CASE("when the creator teaches, the creator takes both shares (85/15)") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(std::nullopt), Student());
    std::vector<SplitLine> lines;
    for (int t = 1; t <= 3; ++t) {
      lines.push_back(Line(t, RecipientType::creator, kCreator, 11305, 85));
      lines.push_back(Line(t, RecipientType::platform, PlatformAccountId(), 1995, 15));
    }
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Gateway())
        .when(ConfirmPayment{kEnrollment, kTransaction, kStripe})
        .then({ExpectedPaid(39900), ExpectedSplit(lines, true, 3, 39900)});
    // Naming the creator as the student-teacher is the same as naming nobody.
    World w2;
    w2.Setup();
    auto created = w2.Run<EnrollmentDecider>(EnrollCmd(kCreator), Student());
    CHECK_FALSE(std::get<EnrollmentCreated>(created[0]).student_teacher_id.has_value());
    CHECK(std::get<EnrollmentCreated>(created[0]).teacher_id == kCreator);
  }

  TEST_CASE("odd cents: every cent goes somewhere, largest remainders first") {
    SplitShares shares = SharesFor(70, Percent(15), false);
    // 101 cents in one tranche: 70.70 / 15.15 / 15.15 -> the leftover cent to the teacher.
    auto one = SplitPayment(kTransaction, 101, 1, shares, kTeacher, kCreator);
    REQUIRE(one.size() == 3);
    CHECK(one[0].amount_cents == 71);
    CHECK(one[1].amount_cents == 15);
    CHECK(one[2].amount_cents == 15);
    // 101 cents in two tranches of 51 and 50.
    auto two = SplitPayment(kTransaction, 101, 2, shares, kTeacher, kCreator);
    REQUIRE(two.size() == 6);
    std::vector<int64_t> amounts;
    for (const auto& l : two) amounts.push_back(l.amount_cents);
    CHECK(amounts == std::vector<int64_t>{36, 8, 7, 35, 8, 7});
    CHECK(Sum(two) == 101);
    // The creator teaching: 85.85 / 15.15.
    auto creator =
        SplitPayment(kTransaction, 101, 1, SharesFor(70, Percent(15), true), kCreator, kCreator);
    REQUIRE(creator.size() == 2);
    CHECK(creator[0].amount_cents == 86);
    CHECK(creator[1].amount_cents == 15);
    // A zero share has no line: an 85% commission leaves the creator nothing.
    CHECK(SplitPayment(kTransaction, 1000, 1, SharesFor(85, Percent(15), false), kTeacher, kCreator)
              .size() == 2);
  }

  TEST_CASE("splits always sum to the amount (random amounts, tranches, commissions)") {
    std::mt19937_64 rng(20260302);
    for (int i = 0; i < 2000; ++i) {
      int64_t amount = static_cast<int64_t>(rng() % 1'000'000);
      int32_t tranches = static_cast<int32_t>(1 + rng() % 12);
      int32_t commission = static_cast<int32_t>(rng() % 86);
      bool creator = rng() % 4 == 0;
      auto lines = SplitPayment(kTransaction, amount, tranches,
                                SharesFor(commission, Percent(15), creator), kTeacher, kCreator);
      CAPTURE(amount);
      CAPTURE(tranches);
      CAPTURE(commission);
      CHECK(Sum(lines) == amount);
      std::map<int32_t, int64_t> per_tranche;
      for (const auto& l : lines) {
        CHECK(l.amount_cents >= 0);
        per_tranche[l.tranche] += l.amount_cents;
      }
      for (const auto& [t, sum] : per_tranche) CHECK(std::abs(sum - amount / tranches) <= 1);
    }
  }

  TEST_CASE("a duplicated gateway confirmation changes nothing; a different one is refused") {
    World w;
    w.Paid();
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Gateway())
        .when(ConfirmPayment{kEnrollment, kTransaction, kStripe})
        .then({});
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Gateway())
        .when(ConfirmPayment{kEnrollment, kTransaction, "pi_other"})
        .then_error("payment_mismatch");
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Gateway())
        .when(FailPayment{kEnrollment, kTransaction, std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("a failed payment cancels the enrollment; cancelling waits for the gateway's answer") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, "changed my mind"})
        .then_error("payment_pending", ErrorKind::kConflict);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(StartEnrollment{kEnrollment})
        .then_error("not_enrollment_teacher", ErrorKind::kForbidden);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(StartEnrollment{kEnrollment})
        .then_error("payment_not_completed");
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Gateway())
        .when(FailPayment{kEnrollment, kTransaction, std::string("card declined")})
        .then({PaymentFailed{kEnrollment, kTransaction, "card declined"},
               EnrollmentCancelled{kEnrollment, kStudent, kCourse, Gateway().id,
                                   "payment failed: card declined", kNow}});
  }
}

TEST_SUITE("peerloop escrow") {
  TEST_CASE("each completed session releases the next tranche; then escrow is empty") {
    World w;
    InProgress(w);
    const auto lines = w.State<EnrollmentDecider>(kEnrollmentStream).lines;
    auto tranche = [&](int t) {
      std::vector<SplitLine> out;
      for (const auto& l : lines) {
        if (l.tranche == t) out.push_back(l);
      }
      return out;
    };
    EscrowReleased first{kEnrollment,         kTransaction,        kSession, tranche(1),
                         Money{13300, "USD"}, Money{26600, "USD"}, kNow};
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(ReleaseSessionEscrow{kEnrollment, kSession})
        .then({first});
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(ReleaseSessionEscrow{kEnrollment, kSession})
        .then_error("session_already_released", ErrorKind::kConflict);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Teacher())
        .when(ReleaseSessionEscrow{kEnrollment, kSession2})
        .then_error("system_only", ErrorKind::kForbidden);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession2}, System());
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kPost}, System());
    auto s = w.State<EnrollmentDecider>(kEnrollmentStream);
    CHECK(s.transaction->held == 0);
    CHECK(s.transaction->released == 39900);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(ReleaseSessionEscrow{kEnrollment, kSummon})
        .then_error("escrow_empty", ErrorKind::kConflict);
  }

  TEST_CASE("completing the enrollment releases what is still held") {
    World w;
    InProgress(w);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    auto d = w.Decide<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
    REQUIRE(d.accepted());
    REQUIRE(d.events().size() == 2);
    const auto& release = std::get<EscrowReleased>(d.events()[1]);
    CHECK(release.amount == Money{26600, "USD"});
    CHECK(release.escrow_held_after == Money{0, "USD"});
    CHECK(release.lines.size() == 6);
    CHECK_FALSE(release.session_id.has_value());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CompleteEnrollment{kEnrollment})
        .then_error("not_enrollment_teacher", ErrorKind::kForbidden);
  }

  TEST_CASE("an enrollment completes only from in_progress") {
    World w;
    w.Paid();
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Teacher())
        .when(CompleteEnrollment{kEnrollment})
        .then_error("illegal_transition", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(StartEnrollment{kEnrollment})
        .then_error("enrollment_already_started", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(StartEnrollment{kEnrollment})
        .then_error("enrollment_closed", ErrorKind::kConflict);
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, "too late"})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("cancelling refunds exactly the tranches still in escrow") {
    World w;
    InProgress(w);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    auto s = w.State<EnrollmentDecider>(kEnrollmentStream);
    RefundIssued refund;
    refund.enrollment_id = kEnrollment;
    refund.transaction_id = kTransaction;
    refund.amount = Money{26600, "USD"};
    for (const auto& l : s.lines) {
      if (l.tranche > 1) refund.refunded_split_ids.push_back(l.split_id);
    }
    refund.stripe_payment_id = kStripe;
    refund.escrow_held_after = Money{0, "USD"};
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, "moving abroad"})
        .then({EnrollmentCancelled{kEnrollment, kStudent, kCourse, Student().id, "moving abroad",
                                   kNow},
               refund});
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student())
        .when(CancelEnrollment{kEnrollment, ""})
        .then_error("reason_required");
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(Student(kStudent2))
        .when(CancelEnrollment{kEnrollment, "x"})
        .then_error("not_own_enrollment", ErrorKind::kForbidden);
    // Paid == held + released + refunded, afterwards too.
    w.Run<EnrollmentDecider>(CancelEnrollment{kEnrollment, "moving abroad"}, Student());
    s = w.State<EnrollmentDecider>(kEnrollmentStream);
    CHECK(s.transaction->held + s.transaction->released + s.transaction->refunded == 39900);
    CHECK(s.transaction->refunded == 26600);
    CHECK(s.transaction->status == TransactionStatus::refunded);
  }

  TEST_CASE("a cancelled enrollment before any session refunds everything") {
    World w;
    w.Paid();
    auto d = w.Decide<EnrollmentDecider>(CancelEnrollment{kEnrollment, "schedule clash"}, Admin());
    REQUIRE(d.accepted());
    CHECK(std::get<RefundIssued>(d.events()[1]).amount == Money{39900, "USD"});
    CHECK(std::get<RefundIssued>(d.events()[1]).refunded_split_ids.size() == 9);
  }

  TEST_CASE("only released splits are marked paid") {
    World w;
    InProgress(w);
    auto lines = w.State<EnrollmentDecider>(kEnrollmentStream).lines;
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(MarkSplitsPaid{kEnrollment, kPayout, {lines[0].split_id}})
        .then_error("split_not_released", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(ReleaseSessionEscrow{kEnrollment, kSession}, System());
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(MarkSplitsPaid{kEnrollment, kPayout, {lines[0].split_id, lines[1].split_id}})
        .then({SplitsPaid{
            kEnrollment, kPayout, {lines[0].split_id, lines[1].split_id}, 9310 + 1995, kNow}});
    w.Given<EnrollmentDecider>(kEnrollmentStream)
        .as(System())
        .when(MarkSplitsPaid{kEnrollment, kPayout, {kPost}})
        .then_error("split_not_found", ErrorKind::kNotFound);
  }
}

TEST_SUITE("peerloop sessions") {
  const Timestamp kStart = *ParseIso8601("2026-03-05T15:00:00Z");
  ScheduleSession Schedule(const Uuid& id = kSession) {
    return ScheduleSession{id, kEnrollment, kStart, kStart + Hours(1),
                           std::string("https://bbb.example/r/1")};
  }

  TEST_CASE("the enrolled student schedules a session with the enrollment's teacher") {
    World w;
    w.Setup();
    w.Run<EnrollmentDecider>(EnrollCmd(), Student());
    auto spec = [&] { return w.Given<SessionDecider>(SessionStream(kSession)).as(Student()); };
    spec().when(Schedule()).then_error("payment_not_completed");
    w.Run<EnrollmentDecider>(ConfirmPayment{kEnrollment, kTransaction, kStripe}, Gateway());
    spec()
        .when(Schedule())
        .then({SessionScheduled{kSession, kEnrollment, kCourse, kTeacher, kStudent, kStart,
                                kStart + Hours(1), std::string("https://bbb.example/r/1")}});
    auto past = Schedule();
    past.scheduled_start = kNow;
    spec().when(past).then_error("session_not_in_future");
    auto backwards = Schedule();
    backwards.scheduled_end = kStart;
    spec().when(backwards).then_error("invalid_session_window");
    spec()
        .as(Student(kStudent2))
        .when(Schedule())
        .then_error("not_enrollment_party", ErrorKind::kForbidden);
  }

  TEST_CASE("scheduled -> in_progress -> completed, with its duration; who cancels and why") {
    World w;
    w.Paid();
    w.Run<SessionDecider>(Schedule(), Student());
    const std::string stream = SessionStream(kSession);
    w.Given<SessionDecider>(stream, kStart - Minutes(16))
        .as(Teacher())
        .when(StartSession{kSession})
        .then_error("session_not_due");
    w.Given<SessionDecider>(stream, kStart - Minutes(15))
        .as(Teacher())
        .when(StartSession{kSession})
        .then({SessionStarted{kSession, kEnrollment, kStart - Minutes(15)}});
    w.Given<SessionDecider>(stream)
        .as(Teacher())
        .when(CompleteSession{kSession, std::nullopt})
        .then_error("illegal_transition", ErrorKind::kConflict);
    w.Run<SessionDecider>(StartSession{kSession}, Teacher(), kStart);
    w.Given<SessionDecider>(stream, kStart + Minutes(55))
        .as(Student())
        .when(CompleteSession{kSession, std::nullopt})
        .then_error("not_session_teacher", ErrorKind::kForbidden);
    w.Given<SessionDecider>(stream, kStart + Minutes(55))
        .as(Teacher())
        .when(CompleteSession{kSession, std::string("https://rec.example/1")})
        .then({SessionCompleted{kSession, kEnrollment, kTeacher, kStudent, kStart + Minutes(55), 55,
                                std::string("https://rec.example/1")}});
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(CancelSession{kSession, "connection dropped"})
        .then({SessionCancelled{kSession, kEnrollment, Student().id, "connection dropped"}});
    w.Run<SessionDecider>(CompleteSession{kSession, std::nullopt}, Teacher(), kStart + Hours(1));
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(CancelSession{kSession, "late"})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("mutual assessments: 1-5, once each, after completion") {
    World w;
    w.Paid();
    w.Run<SessionDecider>(Schedule(), Student());
    const std::string stream = SessionStream(kSession);
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(AssessSession{kSession, 5, std::nullopt})
        .then_error("session_not_completed", ErrorKind::kConflict);
    w.Run<SessionDecider>(StartSession{kSession}, Teacher(), kStart);
    w.Run<SessionDecider>(CompleteSession{kSession, std::nullopt}, Teacher(), kStart + Hours(1));
    for (int bad : {0, 6}) {
      w.Given<SessionDecider>(stream)
          .as(Student())
          .when(AssessSession{kSession, bad, std::nullopt})
          .then_error("invalid_rating");
    }
    SessionAssessed e{DeriveUuid(kSession, "assessment/" + ToString(kStudent)),
                      kSession,
                      kStudent,
                      kTeacher,
                      5,
                      std::string("Patient and clear")};
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(AssessSession{kSession, 5, std::string("Patient and clear")})
        .then({e});
    w.Run<SessionDecider>(AssessSession{kSession, 1, std::nullopt}, Student());
    w.Given<SessionDecider>(stream)
        .as(Student())
        .when(AssessSession{kSession, 4, std::nullopt})
        .then_error("already_assessed", ErrorKind::kConflict);
    auto teacher = w.Decide<SessionDecider>(AssessSession{kSession, 1, std::nullopt}, Teacher());
    REQUIRE(teacher.accepted());
    CHECK(std::get<SessionAssessed>(teacher.events()[0]).assessee_id == kStudent);
    w.Given<SessionDecider>(stream)
        .as(Admin())
        .when(AssessSession{kSession, 3, std::nullopt})
        .then_error("not_session_party", ErrorKind::kForbidden);
  }
}

TEST_SUITE("peerloop payouts") {
  const std::string kAccount = PayoutAccountStream(kTeacher);
  const Uuid kSplitA = Id("c0000000-0000-4000-8000-0000000000a1");
  const Uuid kSplitB = Id("c0000000-0000-4000-8000-0000000000a2");

  void Credited(World & w) {
    w.Run<PayoutAccountDecider>(
        CreditEarnings{kTeacher, kSplitA, kEnrollment, kTransaction, Money{9310, "USD"}}, System());
    w.Run<PayoutAccountDecider>(
        CreditEarnings{kTeacher, kSplitB, kEnrollment, kTransaction, Money{9310, "USD"}}, System());
  }

  TEST_CASE("released earnings are credited once; the platform's share is never paid out") {
    World w;
    Credited(w);
    auto spec = [&] { return w.Given<PayoutAccountDecider>(kAccount).as(System()); };
    spec()
        .when(CreditEarnings{kTeacher, kSplitA, kEnrollment, kTransaction, Money{9310, "USD"}})
        .then_error("split_already_credited", ErrorKind::kConflict);
    spec()
        .as(Teacher())
        .when(CreditEarnings{kTeacher, kSession, kEnrollment, kTransaction, Money{1, "USD"}})
        .then_error("system_only", ErrorKind::kForbidden);
    w.Given<PayoutAccountDecider>(PayoutAccountStream(PlatformAccountId()))
        .as(System())
        .when(CreditEarnings{PlatformAccountId(), kSession, kEnrollment, kTransaction,
                             Money{1995, "USD"}})
        .then_error("platform_not_paid_out");
    CHECK(w.State<PayoutAccountDecider>(kAccount).AvailableTotal() == 18620);
  }

  TEST_CASE("pending -> approved (admin) -> processing -> completed pays every claimed split") {
    World w;
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Teacher())
        .when(RequestPayout{kTeacher, kPayout})
        .then_error("nothing_to_pay_out");
    Credited(w);
    std::vector<PaidSplit> splits = {{kSplitA, kEnrollment, 9310}, {kSplitB, kEnrollment, 9310}};
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Teacher())
        .when(RequestPayout{kTeacher, kPayout})
        .then({PayoutRequested{kPayout, kTeacher, Money{18620, "USD"}, splits, Money{0, "USD"}}});
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Student())
        .when(RequestPayout{kTeacher, kPayout})
        .then_error("not_own_account", ErrorKind::kForbidden);
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, kPayout}, Teacher());
    auto spec = [&](Actor a) { return w.Given<PayoutAccountDecider>(kAccount).as(a); };
    spec(Gateway())
        .when(CompletePayout{kTeacher, kPayout})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Gateway())
        .when(StartPayoutTransfer{kTeacher, kPayout, "tr_1"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Teacher())
        .when(ApprovePayout{kTeacher, kPayout})
        .then_error("admin_only", ErrorKind::kForbidden);
    spec(Admin())
        .when(ApprovePayout{kTeacher, kPayout})
        .then({PayoutApproved{kPayout, kTeacher, kAdmin, kNow}});
    w.Run<PayoutAccountDecider>(ApprovePayout{kTeacher, kPayout}, Admin());
    spec(Admin())
        .when(ApprovePayout{kTeacher, kPayout})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Gateway())
        .when(StartPayoutTransfer{kTeacher, kPayout, ""})
        .then_error("stripe_transfer_id_required");
    w.Run<PayoutAccountDecider>(StartPayoutTransfer{kTeacher, kPayout, "tr_1"}, Gateway());
    spec(Gateway())
        .when(CompletePayout{kTeacher, kPayout})
        .then({PayoutCompleted{kPayout, kTeacher, Money{18620, "USD"}, splits, kNow}});
    w.Run<PayoutAccountDecider>(CompletePayout{kTeacher, kPayout}, Gateway());
    spec(Gateway())
        .when(FailPayout{kTeacher, kPayout, "x"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    CHECK(w.State<PayoutAccountDecider>(kAccount).paid_total == 18620);
  }

  TEST_CASE("a rejected or failed payout gives its splits back to the next one") {
    World w;
    Credited(w);
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, kPayout}, Teacher());
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Admin())
        .when(RejectPayout{kTeacher, kPayout, "bank details missing"})
        .then({PayoutRejected{kPayout, kTeacher, Money{18620, "USD"}, kAdmin,
                              "bank details missing", Money{18620, "USD"}}});
    w.Run<PayoutAccountDecider>(RejectPayout{kTeacher, kPayout, "bank details missing"}, Admin());
    const Uuid second = Id("c0000000-0000-4000-8000-0000000000b2");
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, second}, Teacher());
    w.Run<PayoutAccountDecider>(ApprovePayout{kTeacher, second}, Admin());
    w.Run<PayoutAccountDecider>(StartPayoutTransfer{kTeacher, second, "tr_2"}, Gateway());
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Gateway())
        .when(FailPayout{kTeacher, second, "account closed"})
        .then({PayoutFailed{second, kTeacher, Money{18620, "USD"}, "account closed",
                            Money{18620, "USD"}}});
    w.Run<PayoutAccountDecider>(FailPayout{kTeacher, second, "account closed"}, Gateway());
    CHECK(w.State<PayoutAccountDecider>(kAccount).AvailableTotal() == 18620);
    // An admin cannot approve their own payout.
    w.Run<PayoutAccountDecider>(
        CreditEarnings{kAdmin, kSplitA, kEnrollment, kTransaction, Money{5, "USD"}}, System());
    w.Run<PayoutAccountDecider>(RequestPayout{kAdmin, kPayout}, Admin());
    w.Given<PayoutAccountDecider>(PayoutAccountStream(kAdmin))
        .as(Admin())
        .when(ApprovePayout{kAdmin, kPayout})
        .then_error("self_approval", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
