#include "domain/mentorship/notifications.h"

#include <vector>

#include "domain/mentorship/mentor.h"
#include "domain/mentorship/session.h"

namespace edu::mentorship {
namespace {

Rejection SystemOnly(const char* what) {
  return Reject(codes::kSystemOnly, "{} is the platform's job (its notification reaction)", what);
}

Decision<NotificationInboxDecider::Event> Notify(const NotifyUser& c,
                                                 const NotificationInboxState& s,
                                                 const DecisionContext& ctx) {
  if (!ctx.actor.IsSystem()) return SystemOnly("notifying a user");
  // The same notification again (its cause delivered again under another command id): once.
  if (s.read.count(c.notification_id) > 0) {
    return std::vector<NotificationInboxDecider::Event>{};
  }
  return UserNotified{c.user_id, c.notification_id, c.kind,       c.title,
                      c.message, c.resource_type,   c.resource_id};
}

Decision<NotificationInboxDecider::Event> MarkRead(const MarkNotificationRead& c,
                                                   const NotificationInboxState& s,
                                                   const DecisionContext& ctx) {
  if (ctx.actor.id != ToString(c.user_id)) {
    return Reject(codes::kNotOwnAccount, "only user {} marks their notifications read",
                  ToString(c.user_id));
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

Decision<NotificationRouteDecider::Event> Route(const RouteNotification& c,
                                                const NotificationRouteState& s,
                                                const DecisionContext& ctx) {
  if (!ctx.actor.IsSystem()) return SystemOnly("routing a notification");
  if (s.routed) return std::vector<NotificationRouteDecider::Event>{};
  Uuid recipient;
  if (c.audience == NotificationAudience::mentor) {
    auto mentor = ctx.refs->Lookup<MentorState>(MentorStream(c.via_id));
    if (!mentor) {
      return Reject(codes::kRecipientNotFound, "mentor {} does not exist", ToString(c.via_id));
    }
    recipient = mentor->user_id;
  } else {
    auto session = ctx.refs->Lookup<SessionState>(SessionStream(c.via_id));
    if (!session) {
      return Reject(codes::kRecipientNotFound, "session {} does not exist", ToString(c.via_id));
    }
    recipient = c.audience == NotificationAudience::session_student ? session->student_id
                                                                    : session->mentor_user_id;
  }
  return NotificationRouted{c.notification_id, c.audience, c.via_id,        recipient,    c.kind,
                            c.title,           c.message,  c.resource_type, c.resource_id};
}

}  // namespace

Decision<NotificationInboxDecider::Event> NotificationInboxDecider::decide(
    const Command& command, const State& state, const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const NotifyUser& c) { return Notify(c, state, ctx); },
                 [&](const MarkNotificationRead& c) { return MarkRead(c, state, ctx); }},
      command);
}

NotificationInboxState NotificationInboxDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const UserNotified& e) {
                          s.exists = true;
                          s.user_id = e.user_id;
                          if (s.read.emplace(e.notification_id, false).second) ++s.unread;
                        },
                        [&](const NotificationRead& e) {
                          auto it = s.read.find(e.notification_id);
                          if (it != s.read.end() && !it->second) {
                            it->second = true;
                            --s.unread;
                          }
                        }},
             event);
  return s;
}

Decision<NotificationRouteDecider::Event> NotificationRouteDecider::decide(
    const Command& command, const State& state, const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const RouteNotification& c) { return Route(c, state, ctx); }},
                    command);
}

NotificationRouteState NotificationRouteDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const NotificationRouted& e) {
               s.routed = true;
               s.user_id = e.user_id;
             }},
             event);
  return s;
}

}  // namespace edu::mentorship
