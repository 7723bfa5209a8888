// A Skillspring learner: one stream per student holding their carts (one open at a time, the
// CartMachine lifecycle), the courses they bought (one enrollment per course), their progress and
// refunds. Deciding all of it on one stream is what makes "one open cart per student" and "one
// enrollment per student and course" hold without cross-stream checks.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/skillspring/cart_machine.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/events.h"

namespace edu::skillspring {

struct CartLine {
  Uuid course_id;
  Uuid mentor_id;
  Money price;  // snapshot taken when added
};

struct AttachedCoupon {
  Uuid coupon_id;
  std::string code;
  int32_t discount_percent = 0;
  std::optional<Uuid> mentor_id;
};

struct OpenCart {
  Uuid cart_id;
  CartMachine machine;
  std::vector<CartLine> lines;
  std::optional<AttachedCoupon> coupon;

  bool Has(const Uuid& course_id) const;
  bool HasCourseOf(const Uuid& mentor_id) const;
};

struct Purchase {
  Uuid enrollment_id;
  Uuid mentor_id;
  Money purchase_price;
  Money mentor_earnings;
  Money platform_fee;
  Timestamp purchased_at;
  std::set<Uuid> watched;
  bool completed = false;
  bool refunded = false;
};

struct LearnerState {
  Uuid student_id;
  std::optional<OpenCart> cart;
  std::map<Uuid, CartStatus> closed_carts;
  std::map<Uuid, Purchase> purchases;  // by course
  // Set by evolve at the first cart event with no open cart before it: only a doctored log holds
  // such a stream. Evolve stops folding there and decide refuses every command
  // (stream_inconsistent), as the mentorship session does.
  std::string inconsistency;

  // The open cart if it is `cart_id`.
  const OpenCart* Cart(const Uuid& cart_id) const;
  // An enrollment that is not refunded.
  const Purchase* Owned(const Uuid& course_id) const;
};

struct LearnerDecider {
  static constexpr const char* kCategory = kLearnerCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = LearnerState;
  using Command = std::variant<AddToCart, RemoveFromCart, AbandonCart, AttachCoupon, CheckoutCart,
                               RecordLectureProgress, RefundPurchase>;
  using Event = std::variant<CartOpened, CartItemAdded, CartItemRemoved, CouponAttached,
                             CouponDeclined, CartAbandoned, CartCheckedOut, CoursePurchased,
                             LectureWatched, CourseCompleted, PurchaseRefunded>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::skillspring
