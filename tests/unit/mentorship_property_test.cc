// Property: whatever the API layer sends, in whatever order, the money of the mentorship
// marketplace is conserved. Thousands of random command sequences run through the real pipeline
// on the in-memory log, in the shared command world (tests/support/command_world.h): a manual
// clock, and the reactions run to quiescence after every command, issuing what the Reactor issues
// (derived ids, correlation, metadata). After every step:
//   - per payment: captured == held + released + refunded, none negative, issued <= refunded;
//   - every release is split: platform_fee + mentor_earnings == released;
//   - per payout account: credited == balance + in_flight + paid_out, none negative, and each
//     figure equals what its credits and payouts say;
//   - across streams: what the accounts credited == the mentor earnings of every split;
//   - the machines agree with each other and with the money (booking vs escrow vs refunds);
//   - a refused command appended nothing; a duplicate gateway report appended nothing.
#include <random>
#include <sstream>

#include <doctest/doctest.h>

#include "adapters/demo/driver.h"
#include "commands/all_reactions.h"
#include "commands/pipeline.h"
#include "domain/mentorship/calendar.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/payout_account.h"
#include "domain/mentorship/session.h"
#include "tests/support/command_world.h"

namespace edu::mentorship {
namespace {

const Timestamp kEpoch = *ParseIso8601("2026-06-01T04:00:00Z");  // a Monday, 09:30 IST

class World {
 public:
  World(uint64_t seed, Policies policies)
      : rng_(seed),
        world_("mentorship", kEpoch, AllReactions()),
        ids_(DeriveUuid(EduledgerNamespace(), "property-" + std::to_string(seed))) {
    world_.policies() = std::move(policies);
    // A refused command that appended events, an internal error, or a reaction's command refused
    // (no mentorship reaction declares an expected refusal): the sequence stops there, with what
    // led to it.
    world_.on_violation = [this](const std::string& what) { FAIL(what << "\n" << trace_.str()); };
  }

  // ---- plumbing
  // ----------------------------------------------------------------------------------

  Uuid NewId() { return DeriveUuid(ids_, std::to_string(++counter_)); }
  Timestamp Now() { return world_.clock().Now(); }

  template <class Command>
  CommandResult Send(const Command& c, const Actor& actor) {
    return SendBody(Command::kType, CommandBody("mentorship", c), actor);
  }

  // Sends through the shared world (which runs the reactions to quiescence), keeping a trace of
  // the sequence for failure messages.
  CommandResult SendBody(const std::string& type, const std::string& body, const Actor& actor) {
    trace_ << type << " as " << actor.role << " at " << FormatIso8601(Now()) << ": ";
    CommandResult result = world_.SendBody(type, body, actor);
    trace_ << (result.ok() ? "accepted, " + std::to_string(result.events.size()) + " events"
                           : result.error->code + " (" + result.error->message + ")")
           << "\n";
    return result;
  }

  template <class State>
  State Load(const char* category, const std::string& stream) {
    std::any state;
    int64_t version = 0;
    REQUIRE(world_.pipeline()
                .LoadState(*world_.registry().FindAggregate(category), stream, &state, &version)
                .ok());
    return std::any_cast<State>(state);
  }

  // ---- the cast
  // -----------------------------------------------------------------------------------

