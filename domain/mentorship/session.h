// A mentorship session: booking lifecycle (BookingMachine), its payment and escrow.
// Invariant, per payment, at every version: captured == held + released + refunded.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/mentorship/booking_machine.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/events.h"

namespace edu::mentorship {

struct PaymentState {
  Uuid payment_id;
  std::string gateway_payment_id;
  Money captured;
  int64_t held = 0;
  int64_t released = 0;
  int64_t refunded = 0;
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
};

struct SessionDecider {
  static constexpr const char* kCategory = kSessionCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = SessionState;
  using Command = std::variant<BookSession, CapturePayment, CompleteSession>;
  using Event = std::variant<SessionBooked, PaymentCaptured, SessionCompleted, EscrowReleased,
                             PaymentSplit>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// hourly_rate x minutes / 60, rounded half up to the minor unit.
int64_t SessionPrice(int64_t hourly_rate_minor, int32_t minutes);

}  // namespace edu::mentorship
