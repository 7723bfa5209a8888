// Property tests of Urban Home School money: random command sequences through the real pipeline
// over the in-memory log, on a manual clock, with the uhs-money reaction run to quiescence after
// every command (as the Reactor runs it: derived command ids, the event's time as "now"). After
// every step, from the events alone:
//   - every revenue split sums to its payment, with non-negative shares;
//   - no wallet balance (nor any balance_after) below zero, and each wallet's balance is its
//     credits minus its debits;
//   - money is conserved: received through gateways - refunded through gateways
//       = wallet balances + platform shares - enrollment refunds (the platform funds refunds);
//   - every enrollment and transaction event was a legal transition of its machine when it
//     happened, and every machine ends in a legal state;
//   - an enrollment is paid at most once, and a refused command appended nothing.
#include <map>
#include <memory>
#include <random>
#include <set>

#include <doctest/doctest.h>

#include "commands/pipeline.h"
#include "commands/reaction.h"
#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/payment_methods.h"
#include "domain/uhs/people.h"
#include "domain/uhs/transaction.h"
#include "domain/uhs/wallet.h"
#include "eventstore/event_codec.h"
#include "eventstore/memory_event_log.h"
#include "tests/support/command_world.h"

namespace edu {
std::unique_ptr<Reaction> MakeUhsMoneyReaction();
}

namespace edu::uhs {
namespace {

template <class C>
std::string Body(const C& c) {
  return R"({"marketplace":"uhs",)" + json::Encode(c).substr(1);
}

Money Kes(int64_t minor) { return Money{minor, "KES"}; }

using AnyEvent =
    std::variant<UserRegistered, StudentRegistered, CourseCreated, CoursePublished,
                 EnrollmentStarted, EnrollmentPaid, RevenueSplit, EnrollmentPaymentDeclined,
                 LessonCompleted, EnrollmentCompleted, EnrollmentDropped, EnrollmentRefunded,
                 EnrollmentExpired, TransactionInitiated, TransactionCompleted, TransactionFailed,
                 TransactionRefunded, WalletOpened, WalletCredited, WalletDebited,
                 PaymentMethodAdded, DefaultPaymentMethodChanged, PaymentMethodRemoved>;

// What the events say, summed independently of the deciders.
struct Books {
  int64_t gateway_in = 0, gateway_refunded = 0, platform = 0, enrollment_refunds = 0;
  std::map<Uuid, int64_t> wallet;  // by owner: credits - debits
  std::map<std::string, EnrollmentMachine> enrollments;
  std::map<std::string, TransactionMachine> transactions;
  std::map<Uuid, int> paid;         // EnrollmentPaid per enrollment
  std::map<std::string, int> seen;  // event types, for coverage
  std::vector<std::string> violations;

  void Violation(std::string what) { violations.push_back(std::move(what)); }

  void Fire(std::map<std::string, EnrollmentMachine>& m, const RecordedEvent& r,
            EnrollmentTrigger t) {
    if (!m[r.stream_id].Fire(t)) {
      Violation(r.stream_id + ": " + r.type + " is not a legal transition from " +
                std::string(EnumName(m[r.stream_id].status())));
    }
  }
  void Fire(std::map<std::string, TransactionMachine>& m, const RecordedEvent& r,
            TransactionTrigger t) {
    if (!m[r.stream_id].Fire(t)) {
      Violation(r.stream_id + ": " + r.type + " is not a legal transition from " +
                std::string(EnumName(m[r.stream_id].status())));
    }
  }
  void Balance(const Uuid& owner, int64_t delta, const Money& after, const RecordedEvent& r) {
    int64_t& b = wallet[owner];
    b += delta;
    if (after.minor < 0 || b < 0) Violation(r.stream_id + ": balance below zero");
    if (after.minor != b) {
      Violation(r.stream_id + ": balance_after " + std::to_string(after.minor) +
                " but credits - debits = " + std::to_string(b));
    }
  }