  void Setup() {
    admin_ = Actor{ToString(NewId()), "admin"};
    RegisterUser a;
    a.user_id = *ParseUuid(admin_.id);
    a.role = UserRole::admin;
    a.email = "ops@example.in";
    a.name = "Ops";
    REQUIRE(Send(a, admin_).ok());
    for (int i = 0; i < 3; ++i) {
      Uuid id = NewId();
      RegisterUser s;
      s.user_id = id;
      s.email = "s" + std::to_string(i) + "@example.in";
      s.name = "Student " + std::to_string(i);
      s.academic_level = AcademicLevel::college;
      s.primary_language = "Telugu";
      REQUIRE(Send(s, Actor{ToString(id), "student"}).ok());
      students_.push_back(id);
    }
    for (int j = 0; j < 2; ++j) {
      Uuid user = NewId(), mentor = NewId();
      RegisterUser u;
      u.user_id = user;
      u.role = UserRole::mentor;
      u.email = "m" + std::to_string(j) + "@example.in";
      u.name = "Mentor " + std::to_string(j);
      REQUIRE(Send(u, Actor{ToString(user), "mentor"}).ok());
      ApplyAsMentor apply;
      apply.mentor_id = mentor;
      apply.user_id = user;
      apply.title = "Engineer";
      apply.student_levels_served = {AcademicLevel::college};
      // Odd rates: prices, splits and refunds that do not divide evenly.
      apply.hourly_rate = Money{j == 0 ? 99999 : 150001, "INR"};
      apply.primary_language = "Telugu";
      REQUIRE(Send(apply, Actor{ToString(user), "mentor"}).ok());
      for (auto to :
           {VerificationStatus::documents_under_review,
            VerificationStatus::background_check_in_progress,
            VerificationStatus::interview_scheduled, VerificationStatus::trial_session_required}) {
        AdvanceMentorVerification step;
        step.mentor_id = mentor;
        step.to = to;
        REQUIRE(Send(step, admin_).ok());
      }
      REQUIRE(Send(ApproveMentor{mentor, {}}, admin_).ok());
      SetMentorAvailability availability;  // every hour of the week (calendar.h)
      availability.mentor_id = mentor;
      availability.time_zone = "Asia/Kolkata";
      availability.zone_rule = "IST-5:30";
      for (int day = 0; day < 7; ++day) availability.slots.push_back({day, "00:00", "24:00"});
      REQUIRE(Send(availability, Actor{ToString(user), "mentor"}).ok());
      mentors_.push_back({mentor, user});
    }
  }

  // ---- random steps -----------------------------------------------------------------------------

  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[rng_() % v.size()];
  }
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }

  Micros PickOffset() {
    static const Micros kOffsets[] = {Hours(24), Hours(24) + 1, Hours(24) - 1,
                                      Hours(2),  Hours(2) + 1,  Hours(2) - 1,
                                      Hours(30), Days(3),       Minutes(10)};
    return kOffsets[rng_() % (sizeof kOffsets / sizeof *kOffsets)];
  }

  void Step() {
    switch (rng_() % 20) {
      case 0:
      case 1:
        Book();
        break;
      case 2:
        Advance();
        break;
      case 3: {
        static const Micros kSteps[] = {1,         Minutes(1), Minutes(15), Hours(1),
                                        Hours(23), Days(1),    Days(7)};
        world_.clock().Advance(kSteps[rng_() % 7]);
        break;
      }
      default:
        if (sessions_.empty()) {
          Book();
        } else if (Chance(70)) {
          OnSession(Pick(sessions_));
        } else {
          OnAccount(Pick(mentors_).first);
        }
    }
  }

  void Book() {
    BookSession b;
    b.session_id = NewId();
    b.student_id = Pick(students_);
    b.mentor_id = Pick(mentors_).first;
    b.scheduled_at = Now() + PickOffset();
    static const int32_t kDurations[] = {30, 60, 90};
    b.duration_minutes = kDurations[rng_() % 3];
    b.session_language = "Telugu";
    // The time first, as the command service does before every booking.
    const Actor student{ToString(b.student_id), "student"};
    HoldSessionTime hold{b.mentor_id, b.session_id, b.student_id, b.scheduled_at,
                         b.duration_minutes};
    if (!Send(hold, student).ok()) return;
    if (Send(b, student).ok()) sessions_.push_back(b.session_id);
  }

  // Jumps the clock to an interesting point of a random session's life.
  void Advance() {
    if (sessions_.empty()) return;
    auto s = Load<SessionState>(kSessionCategory, SessionStream(Pick(sessions_)));
    static const Micros kAround[] = {-Hours(24), -Hours(2), Minutes(15), Minutes(61), Hours(49)};
    Timestamp t = s.scheduled_at + kAround[rng_() % 5];
    if (Now() < t) world_.clock().Set(t);
  }

