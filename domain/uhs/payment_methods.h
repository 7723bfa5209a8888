// A user's saved payment methods (seed §12), all on one stream per user so that "one default per
// user" is decided in one place: the first method becomes the default, a new default takes the
// flag from the old one, and removing the default hands it to the oldest remaining method.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"

namespace edu::uhs {

struct SavedMethod {
  Uuid payment_method_id;
  Gateway gateway = Gateway::mpesa;
  MethodType method_type = MethodType::phone;
  bool is_active = true;
};

struct PaymentMethodsState {
  Uuid user_id;
  std::vector<SavedMethod> methods;  // in the order they were added
  std::optional<Uuid> default_method;

  const SavedMethod* Find(const Uuid& id) const;
  const SavedMethod* FindActive(const Uuid& id) const;
  size_t ActiveCount() const;
};

struct PaymentMethodsDecider {
  static constexpr const char* kCategory = kPaymentMethodsCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = PaymentMethodsState;
  using Command = std::variant<AddPaymentMethod, SetDefaultPaymentMethod, RemovePaymentMethod>;
  using Event = std::variant<PaymentMethodAdded, DefaultPaymentMethodChanged, PaymentMethodRemoved>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// The method type each gateway takes: mpesa a phone, stripe a card, paypal a PayPal account.
MethodType MethodTypeOf(Gateway gateway);

}  // namespace edu::uhs
