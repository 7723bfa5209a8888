#include "domain/uhs/contact.h"

#include "domain/core/email.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = ContactMessageDecider::Event;

Rejection Missing(const Uuid& id) {
  return Reject(codes::kContactMessageNotFound, "contact message {} does not exist", ToString(id));
}

std::optional<Rejection> CheckStaff(const DecisionContext& ctx) {
  if (IsStaff(ctx.actor)) return std::nullopt;
  return Reject(codes::kStaffOnly, "only an admin or staff reads and answers contact messages");
}

Decision<Event> Submit(const SubmitContactMessage& c, const ContactMessageState& s) {
  if (s.exists) {
    return Reject(codes::kContactMessageAlreadyExists, "contact message {} was already received",
                  ToString(c.message_id));
  }
  ContactMessageReceived e;
  e.message_id = c.message_id;
  e.name = TrimmedText(c.name);
  if (e.name.value.empty()) return Reject(codes::kNameRequired, "the sender's name is empty");
  e.email = TrimmedText(c.email);
  if (!LooksLikeEmail(e.email.value)) {
    return Reject(codes::kInvalidEmail, "'{}' does not look like an email address", c.email);
  }
  e.subject = TrimmedText(c.subject);
  if (e.subject.empty()) return Reject(codes::kContactTextRequired, "the subject is empty");
  if (TrimmedText(c.message).empty()) {
    return Reject(codes::kContactTextRequired, "the message is empty");
  }
  e.message = c.message;
  return e;
}

Decision<Event> MarkRead(const MarkContactMessageRead& c, const ContactMessageState& s,
                         const DecisionContext& ctx) {
  if (auto denied = CheckStaff(ctx)) return *denied;
  if (!s.exists) return Missing(c.message_id);
  if (s.read_at) {
    return Reject(codes::kContactMessageAlreadyRead, "contact message {} was read at {}",
                  ToString(c.message_id), FormatIso8601(*s.read_at));
  }
  return ContactMessageRead{c.message_id, ParseUuid(ctx.actor.id).value_or(Uuid{}), ctx.now};
}

Decision<Event> Answer(const ReplyToContactMessage& c, const ContactMessageState& s,
                       const DecisionContext& ctx) {
  if (auto denied = CheckStaff(ctx)) return *denied;
  if (!s.exists) return Missing(c.message_id);
  // One reply: the form has one reply_message column, and a second answer would overwrite what
  // the sender was already sent.
  if (s.replied_at) {
    return Reject(codes::kContactMessageAlreadyReplied, "contact message {} was answered at {}",
                  ToString(c.message_id), FormatIso8601(*s.replied_at));
  }
  if (TrimmedText(c.reply_message).empty()) {
    return Reject(codes::kContactTextRequired, "the reply is empty");
  }
  ContactMessageReplied e;
  e.message_id = c.message_id;
  e.replied_by = ParseUuid(ctx.actor.id).value_or(Uuid{});
  e.reply_message = c.reply_message;
  e.replied_at = ctx.now;
  if (!s.read_at) e.read_at = ctx.now;
  return e;
}

}  // namespace

Decision<Event> ContactMessageDecider::decide(const Command& command, const State& state,
                                              const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const SubmitContactMessage& c) { return Submit(c, state); },
                 [&](const MarkContactMessageRead& c) { return MarkRead(c, state, ctx); },
                 [&](const ReplyToContactMessage& c) { return Answer(c, state, ctx); }},
      command);
}

ContactMessageState ContactMessageDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const ContactMessageReceived& e) {
                          s.exists = true;
                          s.message_id = e.message_id;
                        },
                        [&](const ContactMessageRead& e) { s.read_at = e.read_at; },
                        [&](const ContactMessageReplied& e) {
                          s.replied_at = e.replied_at;
                          if (e.read_at) s.read_at = e.read_at;
                        }},
             event);
  return s;
}

}  // namespace edu::uhs
