// Drives the command API as the demo's "API layer": signs a token per actor, sends each command
// over HTTP with an Idempotency-Key, and keeps the tallies the summary reconciles against.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "adapters/http/http_client.h"
#include "commands/command.h"
#include "commands/scheduler.h"
#include "eventstore/clock.h"
#include "eventstore/json_binding.h"

namespace edu {

struct DemoOutcome {
  int http_status = 0;
  std::string code;     // error code, "" when accepted
  std::string message;  // error message
  CommandResult result;
  bool ok() const { return http_status == 200; }
};

class DemoDriver {
 public:
  DemoDriver(HttpClient* client, std::string jwt_secret, ManualClock* clock, uint64_t seed);

  // Sends `type` with `body` as `actor`. Transport failures are fatal for the demo (throws).
  DemoOutcome Send(const std::string& type, const std::string& body, const Actor& actor);
  // Same with a caller-chosen Idempotency-Key (to show a retried request).
  DemoOutcome SendWithKey(const std::string& type, const std::string& body, const Actor& actor,
                          const Uuid& key);
  // Raw POST for the error showcase (malformed bodies, missing tokens, ...).
  DemoOutcome SendRaw(const std::string& type, const std::string& body,
                      const std::map<std::string, std::string>& headers);

  // Deterministic ids: the same seed replays the same scenario.
  Uuid NewId();
  std::mt19937_64& rng() { return rng_; }
  ManualClock& clock() { return *clock_; }
  std::string TokenFor(const Actor& actor);

  // eduledger's own scheduler: the demo settles the reactions and lets it issue what is due at the
  // simulated now, as serve's scheduler would (releases, payout runs, expiries, reminders).
  // Returns the deadlines fired by this call; throws if the scheduler could not run.
  using SchedulerHook = std::function<std::vector<FiredDeadline>()>;
  void set_scheduler(SchedulerHook hook) { scheduler_ = std::move(hook); }
  std::vector<FiredDeadline> RunScheduler();
  // Every deadline fired so far, in order.
  const std::vector<FiredDeadline>& fired() const { return fired_; }
  // The fired deadline of `kind` whose command went to `stream_id` (the last one), or null.
  const FiredDeadline* FiredFor(const std::string& kind, const std::string& stream_id) const;

  const std::map<std::string, int>& accepted() const { return accepted_; }
  const std::map<std::string, int>& rejected() const { return rejected_; }
  int64_t commands() const { return commands_; }
  // Highest offset seen per partition: the demo waits for projections to reach these.
  const std::map<int, int64_t>& high_water() const { return high_water_; }

 private:
  DemoOutcome Decode(const HttpResponse& response, const std::string& type);

  HttpClient* client_;
  std::string secret_;
  ManualClock* clock_;
  std::mt19937_64 rng_;
  uint64_t id_counter_ = 0;
  Uuid id_namespace_;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, int> accepted_;
  std::map<std::string, int> rejected_;
  std::map<int, int64_t> high_water_;
  int64_t commands_ = 0;
  SchedulerHook scheduler_;
  std::vector<FiredDeadline> fired_;
};

// The JSON body of a command as the API layer would send it: the command's fields plus its
// marketplace (and optionally the version the client expects the stream to be at).
template <class Command>
std::string CommandBody(const std::string& marketplace, const Command& command,
                        std::optional<int64_t> expected_version = std::nullopt) {
  std::string fields = json::Encode(command);
  std::string head = "{\"marketplace\":\"" + marketplace + "\"";
  if (expected_version) head += ",\"expected_version\":" + std::to_string(*expected_version);
  return fields.size() > 2 ? head + "," + fields.substr(1) : head + "}";
}

// "Aarav Sharma": deterministic, plausible names for demo people.
std::string DemoName(std::mt19937_64& rng);

}  // namespace edu