  Actor StudentOf(const SessionState& s) { return Actor{ToString(s.student_id), "student"}; }
  Actor MentorOf(const SessionState& s) { return Actor{ToString(s.mentor_user_id), "mentor"}; }
  Actor Gateway() { return Actor{"system:razorpay", "gateway"}; }
  Actor Support() { return Actor{"9b3a0c55-0000-4000-8000-00000000000a", "support"}; }

  void OnSession(const Uuid& id) {
    const SessionState s = Load<SessionState>(kSessionCategory, SessionStream(id));
    switch (rng_() % 14) {
      case 0: {
        CapturePayment c{id,
                         NewId(),
                         s.amount,
                         PaymentMethod::upi,
                         PaymentGateway::razorpay,
                         "pay_" + ToString(NewId()).substr(0, 8),
                         std::string(R"({"status":"captured"})")};
        if (Chance(10)) c.amount.minor += 1;  // a wrong amount must be refused
        Gateway(c);
        break;
      }
      case 1:
        Gateway(RecordPaymentFailed{id,
                                    NewId(),
                                    s.amount,
                                    PaymentMethod::card,
                                    PaymentGateway::razorpay,
                                    "pay_" + ToString(NewId()).substr(0, 8),
                                    "declined",
                                    {}});
        break;
      case 2: {
        RescheduleSession r{id,         Now() + PickOffset(), "clash",
                            Chance(50), std::nullopt,         std::nullopt};
        if (Chance(70)) r.proof_url = "s3://proof.pdf";
        Send(r, Chance(50) ? StudentOf(s) : MentorOf(s));
        break;
      }
      case 3:
        Send(StartSession{id, std::string("zoom-1")}, MentorOf(s));
        break;
      case 4:
        Send(CompleteSession{id, std::string("ok"), {"next"}, {}}, MentorOf(s));
        break;
      case 5:
        Send(CancelSession{id, "cannot make it", {}}, Chance(70) ? StudentOf(s) : MentorOf(s));
        break;
      case 6:
        if (Chance(50)) {
          Send(ReportNoShow{id, SessionParty::student, {}}, MentorOf(s));
        } else {
          Send(ReportNoShow{id, SessionParty::mentor, {}}, StudentOf(s));
        }
        break;
      case 7: {
        std::optional<Money> asked;
        if (s.payment && Chance(40))
          asked = Money{1 + static_cast<int64_t>(rng_() % s.payment->captured.minor), "INR"};
        Send(RaiseDispute{id, std::string("poor"), asked}, StudentOf(s));
        break;
      }
      case 8: {
        auto type = static_cast<ResolutionType>(rng_() % 3);
        std::optional<Money> comp;
        if (s.payment && type == ResolutionType::partial_refund) {
          comp = Money{static_cast<int64_t>(rng_() % (s.payment->held + 2)), "INR"};
        }
        Send(ResolveDispute{id, type, comp, {}}, Support());
        break;
      }
      case 9:
        Send(ReleaseEscrow{id}, Actor{"system:scheduler", "system"});
        break;
      case 10:
      case 11:
        RefundReport(s);
        break;
      case 12: {
        static const double kRatings[] = {1, 2.5, 3.49, 3.5, 4, 5, 5.5};
        Send(RateSession{id, kRatings[rng_() % 7], {}}, Chance(70) ? StudentOf(s) : MentorOf(s));
        break;
      }
      case 13:
        if (!gateway_reports_.empty()) Duplicate();
        break;
    }
  }

