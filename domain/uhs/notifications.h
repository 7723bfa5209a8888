// A Urban Home School user's notification inbox: notifications delivered by the uhs-notifications
// reaction (failed, declined and refunded payments, wallet credits, forum replies, accepted
// solutions) and marked read by their owner. One stream per user
// (NotificationInboxStream).
#pragma once

#include <map>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/forum_commands.h"

namespace edu::uhs {

struct NotificationInboxState {
  bool exists = false;
  Uuid user_id;
  std::map<Uuid, bool> read;  // notification id -> read
  int unread() const {
    int n = 0;
    for (const auto& entry : read) n += entry.second ? 0 : 1;
    return n;
  }
};

struct NotificationInboxDecider {
  static constexpr const char* kCategory = kNotificationInboxCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = NotificationInboxState;
  using Command = std::variant<DeliverNotification, MarkNotificationRead>;
  using Event = std::variant<NotificationDelivered, NotificationRead>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
