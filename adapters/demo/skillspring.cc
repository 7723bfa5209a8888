#include "adapters/demo/skillspring.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "adapters/demo/checks.h"
#include "adapters/demo/skillspring_learning.h"
#include "adapters/demo/skillspring_qa.h"
#include "domain/policies.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/pricing.h"

namespace edu {
namespace {

using namespace skillspring;

Money Usd(int64_t cents) { return Money{cents, "USD"}; }
void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, "skillspring", what); }

struct DemoCourse {
  Uuid id{};
  Uuid mentor{};
  int64_t price = 0;  // what a buyer pays now (sale price when there is one)
  std::vector<Uuid> lectures;
};

struct Shopper {
  Uuid id{};
  Uuid cart{};
  std::vector<const DemoCourse*> in_cart;
  std::optional<CouponTerms> coupon;
  std::string coupon_code;
  std::vector<const DemoCourse*> owned;
};

class SkillspringScenario {
 public:
  SkillspringScenario(DemoDriver& d, const SkillspringDemoOptions& options,
                      const std::function<void()>& settle, SkillspringDemoTotals* t)
      : d_(d), options_(options), settle_(settle), t_(t) {}

  void Run() {
    if (options_.students < 12)
      throw std::runtime_error("skillspring demo: needs at least 12 students");
    People();
    Catalog();
    Coupons();
    Browse();
    DayOne();
    d_.clock().Advance(Days(2));
    DayThree();
    Learn();
    Review();
    RunSkillspringQaDemo(d_, QaCast(), t_);
    RunSkillspringLearningDemo(d_, QaCast(), t_);
    settle_();
  }

