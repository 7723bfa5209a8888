#include "domain/skillspring/coupon.h"

#include <algorithm>

#include "domain/skillspring/learner.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {
namespace {

using Event = CouponDecider::Event;

Rejection Missing(const std::string& code) {
  return Reject(codes::kCouponNotFound, "there is no coupon '{}'", NormalizeCouponCode(code));
}

bool IsCode(const std::string& code) {
  if (code.size() < 3 || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Decision<Event> Create(const CreateCoupon& c, const CouponState& s, const DecisionContext& ctx) {
  const std::string code = NormalizeCouponCode(c.code);
  if (!IsCode(code)) {
    return Reject(codes::kInvalidCode, "code '{}' must be 3..40 letters, digits, '-' or '_'",
                  c.code);
  }
  if (s.exists) {
    return Reject(codes::kCodeTaken, "coupon code '{}' is already taken", code);
  }
  if (ctx.actor.role == "mentor" && (!c.mentor_id || !Is(ctx.actor, *c.mentor_id))) {
    return Reject(codes::kNotOwnCoupon,
                  "a mentor creates coupons for their own courses (mentor_id = {})", ctx.actor.id);
  }
  if (!IsAdmin(ctx.actor) && ctx.actor.role != "mentor") {
    return Reject(codes::kRoleNotAllowed, "coupons are created by mentors and admins");
  }
  if (c.mentor_id) {
    const UserState* mentor = ctx.refs->Find<UserState>(UserStream(*c.mentor_id));
    if (!mentor || mentor->role != UserRole::mentor) {
      return Reject(codes::kMentorNotFound, "mentor {} is not registered", ToString(*c.mentor_id));
    }
  }
  if (c.discount_percent < 1 || c.discount_percent > 100) {
    return Reject(codes::kInvalidDiscount, "discount_percent must be within 1..100, got {}",
                  c.discount_percent);
  }
  if (c.max_redemptions < 1) {
    return Reject(codes::kInvalidMaxRedemptions, "max_redemptions must be at least 1, got {}",
                  c.max_redemptions);
  }
  if (!(c.starts_at < c.expires_at)) {
    return Reject(codes::kInvalidWindow, "expires_at {} must be after starts_at {}",
                  FormatIso8601(c.expires_at), FormatIso8601(c.starts_at));
  }
  return CouponCreated{CouponIdFor(code), code,        c.mentor_id, c.discount_percent,
                       c.max_redemptions, c.starts_at, c.expires_at};
}

Decision<Event> Apply(const ApplyCoupon& c, const CouponState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.code);
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.student_id, "apply coupons")) return *denied;
  if (s.carts.count(c.cart_id)) {
    return Reject(codes::kCouponAlreadyApplied, "coupon '{}' is already applied to cart {}", s.code,
                  ToString(c.cart_id));
  }
  if (ctx.now < s.starts_at) {
    return Reject(codes::kCouponNotStarted, "coupon '{}' is valid from {} (now {})", s.code,
                  FormatIso8601(s.starts_at), FormatIso8601(ctx.now));
  }
  if (ctx.now >= s.expires_at) {
    return Reject(codes::kCouponExpired, "coupon '{}' expired at {} (now {})", s.code,
                  FormatIso8601(s.expires_at), FormatIso8601(ctx.now));
  }
  if (s.redeemed_count >= s.max_redemptions) {
    return Reject(codes::kCouponExhausted, "coupon '{}' has been redeemed {} of {} times", s.code,
                  s.redeemed_count, s.max_redemptions);
  }
  const LearnerState* learner = ctx.refs->Find<LearnerState>(LearnerStream(c.student_id));
  const OpenCart* cart = learner ? learner->Cart(c.cart_id) : nullptr;
  if (!cart) {
    return Reject(codes::kCartNotOpen, "student {} has no open cart {}", ToString(c.student_id),
                  ToString(c.cart_id));
  }
  if (cart->coupon) {
    return Reject(codes::kCartHasCoupon, "cart {} already holds coupon '{}'", ToString(c.cart_id),
                  cart->coupon->code);
  }
  if (s.mentor_id && !cart->HasCourseOf(*s.mentor_id)) {
    return Reject(codes::kCouponNotApplicable,
                  "coupon '{}' applies only to courses of mentor {}; cart {} holds none", s.code,
                  ToString(*s.mentor_id), ToString(c.cart_id));
  }
  return CouponRedeemed{s.coupon_id,        s.code,      c.cart_id,           c.student_id,
                        s.discount_percent, s.mentor_id, s.redeemed_count + 1};
}

Decision<Event> Release(const ReleaseCoupon& c, const CouponState& s, const DecisionContext&) {
  if (!s.exists) return Missing(c.code);
  if (!s.carts.count(c.cart_id)) return std::vector<Event>{};  // nothing held: redelivered
  return CouponReleased{s.coupon_id, s.code, c.cart_id, c.reason, s.redeemed_count - 1};
}

}  // namespace

Decision<Event> CouponDecider::decide(const Command& command, const State& state,
                                      const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const CreateCoupon& c) { return Create(c, state, ctx); },
                               [&](const ApplyCoupon& c) { return Apply(c, state, ctx); },
                               [&](const ReleaseCoupon& c) { return Release(c, state, ctx); }},
                    command);
}

CouponState CouponDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CouponCreated& e) {
                          s.exists = true;
                          s.coupon_id = e.coupon_id;
                          s.code = e.code;
                          s.mentor_id = e.mentor_id;
                          s.discount_percent = e.discount_percent;
                          s.max_redemptions = e.max_redemptions;
                          s.starts_at = e.starts_at;
                          s.expires_at = e.expires_at;
                        },
                        [&](const CouponRedeemed& e) {
                          s.redeemed_count = e.redeemed_count_after;
                          s.carts.insert(e.cart_id);
                        },
                        [&](const CouponReleased& e) {
                          s.redeemed_count = e.redeemed_count_after;
                          s.carts.erase(e.cart_id);
                        }},
             event);
  return s;
}

}  // namespace edu::skillspring
