// The outcome of deciding a command: the events to append, or a rejection that says precisely why.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace edu {

// Why a request was refused. The HTTP adapter maps kinds to status codes; the code is the stable,
// machine-readable part, the message the human sentence.
enum class ErrorKind {
  kMalformed,        // 400: not parseable, wrong JSON type, missing field
  kUnauthenticated,  // 401
  kForbidden,        // 403: the actor may not do this
  kNotFound,         // 404: unknown command type, unknown aggregate
  kConflict,         // 409: stale expected version, illegal transition for the current state
  kInvalid,          // 422: well-formed but breaks a rule (negative amount, unapproved mentor)
  kUnavailable,      // 503: a dependency is down; retry later
  kInternal,         // 500
};

const char* ErrorKindName(ErrorKind kind);
int HttpStatusOf(ErrorKind kind);

struct Rejection {
  ErrorKind kind = ErrorKind::kInvalid;
  std::string code;     // e.g. "mentor_not_approved"
  std::string message;  // e.g. "mentor 4f0c… is pending verification; only approved mentors ..."
  std::string field = {};  // the input field it is about, when one: "hourly_rate.minor"
};

template <class... Args>
Rejection Reject(ErrorKind kind, std::string code, fmt::format_string<Args...> f, Args&&... args) {
  return Rejection{kind, std::move(code), fmt::format(f, std::forward<Args>(args)...)};
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
