// The outcome of deciding a command: the events to append, or a rejection that says precisely why.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "domain/core/error_kind.h"
#include "domain/core/rejection_codes.h"

namespace edu {

// Why a request was refused. The HTTP adapter maps kinds to status codes; the code is the stable,
// machine-readable part (one of the catalog's, domain/core/rejection_codes.h), the message the
// human sentence.
struct Rejection {
  ErrorKind kind = ErrorKind::kInvalid;
  std::string code;     // e.g. "mentor_not_approved"
  std::string message;  // e.g. "mentor 4f0c… is pending verification; only approved mentors ..."
  std::string field = {};  // the input field it is about, when one: "hourly_rate.minor"
};

// A decider's rejection: the code's kind comes from the catalog, so one code has one kind.
template <class... Args>
Rejection Reject(const RejectionCode& code, fmt::format_string<Args...> f, Args&&... args) {
  return Rejection{code.kind, code.code, fmt::format(f, std::forward<Args>(args)...)};
}

template <class E>
class Decision {
 public:
  Decision(std::vector<E> events) : outcome_(std::move(events)) {}  // NOLINT: accept
  // Accepts one event of any alternative of E.
  template <class T, class = std::enable_if_t<std::is_constructible_v<E, T> &&
                                              !std::is_same_v<std::decay_t<T>, Rejection>>>
  Decision(T event) : outcome_(std::vector<E>{E(std::move(event))}) {}  // NOLINT: accept one
  Decision(Rejection rejection) : outcome_(std::move(rejection)) {}     // NOLINT: reject

  bool accepted() const { return std::holds_alternative<std::vector<E>>(outcome_); }
  const std::vector<E>& events() const { return std::get<std::vector<E>>(outcome_); }
  std::vector<E>& events() { return std::get<std::vector<E>>(outcome_); }
  const Rejection& rejection() const { return std::get<Rejection>(outcome_); }

 private:
  std::variant<std::vector<E>, Rejection> outcome_;
};

// std::visit over several lambdas.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace edu