 private:
  Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }
  Actor Self(const Shopper& s) { return As(s.id, "student"); }

  void Register(const Uuid& id, UserRole role, const std::string& first, const std::string& last,
                const Actor& actor) {
    RegisterUser u;
    u.user_id = id;
    u.role = role;
    u.email = fmt::format("{}.{}.{}@example.com", first, last, ToString(id).substr(0, 4));
    std::transform(u.email.begin(), u.email.end(), u.email.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    u.first_name = first;
    u.last_name = last;
    u.timezone = "UTC";
    if (role == UserRole::mentor) {
      u.headline = "Practitioner and teacher";
      u.experience_years = static_cast<int32_t>(5 + d_.rng()() % 15);
      u.languages = {"en"};
    } else if (role == UserRole::student) {
      u.occupation = "Analyst";
      u.goals = "Switch careers into data";
    }
    Expect(d_.Send("RegisterUser", CommandBody("skillspring", u), actor), "registering a user");
    ++t_->users;
  }

  void People() {
    admin_ = d_.NewId();
    Register(admin_, UserRole::admin, "Skillspring", "Ops", As(admin_, "admin"));
    static const char* kMentors[][2] = {{"Maya", "Lopez"}, {"Tom", "Becker"}, {"Ama", "Mensah"}};
    for (const auto& name : kMentors) {
      Uuid id = d_.NewId();
      Register(id, UserRole::mentor, name[0], name[1], As(id, "mentor"));
      ++t_->mentors;
      mentors_.push_back(id);
    }
    static const char* kFirst[] = {"Lena",  "Omar", "Priya", "Jonas", "Sofia", "Kenji",
                                   "Zara",  "Luca", "Nia",   "Ivan",  "Hana",  "Mateo",
                                   "Aisha", "Noah", "Elif",  "Ravi"};
    for (int i = 0; i < options_.students; ++i) {
      Shopper s;
      s.id = d_.NewId();
      Register(s.id, UserRole::student, kFirst[i % 16], "Student", As(s.id, "student"));
      ++t_->students;
      shoppers_.push_back(s);
    }
  }

  void Catalog() {
    Actor admin = As(admin_, "admin");
    for (auto [slug, name, parent] :
         {std::tuple<const char*, const char*, const char*>{"data", "Data", nullptr},
          {"sql", "SQL", "data"},
          {"design", "Design", nullptr},
          {"ux", "UX Writing", "design"}}) {
      std::optional<std::string> parent_slug;
      if (parent) parent_slug = parent;
      Expect(
          d_.Send("CreateCategory",
                  CommandBody("skillspring", CreateCategory{slug, name, parent_slug, {}}), admin),
          "creating a category");
    }
    struct Spec {
      const char* slug;
      const char* title;
      size_t mentor;
      int64_t list;
      std::optional<int64_t> sale;
      const char* category;
    };
    const Spec specs[] = {
        {"sql-from-zero", "SQL from Zero", 0, 4999, 1999, "sql"},
        {"window-functions", "Window Functions in Practice", 0, 3499, std::nullopt, "sql"},
        {"pandas-basics", "Pandas Basics", 1, 2999, std::nullopt, "data"},
        {"dashboards", "Dashboards that Get Read", 1, 8999, 4499, "data"},
        {"ux-microcopy", "UX Microcopy", 2, 1999, std::nullopt, "ux"},
        {"design-systems", "Design Systems 101", 2, 5999, 3333, "design"}};
    for (size_t i = 0; i < std::size(specs); ++i) {
      const Spec& s = specs[i];
      DemoCourse c;
      c.id = CourseIdFor(s.slug);
      c.mentor = mentors_[s.mentor];
      c.price = s.sale.value_or(s.list);
      CreateCourse create;
      create.slug = s.slug;
      create.mentor_id = c.mentor;
      create.title = s.title;
      create.subtitle = "Hands-on, with exercises";
      create.description = std::string(s.title) + ": from first steps to confident use.";
      create.language_code = "en";
      create.level = i % 2 ? CourseLevel::intermediate : CourseLevel::beginner;
      create.list_price = Usd(s.list);
      if (s.sale) create.sale_price = Usd(*s.sale);
      for (int section = 0; section < 2; ++section) {
        SectionSpec sec{d_.NewId(), fmt::format("Part {}", section + 1), {}};
        for (int l = 0; l < 2; ++l) {
          Uuid lecture = d_.NewId();
          sec.lectures.push_back({lecture,
                                  fmt::format("Lesson {}.{}", section + 1, l + 1),
                                  l ? ContentType::article : ContentType::video,
                                  8 + static_cast<int32_t>(d_.rng()() % 20),
                                  section == 0 && l == 0,
                                  {},
                                  {}});
          c.lectures.push_back(lecture);
        }
        create.sections.push_back(sec);
      }
      create.tags = {s.category, "career"};
      create.category_slugs = {s.category};
      Actor mentor = As(c.mentor, "mentor");
      Expect(d_.Send("CreateCourse", CommandBody("skillspring", create), mentor),
             "creating a course");
      Expect(d_.Send("SubmitCourse", CommandBody("skillspring", SubmitCourse{c.id}), mentor),
             "submitting a course");
      if (i == 3) {  // the admin sends one back once
        Expect(d_.Send("RequestCourseChanges",
                       CommandBody("skillspring",
                                   RequestCourseChanges{c.id, "Add a capstone exercise"}),
                       As(admin_, "admin")),
               "sending a course back");
        Expect(d_.Send("SubmitCourse", CommandBody("skillspring", SubmitCourse{c.id}), mentor),
               "resubmitting a course");
      }
      Expect(d_.Send("PublishCourse", CommandBody("skillspring", PublishCourse{c.id}),
                     As(admin_, "admin")),
             "publishing a course");
      ++t_->courses;
      courses_.push_back(c);
    }
    // A draft that never ships: archived (status archived + deleted_at).
    CreateCourse draft;
    draft.slug = "old-excel-tricks";
    draft.mentor_id = mentors_[1];
    draft.title = "Old Excel Tricks";
    draft.description = "Superseded";
    draft.language_code = "en";
    draft.list_price = Usd(999);
    draft.sections = {SectionSpec{
        d_.NewId(), "All", {LectureSpec{d_.NewId(), "Intro", ContentType::video, 5, {}, {}, {}}}}};
    Expect(d_.Send("CreateCourse", CommandBody("skillspring", draft), As(mentors_[1], "mentor")),
           "creating a draft");
    Expect(
        d_.Send("ArchiveCourse", CommandBody("skillspring", ArchiveCourse{CourseIdFor(draft.slug)}),
                As(mentors_[1], "mentor")),
        "archiving a draft");
    ++t_->courses;
    ++t_->courses_archived;
  }

  void Coupons() {
    Timestamp now = d_.clock().Now();
    Expect(
        d_.Send("CreateCoupon",
                CommandBody("skillspring",
                            CreateCoupon{"WELCOME10", {}, 10, 100, now - Days(1), now + Days(30)}),
                As(admin_, "admin")),
        "creating a coupon");
    Expect(d_.Send("CreateCoupon",
                   CommandBody("skillspring",
                               CreateCoupon{"MAYA50", mentors_[0], 50, 3, now, now + Days(30)}),
                   As(mentors_[0], "mentor")),
           "creating a mentor coupon");
    Expect(d_.Send("CreateCoupon",
                   CommandBody("skillspring",
                               CreateCoupon{"EARLYBIRD", {}, 20, 100, now, now + Days(1)}),
                   As(admin_, "admin")),
           "creating an early-bird coupon");
    for (const char* code : {"WELCOME10", "MAYA50", "EARLYBIRD"}) t_->redemptions[code] = 0;
  }

  void Browse() {
    for (const Shopper& s : shoppers_) {
      for (int v = 0; v < 3; ++v) {
        const DemoCourse& c = courses_[d_.rng()() % courses_.size()];
        Expect(d_.Send("ViewCourse", CommandBody("skillspring", ViewCourse{c.id}), Self(s)),
               "viewing a course");
        ++t_->views;
      }
    }
  }

  void Add(Shopper& s, const DemoCourse& c) {
    if (std::find(s.in_cart.begin(), s.in_cart.end(), &c) != s.in_cart.end()) return;
    if (s.cart.is_nil()) s.cart = d_.NewId();
    Expect(d_.Send("AddToCart", CommandBody("skillspring", AddToCart{s.id, s.cart, c.id}), Self(s)),
           "adding to a cart");
    s.in_cart.push_back(&c);
  }

  void FillCart(Shopper& s, std::optional<size_t> must) {
    if (must) Add(s, courses_[*must]);
    int more = 1 + static_cast<int>(d_.rng()() % 2);
    for (int k = 0; k < more; ++k) Add(s, courses_[d_.rng()() % courses_.size()]);
  }

  DemoOutcome Apply(Shopper& s, const std::string& code) {
    return d_.Send("ApplyCoupon", CommandBody("skillspring", ApplyCoupon{code, s.id, s.cart}),
                   Self(s));
  }

  void Applied(Shopper& s, const std::string& code, int32_t percent, std::optional<Uuid> mentor) {
    s.coupon = CouponTerms{percent, mentor};
    s.coupon_code = code;
    ++t_->redemptions[code];
  }

  void Checkout(Shopper& s, bool stale_first = false) {
    const Policy policy;
    std::vector<PricedLine> lines;
    for (const DemoCourse* c : s.in_cart) lines.push_back({c->id, c->mentor, c->price, 0, 0});
    CartPrice price = PriceCart(lines, s.coupon);
    if (stale_first) {
      ExpectRefused(
          d_.Send("CheckoutCart",
                  CommandBody("skillspring",
                              CheckoutCart{s.id, s.cart, Usd(price.total + 500), "pi_stale"}),
                  Self(s)),
          "total_mismatch", "skillspring", "checking out a stale total");
      ++t_->refusals["total_mismatch"];
    }
    Expect(d_.Send("CheckoutCart",
                   CommandBody("skillspring", CheckoutCart{s.id, s.cart, Usd(price.total),
                                                           "pi_" + ToString(s.cart).substr(0, 12)}),
                   Self(s)),
           "checking out");
    ++t_->carts_converted;
    t_->charged_cents += price.total;
    t_->discount_cents += price.discount;
    for (const PricedLine& l : price.lines) {
      int64_t mentor = ShareOf(l.purchase_price, policy.mentor_share_bps);
      t_->mentor_earnings_cents += mentor;
      t_->platform_fee_cents += l.purchase_price - mentor;
      ++t_->enrollments;
      purchases_.push_back({&s, l});
    }
    for (const DemoCourse* c : s.in_cart) s.owned.push_back(c);
    if (s.coupon && price.discount == 0) --t_->redemptions[s.coupon_code];  // unused: released
    s.in_cart.clear();
    s.coupon.reset();
    s.cart = Uuid{};
  }

  // Day one: the mentor's coupon until exhausted, the early bird while it lasts, one abandoned
  // cart.
  void DayOne() {
    for (size_t i = 0; i < 4; ++i) {
      Shopper& s = shoppers_[i];
      FillCart(s, 0);  // a course of the coupon's mentor
      DemoOutcome o = Apply(s, "maya50");
      if (i < 3) {
        Expect(o, "applying a mentor coupon");
        Applied(s, "MAYA50", 50, mentors_[0]);
      } else {
        ExpectRefused(o, "coupon_exhausted", "skillspring", "applying an exhausted coupon");
        ++t_->refusals["coupon_exhausted"];
      }
    }
    for (size_t i = 4; i < 7; ++i) {
      FillCart(shoppers_[i], std::nullopt);
      Expect(Apply(shoppers_[i], "EARLYBIRD"), "applying the early-bird coupon");
      Applied(shoppers_[i], "EARLYBIRD", 20, std::nullopt);
    }
    Shopper& leaver = shoppers_[7];
    FillCart(leaver, std::nullopt);
    Expect(Apply(leaver, "WELCOME10"), "applying the welcome coupon");
    settle_();  // the redemptions reach their carts
    Expect(d_.Send("AbandonCart", CommandBody("skillspring", AbandonCart{leaver.id, leaver.cart}),
                   Self(leaver)),
           "abandoning a cart");
    ++t_->carts_abandoned;  // its redemption goes back (skillspring-commerce reaction)
    leaver.in_cart.clear();
    leaver.cart = Uuid{};
    for (size_t i = 0; i < 7; ++i) Checkout(shoppers_[i]);
  }

  // Two days later the early bird has flown: the welcome coupon instead; one stale total refused.
  void DayThree() {
    for (size_t i = 7; i < shoppers_.size(); ++i) {
      Shopper& s = shoppers_[i];
      FillCart(s, std::nullopt);
      if (i < 10) {
        ExpectRefused(Apply(s, "EARLYBIRD"), "coupon_expired", "skillspring",
                      "applying an expired coupon");
        ++t_->refusals["coupon_expired"];
        Expect(Apply(s, "WELCOME10"), "applying the welcome coupon");
        Applied(s, "WELCOME10", 10, std::nullopt);
      }
    }
    settle_();
    for (size_t i = 7; i < shoppers_.size(); ++i) Checkout(shoppers_[i], i == shoppers_.size() - 1);
  }

  void Learn() {
    const Policy policy;
    // Some finish a course, some get halfway; one asks for a refund of a course not finished.
    for (size_t i = 0; i < shoppers_.size(); ++i) {
      Shopper& s = shoppers_[i];
      if (s.owned.empty()) continue;
      const DemoCourse& c = *s.owned.front();
      size_t watch = i % 3 == 0 ? c.lectures.size() : c.lectures.size() / 2;
      for (size_t l = 0; l < watch; ++l) {
        Expect(d_.Send("RecordLectureProgress",
                       CommandBody("skillspring", RecordLectureProgress{s.id, c.id, c.lectures[l]}),
                       Self(s)),
               "recording progress");
      }
      if (watch == c.lectures.size()) ++t_->completions;
    }
    for (auto& [shopper, line] : purchases_) {  // shopper 1 got halfway: nothing completed
      if (shopper != &shoppers_[1] || line.purchase_price == 0) continue;
      Expect(d_.Send("RefundPurchase",
                     CommandBody("skillspring", RefundPurchase{shopper->id, line.course_id,
                                                               std::string("Not what I needed")}),
                     Self(*shopper)),
             "refunding a purchase");
      int64_t mentor = ShareOf(line.purchase_price, policy.mentor_share_bps);
      ++t_->refunds;
      t_->refunded_cents += line.purchase_price;
      t_->mentor_earnings_cents -= mentor;
      t_->platform_fee_cents -= line.purchase_price - mentor;
      refunded_.insert({shopper->id, line.course_id});
      break;
    }
  }

  void Review() {
    std::vector<Uuid> review_ids;
    for (size_t i = 0; i < shoppers_.size(); i += 2) {
      Shopper& s = shoppers_[i];
      for (const DemoCourse* c : s.owned) {
        if (refunded_.count({s.id, c->id})) continue;
        int32_t rating = 3 + static_cast<int32_t>(d_.rng()() % 3);
        Expect(
            d_.Send("WriteReview",
                    CommandBody("skillspring",
                                WriteReview{s.id, c->id, rating, std::string("Worth it"),
                                            std::string("Clear explanations and good exercises."),
                                            rating >= 4}),
                    Self(s)),
            "writing a review");
        ++t_->reviews;
        review_ids.push_back(ReviewIdFor(s.id, c->id));
        reviews_.push_back({review_ids.back(), s.id});
        break;
      }
    }
    // Someone who never bought a course cannot review it.
    const Shopper& outsider = shoppers_[1];
    for (const DemoCourse& c : courses_) {
      if (std::find(outsider.owned.begin(), outsider.owned.end(), &c) != outsider.owned.end())
        continue;
      ExpectRefused(
          d_.Send("WriteReview",
                  CommandBody("skillspring", WriteReview{outsider.id, c.id, 1, {}, {}, false}),
                  Self(outsider)),
          "not_enrolled", "skillspring", "reviewing a course never bought");
      ++t_->refusals["not_enrolled"];
      break;
    }
    for (size_t r = 0; r < review_ids.size(); ++r) {
      for (size_t v = 1; v <= 2; ++v) {
        const Shopper& voter = shoppers_[(2 * r + 2 * v + 1) % shoppers_.size()];
        Vote vote = v == 1 ? Vote::helpful : (r % 2 ? Vote::helpful : Vote::not_helpful);
        Expect(d_.Send("VoteReview",
                       CommandBody("skillspring", VoteReview{review_ids[r], voter.id, vote}),
                       Self(voter)),
               "voting on a review");
        if (vote == Vote::helpful) ++t_->helpful_votes;
      }
    }
    if (!review_ids.empty()) {
      const Shopper& voter = shoppers_[3 % shoppers_.size()];
      ExpectRefused(
          d_.Send("VoteReview",
                  CommandBody("skillspring", VoteReview{review_ids[0], voter.id, Vote::helpful}),
                  Self(voter)),
          "already_voted", "skillspring", "voting twice");
      ++t_->refusals["already_voted"];
    }
  }

  SkillspringQaCast QaCast() const {
    SkillspringQaCast cast{admin_, {}, {}, reviews_};
    for (const Shopper& s : shoppers_) {
      cast.students.push_back(s.id);
      for (const DemoCourse* c : s.owned) {
        if (!refunded_.count({s.id, c->id})) cast.owners.push_back({s.id, c->id, c->mentor});
      }
    }
    return cast;
  }

  DemoDriver& d_;
  const SkillspringDemoOptions& options_;
  const std::function<void()>& settle_;
  SkillspringDemoTotals* t_;
  Uuid admin_{};
  std::vector<Uuid> mentors_;
  std::vector<DemoCourse> courses_;
  std::vector<Shopper> shoppers_;
  std::vector<std::pair<Shopper*, PricedLine>> purchases_;
  std::set<std::pair<Uuid, Uuid>> refunded_;
  std::vector<std::pair<Uuid, Uuid>> reviews_;  // review id, author
};

}  // namespace

