// PeerLoop direct messages (seed 001: conversations, conversation_participants, messages; US-S016
// to S018): a user starts a conversation with other registered users; only its participants write
// to it and mark it read. One stream per conversation, so the participant check and the messages
// are decided together.
#pragma once

#include <map>
#include <set>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/peerloop/commands_messaging.h"
#include "domain/peerloop/events_messaging.h"

namespace edu::peerloop {

struct ConversationState {
  bool exists = false;
  Uuid conversation_id;
  std::map<Uuid, Uuid> participants;  // user -> conversation_participants.id
  std::set<Uuid> message_ids;
  std::map<Uuid, Timestamp> last_read_at;  // user -> when they last marked it read

  bool IsParticipant(const Uuid& user) const { return participants.count(user) > 0; }
};

struct ConversationDecider {
  static constexpr const char* kCategory = kConversationCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = ConversationState;
  using Command = std::variant<StartConversation, SendMessage, MarkConversationRead>;
  using Event = std::variant<ConversationStarted, MessageSent, ConversationRead>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
