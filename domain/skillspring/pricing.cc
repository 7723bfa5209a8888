#include "domain/skillspring/pricing.h"

namespace edu::skillspring {

CartPrice PriceCart(std::vector<PricedLine> lines, const std::optional<CouponTerms>& coupon) {
  CartPrice out;
  std::vector<size_t> eligible;
  std::vector<int64_t> weights;
  int64_t eligible_subtotal = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    out.subtotal += lines[i].price;
    if (coupon && (!coupon->mentor_id || *coupon->mentor_id == lines[i].mentor_id)) {
      eligible.push_back(i);
      weights.push_back(lines[i].price);
      eligible_subtotal += lines[i].price;
    }
  }
  if (coupon && eligible_subtotal > 0) {
    out.discount = ShareOf(eligible_subtotal, Percent(coupon->discount_percent));
    std::vector<int64_t> parts = SplitLargestRemainder(out.discount, weights);
    for (size_t k = 0; k < eligible.size(); ++k) lines[eligible[k]].discount = parts[k];
  }
  for (auto& line : lines) line.purchase_price = line.price - line.discount;
  out.total = out.subtotal - out.discount;
  out.lines = std::move(lines);
  return out;
}

}  // namespace edu::skillspring
