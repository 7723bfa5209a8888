// Mentorship notifications (seed 002 "notifications/": a user's notifications, mark-read). The
// PRD documents no notifications table, but the notifications still exist as events, which
// `eduledger replay` shows:
//  - NotificationInboxDecider: one inbox per user (stream mentorship.notifications-<users.id>).
//    Only the system (the mentorship.notifications reaction) notifies; the inbox's user marks a
//    notification read, once.
//  - NotificationRouteDecider: a notification about an event that names only a session or a
//    mentor profile (a refund issued, a payout paid) is routed first: the decision reads the
//    session or mentor and records the user it goes to; the reaction then notifies that user.
#pragma once

#include <map>
#include <variant>

#include "domain/core/decider.h"
#include "domain/mentorship/commands_support.h"
#include "domain/mentorship/events_support.h"

namespace edu::mentorship {

struct NotificationInboxState {
  bool exists = false;
  Uuid user_id;
  std::map<Uuid, bool> read;  // by notification id: whether it was marked read
  int32_t unread = 0;
};

struct NotificationInboxDecider {
  static constexpr const char* kCategory = kNotificationsCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = NotificationInboxState;
  using Command = std::variant<NotifyUser, MarkNotificationRead>;
  using Event = std::variant<UserNotified, NotificationRead>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

struct NotificationRouteState {
  bool routed = false;
  Uuid user_id;
};

struct NotificationRouteDecider {
  static constexpr const char* kCategory = kNotificationRouteCategory;
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  using State = NotificationRouteState;
  using Command = std::variant<RouteNotification>;
  using Event = std::variant<NotificationRouted>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::mentorship
