#include "domain/uhs/payment_methods.h"

#include <algorithm>
#include <cctype>

#include "domain/uhs/rules.h"

namespace edu::uhs {

MethodType MethodTypeOf(Gateway gateway) {
  switch (gateway) {
    case Gateway::mpesa:
      return MethodType::phone;
    case Gateway::stripe:
      return MethodType::card;
    case Gateway::paypal:
      return MethodType::paypal_account;
  }
  return MethodType::phone;
}

const SavedMethod* PaymentMethodsState::Find(const Uuid& id) const {
  for (const auto& m : methods) {
    if (m.payment_method_id == id) return &m;
  }
  return nullptr;
}

const SavedMethod* PaymentMethodsState::FindActive(const Uuid& id) const {
  const SavedMethod* m = Find(id);
  return m && m->is_active ? m : nullptr;
}

size_t PaymentMethodsState::ActiveCount() const {
  return static_cast<size_t>(std::count_if(methods.begin(), methods.end(),
                                           [](const SavedMethod& m) { return m.is_active; }));
}

namespace {

using Event = PaymentMethodsDecider::Event;

bool AllDigits(const std::string& s, size_t from = 0) {
  return from < s.size() &&
         std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::optional<Rejection> CheckAccount(MethodType type, const std::string& account) {
  switch (type) {
    case MethodType::phone: {
      // +2547XXXXXXXX or 07XXXXXXXX / 01XXXXXXXX: 10 to 13 digits.
      size_t from = !account.empty() && account[0] == '+' ? 1 : 0;
      size_t digits = account.size() - from;
      if (AllDigits(account, from) && digits >= 10 && digits <= 13) return std::nullopt;
      return Reject(codes::kInvalidPhone, "'{}' is not a phone number", account);
    }
    case MethodType::card:
      if (account.size() == 4 && AllDigits(account)) return std::nullopt;
      return Reject(codes::kInvalidCard, "a card is saved by its last four digits only, got '{}'",
                    account);
    case MethodType::paypal_account:
      if (LooksLikeEmail(account)) return std::nullopt;
      return Reject(codes::kInvalidEmail, "'{}' is not a PayPal email", account);
  }
  return std::nullopt;
}

std::optional<Rejection> CheckOwner(const Uuid& user_id, const DecisionContext& ctx) {
  if (IsUser(ctx.actor, user_id) || IsStaff(ctx.actor)) return std::nullopt;
  return Reject(codes::kNotOwnAccount,
                "actor {} may manage only their own payment methods, not those of user {}",
                ctx.actor.id, ToString(user_id));
}

Rejection Unknown(const Uuid& user_id, const Uuid& method_id) {
  return Reject(codes::kPaymentMethodNotFound, "user {} has no active payment method {}",
                ToString(user_id), ToString(method_id));
}

Decision<Event> Add(const AddPaymentMethod& c, const PaymentMethodsState& s,
                    const DecisionContext& ctx) {
  if (auto denied = CheckOwner(c.user_id, ctx)) return *denied;
  if (s.Find(c.payment_method_id)) {
    return Reject(codes::kPaymentMethodAlreadyExists, "payment method {} already exists",
                  ToString(c.payment_method_id));
  }
  if (c.method_type != MethodTypeOf(c.gateway)) {
    return Reject(codes::kMethodTypeMismatch, "{} takes a {}, not a {}", EnumName(c.gateway),
                  EnumName(MethodTypeOf(c.gateway)), EnumName(c.method_type));
  }
  if (auto bad = CheckAccount(c.method_type, c.account)) return *bad;
  PaymentMethodAdded e;
  e.payment_method_id = c.payment_method_id;
  e.user_id = c.user_id;
  e.gateway = c.gateway;
  e.method_type = c.method_type;
  e.account = Personal<std::string>(c.account);
  e.label = c.label;
  e.is_default = !s.default_method || c.make_default.value_or(false);
  if (e.is_default) e.previous_default = s.default_method;
  return e;
}

Decision<Event> SetDefault(const SetDefaultPaymentMethod& c, const PaymentMethodsState& s,
                           const DecisionContext& ctx) {
  if (auto denied = CheckOwner(c.user_id, ctx)) return *denied;
  if (!s.FindActive(c.payment_method_id)) return Unknown(c.user_id, c.payment_method_id);
  if (s.default_method == c.payment_method_id) {
    return Reject(codes::kAlreadyDefault, "payment method {} is already the default",
                  ToString(c.payment_method_id));
  }
  return DefaultPaymentMethodChanged{c.user_id, c.payment_method_id, s.default_method};
}

Decision<Event> Remove(const RemovePaymentMethod& c, const PaymentMethodsState& s,
                       const DecisionContext& ctx) {
  if (auto denied = CheckOwner(c.user_id, ctx)) return *denied;
  if (!s.FindActive(c.payment_method_id)) return Unknown(c.user_id, c.payment_method_id);
  PaymentMethodRemoved e{
      c.user_id, c.payment_method_id, s.default_method == c.payment_method_id, {}};
  if (e.was_default) {
    for (const auto& m : s.methods) {
      if (m.is_active && m.payment_method_id != c.payment_method_id) {
        e.new_default = m.payment_method_id;
        break;
      }
    }
  }
  return e;
}

}  // namespace

Decision<Event> PaymentMethodsDecider::decide(const Command& command, const State& state,
                                              const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const AddPaymentMethod& c) { return Add(c, state, ctx); },
                 [&](const SetDefaultPaymentMethod& c) { return SetDefault(c, state, ctx); },
                 [&](const RemovePaymentMethod& c) { return Remove(c, state, ctx); }},
      command);
}

PaymentMethodsState PaymentMethodsDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{
          [&](const PaymentMethodAdded& e) {
            s.user_id = e.user_id;
            s.methods.push_back({e.payment_method_id, e.gateway, e.method_type, true});
            if (e.is_default) s.default_method = e.payment_method_id;
          },
          [&](const DefaultPaymentMethodChanged& e) { s.default_method = e.payment_method_id; },
          [&](const PaymentMethodRemoved& e) {
            for (auto& m : s.methods) {
              if (m.payment_method_id == e.payment_method_id) m.is_active = false;
            }
            if (e.was_default) s.default_method = e.new_default;
          }},
      event);
  return s;
}

}  // namespace edu::uhs