  void RefundReport(const SessionState& s) {
    if (!s.payment || s.payment->refunds.empty()) return;
    const RefundState& r = Pick(s.payment->refunds);
    std::string gateway_id = "rfnd_" + ToString(NewId()).substr(0, 8);
    switch (rng_() % 3) {
      case 0:
        Gateway(RecordRefundIssued{s.session_id,
                                   r.refund_id,
                                   Money{r.amount, "INR"},
                                   PaymentGateway::razorpay,
                                   gateway_id,
                                   {}});
        break;
      case 1:
        Gateway(RecordRefundFailed{
            s.session_id, r.refund_id, PaymentGateway::razorpay, gateway_id, "bank down", {}});
        break;
      case 2:
        Send(RetryRefund{s.session_id, r.refund_id}, Support());
        break;
    }
  }

  // The Monday (IST) of the last week that has ended.
  Date LastEndedWeek() {
    Timestamp local = Now() + world_.policies().mentorship.payout_utc_offset;
    Date today = DateOf(local);
    int64_t days = DaysFromCivil(today);
    int dow = DayOfWeek(StartOfDay(today));
    return CivilFromDays(days - (dow + 6) % 7 - 7);
  }

  void OnAccount(const Uuid& mentor) {
    PayoutAccountState a =
        Load<PayoutAccountState>(kPayoutAccountCategory, PayoutAccountStream(mentor));
    // Mostly payouts in a state where the step is legal; sometimes any, to try illegal transitions.
    std::vector<Uuid> any, pending, processing;
    for (const auto& [id, p] : a.payouts) {
      any.push_back(id);
      if (p.machine.status() == PayoutStatus::pending) pending.push_back(id);
      if (p.machine.status() == PayoutStatus::processing) processing.push_back(id);
    }
    auto choose = [&](const std::vector<Uuid>& legal) -> std::optional<Uuid> {
      const std::vector<Uuid>& from = legal.empty() || Chance(25) ? any : legal;
      if (from.empty()) return std::nullopt;
      return Pick(from);
    };
    switch (rng_() % 5) {
      case 0:
        Send(RunMentorPayout{mentor, LastEndedWeek(), {}}, Actor{"system:scheduler", "system"});
        break;
      case 1:
        if (auto id = choose(pending)) Send(ApprovePayout{mentor, *id}, admin_);
        break;
      case 2:
        if (auto id = choose(pending))
          Send(CancelPayout{mentor, *id, "tax details missing"}, admin_);
        break;
      case 3:
      case 4:
        if (auto id = choose(processing); id && Chance(50)) {
          Gateway(RecordPayoutCompleted{
              mentor, *id, PaymentGateway::razorpay, "pout_" + ToString(NewId()).substr(0, 8), {}});
        } else if (id) {
          Gateway(RecordPayoutFailed{mentor,
                                     *id,
                                     PaymentGateway::razorpay,
                                     "pout_" + ToString(NewId()).substr(0, 8),
                                     "IFSC invalid",
                                     {}});
        }
        break;
    }
  }

  // Gateway reports are remembered so that some are delivered again later.
  template <class Command>
  void Gateway(const Command& c) {
    std::string body = CommandBody("mentorship", c);
    if (SendBody(Command::kType, body, Gateway()).ok())
      gateway_reports_.push_back({Command::kType, body});
  }

  // A webhook delivered again: accepted and nothing appended, or refused because the thing it
  // reported has moved on; never new money.
  void Duplicate() {
    const auto& [type, body] = Pick(gateway_reports_);
    const size_t before = world_.EventCount();
    CommandResult r = SendBody(type, body, Gateway());
    if (r.ok())
      CHECK_MESSAGE(r.events.empty(), "a duplicate " << type << " appended events\n"
                                                     << trace_.str());
    CHECK(world_.EventCount() >= before);
  }

  // ---- the properties
  // ----------------------------------------------------------------------------

