// The server's one clock when tests move it (serve --clock manual; DESIGN.md "Time is an input
// with one source"): POST /v1/clock advances or sets it, forward only, and the scheduler then
// issues whatever became due before the answer, like Stripe's test clocks. Never the default:
// serve refuses anything but an explicit `--clock manual`.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/rejection_codes.h"
#include "domain/core/time.h"
#include "eventstore/clock.h"
#include "eventstore/status.h"

namespace edu {

// An ISO 8601 duration of days, hours, minutes and seconds: "PT24H", "P2D", "P1DT2H30M",
// "PT0.5S", "P1W". Years and months (variable lengths) are refused. nullopt if malformed.
std::optional<Micros> ParseIsoDuration(std::string_view text);

// Moves a ManualClock forward only and runs `after_move` (the scheduler's due commands) after each
// move, under one lock so concurrent moves are serialised. Thread-safe.
class TestClock {
 public:
  // `clock` is borrowed; `after_move` may be empty, and may be set later (SetAfterMove).
  explicit TestClock(ManualClock* clock, std::function<Status()> after_move = {});

  Timestamp Now() const { return clock_->Now(); }
  void SetAfterMove(std::function<Status()> after_move);

  // A move that was refused: which catalog code (clock_backwards, invalid_clock_request) and why.
  // Set only when the clock did not move; a move whose scheduler run failed is not refused.
  struct Refusal {
    const RejectionCode* code = nullptr;
    std::string message;
  };

  // Moves to `to`; InvalidArgument with *refused = clock_backwards if `to` is before now. Then
  // runs the scheduler; its error is returned (the clock has moved anyway; *refused untouched).
  Status MoveTo(Timestamp to, Refusal* refused = nullptr);
  Status Advance(Micros by, Refusal* refused = nullptr);

  // POST /v1/clock's body: {"advance":"PT24H"} or {"set":"2026-03-02T08:00:00Z"} (exactly one).
  // InvalidArgument with *refused (invalid_clock_request or clock_backwards) naming the problem
  // otherwise.
  Status Apply(const std::string& body, Refusal* refused = nullptr);

 private:
  ManualClock* clock_;
  std::mutex mu_;
  std::function<Status()> after_move_;
};

}  // namespace edu