  void Apply(const RecordedEvent& r) {
    AnyEvent event;
    Status s = DecodeEvent(r, &event);
    if (!s.ok()) return Violation(s.ToString());
    ++seen[r.type];
    std::visit(
        Overloaded{
            [&](const EnrollmentStarted& e) {
              if (e.status == EnrollmentStatus::active)
                Fire(enrollments, r, EnrollmentTrigger::admit_free);
            },
            [&](const EnrollmentPaid& e) {
              Fire(enrollments, r, EnrollmentTrigger::pay);
              if (++paid[e.enrollment_id] > 1) Violation(r.stream_id + ": paid twice");
            },
            [&](const RevenueSplit& e) {
              if (e.instructor_share.minor + e.platform_share.minor + e.partner_share.minor !=
                      e.amount.minor ||
                  e.instructor_share.minor < 0 || e.platform_share.minor < 0 ||
                  e.partner_share.minor < 0 ||
                  e.instructor_bps + e.platform_bps + e.partner_bps != kWhole) {
                Violation(r.stream_id + ": split does not sum to the payment");
              }
              platform += e.platform_share.minor;
            },
            [&](const EnrollmentCompleted&) { Fire(enrollments, r, EnrollmentTrigger::complete); },
            [&](const EnrollmentDropped&) { Fire(enrollments, r, EnrollmentTrigger::drop); },
            [&](const EnrollmentRefunded& e) {
              Fire(enrollments, r, EnrollmentTrigger::refund);
              enrollment_refunds += e.amount.minor;
            },
            [&](const EnrollmentExpired&) { Fire(enrollments, r, EnrollmentTrigger::expire); },
            [&](const TransactionInitiated&) { transactions[r.stream_id]; },
            [&](const TransactionCompleted& e) {
              Fire(transactions, r, TransactionTrigger::complete);
              gateway_in += e.amount.minor;
            },
            [&](const TransactionFailed&) { Fire(transactions, r, TransactionTrigger::fail); },
            [&](const TransactionRefunded& e) {
              Fire(transactions, r, TransactionTrigger::refund);
              gateway_refunded += e.amount.minor;
            },
            [&](const WalletCredited& e) {
              Balance(e.user_id, e.amount.minor, e.balance_after, r);
            },
            [&](const WalletDebited& e) {
              Balance(e.user_id, -e.amount.minor, e.balance_after, r);
            },
            [&](const auto&) {}},
        event);
  }

  int64_t WalletTotal() const {
    int64_t sum = 0;
    for (const auto& [owner, b] : wallet) sum += b;
    return sum;
  }
};

struct Family {
  Uuid parent;
  std::vector<Uuid> students;       // students.id
  std::vector<Uuid> student_users;  // their user ids
};

struct Enrollment {
  Uuid id;
  Uuid student_user;
  Uuid parent;
  int64_t price = 0;
};

class School {
 public:
  explicit School(uint64_t seed)
      : rng_(seed), world_("uhs", *ParseIso8601("2026-02-02T06:00:00Z"), Reactions()) {
    world_.on_event = [this](const RecordedEvent& e) {
      if (e.marketplace == "uhs") books_.Apply(e);
    };
    world_.on_violation = [this](const std::string& what) { books_.Violation(what); };
  }

  static std::vector<std::unique_ptr<Reaction>> Reactions() {
    std::vector<std::unique_ptr<Reaction>> out;
    out.push_back(MakeUhsMoneyReaction());
    return out;
  }

  template <class C>
  CommandResult Send(const C& command, const Actor& actor) {
    return world_.Send(command, actor);
  }

  template <class C>
  void Must(const C& command, const Actor& actor) {
    CommandResult r = Send(command, actor);
    REQUIRE_MESSAGE(r.ok(),
                    C::kType << ": " << (r.error ? r.error->code + " " + r.error->message : ""));
  }

  void CheckInvariants() {
    for (const auto& v : books_.violations) FAIL_CHECK(v);
    books_.violations.clear();
    int64_t outside = books_.gateway_in - books_.gateway_refunded;
    int64_t inside = books_.WalletTotal() + books_.platform - books_.enrollment_refunds;
    CHECK_MESSAGE(outside == inside,
                  "received " << books_.gateway_in << " - refunded " << books_.gateway_refunded
                              << " != wallets " << books_.WalletTotal() << " + platform "
                              << books_.platform << " - refunds " << books_.enrollment_refunds);
    // The deciders' own states agree: wallets never negative, machines in their enum.
    for (const auto& [owner, balance] : books_.wallet) {
      std::any state;
      int64_t version = 0;
      REQUIRE(world_.pipeline()
                  .LoadState(*world_.registry().FindAggregate(kWalletCategory), WalletStream(owner),
                             &state, &version)
                  .ok());
      const auto& w = std::any_cast<const WalletState&>(state);
      CHECK(w.balance.minor == balance);
      CHECK(w.balance.minor >= 0);
    }
    for (const auto& [stream, machine] : books_.enrollments) {
      std::any state;
      int64_t version = 0;
      REQUIRE(world_.pipeline()
                  .LoadState(*world_.registry().FindAggregate(kEnrollmentCategory), stream, &state,
                             &version)
                  .ok());
      CHECK(std::any_cast<const EnrollmentState&>(state).status() == machine.status());
      CHECK(static_cast<size_t>(machine.status()) < EnumNames(EnrollmentStatus{}).size());
    }
  }

  // ---- the cast ----

