#include "domain/peerloop/splits.h"

#include <algorithm>
#include <string>

namespace edu::peerloop {

SplitShares SharesFor(int32_t teacher_commission, BasisPoints platform_fee_bps,
                      bool creator_teaches) {
  SplitShares s;
  s.platform = platform_fee_bps / 100;
  int32_t creator = 100 - teacher_commission - s.platform;
  s.creator_teaches = creator_teaches;
  if (creator_teaches) {
    s.creator = creator + teacher_commission;
  } else {
    s.teacher = teacher_commission;
    s.creator = creator;
  }
  return s;
}

std::vector<SplitLine> SplitPayment(const Uuid& transaction_id, int64_t amount_cents,
                                    int32_t tranches, const SplitShares& shares,
                                    const Uuid& teacher_id, const Uuid& creator_id) {
  struct Recipient {
    RecipientType type;
    Uuid id;
    int32_t percent;
  };
  std::vector<Recipient> recipients;
  if (shares.teacher > 0) {
    recipients.push_back({RecipientType::student_teacher, teacher_id, shares.teacher});
  }
  if (shares.creator > 0)
    recipients.push_back({RecipientType::creator, creator_id, shares.creator});
  if (shares.platform > 0) {
    recipients.push_back({RecipientType::platform, PlatformAccountId(), shares.platform});
  }
  std::vector<int64_t> weights;
  for (const auto& r : recipients) weights.push_back(r.percent);

  std::vector<SplitLine> lines;
  if (recipients.empty()) return lines;
  const int32_t n = std::max<int32_t>(1, tranches);
  std::vector<int64_t> parts = SplitLargestRemainder(amount_cents, std::vector<int64_t>(n, 1));
  for (int32_t t = 0; t < n; ++t) {
    std::vector<int64_t> amounts = SplitLargestRemainder(parts[static_cast<size_t>(t)], weights);
    for (size_t i = 0; i < recipients.size(); ++i) {
      SplitLine line;
      line.tranche = t + 1;
      line.split_id = DeriveUuid(transaction_id, "split/" + std::to_string(t + 1) + "/" +
                                                     std::string(EnumName(recipients[i].type)));
      line.recipient_id = recipients[i].id;
      line.recipient_type = recipients[i].type;
      line.amount_cents = amounts[i];
      line.percentage = recipients[i].percent;
      lines.push_back(line);
    }
  }
  return lines;
}

}  // namespace edu::peerloop