  void CheckSession(const SessionState& s) {
    INFO(trace_.str());
    const BookingStatus booking = s.booking.status();
    if (!s.payment) {
      CHECK((booking == BookingStatus::requested || booking == BookingStatus::cancelled));
      return;
    }
    const PaymentState& p = *s.payment;
    CHECK(p.held >= 0);
    CHECK(p.released >= 0);
    CHECK(p.refunded >= 0);
    CHECK(p.captured.minor == p.held + p.released + p.refunded);
    CHECK(p.issued <= p.refunded);
    if (p.split) {
      CHECK(p.split->platform_fee + p.split->mentor_earnings == p.split->amount);
      CHECK(p.split->amount == p.released);
      CHECK(p.split->platform_fee >= 0);
      CHECK(p.split->mentor_earnings >= 0);
    } else {
      CHECK(p.released == 0);
    }
    int64_t approved = 0, open = 0;
    for (const RefundState& r : p.refunds) {
      RefundStatus st = r.machine.status();
      if (st == RefundStatus::approved || st == RefundStatus::issued || st == RefundStatus::failed)
        approved += r.amount;
      if (st == RefundStatus::requested) ++open;
    }
    CHECK(approved == p.refunded);
    CHECK(open <= 1);
    const EscrowStatus escrow = p.escrow.status();
    switch (escrow) {
      case EscrowStatus::held:
      case EscrowStatus::disputed:
        CHECK(p.held == p.captured.minor);
        break;
      case EscrowStatus::released:
        CHECK(p.released == p.captured.minor);
        break;
      case EscrowStatus::refunded:
        CHECK(p.refunded == p.captured.minor);
        break;
      case EscrowStatus::partially_refunded:
        CHECK(p.held == 0);
        CHECK(p.released > 0);
        CHECK(p.refunded > 0);
        break;
      case EscrowStatus::resolved:
        CHECK(p.held == 0);
        break;
    }
    switch (booking) {
      case BookingStatus::requested:
        CHECK(false);
        break;  // paid implies confirmed or later
      case BookingStatus::confirmed:
      case BookingStatus::rescheduled:
      case BookingStatus::in_progress:
        CHECK(escrow == EscrowStatus::held);
        break;
      case BookingStatus::completed:
      case BookingStatus::no_show:
        CHECK((escrow == EscrowStatus::released || escrow == EscrowStatus::held));
        if (escrow == EscrowStatus::held) CHECK(s.escrow_release_due.has_value());
        break;
      case BookingStatus::cancelled:
        CHECK((escrow == EscrowStatus::released || escrow == EscrowStatus::refunded ||
               escrow == EscrowStatus::partially_refunded));
        break;
      case BookingStatus::disputed:
        CHECK(escrow == EscrowStatus::disputed);
        break;
      case BookingStatus::resolved:
        CHECK(escrow == EscrowStatus::resolved);
        break;
    }
    mentor_earnings_split_ += p.split ? p.split->mentor_earnings : 0;
  }

  void CheckAccount(const PayoutAccountState& a) {
    INFO(trace_.str());
    CHECK(a.credited == a.balance + a.in_flight + a.paid_out);
    CHECK(a.balance >= 0);
    CHECK(a.in_flight >= 0);
    CHECK(a.paid_out >= 0);
    int64_t unassigned = 0, flying = 0, paid = 0;
    for (const auto& [payment, credit] : a.credits) {
      CHECK(credit.platform_fee + credit.mentor_earnings == credit.amount);
      if (!credit.payout_id) unassigned += credit.mentor_earnings;
    }
    for (const auto& [id, p] : a.payouts) {
      int64_t sum = 0;
      for (const Uuid& payment : p.payment_ids) sum += a.credits.at(payment).mentor_earnings;
      CHECK(sum == p.mentor_earnings);
      switch (p.machine.status()) {
        case PayoutStatus::pending:
        case PayoutStatus::processing:
          flying += p.mentor_earnings;
          break;
        case PayoutStatus::completed:
          paid += p.mentor_earnings;
          break;
        case PayoutStatus::failed:
        case PayoutStatus::cancelled:
          break;
      }
    }
    CHECK(unassigned == a.balance);
    CHECK(flying == a.in_flight);
    CHECK(paid == a.paid_out);
    credited_ += a.credited;
  }

