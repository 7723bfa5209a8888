// eduledger schedule: eduledger's own deadlines (commands/scheduler.h) as the log records them:
// each with its kind, stream, due time and command, and whether it fired (its deterministic
// command id is recorded in the log), is due now, waits, or was dropped (a dispute holds the
// escrow, the money was released otherwise). Read-only.
#include <cstdio>
#include <string>
#include <vector>

#include "adapters/cli/log_tools.h"
#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "adapters/config/config.h"
#include "commands/scheduler.h"
#include "eventstore/clock.h"
#include "marketplaces/policy_config.h"

namespace edu {

int RunSchedule(int argc, char** argv) {
  static const char kHelp[] =
      "usage: eduledger schedule [--at <ISO time>] [--policies <file>] [config options]\n\n"
      "Lists the deadlines the events recorded (escrow releases after the dispute window, weekly\n"
      "mentor payouts, UHS enrollment expiries, session reminders, cart abandonment, no-show\n"
      "detection, verification expiry and quarterly re-verification, help-summon expiry) and\n"
      "what became of each: fired (its command id\n"
      "is in the log), due (at --at, default now: the scheduler of a running serve issues it),\n"
      "waiting, or dropped (a dispute holds the escrow, or it was released otherwise).";
  std::vector<OptionSpec> specs = {
      {"at", true, "the time to compare due times with (default: now)", ""},
  };
  Args args;
  Config config;
  if (auto code = ParseToolArgs("schedule", kHelp, specs, argc, argv, 2, 0, &args, &config))
    return *code;
  auto fail = [](const std::string& message, int code) {
    std::fprintf(stderr, "eduledger schedule: %s\n", message.c_str());
    return code;
  };
  Timestamp now = SystemClock::Instance()->Now();
  if (!args.Get("at").empty()) {
    auto at = ParseIso8601(args.Get("at"));
    if (!at) return fail("--at is not an ISO 8601 time: '" + args.Get("at") + "'", 2);
    now = *at;
  }
  Policies policies;
  if (!config.policies_file.empty()) {
    Status s = LoadPolicies(config.policies_file, &policies);
    if (!s.ok()) return fail(s.message(), 2);
  }
  std::unique_ptr<ToolLog> tool;
  Status s = ToolLog::Open(config, &tool);
  if (!s.ok()) return fail(s.ToString(), 1);
  EventLog* log = nullptr;
  s = tool->application(&log);
  if (!s.ok()) return fail(s.message(), 2);
  DeadlineBook book(&policies);
  for (int p = 0; p < log->partition_count(); ++p) {
    int64_t from = 0;
    for (;;) {
      std::vector<RecordedEvent> page;
      s = log->ReadPartition(p, from, 1000, &page);
      if (!s.ok()) return fail(s.ToString(), 1);
      for (const RecordedEvent& e : page) {
        s = book.Apply(e);
        if (!s.ok()) return fail(s.ToString(), 1);
        from = e.offset + 1;
      }
      if (page.size() < 1000) break;
    }
  }
  int fired = 0, due = 0, waiting = 0, dropped = 0;
  std::printf("%-32s %-22s %-26s %-9s %s\n", "kind", "due", "command", "state", "stream");
  for (const Deadline& d : book.All()) {
    std::optional<CommandRecord> record;
    s = log->LookupCommand(d.command_id, &record);
    if (!s.ok()) return fail(s.ToString(), 1);
    const char* state = "waiting";
    if (record) {
      state = "fired";
      ++fired;
    } else if (!book.IsPending(d.command_id)) {
      state = "dropped";
      ++dropped;
    } else if (d.due <= now) {
      state = "due";
      ++due;
    } else {
      ++waiting;
    }
    std::printf("%-32s %-22s %-26s %-9s %s\n", d.kind.c_str(), FormatIso8601(d.due).c_str(),
                d.command_type.c_str(), state, d.stream_id.c_str());
  }
  std::printf("%d fired, %d due at %s, %d waiting, %d dropped\n", fired, due,
              FormatIso8601(now).c_str(), waiting, dropped);
  return 0;
}

}  // namespace edu
