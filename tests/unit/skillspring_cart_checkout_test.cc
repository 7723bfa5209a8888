// Specifications of Skillspring carts and checkout: one open cart per student with price
// snapshots, and checkout with an exact cart-level discount and the 70/30 split.
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {

using namespace fixtures;

TEST_SUITE("skillspring carts") {
  Spec<LearnerDecider> AddSpec(std::vector<LearnerDecider::Event> learner = {},
                               std::vector<CourseDecider::Event> course = Published()) {
    Spec<LearnerDecider> spec = Shopper();
    spec.given(learner)
        .given_stream<UserDecider>(UserStream(kStudent), {Registered(kStudent, UserRole::student)})
        .given_stream<CourseDecider>(CourseStream(kCourse), course);
    return spec;
  }

  TEST_CASE("the first item opens the cart at the course's current (sale) price") {
    AddSpec()
        .when(AddToCart{kStudent, kCart, kCourse})
        .then({CartOpened{kCart, kStudent}, Item(kCourse, 4999)});
    AddSpec({}, Published(kCourse, kMentor, 4999, 1999))
        .when(AddToCart{kStudent, kCart, kCourse})
        .then({CartOpened{kCart, kStudent}, Item(kCourse, 1999)});
  }

  TEST_CASE("one open cart per student; an item once; only published courses; not owned ones") {
    AddSpec({CartOpened{kCart, kStudent}})
        .when(AddToCart{kStudent, kCart2, kCourse})
        .then_error("open_cart_exists", ErrorKind::kConflict);
    AddSpec({CartOpened{kCart, kStudent}, Item(kCourse, 4999)})
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("already_in_cart");
    AddSpec({}, {Created()})
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("course_not_available");
    AddSpec(Bought())
        .when(AddToCart{kStudent, kCart2, kCourse})
        .then_error("already_enrolled", ErrorKind::kConflict);
    AddSpec({CartOpened{kCart, kStudent}, CartAbandoned{kCart, kStudent, {}}})
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<LearnerDecider> mentor = Shopper();
    mentor.given_stream<UserDecider>(UserStream(kStudent), {Registered(kStudent, UserRole::mentor)})
        .given_stream<CourseDecider>(CourseStream(kCourse), Published())
        .when(AddToCart{kStudent, kCart, kCourse})
        .then_error("student_not_found");
  }

  TEST_CASE("a refunded course can be bought again") {
    std::vector<LearnerDecider::Event> refunded = Bought();
    refunded.push_back(PurchaseRefunded{EnrollmentIdFor(kStudent, kCourse),
                                        kStudent,
                                        kCourse,
                                        kMentor,
                                        Usd(4999),
                                        Usd(3499),
                                        Usd(1500),
                                        {},
                                        "skillspring-default-v1"});
    AddSpec(refunded)
        .when(AddToCart{kStudent, kCart2, kCourse})
        .then({CartOpened{kCart2, kStudent}, Item(kCourse, 4999, kMentor, kCart2)});
  }

  TEST_CASE(
      "items are removed; carts are abandoned (their coupon named for release); closed carts stay "
      "closed") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999)};
    Shopper()
        .given(cart)
        .when(RemoveFromCart{kStudent, kCart, kCourse})
        .then({CartItemRemoved{kCart, kStudent, kCourse}});
    Shopper()
        .given(cart)
        .when(RemoveFromCart{kStudent, kCart, kCourse2})
        .then_error("not_in_cart", ErrorKind::kNotFound);
    auto abandoned = Shopper();
    cart.push_back(Attached());
    abandoned.given(cart)
        .when(AbandonCart{kStudent, kCart})
        .then({CartAbandoned{kCart, kStudent, std::string("SPRING25")}});
    CHECK_FALSE(abandoned.state().cart.has_value());
    CHECK(abandoned.state().closed_carts.at(kCart) == CartStatus::abandoned);
    cart.push_back(CartAbandoned{kCart, kStudent, std::string("SPRING25")});
    Shopper()
        .given(cart)
        .when(AbandonCart{kStudent, kCart})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Shopper()
        .given(cart)
        .when(RemoveFromCart{kStudent, kCart, kCourse})
        .then_error("illegal_transition");
    Shopper()
        .as(System())
        .given({CartOpened{kCart, kStudent}})
        .when(AbandonCart{kStudent, kCart})
        .then({CartAbandoned{kCart, kStudent, {}}});
    Shopper().when(AbandonCart{kStudent, kCart}).then_error("cart_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE(
      "a reserved coupon attaches to its open cart once; otherwise it is declined (and released)") {
    AttachCoupon attach{kStudent, kCart, kCoupon, "SPRING25", 25, {}};
    Shopper().as(System()).given({CartOpened{kCart, kStudent}}).when(attach).then({Attached()});
    Shopper().as(System()).given({CartOpened{kCart, kStudent}, Attached()}).when(attach).then({});
    AttachCoupon other{kStudent, kCart, CouponIdFor("OTHER"), "OTHER", 10, {}};
    Shopper()
        .as(System())
        .given({CartOpened{kCart, kStudent}, Attached()})
        .when(other)
        .then({CouponDeclined{kCart, kStudent, CouponIdFor("OTHER"), "OTHER",
                              "the cart already holds coupon SPRING25"}});
    Shopper()
        .as(System())
        .given({CartOpened{kCart, kStudent}, CartAbandoned{kCart, kStudent, {}}})
        .when(attach)
        .then({CouponDeclined{kCart, kStudent, kCoupon, "SPRING25", "the cart is abandoned"}});
  }
}

