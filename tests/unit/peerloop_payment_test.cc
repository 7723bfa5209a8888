// Specifications of PeerLoop enrollments and their payment: refusals, the 70/15/15 split per
// session tranche held in escrow (85/15 when the creator teaches, odd cents, random amounts), and
// the gateway's duplicate, different or failed confirmations.
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

}  // namespace

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

}  // namespace edu::peerloop
