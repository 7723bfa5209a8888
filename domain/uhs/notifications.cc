#include "domain/uhs/notifications.h"

#include "domain/uhs/forum.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = NotificationInboxDecider::Event;

Decision<Event> Deliver(const DeliverNotification& c, const NotificationInboxState& s) {
  if (s.read.count(c.notification_id) > 0) {
    return Reject(codes::kNotificationAlreadyExists, "user {} already has notification {}",
                  ToString(c.user_id), ToString(c.notification_id));
  }
  if (TrimmedText(c.title).empty() || TrimmedText(c.message).empty()) {
    return Reject(codes::kNotificationTextRequired, "a notification needs a title and a message");
  }
  return NotificationDelivered{c.user_id, c.notification_id, c.type,         c.title,
                               c.message, c.action_url,      c.action_label, c.metadata};
}

Decision<Event> MarkRead(const MarkNotificationRead& c, const NotificationInboxState& s,
                         const DecisionContext& ctx) {
  // Only the owner: a notification is private, even to staff.
  if (!IsUser(ctx.actor, c.user_id)) {
    return Reject(codes::kNotOwnNotification, "actor {} may mark only their own notifications read",
                  ctx.actor.id);
  }
  auto it = s.read.find(c.notification_id);
  if (it == s.read.end()) {
    return Reject(codes::kNotificationNotFound, "user {} has no notification {}",
                  ToString(c.user_id), ToString(c.notification_id));
  }
  if (it->second) {
    return Reject(codes::kNotificationAlreadyRead, "notification {} is already read",
                  ToString(c.notification_id));
  }
  return NotificationRead{c.user_id, c.notification_id, ctx.now};
}

}  // namespace

Decision<Event> NotificationInboxDecider::decide(const Command& command, const State& state,
                                                 const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const DeliverNotification& c) { return Deliver(c, state); },
                 [&](const MarkNotificationRead& c) { return MarkRead(c, state, ctx); }},
      command);
}

NotificationInboxState NotificationInboxDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const NotificationDelivered& e) {
                          s.exists = true;
                          s.user_id = e.user_id;
                          s.read[e.notification_id] = false;
                        },
                        [&](const NotificationRead& e) { s.read[e.notification_id] = true; }},
             event);
  return s;
}

}  // namespace edu::uhs
