#include "domain/skillspring/learner.h"

#include <algorithm>

#include "domain/policies.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/pricing.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {

bool OpenCart::Has(const Uuid& course_id) const {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const CartLine& l) { return l.course_id == course_id; });
}

bool OpenCart::HasCourseOf(const Uuid& mentor_id) const {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const CartLine& l) { return l.mentor_id == mentor_id; });
}

const OpenCart* LearnerState::Cart(const Uuid& cart_id) const {
  return cart && cart->cart_id == cart_id ? &*cart : nullptr;
}

const Purchase* LearnerState::Owned(const Uuid& course_id) const {
  auto it = purchases.find(course_id);
  return it != purchases.end() && !it->second.refunded ? &it->second : nullptr;
}

namespace {

using Event = LearnerDecider::Event;

// The open cart `cart_id`, or why it is not there: closed carts answer with their status.
Decision<Event> NoCart(const LearnerState& s, const Uuid& cart_id, const char* action) {
  auto closed = s.closed_carts.find(cart_id);
  if (closed != s.closed_carts.end()) {
    return Reject(codes::kIllegalTransition, "cart {} is {}; it cannot be {}", ToString(cart_id),
                  EnumName(closed->second), action);
  }
  return Reject(codes::kCartNotFound, "student {} has no open cart {}", ToString(s.student_id),
                ToString(cart_id));
}

Rejection NotEnrolled(const Uuid& student_id, const Uuid& course_id) {
  return Reject(codes::kNotEnrolled, "student {} is not enrolled in course {}",
                ToString(student_id), ToString(course_id));
}

Decision<Event> Add(const AddToCart& c, const LearnerState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->skillspring;
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "shop")) return *denied;
  const UserState* student = ctx.refs->Find<UserState>(UserStream(c.student_id));
  if (!student || student->role != UserRole::student) {
    return Reject(codes::kStudentNotFound, "student {} is not registered", ToString(c.student_id));
  }
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  if (course->status() != CourseStatus::published) {
    return Reject(codes::kCourseNotAvailable, "course {} is {}, not on sale", ToString(c.course_id),
                  EnumName(course->status()));
  }
  if (course->current_price().currency != policy.currency) {
    return Reject(codes::kCurrencyMismatch, "course {} is priced in {}, carts in {}",
                  ToString(c.course_id), course->current_price().currency, policy.currency);
  }
  if (s.Owned(c.course_id)) {
    return Reject(codes::kAlreadyEnrolled, "student {} already owns course {}",
                  ToString(c.student_id), ToString(c.course_id));
  }
  std::vector<Event> events;
  if (s.cart) {
    if (s.cart->cart_id != c.cart_id) {
      return Reject(codes::kOpenCartExists,
                    "student {} already has open cart {}; one open cart per student",
                    ToString(c.student_id), ToString(s.cart->cart_id));
    }
    if (s.cart->Has(c.course_id)) {
      return Reject(codes::kAlreadyInCart, "course {} is already in cart {}", ToString(c.course_id),
                    ToString(c.cart_id));
    }
  } else {
    if (s.closed_carts.count(c.cart_id)) return NoCart(s, c.cart_id, "added to");
    events.push_back(CartOpened{c.cart_id, c.student_id});
  }
  events.push_back(CartItemAdded{c.cart_id, c.student_id, c.course_id, course->mentor_id,
                                 course->current_price()});
  return events;
}

Decision<Event> Remove(const RemoveFromCart& c, const LearnerState& s, const DecisionContext& ctx) {
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "shop")) return *denied;
  const OpenCart* cart = s.Cart(c.cart_id);
  if (!cart) return NoCart(s, c.cart_id, "changed");
  if (!cart->Has(c.course_id)) {
    return Reject(codes::kNotInCart, "course {} is not in cart {}", ToString(c.course_id),
                  ToString(c.cart_id));
  }
  return CartItemRemoved{c.cart_id, c.student_id, c.course_id};
}

Decision<Event> Abandon(const AbandonCart& c, const LearnerState& s, const DecisionContext& ctx) {
  if (!ctx.actor.IsSystem()) {
    if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "abandon carts")) return *denied;
  }
  const OpenCart* cart = s.Cart(c.cart_id);
  if (!cart) return NoCart(s, c.cart_id, "abandoned");
  std::optional<std::string> code;
  if (cart->coupon) code = cart->coupon->code;
  return CartAbandoned{c.cart_id, c.student_id, code};
}