  void Setup() {
    Must(RegisterUser{admin_id_, UserRole::admin, "ops@uhs.example", "Operations", {}, {}, {}},
         admin_);
    for (int i = 0; i < 2; ++i) {
      Uuid id = NewId();
      Must(RegisterUser{id,
                        UserRole::instructor,
                        "teacher" + std::to_string(i) + "@uhs.example",
                        "Teacher",
                        {},
                        {},
                        {}},
           admin_);
      instructors_.push_back(id);
    }
    partner_ = NewId();
    Must(
        RegisterUser{
            partner_, UserRole::partner, "partner@uhs.example", "Partner Academy", {}, {}, {}},
        admin_);
    for (int f = 0; f < 3; ++f) {
      Family family;
      family.parent = NewId();
      Must(RegisterUser{family.parent,
                        UserRole::parent,
                        "parent" + std::to_string(f) + "@uhs.example",
                        "Parent",
                        {},
                        {},
                        {}},
           Actor{ToString(family.parent), "parent"});
      for (int k = 0; k < 2; ++k) {
        std::string number = "ADM-" + std::to_string(f) + "-" + std::to_string(k);
        Must(RegisterStudent{number,
                             "Child",
                             "child" + number + "@uhs.example",
                             "Grade 7",
                             Date{2026, 1, 5},
                             family.parent,
                             {},
                             std::string("Kisumu")},
             Actor{ToString(family.parent), "parent"});
        family.students.push_back(StudentIdFor(number));
        family.student_users.push_back(StudentUserIdFor(StudentIdFor(number)));
      }
      families_.push_back(family);
    }
    // An instructor's paid course with an odd price, a platform course, a free course.
    const std::vector<std::pair<std::optional<Uuid>, int64_t>> courses = {{instructors_[0], 250001},
                                                                          {instructors_[1], 99},
                                                                          {std::nullopt, 120000},
                                                                          {instructors_[0], 0}};
    for (const auto& [instructor, price] : courses) {
      Uuid id = NewId();
      Actor who = instructor ? Actor{ToString(*instructor), "instructor"} : admin_;
      Must(CreateCourse{id,
                        "Course",
                        "About",
                        {"Grade 7"},
                        "Mathematics",
                        Kes(price),
                        instructor,
                        {"l1", "l2"},
                        {}},
           who);
      Must(PublishCourse{id}, who);
      courses_.push_back({id, price});
    }
  }

  void Step() {
    switch (rng_() % 10) {
      case 0:
      case 1:
        return Enroll();
      case 2:
        return TopUp();
      case 3:
      case 4:
        return PayByGateway();
      case 5:
        return PayFromWallet();
      case 6:
        return Refund();
      case 7:
        return DropOrExpire();
      case 8:
        return Study();
      default:
        world_.clock().Advance(Hours(static_cast<int64_t>(rng_() % 72)));
    }
  }

  void Enroll() {
    const Family& family = families_[rng_() % families_.size()];
    size_t k = rng_() % family.students.size();
    const auto& [course, price] = courses_[rng_() % courses_.size()];
    Enrollment e{NewId(), family.student_users[k], family.parent, price};
    std::optional<Uuid> partner;
    if (rng_() % 2) partner = partner_;
    Actor actor = rng_() % 3 ? Actor{ToString(family.parent), "parent"}
                             : Actor{ToString(e.student_user), "student"};
    if (Send(EnrollInCourse{e.id, family.students[k], course, partner}, actor).ok())
      enrollments_.push_back(e);
  }

  // A payer: a parent, or a student (who may top up their own wallet too).
  Uuid Payer(const Enrollment* e) {
    if (e) return rng_() % 3 ? e->parent : e->student_user;
    const Family& family = families_[rng_() % families_.size()];
    return rng_() % 3 ? family.parent : family.student_users[rng_() % family.student_users.size()];
  }

  Actor ActorFor(const Uuid& user) {
    for (const auto& f : families_) {
      if (f.parent == user) return Actor{ToString(user), "parent"};
    }
    return Actor{ToString(user), "student"};
  }

  // The gateway answers: completes (sometimes twice), fails, or never calls back.
  void GatewayAnswers(const std::string& reference, int64_t amount) {
    Actor gateway{"system:mpesa", "gateway"};
    switch (rng_() % 6) {
      case 0:
        Send(FailTransaction{reference, "Insufficient M-Pesa balance", std::string("1")}, gateway);
        break;
      case 1:
        break;  // pending for ever
      case 2:
        Send(CompleteTransaction{reference, Kes(amount), std::string("R" + reference)}, gateway);
        Send(CompleteTransaction{reference, Kes(amount), std::string("R" + reference)},
             gateway);  // duplicate
        break;
      default:
        Send(CompleteTransaction{reference, Kes(amount), std::string("R" + reference)}, gateway);
    }
  }

