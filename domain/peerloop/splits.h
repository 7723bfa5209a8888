// How one PeerLoop payment divides (CD-020, 70/15/15), as pure arithmetic.
//
// The payment is cut into `tranches` equal parts, one per live session of the course (largest
// remainder), and every tranche is split among its recipients by their percentages (largest
// remainder again): the teacher gets the course's teacher_commission, the platform its fee, the
// creator the rest. When the creator teaches, the creator takes both the teacher's and the
// creator's share as one line (interpretation). Lines with a zero percentage are left out. The
// amounts of all lines sum to the payment, always.
//
// Escrow releases tranche by tranche (one per completed session; the rest when the enrollment
// completes), so a cancelled enrollment refunds exactly the tranches still held.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/types.h"

namespace edu::peerloop {

struct SplitLine {
  Uuid split_id;  // payment_splits.id, derived from the transaction, tranche and recipient type
  int32_t tranche = 0;  // 1-based
  Uuid recipient_id;
  RecipientType recipient_type = RecipientType::platform;
  int64_t amount_cents = 0;
  int32_t percentage = 0;  // of the payment, whole percent
  EDU_FIELDS(split_id, tranche, recipient_id, recipient_type, amount_cents, percentage)
};

struct SplitShares {
  int32_t teacher = 0;   // percent; 0 when the creator teaches (folded into `creator`)
  int32_t creator = 0;   // percent
  int32_t platform = 0;  // percent
  bool creator_teaches = false;
};

// Percentages for a course's commission and the platform fee (both whole percents, commission +
// fee <= 100).
SplitShares SharesFor(int32_t teacher_commission, BasisPoints platform_fee_bps,
                      bool creator_teaches);

std::vector<SplitLine> SplitPayment(const Uuid& transaction_id, int64_t amount_cents,
                                    int32_t tranches, const SplitShares& shares,
                                    const Uuid& teacher_id, const Uuid& creator_id);

}  // namespace edu::peerloop