Decision<Event> Attach(const AttachCoupon& c, const LearnerState& s, const DecisionContext&) {
  const OpenCart* cart = s.Cart(c.cart_id);
  std::string reason;
  if (!cart) {
    auto closed = s.closed_carts.find(c.cart_id);
    reason = closed != s.closed_carts.end() ? "the cart is " + std::string(EnumName(closed->second))
                                            : "the cart is not open";
  } else if (cart->coupon && cart->coupon->coupon_id == c.coupon_id) {
    return std::vector<Event>{};  // redelivered
  } else if (cart->coupon) {
    reason = "the cart already holds coupon " + cart->coupon->code;
  } else {
    return CouponAttached{c.cart_id, c.student_id,       c.coupon_id,
                          c.code,    c.discount_percent, c.mentor_id};
  }
  return CouponDeclined{c.cart_id, c.student_id, c.coupon_id, c.code, reason};
}

Decision<Event> Checkout(const CheckoutCart& c, const LearnerState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->skillspring;
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "check out")) return *denied;
  const OpenCart* cart = s.Cart(c.cart_id);
  if (!cart) return NoCart(s, c.cart_id, "checked out");
  if (cart->lines.empty()) {
    return Reject(codes::kEmptyCart, "cart {} is empty", ToString(c.cart_id));
  }
  if (c.payment_reference.empty()) {
    return Reject(codes::kPaymentReferenceRequired,
                  "checkout names the payment provider's reference");
  }
  std::vector<PricedLine> lines;
  for (const CartLine& l : cart->lines)
    lines.push_back({l.course_id, l.mentor_id, l.price.minor, 0, 0});
  std::optional<CouponTerms> terms;
  if (cart->coupon) terms = CouponTerms{cart->coupon->discount_percent, cart->coupon->mentor_id};
  CartPrice price = PriceCart(std::move(lines), terms);
  const std::string& cur = policy.currency;
  if (c.expected_total != Money{price.total, cur}) {
    return Reject(codes::kTotalMismatch, "cart {} comes to {} (subtotal {}, discount {}), not {}",
                  ToString(c.cart_id), FormatMoney(Money{price.total, cur}),
                  FormatMoney(Money{price.subtotal, cur}), FormatMoney(Money{price.discount, cur}),
                  FormatMoney(c.expected_total));
  }
  CartCheckedOut done;
  done.cart_id = c.cart_id;
  done.student_id = c.student_id;
  done.subtotal = Money{price.subtotal, cur};
  done.discount = Money{price.discount, cur};
  done.total = Money{price.total, cur};
  if (cart->coupon) done.coupon_code = cart->coupon->code;
  done.coupon_used = price.discount > 0;
  done.payment_reference = c.payment_reference;
  done.item_count = static_cast<int32_t>(price.lines.size());
  std::vector<Event> events{done};
  for (const PricedLine& line : price.lines) {
    int64_t mentor = ShareOf(line.purchase_price, policy.mentor_share_bps);
    CoursePurchased p;
    p.enrollment_id = EnrollmentIdFor(c.student_id, line.course_id);
    p.cart_id = c.cart_id;
    p.student_id = c.student_id;
    p.course_id = line.course_id;
    p.mentor_id = line.mentor_id;
    p.price = Money{line.price, cur};
    p.discount = Money{line.discount, cur};
    p.purchase_price = Money{line.purchase_price, cur};
    p.mentor_earnings = Money{mentor, cur};
    p.platform_fee = Money{line.purchase_price - mentor, cur};
    p.mentor_share_bps = policy.mentor_share_bps;
    p.policy = policy.name;
    p.purchased_at = ctx.now;
    events.push_back(p);
  }
  return events;
}

Decision<Event> Progress(const RecordLectureProgress& c, const LearnerState& s,
                         const DecisionContext& ctx) {
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "record progress")) return *denied;
  const Purchase* owned = s.Owned(c.course_id);
  if (!owned) return NotEnrolled(c.student_id, c.course_id);
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course || std::find(course->lecture_ids.begin(), course->lecture_ids.end(), c.lecture_id) ==
                     course->lecture_ids.end()) {
    return Reject(codes::kLectureNotInCourse, "lecture {} is not part of course {}",
                  ToString(c.lecture_id), ToString(c.course_id));
  }
  int32_t total = static_cast<int32_t>(course->lecture_ids.size());
  int32_t watched =
      static_cast<int32_t>(owned->watched.size() + (owned->watched.count(c.lecture_id) ? 0 : 1));
  LectureWatched e{owned->enrollment_id,
                   c.student_id,
                   c.course_id,
                   c.lecture_id,
                   watched,
                   total,
                   static_cast<BasisPoints>(static_cast<int64_t>(watched) * kWhole / total)};
  if (watched < total || owned->completed) return e;
  return std::vector<Event>{e, CourseCompleted{owned->enrollment_id, c.student_id, c.course_id}};
}

