// A PeerLoop enrollment: its lifecycle (EnrollmentMachine), the payment for it (transactions) and
// that payment's splits (payment_splits) held in escrow and released tranche by tranche.
// Invariants at every version: the lines sum to the amount paid, and
// paid == held + released + refunded (released includes lines already paid out).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/enrollment_machine.h"
#include "domain/peerloop/events.h"

namespace edu::peerloop {

struct TransactionState {
  Uuid transaction_id;
  std::string stripe_payment_id;
  Money amount;
  TransactionStatus status = TransactionStatus::pending;
  int64_t held = 0;
  int64_t released = 0;
  int64_t refunded = 0;
};

struct EnrollmentState {
  bool exists = false;
  EnrollmentMachine lifecycle;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  Uuid creator_id;
  Uuid teacher_id;
  std::optional<Uuid> student_teacher_id;
  std::optional<Uuid> referred_by;
  Money price;
  int32_t session_count = 1;
  int32_t teacher_commission = 0;  // percent, as the course had it at enrollment
  std::optional<TransactionState> transaction;
  std::vector<SplitLine> lines;
  std::map<Uuid, SplitStatus> split_status;
  std::set<Uuid> released_by_sessions;  // sessions that already released a tranche

  EnrollmentStatus status() const { return lifecycle.status(); }
  bool Paid() const {
    return transaction && (transaction->status == TransactionStatus::completed ||
                           transaction->status == TransactionStatus::refunded);
  }
  // Pending lines of the lowest tranche still held (empty when nothing is held).
  std::vector<SplitLine> NextHeldTranche() const;
  std::vector<SplitLine> HeldLines() const;
};

struct EnrollmentDecider {
  static constexpr const char* kCategory = kEnrollmentCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = EnrollmentState;
  using Command =
      std::variant<Enroll, ConfirmPayment, FailPayment, StartEnrollment, ReleaseSessionEscrow,
                   CompleteEnrollment, CancelEnrollment, MarkSplitsPaid>;
  using Event = std::variant<EnrollmentCreated, PaymentInitiated, PaymentCompleted, PaymentSplit,
                             PaymentFailed, EnrollmentStarted, EscrowReleased, EnrollmentCompleted,
                             EnrollmentCancelled, RefundIssued, SplitsPaid>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
