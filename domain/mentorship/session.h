// A mentorship session: its booking lifecycle (BookingMachine), its payment held in escrow
// (EscrowMachine), the refunds of that payment (RefundMachine each), its dispute
// (session_conflicts) and its ratings.
// Invariant, per payment, at every version: captured == held + released + refunded, and every
// release is split so that platform_fee + mentor_earnings == released.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/booking_machine.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/commands_deadlines.h"
#include "domain/mentorship/escrow_machine.h"
#include "domain/mentorship/events.h"
#include "domain/mentorship/events_deadlines.h"
#include "domain/mentorship/policy.h"
#include "domain/mentorship/refund_machine.h"

namespace edu::mentorship {

struct RefundState {
  Uuid refund_id;
  RefundMachine machine;
  int64_t amount = 0;  // requested, then as approved
  // What each gateway refund id already reported, so that a webhook delivered again (even after a
  // retry moved the refund on) is recognised, and the same id reporting other facts is refused.
  struct Report {
    bool issued = false;  // else failed
    int64_t amount = 0;   // issued
    std::string failure_reason;
  };
  std::map<std::string, Report> reports;  // by gateway refund id
};

struct SplitState {
  int64_t amount = 0;
  int64_t platform_fee = 0;
  int64_t mentor_earnings = 0;
};

struct PaymentState {
  Uuid payment_id;
  std::string gateway_payment_id;
  Money captured;
  EscrowMachine escrow;
  int64_t held = 0;
  int64_t released = 0;
  int64_t refunded = 0;  // approved refunds (the student is owed them until issued)
  int64_t issued = 0;    // refunds the gateway reported paid back
  std::optional<SplitState> split;
  std::vector<RefundState> refunds;

  const RefundState* FindRefund(const Uuid& refund_id) const;
  RefundState* FindRefund(const Uuid& refund_id);
};

struct ConflictState {
  Uuid conflict_id;
  ConflictType type = ConflictType::quality_dispute;
  bool resolved = false;
};

struct SessionState {
  bool exists = false;
  BookingMachine booking;
  Uuid session_id;
  Uuid student_id;
  Uuid mentor_id;
  Uuid mentor_user_id;
  Timestamp scheduled_at;
  int32_t duration_minutes = 0;
  Money amount;
  std::optional<PaymentState> payment;
  std::map<std::string, Uuid> failed_attempts;  // gateway payment id -> payment id
  std::optional<Timestamp> escrow_release_due;  // when the policy holds the payment after the end
  std::optional<ConflictState> conflict;
  int32_t conflicts_opened = 0;
  int32_t reschedule_count = 0;
  std::optional<int32_t> satisfaction_rating;  // hundredths
  std::optional<int32_t> mentor_rating;
  // The start a SessionNoShowDetected flagged (nobody started it by then + grace), for review.
  std::optional<Timestamp> no_show_detected_for;
  // A recording's session completion (SessionCompleted with a recording_url) and its erasure.
  std::optional<Timestamp> recording_completed_at;
  bool recording_erased = false;
  // Set by evolve at the first event this history cannot explain (a release before any payment, a
  // refund nobody requested): only a doctored log holds such a stream. Evolve stops folding there
  // and decide refuses every command with stream_inconsistent, instead of reading a missing
  // payment.
  std::string inconsistency;
};

struct SessionDecider {
  static constexpr const char* kCategory = kSessionCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = SessionState;
  using Command =
      std::variant<BookSession, CapturePayment, RecordPaymentFailed, RescheduleSession,
                   StartSession, CompleteSession, CancelSession, ReportNoShow, RaiseDispute,
                   ResolveDispute, ReleaseEscrow, RecordRefundIssued, RecordRefundFailed,
                   RetryRefund, RateSession, DetectNoShow, EraseSessionRecording>;
  using Event =
      std::variant<SessionBooked, PaymentCaptured, PaymentFailed, SessionRescheduled,
                   SessionStarted, SessionCompleted, SessionCancelled, StudentNoShowRecorded,
                   SessionDisputed, DisputeResolved, EscrowReleased, PaymentSplit, RefundRequested,
                   RefundApproved, RefundRejected, RefundIssued, RefundFailed, RefundRetried,
                   SessionRated, QualityReviewOpened, SessionNoShowDetected,
                   SessionRecordingErased>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The id of a payment's n-th refund (1, 2, ...): derived, so the gateway adapter that reads a
// RefundApproved can name it, and deciding twice yields the same id.
Uuid RefundIdFor(const Uuid& payment_id, int n);

// hourly_rate x minutes / 60, rounded half up to the minor unit.
int64_t SessionPrice(int64_t hourly_rate_minor, int32_t minutes);

// What the policy refunds when `party` cancels `notice` before the start: the rule that applies
// and its share in basis points (PRD §3.5; boundaries inclusive: exactly 24 h is a full refund,
// exactly 2 h is the partial one).
struct CancellationTerms {
  RefundPolicy rule = RefundPolicy::no_refund;
  BasisPoints refund_bps = 0;
};
CancellationTerms CancellationRefund(SessionParty party, Micros notice, const Policy& policy);

}  // namespace edu::mentorship