void RunSkillspringDemo(DemoDriver& driver, const SkillspringDemoOptions& options,
                        const std::function<void()>& settle, SkillspringDemoTotals* totals) {
  SkillspringScenario(driver, options, settle, totals).Run();
}

bool ReportSkillspringDemo(const std::string& db_uri, EventLog* log,
                           const SkillspringDemoTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  std::printf("\nskillspring read tables (schema skillspring)\n");
  pqxx::result tables = tx.exec(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'skillspring' ORDER "
      "BY table_name");
  std::string empty;
  for (const auto& row : tables) {
    std::string name = row[0].c_str();
    int64_t n = scalar("SELECT count(*) FROM skillspring." + name);
    if (n == 0) {
      empty += (empty.empty() ? "" : ", ") + name;
      continue;
    }
    std::printf("  %-24s %6lld rows\n", name.c_str(), static_cast<long long>(n));
  }
  std::printf("  (empty: %s)\n", empty.c_str());

  const std::string kLive = "skillspring.enrollments WHERE refunded_at IS NULL";
  std::vector<DemoCheck> checks = {
      {"users", t.users, scalar("SELECT count(*) FROM skillspring.users"), false},
      {"mentors", t.mentors, scalar("SELECT count(*) FROM skillspring.mentors"), false},
      {"students", t.students, scalar("SELECT count(*) FROM skillspring.students"), false},
      {"courses", t.courses, scalar("SELECT count(*) FROM skillspring.courses"), false},
      {"courses archived (with deleted_at)", t.courses_archived,
       scalar("SELECT count(*) FROM skillspring.courses WHERE status = 'archived' AND deleted_at "
              "IS NOT NULL"),
       false},
      {"carts converted", t.carts_converted,
       scalar("SELECT count(*) FROM skillspring.carts WHERE status = 'converted'"), false},
      {"carts abandoned", t.carts_abandoned,
       scalar("SELECT count(*) FROM skillspring.carts WHERE status = 'abandoned'"), false},
      {"carts still open", 0,
       scalar("SELECT count(*) FROM skillspring.carts WHERE status = 'open'"), false},
  };
  for (const auto& [code, n] : t.redemptions) {
    checks.push_back(
        {"coupon " + code + " redeemed_count", n,
         scalar("SELECT redeemed_count FROM skillspring.coupons WHERE code = '" + code + "'"),
         false});
  }
  std::vector<DemoCheck> money = {
      {"coupons redeemed beyond max_redemptions", 0,
       scalar("SELECT count(*) FROM skillspring.coupons WHERE redeemed_count > max_redemptions"),
       false},
      {"enrollments", t.enrollments, scalar("SELECT count(*) FROM skillspring.enrollments"), false},
      {"enrollments completed", t.completions,
       scalar("SELECT count(*) FROM skillspring.enrollments WHERE completed_at IS NOT NULL"),
       false},
      {"charged at checkout (sum of cart totals)", t.charged_cents,
       scalar("SELECT sum(total_cents) FROM skillspring.carts"), true},
      {"enrollments' purchase prices", t.charged_cents,
       scalar("SELECT sum(purchase_price_cents) FROM skillspring.enrollments"), true},
      {"coupon discounts (carts = items)", t.discount_cents,
       scalar("SELECT sum(discount_cents) FROM skillspring.enrollments"), true},
      {"refunded within the window", t.refunded_cents,
       scalar("SELECT sum(refund_cents) FROM skillspring.enrollments"), true},
      {"mentor earnings (70%), net of refunds", t.mentor_earnings_cents,
       scalar("SELECT sum(mentor_earnings_cents) FROM " + kLive), true},
      {"platform fees (30%), net of refunds", t.platform_fee_cents,
       scalar("SELECT sum(platform_fee_cents) FROM " + kLive), true},
      {"enrollments whose split != price", 0,
       scalar("SELECT count(*) FROM skillspring.enrollments WHERE mentor_earnings_cents + "
              "platform_fee_cents <> purchase_price_cents"),
       false},
      {"charged - refunded = mentors + platform", t.charged_cents - t.refunded_cents,
       scalar("SELECT sum(mentor_earnings_cents + platform_fee_cents) FROM " + kLive), true},
      {"course_metrics revenue_cents", t.charged_cents,
       scalar("SELECT sum(revenue_cents) FROM skillspring.course_metrics"), true},
      {"course_metrics refund_cents", t.refunded_cents,
       scalar("SELECT sum(refund_cents) FROM skillspring.course_metrics"), true},
      {"course_metrics enrollments", t.enrollments,
       scalar("SELECT sum(enrollments) FROM skillspring.course_metrics"), false},
      {"course_metrics completions", t.completions,
       scalar("SELECT sum(completions) FROM skillspring.course_metrics"), false},
      {"course_metrics views", t.views, scalar("SELECT sum(views) FROM skillspring.course_metrics"),
       false},
      {"mentors' total_students (live enrollments)", t.enrollments - t.refunds,
       scalar("SELECT sum(total_students) FROM skillspring.mentors"), false},
      {"reviews (all verified)", t.reviews,
       scalar("SELECT count(*) FROM skillspring.course_reviews WHERE is_verified"), false},
      {"mentors' total_reviews (removed reviews left)", t.reviews - t.reviews_removed,
       scalar("SELECT sum(total_reviews) FROM skillspring.mentors"), false},
      {"helpful votes = sum of helpful_count", t.helpful_votes,
       scalar("SELECT sum(helpful_count) FROM skillspring.course_reviews"), false},
  };
  checks.insert(checks.end(), money.begin(), money.end());
  for (DemoCheck& c : SkillspringQaChecks(db_uri, log, t)) checks.push_back(std::move(c));
  for (DemoCheck& c : SkillspringLearningChecks(db_uri, log)) checks.push_back(std::move(c));
  bool all_ok = PrintDemoChecks(
      "skillspring money and counts: what the API accepted vs the read tables", checks, "USD");
  std::printf("  refused as expected:");
  for (const auto& [code, n] : t.refusals) std::printf(" %s x%d", code.c_str(), n);
  std::printf("\n");
  return all_ok;
}

}  // namespace edu
