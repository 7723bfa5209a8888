#include "adapters/demo/uhs.h"

#include "adapters/demo/checks.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/policies.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/split.h"

namespace edu {
namespace {

using namespace uhs;

Money Kes(int64_t minor) { return Money{minor, "KES"}; }

void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, "uhs", what); }

std::string KenyanName(std::mt19937_64& rng) {
  static const char* kFirst[] = {"Wanjiku", "Otieno", "Achieng", "Kamau",   "Njeri",
                                 "Mwangi",  "Atieno", "Kiprop",  "Wairimu", "Omondi",
                                 "Chebet",  "Mutua",  "Akinyi",  "Kibet"};
  static const char* kLast[] = {"Kamau",   "Odhiambo", "Njoroge",  "Wekesa", "Mutua",
                                "Kariuki", "Ochieng",  "Kiplagat", "Wambui", "Onyango"};
  return std::string(kFirst[rng() % 14]) + " " + kLast[rng() % 10];
}

struct DemoCourse {
  Uuid id{};
  int64_t price = 0;
  std::optional<Uuid> instructor;
  std::vector<std::string> lessons;
};

struct DemoEnrollment {
  Uuid id{};
  Uuid student_user{};
  Uuid parent{};
  const DemoCourse* course = nullptr;
  bool with_partner = false;
  bool paid = false;
  std::optional<std::string> gateway_reference;  // paid through a gateway
};

class UhsScenario {
 public:
  UhsScenario(DemoDriver& d, const UhsDemoOptions& options, const std::function<void()>& settle,
              UhsDemoTotals* t)
      : d_(d), options_(options), settle_(settle), t_(t) {}

  void Run() {
    if (options_.families < 3) throw std::runtime_error("uhs demo: needs at least 3 families");
    People();
    Catalog();
    Families();
    Enroll();
    TopUps();
    settle_();
    Pay();
    settle_();
    ExpireOne();
    Refund();
    Study();
    settle_();
    RunUhsForumDemo(d_, {admin_, instructors_, parents_}, settle_, &t_->forum);  // uhs_forum.cc
    RunUhsAssessmentsDemo(d_, {admin_, instructors_, children_, &t_->courses, &t_->enrollments},
                          settle_, &t_->assessments);  // uhs_assessments.cc
    RunUhsCatalogDemo(d_,
                      {admin_, instructors_, children_, &t_->courses, &t_->enrollments,
                       &t_->enrollments_completed},
                      settle_, &t_->catalog);  // uhs_catalog.cc
  }

