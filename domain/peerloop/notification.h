// PeerLoop notifications (seed 001: notifications; US-P017, US-P018). Made only by the
// peerloop.notifications reaction (marketplaces/peerloop/notifications_reaction.cc) from the
// events a user is told about (a payment, a refund, a payout, a new message), under ids derived
// from the causing event; read once by their recipient. One stream per notification.
#pragma once

#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands_messaging.h"
#include "domain/peerloop/events_messaging.h"

namespace edu::peerloop {

struct NotificationState {
  bool exists = false;
  Uuid notification_id;
  Uuid user_id;
  bool is_read = false;
};

struct NotificationDecider {
  static constexpr const char* kCategory = kNotificationCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = NotificationState;
  using Command = std::variant<Notify, MarkNotificationRead>;
  using Event = std::variant<NotificationCreated, NotificationRead>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
