// Mentorship domain events. Past tense, one fact each; they carry the figures (amounts, shares,
// balances after) so projections never recompute business rules. Users and mentors are in
// events_people.h, a session and its money in events_session.h, the payout account's here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/events_people.h"
#include "domain/mentorship/events_session.h"
#include "domain/mentorship/types.h"

namespace edu::mentorship {

// ---- the mentor's payout account (stream mentorship.payout_account-<mentor id>) ----------------

// A released payment's mentor share joins the mentor's unpaid balance.
struct MentorEarningsCredited {
  static constexpr const char* kType = "MentorEarningsCredited";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid session_id;
  Uuid payment_id;
  Money amount;  // released, split between platform and mentor
  Money platform_fee;
  Money mentor_earnings;
  Timestamp earned_at;  // when the payment was released: decides its payout period
  Money balance_after;  // mentor earnings not yet in a payout
  EDU_FIELDS(mentor_id, session_id, payment_id, amount, platform_fee, mentor_earnings, earned_at,
             balance_after)
};

// The weekly run proposes a payout: mentor_payouts' figures. total_earnings is what the included
// sessions earned in all, platform_fee the platform's part of it, tax_deduction the TDS withheld
// from the mentor's part, net_amount = total_earnings - platform_fee - tax_deduction.
struct PayoutScheduled {
  static constexpr const char* kType = "PayoutScheduled";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  Timestamp period_start;
  Timestamp period_end;
  std::vector<Uuid> payment_ids;
  Money total_earnings;
  Money platform_fee;
  Money mentor_earnings;
  BasisPoints tax_deduction_bps = 0;
  std::string tax_section;
  Money tax_deduction;
  Money net_amount;
  Money minimum_payout;
  PayoutMethod payout_method = PayoutMethod::bank_transfer;
  Money balance_after;
  std::string policy;
  EDU_FIELDS(mentor_id, payout_id, period_start, period_end, payment_ids, total_earnings,
             platform_fee, mentor_earnings, tax_deduction_bps, tax_section, tax_deduction,
             net_amount, minimum_payout, payout_method, balance_after, policy)
};

// The period's net amount is under the minimum: no payout; the balance carries over.
struct PayoutCarriedOver {
  static constexpr const char* kType = "PayoutCarriedOver";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Timestamp period_start;
  Timestamp period_end;
  std::vector<Uuid> payment_ids;  // the unpaid earnings that carry over
  Money balance;                  // mentor earnings carried over
  Money net_amount;               // what the payout would have been
  Money minimum_payout;
  std::string policy;
  EDU_FIELDS(mentor_id, period_start, period_end, payment_ids, balance, net_amount, minimum_payout,
             policy)
};

struct PayoutApproved {
  static constexpr const char* kType = "PayoutApproved";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  Money net_amount;
  std::string approved_by;
  EDU_FIELDS(mentor_id, payout_id, payment_ids, net_amount, approved_by)
};

struct PayoutCancelled {
  static constexpr const char* kType = "PayoutCancelled";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  Money returned;  // mentor earnings back in the balance
  Money balance_after;
  std::string cancelled_by;
  std::string reason;
  EDU_FIELDS(mentor_id, payout_id, payment_ids, returned, balance_after, cancelled_by, reason)
};

// Reported by the gateway: the mentor has been paid.
struct PayoutCompleted {
  static constexpr const char* kType = "PayoutCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  Money net_amount;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string payout_reference;
  std::optional<std::string> gateway_response;
  Money paid_out_after;  // mentor earnings paid out in all (net + tax withheld)
  EDU_FIELDS(mentor_id, payout_id, payment_ids, net_amount, gateway, payout_reference,
             gateway_response, paid_out_after)
};

// Reported by the gateway: the transfer failed; its earnings return to the balance.
struct PayoutFailed {
  static constexpr const char* kType = "PayoutFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid payout_id;
  std::vector<Uuid> payment_ids;
  PaymentGateway gateway = PaymentGateway::razorpay;
  std::string payout_reference;
  std::string failure_reason;
  std::optional<std::string> gateway_response;
  Money returned;
  Money balance_after;
  EDU_FIELDS(mentor_id, payout_id, payment_ids, gateway, payout_reference, failure_reason,
             gateway_response, returned, balance_after)
};

}  // namespace edu::mentorship
