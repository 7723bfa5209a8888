// The registry: which aggregates (deciders) and command types exist, per marketplace. Marketplaces
// register themselves (marketplaces/<m>/commands.cc, listed once in
// marketplaces/all_marketplaces.cc); the pipeline, the HTTP API, the Kafka command processor and
// the event catalog all read it. Registration happens at startup; afterwards the
// registry is read-only and safe to share between threads.
#pragma once

#include <any>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "commands/event_type_ops.h"
#include "commands/typed_command.h"
#include "domain/core/decider.h"
#include "domain/core/rejection_codes.h"
#include "domain/policies.h"
#include "eventstore/event_codec.h"
#include "eventstore/field_schema.h"
#include "eventstore/json_binding.h"
#include "eventstore/status.h"

namespace edu {

// A decider's fold, type-erased: the pipeline rebuilds any stream's state without knowing its type.
class AggregateType {
 public:
  virtual ~AggregateType() = default;
  virtual const std::string& category() const = 0;
  virtual const std::string& marketplace() const = 0;
  virtual std::any Initial() const = 0;
  // Folds one recorded event into the state. Corruption when it does not decode as one of the
  // aggregate's events.
  virtual Status Apply(std::any* state, const RecordedEvent& event) const = 0;
};

struct Decided {
  std::optional<Rejection> rejection;
  std::vector<EncodedEvent> events;
  std::any state_after;  // the state once the events are applied (for the state cache)
};

// One decoded command, ready to decide.
class PreparedCommand {
 public:
  virtual ~PreparedCommand() = default;
  virtual std::string stream_id() const = 0;
  virtual std::vector<std::string> references() const = 0;
  virtual const AggregateType& aggregate() const = 0;
  virtual Decided Decide(const std::any& state, const DecisionContext& ctx) const = 0;
};

class CommandType {
 public:
  virtual ~CommandType() = default;
  virtual const std::string& marketplace() const = 0;
  virtual const std::string& type() const = 0;
  // Roles that may issue it at all (finer ownership rules live in the decider).
  virtual const std::vector<std::string>& allowed_roles() const = 0;
  virtual const std::string& summary() const = 0;
  virtual std::vector<FieldInfo> fields() const = 0;
  // Decodes a command body (a JSON object; its envelope members "marketplace" and
  // "expected_version" are skipped), checked against what the log and the read tables can hold
  // (domain/core/field_limits.h). nullopt when it decodes; else the first problem as a structured
  // error (code, field path, message), and *out is left alone.
  virtual std::optional<json::DecodeError> Parse(const rapidjson::Value& body,
                                                 std::unique_ptr<PreparedCommand>* out) const = 0;
  // Takes a typed command (commands/typed_command.h) as it is: no JSON. InvalidArgument when it is
  // not this type's command struct.
  virtual Status Prepare(const TypedCommand& command,
                         std::unique_ptr<PreparedCommand>* out) const = 0;
};

// The body members that are the envelope's, not a command's fields.
inline const std::vector<std::string_view>& CommandEnvelopeMembers() {
  static const std::vector<std::string_view> members = {"marketplace", "expected_version"};
  return members;
}

struct EventTypeInfo {
  std::string marketplace;
  std::string category;  // the aggregate that emits it
  std::string type;
  int schema_version = 1;
  std::vector<FieldInfo> fields;
  std::shared_ptr<const EventTypeOps> ops;  // data subject, sample payload (event_type_ops.h)
};

class Registry {
 public:
  template <class Decider>
  void AddAggregate();

  // Registers Command, which must be an alternative of Decider::Command (else it does not
  // compile). Registers the aggregate too.
  template <class Decider, class Command>
  void AddCommand(std::vector<std::string> allowed_roles, std::string summary);

  // OK when every command a registered decider handles (every alternative of its Command) is
  // registered; else Internal naming each one that is not ("mentorship.BookSession,
  // handled by mentorship.session"). The server refuses to start on it; a test runs it over every
  // marketplace. (The reverse, a command its decider does not handle, fails to compile.)
  Status CheckComplete() const;

  const CommandType* FindCommand(const std::string& marketplace, const std::string& type) const;
  const AggregateType* FindAggregate(const std::string& category) const;
  std::vector<const CommandType*> Commands(const std::string& marketplace = "") const;
  const std::vector<EventTypeInfo>& EventTypes() const { return event_types_; }

 private:
  void Add(std::unique_ptr<AggregateType> aggregate, std::vector<EventTypeInfo> events);
  void Add(std::unique_ptr<CommandType> command);

  // Per aggregate category: the command types its decider handles.
  std::map<std::string, std::vector<std::string>> handled_;
  std::map<std::string, std::unique_ptr<AggregateType>> aggregates_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<CommandType>> commands_;
  std::vector<EventTypeInfo> event_types_;
};

// Registers every marketplace's aggregates and commands: each module of AllMarketplaces()
// (marketplaces/all_marketplaces.cc), then ForgetPerson where people exist.
void RegisterAllMarketplaces(Registry* registry);

// ---- implementation ----------------------------------------------------------------------------

namespace registry_detail {

template <class Decider>
class TypedAggregate : public AggregateType {
 public:
  TypedAggregate() : category_(Decider::kCategory), marketplace_(EnumName(Decider::kMarketplace)) {}
  const std::string& category() const override { return category_; }
  const std::string& marketplace() const override { return marketplace_; }
  std::any Initial() const override { return Decider::initial_state(); }
  Status Apply(std::any* state, const RecordedEvent& recorded) const override {
    typename Decider::Event event;
    Status s = DecodeEvent(recorded, &event);
    if (!s.ok()) {
      return Status::Corruption(recorded.stream_id + " v" +
                                std::to_string(recorded.stream_version) + ": " + s.message());
    }
    auto* typed = std::any_cast<typename Decider::State>(state);
    *typed = Decider::evolve(std::move(*typed), event);
    return Status::OK();
  }