  void CheckEverything() {
    mentor_earnings_split_ = 0;
    credited_ = 0;
    for (const Uuid& id : sessions_)
      CheckSession(Load<SessionState>(kSessionCategory, SessionStream(id)));
    for (const auto& [mentor, user] : mentors_) {
      CheckAccount(Load<PayoutAccountState>(kPayoutAccountCategory, PayoutAccountStream(mentor)));
    }
    CHECK_MESSAGE(credited_ == mentor_earnings_split_,
                  "credited " << credited_ << " of " << mentor_earnings_split_ << " split\n"
                              << trace_.str());
  }

  // Coverage counters: which money paths the sequences reached.
  void Count(std::map<std::string, int>* seen) {
    std::vector<int64_t> ends;
    REQUIRE(world_.log().EndOffsets(&ends).ok());
    for (int p = 0; p < static_cast<int>(ends.size()); ++p) {
      std::vector<RecordedEvent> events;
      REQUIRE(world_.log().ReadPartition(p, 0, 1000000, &events).ok());
      for (const auto& e : events) ++(*seen)[e.type];
    }
  }

 private:
  std::mt19937_64 rng_;
  testing::CommandWorld world_;
  Uuid ids_;
  uint64_t counter_ = 0;
  Actor admin_;
  std::vector<Uuid> students_;
  std::vector<std::pair<Uuid, Uuid>> mentors_;  // mentor id, user id
  std::vector<Uuid> sessions_;
  std::vector<std::pair<std::string, std::string>> gateway_reports_;
  std::ostringstream trace_;
  int64_t mentor_earnings_split_ = 0;
  int64_t credited_ = 0;
};

Policies PolicyFor(uint64_t seed) {
  Policies p;
  if (seed % 3 == 1) {
    p.mentorship.name = "property-hold";
    p.mentorship.escrow_hold_after_completion = Hours(48);
    p.mentorship.partial_refund_bps = 3333;
    p.mentorship.platform_fee_bps = 2750;
  }
  if (seed % 3 == 2) {
    p.mentorship.name = "property-small-minimum";
    p.mentorship.minimum_payout_minor = 100;
    p.mentorship.quality_dispute_max_refund_bps = 5000;
  }
  return p;
}

}  // namespace

TEST_CASE("property: random command sequences never lose or invent a paisa") {
  const int kSequences = 1000;
  const int kSteps = 100;
  std::map<std::string, int> seen;
  for (uint64_t seed = 1; seed <= kSequences; ++seed) {
    CAPTURE(seed);
    World world(seed, PolicyFor(seed));
    world.Setup();
    for (int step = 0; step < kSteps; ++step) {
      world.Step();
      world.CheckEverything();
    }
    world.Count(&seen);
  }
  // The sequences must actually reach the interesting paths, or the property proves little.
  for (const char* type : {"PaymentCaptured",        "PaymentFailed",
                           "SessionRescheduled",     "SessionStarted",
                           "SessionCompleted",       "SessionCancelled",
                           "StudentNoShowRecorded",  "SessionDisputed",
                           "DisputeResolved",        "EscrowReleased",
                           "PaymentSplit",           "RefundApproved",
                           "RefundRejected",         "RefundIssued",
                           "RefundFailed",           "RefundRetried",
                           "SessionRated",           "QualityReviewOpened",
                           "MentorEarningsCredited", "PayoutScheduled",
                           "PayoutCarriedOver",      "PayoutApproved",
                           "PayoutCancelled",        "PayoutCompleted",
                           "PayoutFailed",           "MentorPerformanceUpdated"}) {
    CHECK_MESSAGE(seen[type] > 0, "no sequence produced "
                                      << std::string(type)
                                      << " (PayoutScheduled: " << seen["PayoutScheduled"] << ")");
  }
  MESSAGE("events by type over " << kSequences << " sequences: PaymentSplit "
                                 << seen["PaymentSplit"] << ", RefundApproved "
                                 << seen["RefundApproved"] << ", PayoutScheduled "
                                 << seen["PayoutScheduled"] << ", SessionDisputed "
                                 << seen["SessionDisputed"]);
}

}  // namespace edu::mentorship
