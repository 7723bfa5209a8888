// Property tests of Skillspring money: random shopping through the real pipeline over the
// in-memory log, on a manual clock, with the skillspring-commerce reaction run to quiescence after
// every command (derived command ids, the event's time as "now"). After every step, from the
// events alone:
//   - no coupon is ever redeemed more than max_redemptions times, and (the reactions quiet) its
//     redemptions are exactly the carts that hold it: open, or converted having used it;
//   - every checkout: item discounts sum to the cart discount, total = subtotal - discount, the
//     purchases sum to the total, each purchase splits exactly between mentor and platform;
//   - money is conserved: charged - refunded = mentor earnings + platform fees, net of reversals;
//   - one open cart per student, one live enrollment per student and course; every course and cart
//     event was a legal transition of its machine; reviews come from buyers; helpful counts are
//     the helpful votes; a refused command appended nothing.
#include <map>
#include <memory>
#include <random>
#include <set>

#include <doctest/doctest.h>

#include "commands/pipeline.h"
#include "commands/reaction.h"
#include "domain/skillspring/coupon.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/pricing.h"
#include "domain/skillspring/review.h"
#include "eventstore/event_codec.h"
#include "eventstore/memory_event_log.h"
#include "tests/support/command_world.h"

namespace edu {
std::unique_ptr<Reaction> MakeSkillspringCommerceReaction();
}

namespace edu::skillspring {
namespace {

template <class C>
std::string Body(const C& c) {
  return R"({"marketplace":"skillspring",)" + json::Encode(c).substr(1);
}

Money Usd(int64_t cents) { return Money{cents, "USD"}; }

using AnyEvent =
    std::variant<UserRegistered, MentorRatingRecorded, CategoryCreated, CourseCreated,
                 CourseSubmitted, CoursePublished, CourseChangesRequested, CourseArchived,
                 CoursePriceChanged, CourseViewed, CouponCreated, CouponRedeemed, CouponReleased,
                 CartOpened, CartItemAdded, CartItemRemoved, CouponAttached, CouponDeclined,
                 CartAbandoned, CartCheckedOut, CoursePurchased, LectureWatched, CourseCompleted,
                 PurchaseRefunded, ReviewWritten, ReviewVoted>;

struct CartBook {
  Uuid student;
  CartMachine machine;
  std::optional<std::string> coupon;  // attached
  bool coupon_used = false;
  int64_t total = 0, purchases = 0, discounts = 0, discount = 0;
};

struct Books {
  std::map<std::string, int32_t> max_redemptions;
  std::map<std::string, std::set<Uuid>> redemptions;  // code -> carts
  std::map<Uuid, CartBook> carts;
  std::map<std::string, CourseMachine> courses;
  std::map<std::pair<Uuid, Uuid>, int> live;  // (student, course) -> live enrollments
  std::set<std::pair<Uuid, Uuid>> ever_bought, reviewed;
  std::map<Uuid, int32_t> helpful_votes, helpful_count;
  int64_t charged = 0, refunded = 0, mentor = 0, platform = 0;
  std::map<std::string, int> seen;
  std::vector<std::string> violations;

  void Violation(std::string what) { violations.push_back(std::move(what)); }
  void Fire(CourseMachine& m, const RecordedEvent& r, CourseTrigger t) {
    if (!m.Fire(t))
      Violation(r.stream_id + ": " + r.type + " is illegal from " +
                std::string(EnumName(m.status())));
  }
  void Fire(CartMachine& m, const RecordedEvent& r, CartTrigger t) {
    if (!m.Fire(t))
      Violation(r.stream_id + ": " + r.type + " is illegal from " +
                std::string(EnumName(m.status())));
  }

