#include "domain/peerloop/conversation.h"

#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"

namespace edu::peerloop {
namespace {

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool Blank(const std::string& s) {
  for (char c : s) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

Rejection ActsForAnother(const DecisionContext& ctx, const char* act, const Uuid& user) {
  return Reject(codes::kActsForAnotherUser, "actor {} may {} only as themselves, not as user {}",
                ctx.actor.id, act, ToString(user));
}

Decision<ConversationDecider::Event> Start(const StartConversation& c, const ConversationState& s,
                                           const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kConversationAlreadyExists, "conversation {} already exists",
                  ToString(c.conversation_id));
  }
  if (!Is(ctx.actor, c.started_by))
    return ActsForAnother(ctx, "start a conversation", c.started_by);
  if (!ctx.refs->Find<UserState>(UserStream(c.started_by))) {
    return NotFound(codes::kUserNotFound, "user", c.started_by);
  }
  ConversationStarted e;
  e.conversation_id = c.conversation_id;
  e.started_by = c.started_by;
  e.started_at = ctx.now;
  e.participants.push_back(
      {ConversationParticipantId(c.conversation_id, c.started_by), c.started_by});
  std::set<Uuid> seen = {c.started_by};
  for (const Uuid& user : c.participant_ids) {
    if (!seen.insert(user).second) continue;  // the starter, or named twice
    const UserState* other = ctx.refs->Find<UserState>(UserStream(user));
    if (!other || !other->exists) {
      return NotFound(codes::kParticipantNotFound, "participant", user);
    }
    e.participants.push_back({ConversationParticipantId(c.conversation_id, user), user});
  }
  if (e.participants.size() < 2) {
    return Reject(codes::kConversationNeedsAnotherParticipant,
                  "a conversation needs at least one participant besides its starter");
  }
  if (e.participants.size() > kMaxConversationParticipants) {
    return Reject(codes::kTooManyParticipants, "a conversation has at most {} participants, not {}",
                  kMaxConversationParticipants, e.participants.size());
  }
  return e;
}

Decision<ConversationDecider::Event> Send(const SendMessage& c, const ConversationState& s,
                                          const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kConversationNotFound, "conversation", c.conversation_id);
  if (!Is(ctx.actor, c.sender_id)) return ActsForAnother(ctx, "send a message", c.sender_id);
  if (!s.IsParticipant(c.sender_id)) {
    return Reject(codes::kNotConversationParticipant, "user {} is not in conversation {}",
                  ToString(c.sender_id), ToString(c.conversation_id));
  }
  if (Blank(c.content)) return Reject(codes::kMessageContentRequired, "a message needs text");
  if (CharCount(c.content) > static_cast<size_t>(kMaxMessageLength)) {
    return Reject(codes::kMessageTooLong, "a message has at most {} characters, not {}",
                  kMaxMessageLength, CharCount(c.content));
  }
  if (s.message_ids.count(c.message_id)) {
    return Reject(codes::kMessageAlreadyExists, "conversation {} already has message {}",
                  ToString(c.conversation_id), ToString(c.message_id));
  }
  MessageSent e;
  e.conversation_id = c.conversation_id;
  e.message_id = c.message_id;
  e.sender_id = c.sender_id;
  e.content = c.content;
  for (const auto& [user, participant] : s.participants) {
    if (user != c.sender_id) e.recipient_ids.push_back(user);
  }
  e.sent_at = ctx.now;
  return e;
}

Decision<ConversationDecider::Event> Read(const MarkConversationRead& c, const ConversationState& s,
                                          const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kConversationNotFound, "conversation", c.conversation_id);
  if (!Is(ctx.actor, c.user_id)) return ActsForAnother(ctx, "mark a conversation read", c.user_id);
  auto participant = s.participants.find(c.user_id);
  if (participant == s.participants.end()) {
    return Reject(codes::kNotConversationParticipant, "user {} is not in conversation {}",
                  ToString(c.user_id), ToString(c.conversation_id));
  }
  return ConversationRead{c.conversation_id, participant->second, c.user_id, ctx.now};
}

}  // namespace

Decision<ConversationDecider::Event> ConversationDecider::decide(const Command& command,
                                                                 const State& state,
                                                                 const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const StartConversation& c) { return Start(c, state, ctx); },
                               [&](const SendMessage& c) { return Send(c, state, ctx); },
                               [&](const MarkConversationRead& c) { return Read(c, state, ctx); }},
                    command);
}

ConversationState ConversationDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const ConversationStarted& e) {
                          s.exists = true;
                          s.conversation_id = e.conversation_id;
                          for (const ConversationParticipant& p : e.participants)
                            s.participants[p.user_id] = p.participant_id;
                        },
                        [&](const MessageSent& e) { s.message_ids.insert(e.message_id); },
                        [&](const ConversationRead& e) { s.last_read_at[e.user_id] = e.read_at; }},
             event);
  return s;
}

}  // namespace edu::peerloop
