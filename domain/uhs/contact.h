// A Urban Home School contact form message: received from the public form, read by an admin and
// answered once (contact_messages). One stream per message (ContactMessageStream).
#pragma once

#include <optional>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/forum_commands.h"

namespace edu::uhs {

struct ContactMessageState {
  bool exists = false;
  Uuid message_id;
  std::optional<Timestamp> read_at;
  std::optional<Timestamp> replied_at;
};

struct ContactMessageDecider {
  static constexpr const char* kCategory = kContactMessageCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = ContactMessageState;
  using Command = std::variant<SubmitContactMessage, MarkContactMessageRead, ReplyToContactMessage>;
  using Event = std::variant<ContactMessageReceived, ContactMessageRead, ContactMessageReplied>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
