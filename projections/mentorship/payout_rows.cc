// A mentor's payout account stream: mentor_payouts, and the payout side of payments (payout_id,
// payout_status). payout_status: 'unpaid' once the mentor's earnings are credited (and again when
// a payout fails or is cancelled: the earnings carry over), then the status of the payout that
// includes it: 'pending' (awaiting approval), 'processing', 'completed'.
#include "projections/mentorship/mentorship_rows.h"
#include "projections/values.h"

namespace edu::mentorship_rows {
namespace {

void PayoutColumns(const std::vector<Uuid>& payment_ids, SqlValue payout_id,
                   const std::string& status, RowOps* ops) {
  for (const Uuid& id : payment_ids) {
    ops->Upsert("payments", {"id"},
                {{"id", id}, {"payout_id", payout_id}, {"payout_status", status}});
  }
}

void PayoutSet(const Uuid& payout_id, Columns set, RowOps* ops) {
  ops->Update("mentor_payouts", {{"id", payout_id}}, std::move(set));
}

}  // namespace

void Project(const RecordedEvent&, const MentorEarningsCredited& e, RowOps* ops) {
  PayoutColumns({e.payment_id}, Null{}, "unpaid", ops);
}

void Project(const RecordedEvent& r, const PayoutScheduled& e, RowOps* ops) {
  ops->Insert("mentor_payouts", {{"id", e.payout_id},
                                 {"mentor_id", e.mentor_id},
                                 {"payout_period_start", e.period_start},
                                 {"payout_period_end", e.period_end},
                                 {"total_earnings", MoneyValue(e.total_earnings)},
                                 {"platform_fee", MoneyValue(e.platform_fee)},
                                 {"tax_deduction", MoneyValue(e.tax_deduction)},
                                 {"net_amount", MoneyValue(e.net_amount)},
                                 {"currency", e.net_amount.currency},
                                 {"payout_method", EnumValue(e.payout_method)},
                                 {"payout_reference", Null{}},
                                 {"status", EnumValue(PayoutStatus::pending)},
                                 {"processed_at", Null{}},
                                 {"created_at", r.occurred_at}});
  PayoutColumns(e.payment_ids, e.payout_id, "pending", ops);
}

// No payout this period: nothing changes in the tables (the payments stay 'unpaid').
void Project(const RecordedEvent&, const PayoutCarriedOver&, RowOps*) {}

void Project(const RecordedEvent&, const PayoutApproved& e, RowOps* ops) {
  PayoutSet(e.payout_id, {{"status", EnumValue(PayoutStatus::processing)}}, ops);
  PayoutColumns(e.payment_ids, e.payout_id, "processing", ops);
}

void Project(const RecordedEvent&, const PayoutCancelled& e, RowOps* ops) {
  PayoutSet(e.payout_id, {{"status", EnumValue(PayoutStatus::cancelled)}}, ops);
  PayoutColumns(e.payment_ids, Null{}, "unpaid", ops);
}

void Project(const RecordedEvent& r, const PayoutCompleted& e, RowOps* ops) {
  PayoutSet(e.payout_id,
            {{"status", EnumValue(PayoutStatus::completed)},
             {"payout_reference", e.payout_reference},
             {"processed_at", r.occurred_at}},
            ops);
  PayoutColumns(e.payment_ids, e.payout_id, "completed", ops);
}

void Project(const RecordedEvent& r, const PayoutFailed& e, RowOps* ops) {
  PayoutSet(e.payout_id,
            {{"status", EnumValue(PayoutStatus::failed)},
             {"payout_reference", e.payout_reference},
             {"processed_at", r.occurred_at}},
            ops);
  PayoutColumns(e.payment_ids, Null{}, "unpaid", ops);
}

}  // namespace edu::mentorship_rows
