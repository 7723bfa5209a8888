// Checkout pricing: a coupon's percentage of the eligible items (all items, or only its mentor's)
// is one cart-level discount, rounded to the cent, then spread over the eligible items in
// proportion to their prices by largest remainder, so the item discounts sum to it exactly and no
// item costs less than zero. Each purchase then splits between the mentor and the platform.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/core/money.h"
#include "domain/core/uuid.h"

namespace edu::skillspring {

struct PricedLine {
  Uuid course_id;
  Uuid mentor_id;
  int64_t price = 0;     // the cart's snapshot
  int64_t discount = 0;  // this line's part of the cart discount
  int64_t purchase_price = 0;
};

struct CartPrice {
  std::vector<PricedLine> lines;
  int64_t subtotal = 0;
  int64_t discount = 0;
  int64_t total = 0;
};

struct CouponTerms {
  int32_t discount_percent = 0;
  std::optional<Uuid> mentor_id;  // only this mentor's courses
};

// `lines` carry course, mentor and price; discount and purchase_price are filled in.
CartPrice PriceCart(std::vector<PricedLine> lines, const std::optional<CouponTerms>& coupon);

}  // namespace edu::skillspring
