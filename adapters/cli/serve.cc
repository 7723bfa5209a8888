// eduledger serve: the HTTP command API over the event log (embedded PostgreSQL, or Kafka with its
// command processors), with every projection kept up to date in the same process. Stops cleanly
// on SIGINT/SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "adapters/config/config.h"
#include "adapters/wiring/system.h"

namespace edu {
namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "eduledger serve: %s\n", message.c_str());
  return 1;
}

}  // namespace

int RunServe(int argc, char** argv) {
  std::vector<OptionSpec> specs = ConfigOptionSpecs();
  specs.push_back({"help", false, "show this help", ""});
  specs.push_back({"clock", true,
                   "system (the default), or manual: a clock only POST /v1/clock moves (admin "
                   "token, forward only; for tests, never in production), starting at the system "
                   "time or --clock-start",
                   "system"});
  specs.push_back({"clock-start", true, "with --clock manual: its start time (ISO 8601)", ""});
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger serve: %s (see eduledger serve --help)\n", error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger serve --db <postgresql uri> --jwt-secret <secret> [options]\n\n"
        "Runs the HTTP JSON command API (POST /v1/commands/{Type}, GET /v1/commands,\n"
        "GET /v1/projections, GET /v1/projections/{name}/wait, GET /healthz) over the event log\n"
        "(embedded PostgreSQL by default, or Kafka with --log-backend kafka; the read tables are\n"
        "always in the --db database) and keeps every projection's read tables up to date.\n"
        "--kafka-bootstrap-servers mock runs librdkafka's mock cluster in this process\n"
        "(in-memory, not durable: development only).\n"
        "Settings come from defaults < --config file < EDULEDGER_* environment < flags.\n"
        "Stops cleanly on SIGINT or SIGTERM.\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  Config config;
  Status loaded = LoadConfig(args, ProcessEnvironment(), &config);
  if (!loaded.ok()) {
    std::fprintf(stderr, "eduledger serve: %s\n", loaded.message().c_str());
    return 2;
  }
  if (config.db.empty()) {
    return Fail(
        "no database: pass --db <postgresql uri>, set EDULEDGER_DB or 'db' in the config "
        "file (./run pg uri prints the development one)");
  }
  if (config.jwt_secret.empty()) {
    return Fail(
        "no JWT secret: pass --jwt-secret, set EDULEDGER_JWT_SECRET or 'jwt.secret' in the "
        "config file (at least 32 bytes)");
  }
  // One clock for the deciders (via the API and the Kafka processors) and the scheduler.
  const std::string clock_mode = args.Get("clock");
  if (clock_mode != "system" && clock_mode != "manual") {
    std::fprintf(stderr, "eduledger serve: --clock must be system or manual, got '%s'\n",
                 clock_mode.c_str());
    return 2;
  }
  std::optional<Timestamp> manual_clock_start;
  if (clock_mode == "manual") {
    Timestamp start = SystemClock::Instance()->Now();
    if (!args.Get("clock-start").empty()) {
      auto parsed = ParseIso8601(args.Get("clock-start"));
      if (!parsed) {
        std::fprintf(stderr, "eduledger serve: --clock-start is not an ISO 8601 time: '%s'\n",
                     args.Get("clock-start").c_str());
        return 2;
      }
      start = *parsed;
    }
    manual_clock_start = start;
    std::printf("eduledger serve: MANUAL CLOCK at %s: time moves only by POST /v1/clock\n",
                FormatIso8601(start).c_str());
  } else if (!args.Get("clock-start").empty()) {
    std::fprintf(stderr, "eduledger serve: --clock-start needs --clock manual\n");
    return 2;
  }
  SystemOptions options;
  Status configured = SystemOptionsFromConfig(config, &options);
  if (!configured.ok()) {
    return Fail(configured.code() == Status::Code::kInvalidArgument ? configured.message()
                                                                    : configured.ToString());
  }
  Status checked = System::CheckOptions(options);
  if (!checked.ok()) {
    std::fprintf(stderr, "eduledger serve: %s\n", checked.message().c_str());
    return 2;
  }
  options.manual_clock_start = manual_clock_start;
  options.report = [](const std::string& line) {
    std::printf("eduledger serve: %s\n", line.c_str());
    std::fflush(stdout);
  };

  // Every thread started from here on inherits the mask, so the signals reach sigwait below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<System> system;
  Status started = System::Start(std::move(options), &system);
  if (!started.ok()) return Fail(started.ToString());
  std::string names;
  for (const auto& p : system->projectors())
    names += (names.empty() ? "" : ", ") + p->projection().name();
  std::string reaction_names;
  for (const auto& r : system->reactors())
    reaction_names += (reaction_names.empty() ? "" : ", ") + r->reaction().name();
  std::printf(
      "eduledger serve: listening on %s (log: %s, %d partitions; projections: %s; reactions: "
      "%s)\n",
      system->http().address().c_str(), system->backend_description().c_str(),
      system->log().partition_count(), names.c_str(), reaction_names.c_str());
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  std::printf("eduledger serve: %s received, stopping\n",
              received == SIGINT ? "SIGINT" : "SIGTERM");
  std::fflush(stdout);
  // In dependency order: no new commands, then the projectors and reactors, then the log.
  system->Stop();
  std::printf("eduledger serve: stopped\n");
  return 0;
}

}  // namespace edu