  void Apply(const RecordedEvent& r) {
    AnyEvent event;
    Status s = DecodeEvent(r, &event);
    if (!s.ok()) return Violation(s.ToString());
    ++seen[r.type];
    std::visit(
        Overloaded{
            [&](const CourseSubmitted&) { Fire(courses[r.stream_id], r, CourseTrigger::submit); },
            [&](const CoursePublished&) { Fire(courses[r.stream_id], r, CourseTrigger::publish); },
            [&](const CourseChangesRequested&) {
              Fire(courses[r.stream_id], r, CourseTrigger::request_changes);
            },
            [&](const CourseArchived&) { Fire(courses[r.stream_id], r, CourseTrigger::archive); },
            [&](const CouponCreated& e) { max_redemptions[e.code] = e.max_redemptions; },
            [&](const CouponRedeemed& e) {
              redemptions[e.code].insert(e.cart_id);
              if (e.redeemed_count_after != static_cast<int32_t>(redemptions[e.code].size()) ||
                  e.redeemed_count_after > max_redemptions[e.code]) {
                Violation(e.code + ": redeemed_count " + std::to_string(e.redeemed_count_after) +
                          " of " + std::to_string(max_redemptions[e.code]));
              }
            },
            [&](const CouponReleased& e) {
              if (!redemptions[e.code].erase(e.cart_id))
                Violation(e.code + ": released a cart it did not hold");
              if (e.redeemed_count_after != static_cast<int32_t>(redemptions[e.code].size())) {
                Violation(e.code + ": redeemed_count after release is off");
              }
            },
            [&](const CartOpened& e) {
              for (const auto& [id, cart] : carts) {
                if (cart.student == e.student_id && cart.machine.status() == CartStatus::open) {
                  Violation("a second open cart for one student");
                }
              }
              carts[e.cart_id].student = e.student_id;
            },
            [&](const CouponAttached& e) { carts[e.cart_id].coupon = e.code; },
            [&](const CartAbandoned& e) {
              Fire(carts[e.cart_id].machine, r, CartTrigger::abandon);
            },
            [&](const CartCheckedOut& e) {
              CartBook& cart = carts[e.cart_id];
              Fire(cart.machine, r, CartTrigger::check_out);
              cart.coupon_used = e.coupon_used;
              cart.total = e.total.minor;
              cart.discount = e.discount.minor;
              if (e.total.minor != e.subtotal.minor - e.discount.minor || e.discount.minor < 0) {
                Violation("checkout total != subtotal - discount");
              }
              charged += e.total.minor;
            },
            [&](const CoursePurchased& e) {
              CartBook& cart = carts[e.cart_id];
              cart.purchases += e.purchase_price.minor;
              cart.discounts += e.discount.minor;
              if (cart.purchases > cart.total || cart.discounts > cart.discount)
                Violation("purchases exceed the checkout");
              if (e.purchase_price.minor != e.price.minor - e.discount.minor ||
                  e.purchase_price.minor < 0 ||
                  e.mentor_earnings.minor + e.platform_fee.minor != e.purchase_price.minor) {
                Violation("a purchase does not split exactly");
              }
              mentor += e.mentor_earnings.minor;
              platform += e.platform_fee.minor;
              ever_bought.insert({e.student_id, e.course_id});
              if (++live[{e.student_id, e.course_id}] > 1)
                Violation("two live enrollments for one course");
            },
            [&](const PurchaseRefunded& e) {
              refunded += e.amount.minor;
              mentor -= e.mentor_earnings_reversed.minor;
              platform -= e.platform_fee_reversed.minor;
              if (e.mentor_earnings_reversed.minor + e.platform_fee_reversed.minor !=
                  e.amount.minor) {
                Violation("a refund does not reverse its split exactly");
              }
              --live[{e.student_id, e.course_id}];
            },
            [&](const ReviewWritten& e) {
              reviewed.insert({e.student_id, e.course_id});
            },
            [&](const ReviewVoted& e) {
              if (e.vote == Vote::helpful) ++helpful_votes[e.review_id];
              helpful_count[e.review_id] = e.helpful_count_after;
            },
            [&](const auto&) {}},
        event);
  }

  // Once the reactions are quiet: every redemption is held by a cart that keeps it.
  void CheckQuiet() {
    std::map<std::string, std::set<Uuid>> held;
    for (const auto& [id, cart] : carts) {
      if (!cart.coupon) continue;
      bool keeps = cart.machine.status() == CartStatus::open ||
                   (cart.machine.status() == CartStatus::converted && cart.coupon_used);
      if (keeps) held[*cart.coupon].insert(id);
      if (cart.machine.status() == CartStatus::converted &&
          (cart.purchases != cart.total || cart.discounts != cart.discount)) {
        Violation("a checkout's purchases do not add up to it");
      }
    }
    for (const auto& [code, carts_of] : redemptions) {
      if (carts_of != held[code]) {
        Violation(code + ": " + std::to_string(carts_of.size()) + " redemptions but " +
                  std::to_string(held[code].size()) + " carts holding it");
      }
    }
    for (const auto& pair : reviewed) {
      if (!ever_bought.count(pair)) Violation("a review from someone who never bought the course");
    }
    for (const auto& [review, count] : helpful_count) {
      if (count != helpful_votes[review]) Violation("helpful_count differs from the helpful votes");
    }
    if (charged - refunded != mentor + platform) Violation("money is not conserved");
  }
};

struct CourseInfo {
  Uuid id;
  Uuid mentor;
};

class Market {
 public:
  explicit Market(uint64_t seed)
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
    books_.CheckQuiet();
    for (const auto& v : books_.violations) FAIL_CHECK(v);
    books_.violations.clear();
    for (const Uuid& student : students_) {
      const LearnerState& learner = Learner(student);
      if (learner.cart) CHECK(learner.cart->machine.status() == CartStatus::open);
    }
  }