 private:
  std::string category_;
  std::string marketplace_;
};

template <class Decider, class Command>
class TypedPrepared : public PreparedCommand {
 public:
  TypedPrepared(Command command, const AggregateType* aggregate)
      : command_(std::move(command)), aggregate_(aggregate) {}
  std::string stream_id() const override { return command_.stream_id(); }
  std::vector<std::string> references() const override {
    if constexpr (HasReferences<Command>::value) {
      return command_.references();
    } else {
      return {};
    }
  }
  const AggregateType& aggregate() const override { return *aggregate_; }
  Decided Decide(const std::any& state, const DecisionContext& ctx) const override {
    const auto& typed = std::any_cast<const typename Decider::State&>(state);
    auto decision = Decider::decide(typename Decider::Command{command_}, typed, ctx);
    Decided out;
    if (!decision.accepted()) {
      out.rejection = decision.rejection();
      return out;
    }
    typename Decider::State after = typed;
    for (const auto& e : decision.events()) {
      out.events.push_back(EncodeEvent(e));
      after = Decider::evolve(std::move(after), e);
    }
    out.state_after = std::move(after);
    return out;
  }

 private:
  template <class C, class = void>
  struct HasReferences : std::false_type {};
  template <class C>
  struct HasReferences<C, std::void_t<decltype(std::declval<const C&>().references())>>
      : std::true_type {};

  Command command_;
  const AggregateType* aggregate_;
};

template <class Decider, class Command>
class TypedCommandType : public CommandType {
 public:
  TypedCommandType(std::vector<std::string> roles, std::string summary,
                   const AggregateType* aggregate)
      : marketplace_(EnumName(Decider::kMarketplace)),
        type_(Command::kType),
        roles_(std::move(roles)),
        summary_(std::move(summary)),
        aggregate_(aggregate) {}
  const std::string& marketplace() const override { return marketplace_; }
  const std::string& type() const override { return type_; }
  const std::vector<std::string>& allowed_roles() const override { return roles_; }
  const std::string& summary() const override { return summary_; }
  std::vector<FieldInfo> fields() const override { return DescribeFields<Command>(); }
  std::optional<json::DecodeError> Parse(const rapidjson::Value& body,
                                         std::unique_ptr<PreparedCommand>* out) const override {
    Command command{};
    json::DecodeError error;
    json::DecodeOptions options = json::DecodeOptions::Command(&error);
    options.envelope_members = CommandEnvelopeMembers();
    Status decoded = json::DecodeValue(body, &command, options);
    if (!decoded.ok()) {
      // Every failure of the binding names its code; a message with none is still an answer.
      if (error.code.empty())
        error = json::DecodeError{codes::kInvalidField.code, "", decoded.message()};
      return error;
    }
    *out = std::make_unique<TypedPrepared<Decider, Command>>(std::move(command), aggregate_);
    return std::nullopt;
  }
  Status Prepare(const TypedCommand& typed, std::unique_ptr<PreparedCommand>* out) const override {
    const Command* command = typed.As<Command>();
    if (command == nullptr) {
      return Status::InvalidArgument("a typed " + typed.type() + " command is not a " + type_);
    }
    *out = std::make_unique<TypedPrepared<Decider, Command>>(*command, aggregate_);
    return Status::OK();
  }

 private:
  std::string marketplace_;
  std::string type_;
  std::vector<std::string> roles_;
  std::string summary_;
  const AggregateType* aggregate_;
};

template <class Variant, size_t... I>
std::vector<EventTypeInfo> EventInfos(const std::string& marketplace, const std::string& category,
                                      std::index_sequence<I...>) {
  return {EventTypeInfo{marketplace, category, std::variant_alternative_t<I, Variant>::kType,
                        std::variant_alternative_t<I, Variant>::kSchemaVersion,
                        DescribeFields<std::variant_alternative_t<I, Variant>>(),
                        MakeEventTypeOps<std::variant_alternative_t<I, Variant>>()}...};
}

}  // namespace registry_detail

template <class Variant, size_t... I>
std::vector<std::string> TypeNames(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, Variant>::kType...};
}

template <class T, class Variant>
struct IsAlternative;
template <class T, class... Alternatives>
struct IsAlternative<T, std::variant<Alternatives...>>
    : std::bool_constant<(std::is_same_v<T, Alternatives> || ...)> {};

template <class Decider>
void Registry::AddAggregate() {
  if (aggregates_.count(Decider::kCategory)) return;
  using Commands = typename Decider::Command;
  handled_[Decider::kCategory] =
      TypeNames<Commands>(std::make_index_sequence<std::variant_size_v<Commands>>{});
  using Events = typename Decider::Event;
  Add(std::make_unique<registry_detail::TypedAggregate<Decider>>(),
      registry_detail::EventInfos<Events>(std::string(EnumName(Decider::kMarketplace)),
                                          Decider::kCategory,
                                          std::make_index_sequence<std::variant_size_v<Events>>{}));
}

template <class Decider, class Command>
void Registry::AddCommand(std::vector<std::string> allowed_roles, std::string summary) {
  static_assert(IsAlternative<Command, typename Decider::Command>::value,
                "AddCommand<Decider, Command>: the decider does not handle this command (it is "
                "not an alternative of Decider::Command)");
  AddAggregate<Decider>();
  Add(std::make_unique<registry_detail::TypedCommandType<Decider, Command>>(
      std::move(allowed_roles), std::move(summary), FindAggregate(Decider::kCategory)));
}

}  // namespace edu