Decision<Event> Refund(const RefundPurchase& c, const LearnerState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->skillspring;
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "ask for refunds")) return *denied;
  const Purchase* owned = s.Owned(c.course_id);
  if (!owned) return NotEnrolled(c.student_id, c.course_id);
  if (owned->completed) {
    return Reject(codes::kCourseCompleted,
                  "course {} is completed; completed courses are not refunded",
                  ToString(c.course_id));
  }
  if (ctx.now > owned->purchased_at + policy.refund_window) {
    return Reject(
        codes::kRefundWindowPassed, "course {} was bought at {}; refunds close at {} (now {})",
        ToString(c.course_id), FormatIso8601(owned->purchased_at),
        FormatIso8601(owned->purchased_at + policy.refund_window), FormatIso8601(ctx.now));
  }
  if (owned->purchase_price.minor == 0) {
    return Reject(codes::kNothingToRefund, "course {} was bought for {}", ToString(c.course_id),
                  FormatMoney(owned->purchase_price));
  }
  return PurchaseRefunded{owned->enrollment_id,
                          c.student_id,
                          c.course_id,
                          owned->mentor_id,
                          owned->purchase_price,
                          owned->mentor_earnings,
                          owned->platform_fee,
                          c.reason,
                          policy.name};
}

// Closes the open cart with `trigger`, remembering how it ended.
void Close(LearnerState& s, CartTrigger trigger) {
  s.cart->machine.Fire(trigger);
  s.closed_carts[s.cart->cart_id] = s.cart->machine.status();
  s.cart.reset();
}

}  // namespace

Decision<Event> LearnerDecider::decide(const Command& command, const State& state,
                                       const DecisionContext& ctx) {
  if (!state.inconsistency.empty()) {
    return Reject(codes::kStreamInconsistent,
                  "student {} cannot be decided on: their history holds {}",
                  ToString(state.student_id), state.inconsistency);
  }
  return std::visit(
      Overloaded{[&](const AddToCart& c) { return Add(c, state, ctx); },
                 [&](const RemoveFromCart& c) { return Remove(c, state, ctx); },
                 [&](const AbandonCart& c) { return Abandon(c, state, ctx); },
                 [&](const AttachCoupon& c) { return Attach(c, state, ctx); },
                 [&](const CheckoutCart& c) { return Checkout(c, state, ctx); },
                 [&](const RecordLectureProgress& c) { return Progress(c, state, ctx); },
                 [&](const RefundPurchase& c) { return Refund(c, state, ctx); }},
      command);
}

LearnerState LearnerDecider::evolve(State s, const Event& event) {
  if (!s.inconsistency.empty()) return s;
  // The open cart a cart event is about; null (and the stream marked inconsistent) without one.
  auto open_cart = [&s](const char* type) -> OpenCart* {
    if (!s.cart) s.inconsistency = fmt::format("{} without an open cart before it", type);
    return s.cart ? &*s.cart : nullptr;
  };
  std::visit(
      Overloaded{
          [&](const CartOpened& e) {
            s.student_id = e.student_id;
            s.cart = OpenCart{e.cart_id, {}, {}, {}};
          },
          [&](const CartItemAdded& e) {
            if (OpenCart* cart = open_cart("CartItemAdded")) {
              cart->lines.push_back({e.course_id, e.mentor_id, e.price});
            }
          },
          [&](const CartItemRemoved& e) {
            OpenCart* cart = open_cart("CartItemRemoved");
            if (!cart) return;
            auto& lines = cart->lines;
            lines.erase(
                std::remove_if(lines.begin(), lines.end(),
                               [&](const CartLine& l) { return l.course_id == e.course_id; }),
                lines.end());
          },
          [&](const CouponAttached& e) {
            if (!open_cart("CouponAttached")) return;
            s.cart->coupon = AttachedCoupon{e.coupon_id, e.code, e.discount_percent, e.mentor_id};
          },
          [&](const CouponDeclined&) {},
          [&](const CartAbandoned&) {
            if (open_cart("CartAbandoned")) Close(s, CartTrigger::abandon);
          },
          [&](const CartCheckedOut&) {
            if (open_cart("CartCheckedOut")) Close(s, CartTrigger::check_out);
          },
          [&](const CoursePurchased& e) {
            s.purchases[e.course_id] = Purchase{e.enrollment_id,
                                                e.mentor_id,
                                                e.purchase_price,
                                                e.mentor_earnings,
                                                e.platform_fee,
                                                e.purchased_at,
                                                {},
                                                false,
                                                false};
          },
          [&](const LectureWatched& e) { s.purchases[e.course_id].watched.insert(e.lecture_id); },
          [&](const CourseCompleted& e) { s.purchases[e.course_id].completed = true; },
          [&](const PurchaseRefunded& e) { s.purchases[e.course_id].refunded = true; }},
      event);
  return s;
}

}  // namespace edu::skillspring
