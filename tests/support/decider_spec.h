// Decider specifications that read as specifications:
//
//   Spec<SessionDecider>()
//       .at(now).as(student)
//       .given_stream<MentorDecider>(MentorStream(m), {applied, approved})   // referenced streams
//       .given({booked, captured})                                          // this stream
//       .when(CompleteSession{...})
//       .then({completed, released, split});          // or .then_error("illegal_transition")
//
// then() compares field by field (EDU_FIELDS) and prints both sides when they differ.
#pragma once

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "domain/core/decider.h"
#include "domain/core/describe_ops.h"
#include "domain/policies.h"

namespace edu::testing {

inline Actor AsUser(const Uuid& id, const std::string& role) { return Actor{ToString(id), role}; }
inline Actor Admin() { return Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"}; }
inline Actor System() { return Actor{"system:test", "system"}; }

template <class Decider>
class Spec {
 public:
  using State = typename Decider::State;
  using Command = typename Decider::Command;
  using Event = typename Decider::Event;

  Spec() : state_(Decider::initial_state()) {
    ctx_.now = Timestamp{1'767'225'600'000'000};  // 2026-01-01T00:00:00Z
    ctx_.actor = Admin();
    ctx_.command_id = *ParseUuid("0d8f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b");
  }

  Spec& at(Timestamp now) {
    ctx_.now = now;
    return *this;
  }
  Spec& as(Actor actor) {
    ctx_.actor = std::move(actor);
    return *this;
  }
  Spec& with_policies(Policies policies) {
    policies_ = std::move(policies);
    return *this;
  }
  Spec& with_command_id(Uuid id) {
    ctx_.command_id = id;
    return *this;
  }

  // Events already in the stream the command decides on.
  Spec& given(std::vector<Event> events) {
    for (const auto& e : events) state_ = Decider::evolve(std::move(state_), e);
    version_ += static_cast<int64_t>(events.size());
    return *this;
  }

  // Events of another stream the command references (folded by that stream's decider).
  template <class Other>
  Spec& given_stream(const std::string& stream_id, std::vector<typename Other::Event> events) {
    auto s = Other::initial_state();
    for (const auto& e : events) s = Other::evolve(std::move(s), e);
    refs_.Put(stream_id, std::move(s), static_cast<int64_t>(events.size()));
    return *this;
  }

  Spec& when(Command command) {
    command_ = std::move(command);
    return *this;
  }

  // The decision, for specifications that inspect it directly.
  Decision<Event> decide() {
    ctx_.refs = &refs_;
    ctx_.policies = &policies_;
    REQUIRE_MESSAGE(command_.has_value(), "when(...) was not called");
    return Decider::decide(*command_, state_, ctx_);
  }

  void then(const std::vector<Event>& expected) {
    auto decision = decide();
    if (!decision.accepted()) {
      FAIL_CHECK("expected events but the command was rejected: "
                 << decision.rejection().code << ": " << decision.rejection().message);
      return;
    }
    const auto& got = decision.events();
    CHECK_MESSAGE(got.size() == expected.size(), "expected " << expected.size() << " events, got "
                                                             << got.size() << ": " << Print(got));
    for (size_t i = 0; i < std::min(got.size(), expected.size()); ++i) {
      CHECK_MESSAGE(DescribedEquals(got[i], expected[i]),
                    "event #" << i << " differs\n  expected: " << DescribeToString(expected[i])
                              << "\n  got:      " << DescribeToString(got[i]));
    }
    // Every accepted decision must also evolve cleanly.
    State after = state_;
    for (const auto& e : got) after = Decider::evolve(std::move(after), e);
    last_state_ = std::move(after);
  }

  // The command is rejected with this code (and, when given, this kind).
  void then_error(const std::string& code) {
    auto decision = decide();
    if (decision.accepted()) {
      FAIL_CHECK("expected rejection '" << code
                                        << "' but got events: " << Print(decision.events()));
      return;
    }
    CHECK_MESSAGE(decision.rejection().code == code,
                  "expected rejection '" << code << "', got '" << decision.rejection().code
                                         << "': " << decision.rejection().message);
    last_rejection_ = decision.rejection();
  }

  void then_error(const std::string& code, ErrorKind kind) {
    then_error(code);
    if (last_rejection_) {
      CHECK_MESSAGE(last_rejection_->kind == kind,
                    "rejection '" << code << "' has kind " << ErrorKindName(last_rejection_->kind)
                                  << ", expected " << ErrorKindName(kind));
    }
  }

  // The state after given(...) and, once then() accepted, after the decided events.
  const State& state() const { return last_state_ ? *last_state_ : state_; }
  const std::optional<Rejection>& rejection() const { return last_rejection_; }
  int64_t version() const { return version_; }

 private:
  static std::string Print(const std::vector<Event>& events) {
    std::string out;
    for (const auto& e : events) out += "\n    " + DescribeToString(e);
    return out;
  }

  State state_;
  std::optional<State> last_state_;
  std::optional<Rejection> last_rejection_;
  int64_t version_ = 0;
  References refs_;
  Policies policies_;
  DecisionContext ctx_;
  std::optional<Command> command_;
};

}  // namespace edu::testing