 private:
  Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }

  void People() {
    admin_ = d_.NewId();
    Expect(d_.Send("RegisterUser",
                   CommandBody("uhs", RegisterUser{admin_,
                                                   UserRole::admin,
                                                   "ops@urbanhomeschool.example",
                                                   "UHS Operations",
                                                   {},
                                                   {},
                                                   {}}),
                   As(admin_, "admin")),
           "registering the uhs admin");
    ++t_->users;
    for (int i = 0; i < 2; ++i) {
      Uuid id = d_.NewId();
      Expect(d_.Send("RegisterUser",
                     CommandBody("uhs",
                                 RegisterUser{id,
                                              UserRole::instructor,
                                              fmt::format("teacher{}@urbanhomeschool.example", i),
                                              KenyanName(d_.rng()),
                                              {},
                                              {},
                                              std::string("Nairobi")}),
                     As(admin_, "admin")),
             "registering an instructor");
      ++t_->users;
      instructors_.push_back(id);
    }
    partner_ = d_.NewId();
    Expect(d_.Send("RegisterUser",
                   CommandBody("uhs", RegisterUser{partner_,
                                                   UserRole::partner,
                                                   "hello@kisumu-tutors.example",
                                                   "Kisumu Tutors Network",
                                                   {},
                                                   {},
                                                   std::string("Kisumu")}),
                   As(admin_, "admin")),
           "registering the partner");
    ++t_->users;
  }

  void Catalog() {
    struct Spec {
      const char* title;
      const char* area;
      int64_t price;
      int instructor;  // -1: platform-created
    };
    const Spec specs[] = {{"Grade 7 Mathematics", "Mathematics", 150000, 0},
                          {"Kiswahili Sarufi, Grade 6", "Kiswahili", 275050, 1},
                          {"Integrated Science, Grade 8", "Science", 99999, 0},
                          {"CBC Coding Club", "Technology", 400000, -1},
                          {"Reading Buddies", "English", 0, -1}};
    for (const Spec& s : specs) {
      DemoCourse c;
      c.id = d_.NewId();
      c.price = s.price;
      if (s.instructor >= 0) c.instructor = instructors_[static_cast<size_t>(s.instructor)];
      c.lessons = {"introduction", "practice", "assessment"};
      Actor who = c.instructor ? As(*c.instructor, "instructor") : As(admin_, "admin");
      CreateCourse create{c.id,
                          s.title,
                          std::string("A CBC-aligned course: ") + s.area,
                          {"Grade 6", "Grade 7", "Grade 8"},
                          s.area,
                          Kes(s.price),
                          c.instructor,
                          c.lessons,
                          12};
      Expect(d_.Send("CreateCourse", CommandBody("uhs", create), who), "creating a course");
      Expect(d_.Send("PublishCourse", CommandBody("uhs", PublishCourse{c.id}), who),
             "publishing a course");
      ++t_->courses;
      courses_.push_back(c);
    }
  }

  void Families() {
    static const char* kCounties[] = {"Nairobi", "Mombasa", "Kisumu",
                                      "Nakuru",  "Kiambu",  "Machakos"};
    for (int f = 0; f < options_.families; ++f) {
      Uuid parent = d_.NewId();
      Actor self = As(parent, "parent");
      std::string name = KenyanName(d_.rng());
      std::string county = kCounties[d_.rng()() % 6];
      Expect(d_.Send(
                 "RegisterUser",
                 CommandBody("uhs", RegisterUser{parent,
                                                 UserRole::parent,
                                                 fmt::format("parent{}@example.co.ke", f),
                                                 name,
                                                 fmt::format("+2547{:08d}", d_.rng()() % 100000000),
                                                 {},
                                                 county}),
                 self),
             "registering a parent");
      ++t_->users;
      AddPaymentMethod method{d_.NewId(),
                              parent,
                              Gateway::mpesa,
                              MethodType::phone,
                              fmt::format("+2547{:08d}", d_.rng()() % 100000000),
                              std::string("Safaricom"),
                              {}};
      if (f % 3 == 1) {
        method.gateway = Gateway::stripe;
        method.method_type = MethodType::card;
        method.account = "4242";
        method.label = "Visa";
      } else if (f % 3 == 2) {
        method.gateway = Gateway::paypal;
        method.method_type = MethodType::paypal_account;
        method.account = fmt::format("parent{}@example.co.ke", f);
        method.label = "PayPal";
      }
      Expect(d_.Send("AddPaymentMethod", CommandBody("uhs", method), self),
             "saving a payment method");
      methods_[parent] = method;
      parents_.push_back(parent);
      int children = 1 + static_cast<int>(d_.rng()() % 2);
      for (int k = 0; k < children; ++k) {
        std::string number = fmt::format("UHS/2026/{:04d}", ++admissions_);
        RegisterStudent admit{number,
                              KenyanName(d_.rng()),
                              fmt::format("student{:04d}@example.co.ke", admissions_),
                              fmt::format("Grade {}", 6 + d_.rng()() % 3),
                              Date{2026, 1, 5},
                              parent,
                              {},
                              county};
        Expect(d_.Send("RegisterStudent", CommandBody("uhs", admit), self), "admitting a student");
        ++t_->users;
        ++t_->students;
        children_.push_back({StudentIdFor(number), parent});
      }
    }
  }

  void Enroll() {
    int n = 0;
    for (const auto& [student, parent] : children_) {
      size_t first = d_.rng()() % courses_.size();
      for (size_t pick :
           {first, (first + 1 + d_.rng()() % (courses_.size() - 1)) % courses_.size()}) {
        DemoEnrollment e;
        e.id = d_.NewId();
        e.student_user = StudentUserIdFor(student);
        e.parent = parent;
        e.course = &courses_[pick];
        e.with_partner = ++n % 3 == 0;
        std::optional<Uuid> partner;
        if (e.with_partner) partner = partner_;
        Expect(d_.Send("EnrollInCourse",
                       CommandBody("uhs", EnrollInCourse{e.id, student, e.course->id, partner}),
                       As(parent, "parent")),
               "enrolling a student");
        ++t_->enrollments;
        e.paid = e.course->price == 0;
        enrollments_.push_back(e);
      }
    }
  }

  std::string NextReference(Gateway g) {
    switch (g) {
      case Gateway::mpesa:
        return fmt::format("ws_CO_{:012d}", ++references_);
      case Gateway::stripe:
        return fmt::format("pi_3UHS{:08d}", ++references_);
      case Gateway::paypal:
        return fmt::format("PAYID-UHS{:08d}", ++references_);
    }
    return "";
  }

  // A payment started at the gateway; then the gateway's callback.
  std::string Initiate(const Uuid& payer, int64_t amount, Gateway g, PaymentPurpose purpose,
                       std::optional<Uuid> enrollment) {
    std::string reference = NextReference(g);
    std::optional<Uuid> method;
    if (methods_.count(payer) && methods_[payer].gateway == g)
      method = methods_[payer].payment_method_id;
    Expect(d_.Send("InitiatePayment",
                   CommandBody("uhs", InitiatePayment{reference, payer, Kes(amount), g, purpose,
                                                      enrollment, method}),
                   As(payer, "parent")),
           "initiating a payment");
    ++t_->transactions;
    return reference;
  }

  void Complete(const std::string& reference, int64_t amount, Gateway g) {
    Actor gateway{"system:" + std::string(EnumName(g)), "gateway"};
    DemoOutcome done = d_.Send(
        "CompleteTransaction",
        CommandBody("uhs", CompleteTransaction{reference, Kes(amount),
                                               "R" + reference.substr(reference.size() - 8)}),
        gateway);
    Expect(done, "a gateway callback");
    t_->received_minor += amount;
    if (!duplicate_shown_) {  // gateways retry callbacks: the second one appends nothing
      DemoOutcome again =
          d_.Send("CompleteTransaction",
                  CommandBody("uhs", CompleteTransaction{reference, Kes(amount), {}}), gateway);
      Expect(again, "a duplicate gateway callback");
      if (!again.result.events.empty())
        throw std::runtime_error("uhs demo: a duplicate callback appended events");
      ++t_->duplicate_callbacks;
      duplicate_shown_ = true;
    }
  }

  // The first paid enrollment of each family decides its top-up: family 1 tops up exactly that
  // price (its wallet will reach zero), family 2 one shilling less (refused), others more.
  void TopUps() {
    static const Gateway kGateways[] = {Gateway::mpesa, Gateway::paypal, Gateway::stripe};
    for (size_t f = 0; f < parents_.size(); ++f) {
      const Uuid& parent = parents_[f];
      int64_t first_price = 0;
      for (const auto& e : enrollments_) {
        if (e.parent == parent && !e.paid) {
          first_price = e.course->price;
          break;
        }
      }
      int64_t amount = 300000 + static_cast<int64_t>(d_.rng()() % 500000);
      if (f == 1 && first_price > 0) amount = first_price;
      if (f == 2 && first_price > 100) amount = first_price - 100;
      Gateway g = kGateways[f % 3];
      if (f == 0) {  // the first attempt fails at the gateway; the parent tries again
        std::string failed =
            Initiate(parent, amount, Gateway::mpesa, PaymentPurpose::wallet_topup, {});
        Expect(d_.Send("FailTransaction",
                       CommandBody("uhs",
                                   FailTransaction{failed, "The initiator information is invalid.",
                                                   std::string("2001")}),
                       Actor{"system:mpesa", "gateway"}),
               "a failed payment callback");
        ++t_->transactions_failed;
      }
      std::string reference = Initiate(parent, amount, g, PaymentPurpose::wallet_topup, {});
      Complete(reference, amount, g);
      t_->topups_minor += amount;
      t_->wallets[parent] += amount;
    }
  }

  void Split(const DemoEnrollment& e) {
    SplitShares s = SplitCoursePayment(e.course->price, e.course->instructor.has_value(),
                                       e.with_partner, policy_);
    t_->course_payments_minor += e.course->price;
    t_->instructor_shares_minor += s.instructor;
    t_->platform_shares_minor += s.platform;
    t_->partner_shares_minor += s.partner;
    if (e.course->instructor && s.instructor > 0)
      t_->wallets[*e.course->instructor] += s.instructor;
    if (e.with_partner && s.partner > 0) t_->wallets[partner_] += s.partner;
  }

  // Pending enrollments are paid from the parent's wallet when it holds enough, else through a
  // gateway. One enrollment of each family stays unpaid until ExpireOne.
  void Pay() {
    static const Gateway kGateways[] = {Gateway::stripe, Gateway::mpesa, Gateway::paypal};
    std::map<Uuid, bool> left_one_unpaid;
    size_t g = 0;
    for (auto& e : enrollments_) {
      if (e.paid) continue;
      if (e.parent == parents_[0] && !left_one_unpaid[e.parent]) {
        left_one_unpaid[e.parent] = true;
        unpaid_ = &e;
        continue;
      }
      Actor parent = As(e.parent, "parent");
      int64_t& balance = t_->wallets[e.parent];
      if (balance >= e.course->price) {
        Expect(d_.Send("PayEnrollmentFromWallet",
                       CommandBody("uhs", PayEnrollmentFromWallet{e.parent, e.id}), parent),
               "paying from a wallet");
        balance -= e.course->price;
      } else {
        if (e.parent == parents_[2] &&
            t_->refused_insufficient == 0) {  // topped up one shilling short
          ExpectRefused(
              d_.Send("PayEnrollmentFromWallet",
                      CommandBody("uhs", PayEnrollmentFromWallet{e.parent, e.id}), parent),
              "insufficient_funds", "uhs", "paying more than the wallet holds");
          ++t_->refused_insufficient;
        }
        Gateway gateway = kGateways[g++ % 3];
        e.gateway_reference =
            Initiate(e.parent, e.course->price, gateway, PaymentPurpose::course_enrollment, e.id);
        Complete(*e.gateway_reference, e.course->price, gateway);
      }
      e.paid = true;
      Split(e);
    }
  }

  void ExpireOne() {
    if (!unpaid_) return;
    d_.clock().Advance(Hours(49));
    Expect(d_.Send("ExpireEnrollment", CommandBody("uhs", ExpireEnrollment{unpaid_->id}),
                   Actor{"system:scheduler", "system"}),
           "expiring an unpaid enrollment");
    ++t_->enrollments_dropped;  // counted with the ended ones below
    expired_ = true;
  }

  void Refund() {
    DemoEnrollment* by_gateway = nullptr;
    DemoEnrollment* by_wallet = nullptr;
    for (auto& e : enrollments_) {
      if (!e.paid || e.course->price == 0) continue;
      if (e.gateway_reference && !by_gateway) by_gateway = &e;
      if (!e.gateway_reference && !by_wallet) by_wallet = &e;
    }
    for (DemoEnrollment* e : {by_gateway, by_wallet}) {
      if (!e) continue;
      RefundDestination to =
          e->gateway_reference ? RefundDestination::original : RefundDestination::wallet;
      Expect(
          d_.Send("RefundEnrollment",
                  CommandBody("uhs", RefundEnrollment{e->id, to, std::string("Wrong grade level")}),
                  As(e->parent, "parent")),
          "refunding an enrollment");
      t_->refunds_minor += e->course->price;
      ++t_->enrollments_dropped;
      if (e->gateway_reference) {
        t_->gateway_refunded_minor += e->course->price;
        ++t_->transactions_refunded;
      } else {
        t_->wallets[e->parent] += e->course->price;
      }
      refunded_.push_back(e);
    }
  }

  void Study() {
    int completed = 0;
    for (auto& e : enrollments_) {
      if (!e.paid || completed == 3 ||
          std::find(refunded_.begin(), refunded_.end(), &e) != refunded_.end())
        continue;
      for (const auto& lesson : e.course->lessons) {
        Expect(d_.Send("RecordLessonCompleted",
                       CommandBody("uhs",
                                   RecordLessonCompleted{
                                       e.id, lesson, 20 + static_cast<int32_t>(d_.rng()() % 40)}),
                       As(e.student_user, "student")),
               "recording a lesson");
      }
      ++completed;
      ++t_->enrollments_completed;
    }
  }

  DemoDriver& d_;
  const UhsDemoOptions& options_;
  const std::function<void()>& settle_;
  UhsDemoTotals* t_;
  const Policy policy_{};
  Uuid admin_, partner_;
  std::vector<Uuid> instructors_, parents_;
  std::vector<DemoCourse> courses_;
  std::vector<std::pair<Uuid, Uuid>> children_;  // student id, parent
  std::vector<DemoEnrollment> enrollments_;
  std::vector<DemoEnrollment*> refunded_;
  DemoEnrollment* unpaid_ = nullptr;
  std::map<Uuid, AddPaymentMethod> methods_;
  int admissions_ = 0, references_ = 0;
  bool duplicate_shown_ = false, expired_ = false;
};

}  // namespace

