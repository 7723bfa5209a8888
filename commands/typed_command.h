// A command as a typed value inside the process: the command struct itself (an alternative of some
// Decider::Command), type-erased so that reactions, schedulers and tests can hand it to the
// pipeline without knowing the decider. The registry's CommandType turns it into a
// PreparedCommand by a checked cast, never through JSON. JSON is written only at the edges: when
// the command leaves the process (the Kafka command client) and for the idempotency hash.
//
// Immutable once made; safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <typeinfo>
#include <utility>

#include "eventstore/json_binding.h"

namespace edu {

class TypedCommand {
 public:
  virtual ~TypedCommand() = default;
  virtual const std::string& marketplace() const = 0;
  virtual const std::string& type() const = 0;  // Command::kType
  // The command's fields as JSON (json::Encode: declaration order, the same bytes for the same
  // value). For the edges only: the Kafka command client and the idempotency hash.
  virtual std::string EncodeFields() const = 0;

  // The command struct when it is a C, else nullptr.
  template <class C>
  const C* As() const {
    return value_type() == typeid(C) ? static_cast<const C*>(value()) : nullptr;
  }

 protected:
  virtual const std::type_info& value_type() const = 0;
  virtual const void* value() const = 0;
};

namespace typed_command_detail {

template <class C>
class Holder final : public TypedCommand {
 public:
  Holder(std::string marketplace, C command)
      : marketplace_(std::move(marketplace)), type_(C::kType), command_(std::move(command)) {}
  const std::string& marketplace() const override { return marketplace_; }
  const std::string& type() const override { return type_; }
  std::string EncodeFields() const override { return json::Encode(command_); }

 protected:
  const std::type_info& value_type() const override { return typeid(C); }
  const void* value() const override { return &command_; }

 private:
  std::string marketplace_;
  std::string type_;
  C command_;
};

}  // namespace typed_command_detail

// `command` of `marketplace` ("mentorship", ...), by value.
template <class C>
std::shared_ptr<const TypedCommand> MakeTypedCommand(std::string marketplace, C command) {
  return std::make_shared<typed_command_detail::Holder<C>>(std::move(marketplace),
                                                           std::move(command));
}

// The JSON body a client would send for `command`: {"marketplace": m, ...fields}.
inline std::string CommandJsonBody(const TypedCommand& command) {
  std::string fields = command.EncodeFields();
  std::string body = "{\"marketplace\":" + json::Encode(command.marketplace());
  if (fields.size() > 2)
    body += "," + fields.substr(1);  // "{...}" minus its "{"
  else
    body += "}";
  return body;
}

}  // namespace edu
