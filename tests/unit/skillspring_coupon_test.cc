// Specifications of Skillspring coupons: who creates them, their limits, the validity window at its
// exact edges, redemptions up to max_redemptions and their release.
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {

using namespace fixtures;

TEST_SUITE("skillspring coupons") {
  Spec<CouponDecider> ApplySpec(std::vector<CouponDecider::Event> coupon,
                                std::vector<LearnerDecider::Event> learner, Timestamp at = kNow) {
    Spec<CouponDecider> spec;
    spec.at(at)
        .as(StudentActor())
        .given(coupon)
        .given_stream<LearnerDecider>(LearnerStream(kStudent), learner);
    return spec;
  }
  std::vector<LearnerDecider::Event> OpenCartWith(const Uuid& mentor = kMentor) {
    return {CartOpened{kCart, kStudent}, Item(kCourse, 4999, mentor)};
  }
  CouponRedeemed Redeemed(int32_t after, const Uuid& cart = kCart,
                          std::optional<Uuid> mentor = std::nullopt) {
    return CouponRedeemed{kCoupon, "SPRING25", cart, kStudent, 25, mentor, after};
  }

  TEST_CASE("a mentor creates coupons for their own courses; admins create global ones") {
    CreateCoupon c{" spring25", kMentor, 25, 2, kStarts, kExpires};
    Spec<CouponDecider>()
        .as(MentorActor())
        .given_stream<UserDecider>(UserStream(kMentor), {Registered(kMentor, UserRole::mentor)})
        .when(c)
        .then({Coupon(25, 2, kMentor)});
    Spec<CouponDecider>()
        .as(MentorActor(kMentor2))
        .when(c)
        .then_error("not_own_coupon", ErrorKind::kForbidden);
    c.mentor_id.reset();
    Spec<CouponDecider>().as(Admin()).when(c).then({Coupon()});
    Spec<CouponDecider>()
        .as(Admin())
        .given({Coupon()})
        .when(c)
        .then_error("code_taken", ErrorKind::kConflict);
  }

  TEST_CASE("percent 1..100, at least one redemption, a window that ends after it starts") {
    auto admin = [] { return Spec<CouponDecider>().as(Admin()); };
    admin()
        .when(CreateCoupon{"SPRING25", {}, 0, 1, kStarts, kExpires})
        .then_error("invalid_discount");
    admin()
        .when(CreateCoupon{"SPRING25", {}, 101, 1, kStarts, kExpires})
        .then_error("invalid_discount");
    admin()
        .when(CreateCoupon{"SPRING25", {}, 100, 1, kStarts, kExpires})
        .then({CouponCreated{kCoupon, "SPRING25", {}, 100, 1, kStarts, kExpires}});
    admin()
        .when(CreateCoupon{"SPRING25", {}, 1, 0, kStarts, kExpires})
        .then_error("invalid_max_redemptions");
    admin()
        .when(CreateCoupon{"SPRING25", {}, 10, 1, kExpires, kExpires})
        .then_error("invalid_window");
    admin().when(CreateCoupon{"S!", {}, 10, 1, kStarts, kExpires}).then_error("invalid_code");
  }

  TEST_CASE("the window: valid from starts_at exactly, no longer at expires_at exactly") {
    ApplySpec({Coupon()}, OpenCartWith(), kStarts)
        .when(ApplyCoupon{"spring25", kStudent, kCart})
        .then({Redeemed(1)});
    ApplySpec({Coupon()}, OpenCartWith(), kStarts - 1)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_not_started");
    ApplySpec({Coupon()}, OpenCartWith(), kExpires - 1)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then({Redeemed(1)});
    ApplySpec({Coupon()}, OpenCartWith(), kExpires)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_expired", ErrorKind::kInvalid);
  }

  TEST_CASE("redemptions stop exactly at max_redemptions; a release frees one") {
    const Uuid elsewhere = *ParseUuid("99999999-9999-4999-8999-999999999999");
    auto at_last = ApplySpec({Coupon(25, 2), Redeemed(1, elsewhere)}, OpenCartWith());
    at_last.when(ApplyCoupon{"SPRING25", kStudent, kCart}).then({Redeemed(2)});
    CHECK(at_last.state().redeemed_count == 2);
    const Uuid third = *ParseUuid("99999999-9999-4999-8999-000000000003");
    ApplySpec({Coupon(25, 2), Redeemed(1, elsewhere), Redeemed(2, third)}, OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_exhausted", ErrorKind::kInvalid);
    ApplySpec({Coupon(25, 2), Redeemed(1, elsewhere), Redeemed(2, third),
               CouponReleased{kCoupon, "SPRING25", third, "cart abandoned", 1}},
              OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then({Redeemed(2)});
  }

  TEST_CASE(
      "once per cart, on an open cart of the student's own, and a mentor coupon needs their "
      "course") {
    ApplySpec({Coupon(), Redeemed(1)}, OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_already_applied", ErrorKind::kConflict);
    ApplySpec({Coupon()}, {})
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("cart_not_open", ErrorKind::kNotFound);
    ApplySpec({Coupon()}, OpenCartWith())
        .as(StudentActor(kOther))
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("not_own_account");
    ApplySpec({Coupon(25, 2, kMentor2)}, OpenCartWith())
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("coupon_not_applicable");
    ApplySpec({Coupon(25, 2, kMentor2)}, OpenCartWith(kMentor2))
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then({Redeemed(1, kCart, kMentor2)});
    std::vector<LearnerDecider::Event> with_coupon = OpenCartWith();
    with_coupon.push_back(CouponAttached{kCart, kStudent, CouponIdFor("OTHER"), "OTHER", 10, {}});
    ApplySpec({Coupon()}, with_coupon)
        .when(ApplyCoupon{"SPRING25", kStudent, kCart})
        .then_error("cart_has_coupon");
    Spec<CouponDecider>()
        .as(StudentActor())
        .when(ApplyCoupon{"NOPE", kStudent, kCart})
        .then_error("coupon_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a release gives a cart's redemption back once") {
    Spec<CouponDecider>()
        .as(System())
        .given({Coupon(), Redeemed(1)})
        .when(ReleaseCoupon{"SPRING25", kCart, "cart abandoned"})
        .then({CouponReleased{kCoupon, "SPRING25", kCart, "cart abandoned", 0}});
    Spec<CouponDecider>()
        .as(System())
        .given({Coupon(), Redeemed(1), CouponReleased{kCoupon, "SPRING25", kCart, "x", 0}})
        .when(ReleaseCoupon{"SPRING25", kCart, "again"})
        .then({});
  }
}

}  // namespace edu::skillspring
