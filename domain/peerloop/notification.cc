#include "domain/peerloop/notification.h"

#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/rules.h"

namespace edu::peerloop {
namespace {

Decision<NotificationDecider::Event> Create(const Notify& c, const NotificationState& s,
                                            const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kNotificationAlreadyExists, "notification {} already exists",
                  ToString(c.notification_id));
  }
  if (c.user_id.has_value() == c.enrollment_id.has_value()) {
    return Reject(codes::kNotificationRecipientRequired,
                  "a notification names exactly one of user_id and enrollment_id");
  }
  if (c.title.empty() || c.body.empty()) {
    return Reject(codes::kNotificationTextRequired, "a notification needs a title and a body");
  }
  Uuid recipient;
  if (c.user_id) {
    recipient = *c.user_id;
  } else {
    const EnrollmentState* enrollment =
        ctx.refs->Find<EnrollmentState>(EnrollmentStream(*c.enrollment_id));
    if (!enrollment) return NotFound(codes::kEnrollmentNotFound, "enrollment", *c.enrollment_id);
    recipient = enrollment->student_id;
  }
  return NotificationCreated{c.notification_id, recipient, c.type, c.title, c.body,
                             c.action_url,      ctx.now};
}

Decision<NotificationDecider::Event> Read(const MarkNotificationRead& c, const NotificationState& s,
                                          const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kNotificationNotFound, "notification", c.notification_id);
  if (!Is(ctx.actor, s.user_id)) {
    return Reject(codes::kNotOwnNotification, "notification {} is not actor {}'s",
                  ToString(c.notification_id), ctx.actor.id);
  }
  if (s.is_read) {
    return Reject(codes::kNotificationAlreadyRead, "notification {} is already read",
                  ToString(c.notification_id));
  }
  return NotificationRead{c.notification_id, s.user_id, ctx.now};
}

}  // namespace

Decision<NotificationDecider::Event> NotificationDecider::decide(const Command& command,
                                                                 const State& state,
                                                                 const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const Notify& c) { return Create(c, state, ctx); },
                               [&](const MarkNotificationRead& c) { return Read(c, state, ctx); }},
                    command);
}

NotificationState NotificationDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const NotificationCreated& e) {
                          s.exists = true;
                          s.notification_id = e.notification_id;
                          s.user_id = e.user_id;
                        },
                        [&](const NotificationRead&) { s.is_read = true; }},
             event);
  return s;
}

}  // namespace edu::peerloop