  void TopUp() {
    Uuid payer = Payer(nullptr);
    int64_t amount = 1 + static_cast<int64_t>(rng_() % 400000);
    std::string reference = "TOPUP" + std::to_string(++references_);
    static const Gateway kGateways[] = {Gateway::mpesa, Gateway::paypal, Gateway::stripe};
    if (Send(InitiatePayment{reference,
                             payer,
                             Kes(amount),
                             kGateways[rng_() % 3],
                             PaymentPurpose::wallet_topup,
                             {},
                             {}},
             ActorFor(payer))
            .ok()) {
      GatewayAnswers(reference, amount);
    }
  }

  Enrollment* AnyEnrollment() {
    if (enrollments_.empty()) return nullptr;
    return &enrollments_[rng_() % enrollments_.size()];
  }

  void PayByGateway() {
    Enrollment* e = AnyEnrollment();
    if (!e) return;
    Uuid payer = Payer(e);
    std::string reference = "COURSE" + std::to_string(++references_);
    if (!Send(InitiatePayment{reference,
                              payer,
                              Kes(e->price),
                              Gateway::stripe,
                              PaymentPurpose::course_enrollment,
                              e->id,
                              {}},
              ActorFor(payer))
             .ok()) {
      return;
    }
    // Sometimes the enrollment moves on before the gateway calls back: the money is declined
    // and goes back through the gateway.
    if (rng_() % 4 == 0) {
      if (rng_() % 2) {
        Send(PayEnrollmentFromWallet{payer, e->id}, ActorFor(payer));
      } else {
        Send(DropEnrollment{e->id, std::string("changed mind")}, ActorFor(payer));
      }
    }
    GatewayAnswers(reference, e->price);
  }

  void PayFromWallet() {
    Enrollment* e = AnyEnrollment();
    if (!e) return;
    Uuid payer = Payer(e);
    Send(PayEnrollmentFromWallet{payer, e->id}, ActorFor(payer));
  }

  void Refund() {
    Enrollment* e = AnyEnrollment();
    if (!e) return;
    RefundDestination to = rng_() % 2 ? RefundDestination::wallet : RefundDestination::original;
    Send(RefundEnrollment{e->id, to, std::string("not a fit")}, ActorFor(e->parent));
  }

  void DropOrExpire() {
    Enrollment* e = AnyEnrollment();
    if (!e) return;
    if (rng_() % 2) {
      Send(DropEnrollment{e->id, {}}, ActorFor(e->student_user));
    } else {
      Send(ExpireEnrollment{e->id}, Actor{"system:scheduler", "system"});
    }
  }

  void Study() {
    Enrollment* e = AnyEnrollment();
    if (!e) return;
    Send(RecordLessonCompleted{e->id, rng_() % 2 ? "l1" : "l2", static_cast<int32_t>(rng_() % 90)},
         ActorFor(e->student_user));
  }

  Uuid NewId() {
    return DeriveUuid(EduledgerNamespace(), "uhs-property-id-" + std::to_string(++ids_));
  }

  Books& books() { return books_; }
  const std::map<std::string, int>& rejections() const { return world_.rejected(); }
  int reactions() const { return world_.reaction_commands(); }

 private:
  std::mt19937_64 rng_;
  testing::CommandWorld world_;
  Books books_;
  int ids_ = 0, references_ = 0;
  Uuid admin_id_ = *ParseUuid("9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f");
  Actor admin_{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
  std::vector<Uuid> instructors_;
  Uuid partner_;
  std::vector<Family> families_;
  std::vector<std::pair<Uuid, int64_t>> courses_;
  std::vector<Enrollment> enrollments_;
};

}  // namespace

TEST_SUITE("uhs properties") {
  TEST_CASE(
      "random school days: splits exact, wallets never negative, money conserved, machines legal") {
    std::map<std::string, int> seen, rejected;
    for (uint64_t seed : {1u, 2u, 3u, 4u}) {
      CAPTURE(seed);
      School school(seed);
      school.Setup();
      for (int step = 0; step < 250; ++step) {
        CAPTURE(step);
        school.Step();
        school.CheckInvariants();
      }
      for (const auto& [type, n] : school.books().seen) seen[type] += n;
      for (const auto& [code, n] : school.rejections()) rejected[code] += n;
    }
    // The runs went where the rules are: every money path and every boundary was exercised.
    for (const char* type :
         {"EnrollmentPaid", "RevenueSplit", "EnrollmentPaymentDeclined", "EnrollmentRefunded",
          "EnrollmentExpired", "EnrollmentDropped", "EnrollmentCompleted", "TransactionCompleted",
          "TransactionFailed", "TransactionRefunded", "WalletCredited", "WalletDebited"}) {
      CHECK_MESSAGE(seen[type] > 0, (std::string(type) + " never happened"));
    }
    for (const char* code : {"insufficient_funds", "illegal_transition", "refund_window_passed",
                             "enrollment_not_awaiting_payment"}) {
      CHECK_MESSAGE(rejected[code] > 0, (std::string(code) + " never happened"));
    }
  }
}

}  // namespace edu::uhs