  const LearnerState& Learner(const Uuid& student) {
    int64_t version = 0;
    REQUIRE(world_.pipeline()
                .LoadState(*world_.registry().FindAggregate(kLearnerCategory),
                           LearnerStream(student), &learner_, &version)
                .ok());
    return std::any_cast<const LearnerState&>(learner_);
  }

  void Setup() {
    Must(RegisterUser{admin_id_,
                      UserRole::admin,
                      "ops@skillspring.example",
                      "Ops",
                      "Team",
                      {},
                      {},
                      {},
                      {},
                      {},
                      {},
                      {},
                      {},
                      {},
                      {}},
         admin_);
    for (int m = 0; m < 2; ++m) {
      Uuid id = NewId();
      Must(RegisterUser{id,
                        UserRole::mentor,
                        "mentor" + std::to_string(m) + "@example.com",
                        "Men",
                        "Tor",
                        {},
                        {},
                        {},
                        {},
                        std::string("Engineer"),
                        {},
                        8,
                        {"en"},
                        {},
                        {}},
           Actor{ToString(id), "mentor"});
      mentors_.push_back(id);
    }
    for (int s = 0; s < 4; ++s) {
      Uuid id = NewId();
      Must(RegisterUser{id,
                        UserRole::student,
                        "student" + std::to_string(s) + "@example.com",
                        "Stu",
                        "Dent",
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        {}},
           Actor{ToString(id), "student"});
      students_.push_back(id);
    }
    const std::vector<std::pair<int64_t, std::optional<int64_t>>> prices = {
        {4999, {}}, {1999, 999}, {333, {}}, {12000, 7777}, {1, {}}};
    for (size_t i = 0; i < prices.size(); ++i) {
      const Uuid& mentor = mentors_[i % mentors_.size()];
      Actor self{ToString(mentor), "mentor"};
      std::string slug = "course-" + std::to_string(i);
      CreateCourse c;
      c.slug = slug;
      c.mentor_id = mentor;
      c.title = "Course " + std::to_string(i);
      c.description = "About";
      c.language_code = "en";
      c.list_price = Usd(prices[i].first);
      if (prices[i].second) c.sale_price = Usd(*prices[i].second);
      c.sections = {
          SectionSpec{NewId(),
                      "Part 1",
                      {LectureSpec{NewId(), "One", ContentType::video, 5, {}, {}, {}},
                       LectureSpec{NewId(), "Two", ContentType::article, 7, {}, {}, {}}}}};
      Must(c, self);
      Must(SubmitCourse{CourseIdFor(slug)}, self);
      Must(PublishCourse{CourseIdFor(slug)}, admin_);
      courses_.push_back({CourseIdFor(slug), mentor});
    }
    Timestamp now = world_.clock().Now();
    Must(CreateCoupon{"WELCOME10", {}, 10, 3, now, now + Days(20)}, admin_);
    Must(CreateCoupon{"MENTOR50", mentors_[0], 50, 2, now, now + Days(60)},
         Actor{ToString(mentors_[0]), "mentor"});
    Must(CreateCoupon{"FLASH99", {}, 99, 1, now + Days(2), now + Days(4)}, admin_);
    Must(CreateCoupon{"ALLFREE", {}, 100, 1, now, now + Days(90)}, admin_);
    Must(CreateCoupon{"NEXTYEAR", {}, 20, 5, now + Days(365), now + Days(400)}, admin_);
  }