TEST_SUITE("skillspring checkout") {
  TEST_CASE("without a coupon: the snapshot prices, 70/30 per course") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999),
                                               Item(kCourse2, 1999)};
    auto spec = Shopper();
    spec.given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(6998), "pi_3N"})
        .then({CheckedOut(6998, 0, 2), Purchased(kCourse, 4999, 0), Purchased(kCourse2, 1999, 0)});
    CHECK(spec.state().closed_carts.at(kCart) == CartStatus::converted);
    CHECK(Purchased(kCourse, 4999, 0).mentor_earnings.minor ==
          3499);  // 3499.3 -> 3499, platform 1500
    CHECK(Purchased(kCourse, 4999, 0).platform_fee.minor == 1500);
  }

  TEST_CASE("a cart-level discount is spread by largest remainder so it sums exactly") {
    // 25 % of 4999 + 1999 + 1 = 6999 -> 1749.75 -> 1750; spread 1249.93 / 499.82 / 0.25 -> 1250 /
    // 500 / 0.
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999),
                                               Item(kCourse2, 1999), Item(kCourse3, 1), Attached()};
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(5249), "pi_3N"})
        .then({CheckedOut(6999, 1750, 3, std::string("SPRING25"), true),
               Purchased(kCourse, 4999, 1250), Purchased(kCourse2, 1999, 500),
               Purchased(kCourse3, 1, 0)});
    CartPrice p = PriceCart({{kCourse, kMentor, 4999, 0, 0},
                             {kCourse2, kMentor, 1999, 0, 0},
                             {kCourse3, kMentor, 1, 0, 0}},
                            CouponTerms{25, {}});
    int64_t sum = 0;
    for (const auto& l : p.lines) {
      sum += l.discount;
      CHECK(l.purchase_price >= 0);
      CHECK(l.discount <= l.price);
    }
    CHECK(sum == p.discount);
    CHECK(p.total == p.subtotal - p.discount);
  }

  TEST_CASE("a mentor's coupon discounts only that mentor's courses") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999),
                                               Item(kCourse2, 2000, kMentor2),
                                               Attached(50, kMentor2)};
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(5999), "pi_3N"})
        .then({CheckedOut(6999, 1000, 2, std::string("SPRING25"), true),
               Purchased(kCourse, 4999, 0), Purchased(kCourse2, 2000, 1000, kMentor2)});
    // Its courses removed before checkout: nothing qualifies, the coupon is unused (and released).
    std::vector<LearnerDecider::Event> none = {
        CartOpened{kCart, kStudent}, Item(kCourse, 4999), Item(kCourse2, 2000, kMentor2),
        Attached(50, kMentor2), CartItemRemoved{kCart, kStudent, kCourse2}};
    Shopper()
        .given(none)
        .when(CheckoutCart{kStudent, kCart, Usd(4999), "pi_3N"})
        .then(
            {CheckedOut(4999, 0, 1, std::string("SPRING25"), false), Purchased(kCourse, 4999, 0)});
  }

  TEST_CASE("100 % off: free enrollments, nothing to split") {
    Shopper()
        .given({CartOpened{kCart, kStudent}, Item(kCourse, 4999), Attached(100)})
        .when(CheckoutCart{kStudent, kCart, Usd(0), "pi_3N"})
        .then({CheckedOut(4999, 4999, 1, std::string("SPRING25"), true),
               Purchased(kCourse, 4999, 4999)});
  }

  TEST_CASE("the total must be the one the student was shown; carts must be open and not empty") {
    std::vector<LearnerDecider::Event> cart = {CartOpened{kCart, kStudent}, Item(kCourse, 4999)};
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(4998), "pi_3N"})
        .then_error("total_mismatch", ErrorKind::kInvalid);
    Shopper()
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(4999), ""})
        .then_error("payment_reference_required");
    Shopper()
        .given({CartOpened{kCart, kStudent}})
        .when(CheckoutCart{kStudent, kCart, Usd(0), "pi"})
        .then_error("empty_cart");
    Shopper()
        .given(Bought())
        .when(CheckoutCart{kStudent, kCart, Usd(4999), "pi_3N"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Shopper()
        .as(StudentActor(kOther))
        .given(cart)
        .when(CheckoutCart{kStudent, kCart, Usd(4999), "pi"})
        .then_error("not_own_account");
  }
}

}  // namespace edu::skillspring
