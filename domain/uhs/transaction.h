// A gateway transaction (M-Pesa, PayPal, Stripe), keyed by the gateway's reference: the stream id
// is derived from transaction_reference, so a reference names one transaction by construction.
// Lifecycle in TransactionMachine. Gateways deliver callbacks more than once: a duplicate callback
// (the same completion or failure again) decides to no events.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"
#include "domain/uhs/transaction_machine.h"

namespace edu::uhs {

struct TransactionState {
  bool exists = false;
  TransactionMachine machine;
  Uuid transaction_id;
  std::string transaction_reference;
  Uuid user_id;
  Money amount;
  Gateway gateway = Gateway::mpesa;
  PaymentPurpose purpose = PaymentPurpose::wallet_topup;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> payment_method_id;
  std::optional<std::string> gateway_receipt;
  Timestamp completed_at;

  TransactionStatus status() const { return machine.status(); }
};

struct TransactionDecider {
  static constexpr const char* kCategory = kTransactionCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = TransactionState;
  using Command =
      std::variant<InitiatePayment, CompleteTransaction, FailTransaction, RefundTransaction>;
  using Event = std::variant<TransactionInitiated, TransactionCompleted, TransactionFailed,
                             TransactionRefunded>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