  void Step() {
    const Uuid& student = students_[rng_() % students_.size()];
    Actor self{ToString(student), "student"};
    const LearnerState& learner = Learner(student);
    Uuid cart = learner.cart ? learner.cart->cart_id : NewId();
    const CourseInfo& course = courses_[rng_() % courses_.size()];
    switch (rng_() % 12) {
      case 0:
      case 1:
      case 2:
        Send(AddToCart{student, cart, course.id}, self);
        break;
      case 3:
        Send(RemoveFromCart{student, cart, course.id}, self);
        break;
      case 4: {
        static const char* kCodes[] = {"WELCOME10", "MENTOR50", "FLASH99", "ALLFREE", "NEXTYEAR"};
        Send(ApplyCoupon{kCodes[rng_() % 5], student, cart}, self);
        break;
      }
      case 5:
        Send(AbandonCart{student, cart}, rng_() % 2 ? self : Actor{"system:cart-expiry", "system"});
        break;
      case 6:
      case 7:
        Checkout(student, self);
        break;
      case 8: {
        int64_t version = 0;
        std::any state;
        REQUIRE(world_.pipeline()
                    .LoadState(*world_.registry().FindAggregate(kCourseCategory),
                               CourseStream(course.id), &state, &version)
                    .ok());
        const auto& lectures = std::any_cast<const CourseState&>(state).lecture_ids;
        Send(RecordLectureProgress{student, course.id, lectures[rng_() % lectures.size()]}, self);
        break;
      }
      case 9:
        Send(RefundPurchase{student, course.id, std::string("changed my mind")}, self);
        break;
      case 10: {
        if (rng_() % 2 || reviews_.empty()) {
          if (Send(WriteReview{student,
                               course.id,
                               static_cast<int32_t>(rng_() % 7),
                               std::string("Review"),
                               {},
                               true},
                   self)
                  .ok()) {
            reviews_.push_back(ReviewIdFor(student, course.id));
          }
        } else if (rng_() % 4 == 0) {  // a review nobody wrote
          const Uuid& author = students_[rng_() % students_.size()];
          Send(VoteReview{ReviewIdFor(author, course.id), student, Vote::helpful}, self);
        } else {  // a review that exists (some students vote twice)
          const Uuid& review = reviews_[rng_() % reviews_.size()];
          Send(VoteReview{review, student, rng_() % 3 ? Vote::helpful : Vote::not_helpful}, self);
        }
        break;
      }
      default:
        Send(ViewCourse{course.id}, self);
        world_.clock().Advance(Hours(static_cast<int64_t>(rng_() % 96)));
    }
  }

  // The student pays what the cart shows (and sometimes a stale total, which is refused).
  void Checkout(const Uuid& student, const Actor& self) {
    const LearnerState& learner = Learner(student);
    if (!learner.cart) return;
    std::vector<PricedLine> lines;
    for (const auto& l : learner.cart->lines)
      lines.push_back({l.course_id, l.mentor_id, l.price.minor, 0, 0});
    std::optional<CouponTerms> terms;
    if (learner.cart->coupon)
      terms = CouponTerms{learner.cart->coupon->discount_percent, learner.cart->coupon->mentor_id};
    int64_t total = PriceCart(lines, terms).total;
    if (rng_() % 8 == 0) total += 1;
    Send(CheckoutCart{student, learner.cart->cart_id, Usd(total),
                      "pi_" + std::to_string(++payments_)},
         self);
  }

  Uuid NewId() {
    return DeriveUuid(EduledgerNamespace(), "skillspring-property-id-" + std::to_string(++ids_));
  }
  Books& books() { return books_; }
  const std::map<std::string, int>& rejections() const { return world_.rejected(); }

 private:
  std::mt19937_64 rng_;
  testing::CommandWorld world_;
  std::any learner_;
  Books books_;
  int payments_ = 0, ids_ = 0;
  Uuid admin_id_ = *ParseUuid("9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f");
  Actor admin_{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
  std::vector<Uuid> mentors_, students_;
  std::vector<CourseInfo> courses_;
  std::vector<Uuid> reviews_;  // written, so that votes find them
};

}  // namespace

TEST_SUITE("skillspring properties") {
  TEST_CASE(
      "random shopping: coupons never over-redeemed nor leaked, checkouts exact, money conserved") {
    std::map<std::string, int> seen, rejected;
    for (uint64_t seed : {11u, 12u, 13u, 14u}) {
      CAPTURE(seed);
      Market market(seed);
      market.Setup();
      for (int step = 0; step < 250; ++step) {
        CAPTURE(step);
        market.Step();
        market.CheckInvariants();
      }
      for (const auto& [type, n] : market.books().seen) seen[type] += n;
      for (const auto& [code, n] : market.rejections()) rejected[code] += n;
    }
    std::string codes;
    for (const auto& [code, n] : rejected) codes += " " + code + "=" + std::to_string(n);
    INFO("rejections:" << codes);
    for (const char* type :
         {"CouponRedeemed", "CouponReleased", "CouponAttached", "CartAbandoned", "CartCheckedOut",
          "CoursePurchased", "PurchaseRefunded", "CourseCompleted", "ReviewWritten", "ReviewVoted",
          "MentorRatingRecorded"}) {
      CHECK_MESSAGE(seen[type] > 0, (std::string(type) + " never happened"));
    }
    for (const char* code :
         {"coupon_exhausted", "coupon_expired", "coupon_not_started", "total_mismatch",
          "not_enrolled", "already_voted", "invalid_rating", "refund_window_passed"}) {
      CHECK_MESSAGE(rejected[code] > 0, (std::string(code) + " never happened"));
    }
  }
}

}  // namespace edu::skillspring