void RunUhsDemo(DemoDriver& driver, const UhsDemoOptions& options,
                const std::function<void()>& settle, UhsDemoTotals* totals) {
  UhsScenario(driver, options, settle, totals).Run();
}

bool ReportUhsDemo(const std::string& db_uri, EventLog* log, const UhsDemoTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  // Money columns are NUMERIC shillings; compare in cents, exactly.
  auto cents = [&](const std::string& expr, const std::string& from) {
    return scalar("SELECT (coalesce(sum(" + expr + "), 0) * 100)::bigint FROM " + from);
  };

  std::printf("\nuhs read tables (schema uhs)\n");
  pqxx::result tables = tx.exec(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'uhs' ORDER BY "
      "table_name");
  std::string empty;
  for (const auto& row : tables) {
    std::string name = row[0].c_str();
    int64_t n = scalar("SELECT count(*) FROM uhs." + name);
    if (n == 0) {
      empty += (empty.empty() ? "" : ", ") + name;
      continue;
    }
    std::printf("  %-24s %6lld rows\n", name.c_str(), static_cast<long long>(n));
  }
  std::printf("  (empty: %s)\n", empty.c_str());

  // Wallets: each balance against the credits minus debits the demo caused.
  int64_t wallet_mismatches = 0, expected_wallets = 0;
  for (const auto& [owner, balance] : t.wallets) {
    expected_wallets += balance;
    int64_t actual = scalar("SELECT (balance * 100)::bigint FROM uhs.wallets WHERE user_id = '" +
                            ToString(owner) + "'");
    if (actual != balance) ++wallet_mismatches;
  }

  const std::string kPaid = "uhs.enrollments WHERE payment_amount > 0";
  std::vector<DemoCheck> checks = {
      {"users", t.users, scalar("SELECT count(*) FROM uhs.users"), false},
      {"students", t.students, scalar("SELECT count(*) FROM uhs.students"), false},
      {"courses", t.courses, scalar("SELECT count(*) FROM uhs.courses"), false},
      {"enrollments", t.enrollments, scalar("SELECT count(*) FROM uhs.enrollments"), false},
      {"enrollments completed", t.enrollments_completed,
       scalar("SELECT count(*) FROM uhs.enrollments WHERE status = 'completed'"), false},
      {"enrollments dropped or expired", t.enrollments_dropped,
       scalar("SELECT count(*) FROM uhs.enrollments WHERE status IN ('dropped', 'expired')"),
       false},
      {"enrollments still awaiting payment", 0,
       scalar("SELECT count(*) FROM uhs.enrollments WHERE status = 'pending_payment'"), false},
      {"gateway transactions", t.transactions, scalar("SELECT count(*) FROM uhs.transactions"),
       false},
      {"transactions failed", t.transactions_failed,
       scalar("SELECT count(*) FROM uhs.transactions WHERE status = 'failed'"), false},
      {"transactions refunded", t.transactions_refunded,
       scalar("SELECT count(*) FROM uhs.transactions WHERE status = 'refunded'"), false},
      {"received through gateways", t.received_minor,
       cents("amount", "uhs.transactions WHERE status IN ('completed', 'refunded')"), true},
      {"  of which wallet top-ups", t.topups_minor,
       cents("amount",
             "uhs.transactions WHERE transaction_metadata->>'purpose' = 'wallet_topup' AND status "
             "= 'completed'"),
       true},
      {"refunded through gateways", t.gateway_refunded_minor,
       cents("amount", "uhs.transactions WHERE status = 'refunded'"), true},
      {"revenue_metrics daily total_revenue", t.received_minor,
       cents("total_revenue", "uhs.revenue_metrics WHERE period_type = 'daily'"), true},
      {"revenue_metrics monthly net_revenue", t.received_minor - t.gateway_refunded_minor,
       cents("net_revenue", "uhs.revenue_metrics WHERE period_type = 'monthly'"), true},
      {"course payments (gateway and wallet)", t.course_payments_minor,
       cents("payment_amount", "uhs.enrollments"), true},
      {"instructor shares (60%)", t.instructor_shares_minor, cents("instructor_share", kPaid),
       true},
      {"platform shares (30% + unreferred 10%)", t.platform_shares_minor,
       cents("platform_share", kPaid), true},
      {"partner shares (10%)", t.partner_shares_minor, cents("partner_share", kPaid), true},
      {"enrollments whose split != payment", 0,
       scalar("SELECT count(*) FROM " + kPaid +
              " AND instructor_share + platform_share + partner_share <> payment_amount"),
       false},
      {"enrollment refunds (platform-funded)", t.refunds_minor,
       cents("refund_amount", "uhs.enrollments"), true},
      {"wallet balances", expected_wallets, cents("balance", "uhs.wallets"), true},
      {"wallets != credits - debits", 0, wallet_mismatches, false},
      {"wallets below zero", 0, scalar("SELECT count(*) FROM uhs.wallets WHERE balance < 0"),
       false},
      {"users with more than one default method", 0,
       scalar("SELECT count(*) FROM (SELECT user_id FROM uhs.payment_methods WHERE is_default "
              "GROUP BY user_id "
              "HAVING count(*) > 1) x"),
       false},
      {"received - refunded = wallets + platform - refunds",
       t.received_minor - t.gateway_refunded_minor,
       cents("balance", "uhs.wallets") + cents("platform_share", kPaid) -
           cents("refund_amount", "uhs.enrollments"),
       true},
  };
  for (DemoCheck& c : UhsForumChecks(db_uri, log, t.forum)) checks.push_back(std::move(c));
  for (DemoCheck& c : UhsAssessmentChecks(db_uri, log, t.assessments)) checks.push_back(c);
  for (DemoCheck& c : UhsCatalogChecks(db_uri, log, t.catalog)) checks.push_back(c);
  bool all_ok = PrintDemoChecks("uhs money and counts: what the API accepted vs the read tables",
                                checks, "KES");
  std::printf(
      "  duplicate gateway callbacks answered without a new event: %d; wallet payments refused one "
      "shilling short: %d (insufficient_funds)\n",
      t.duplicate_callbacks, t.refused_insufficient);
  return all_ok;
}

}  // namespace edu
