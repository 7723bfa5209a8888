// eduledger demo: the whole system on the embedded default, driven through the HTTP API the way an
// API layer would, on a simulated clock (weeks pass in seconds). Ends with a summary that
// reconciles the read tables with what the API accepted, and the psql URI of the database.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>

#include <fmt/format.h>

#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "adapters/config/audit_key.h"
#include "adapters/config/pg_uri.h"
#include "adapters/demo/driver.h"
#include "adapters/demo/scenario.h"
#include "adapters/demo/scheduler_hook.h"
#include "adapters/wiring/system.h"
#include "marketplaces/policy_config.h"

namespace edu {
namespace {

const std::vector<OptionSpec> kOptions = {
    {"db", true, "PostgreSQL server URI; the demo (re)creates its database on it", ""},
    {"database", true, "name of the demo's own database (dropped and recreated)", "eduledger_demo"},
    {"keep", false, "leave the database for inspection (./run keeps the server running)", ""},
    {"students", true, "mentorship students", "40"},
    {"mentors", true, "mentorship mentors (two stay under review)", "12"},
    {"sessions", true, "mentorship session bookings", "300"},
    {"seed", true, "random seed: the same seed replays the same scenario", "7"},
    {"partitions", true, "event log partitions", "8"},
    {"log", true, "event log backend: postgres (embedded) or kafka", "postgres"},
    {"kafka-bootstrap-servers", true,
     "with --log kafka: the cluster; 'mock' runs librdkafka's in-memory mock cluster in this "
     "process",
     "mock"},
    {"policies", true,
     "JSON file of policy overrides (marketplaces/policy_config.h); default: the seed documents' "
     "rules",
     ""},
    {"help", false, "this help", ""},
};

std::string RandomSecret() {
  std::random_device rd;
  std::string s;
  for (int i = 0; i < 32; ++i) s += fmt::format("{:02x}", rd() & 0xff);
  return s;
}

}  // namespace

int RunDemo(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, kOptions, &error)) {
    std::fprintf(stderr, "eduledger demo: %s\n\noptions:\n%s", error.c_str(),
                 Args::Usage(kOptions).c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf("usage: eduledger demo --db <postgresql://...> [options]\n\n%s",
                Args::Usage(kOptions).c_str());
    return 0;
  }
  std::string server = args.Get("db");
  if (server.empty() && std::getenv("EDULEDGER_DB")) server = std::getenv("EDULEDGER_DB");
  if (server.empty()) {
    std::fprintf(stderr,
                 "eduledger demo: --db <postgresql://...> is required (./run demo passes it)\n");
    return 2;
  }
  auto number = [&](const char* name) {
    auto v = args.GetInt(name, &error);
    return v ? *v : -1;
  };
  DemoSettings settings;
  settings.students = static_cast<int>(number("students"));
  settings.mentors = static_cast<int>(number("mentors"));
  settings.sessions = static_cast<int>(number("sessions"));
  long long seed = number("seed");
  long long partitions = number("partitions");
  if (!error.empty() || settings.students < 1 || settings.mentors < 3 || settings.sessions < 0 ||
      partitions < 1 || partitions > 256) {
    std::fprintf(stderr, "eduledger demo: %s\n",
                 error.empty()
                     ? "--students >= 1, --mentors >= 3, --sessions >= 0, --partitions 1..256"
                     : error.c_str());
    return 2;
  }

  Policies policies;
  if (!args.Get("policies").empty()) {
    Status loaded = LoadPolicies(args.Get("policies"), &policies);
    if (!loaded.ok()) {
      std::fprintf(stderr, "eduledger demo: %s\n", loaded.message().c_str());
      return 2;
    }
  }
  settings.policies = policies;

  std::string db_uri;
  Status s = RecreateDatabase(server, args.Get("database"), &db_uri);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: %s\n", s.ToString().c_str());
    return 1;
  }
  // Monday 2026-11-02, 09:00 in India.
  ManualClock clock(*ParseIso8601("2026-11-02T03:30:00Z"));
  SystemOptions options;
  options.db_uri = db_uri;
  options.log.partitions = static_cast<int>(partitions);
  // Partition heads are signed like serve's, with the key from EDULEDGER_AUDIT_KEY(_FILE) or the
  // default key file, so `eduledger audit verify` checks the demo's log the same way.
  const char* audit_key = std::getenv("EDULEDGER_AUDIT_KEY");
  const char* audit_key_file = std::getenv("EDULEDGER_AUDIT_KEY_FILE");
  s = ResolveAuditKey(audit_key ? audit_key : "", audit_key_file ? audit_key_file : "",
                      /*create=*/true, &options.log.seal_key);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: the audit key: %s\n", s.ToString().c_str());
    return 1;
  }
  options.jwt_secret = RandomSecret();
  options.clock = &clock;
  // The demo's simulated weeks jump the clock; the scheduler issues what is due (releases, payout
  // runs, expiries, reminders) when the timeline asks (RunDue), never behind its back.
  options.scheduler_interval = std::chrono::milliseconds(0);
  options.policies = policies;
  options.log_backend = args.Get("log");
  options.kafka.bootstrap_servers = args.Get("kafka-bootstrap-servers");
  options.kafka.topic_prefix = "eduledger-demo-" + args.Get("database");
  if (options.log_backend == "kafka") {
    std::printf(
        "eduledger demo: starting the Kafka backend (%s): commands go through the commands topic "
        "to their partition owners\n",
        options.kafka.bootstrap_servers.c_str());
    std::fflush(stdout);
  }
  std::unique_ptr<System> system;
  s = System::Start(options, &system);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf(
      "eduledger demo: event log %s (%lld partitions), projectors and reactors running, HTTP API "
      "on %s\n",
      system->backend_description() == "postgres" ? "embedded PostgreSQL"
                                                  : system->backend_description().c_str(),
      partitions, system->http().address().c_str());

  HttpClient client("127.0.0.1", system->http().port());
  DemoDriver driver(&client, options.jwt_secret, &clock, static_cast<uint64_t>(seed));
  std::vector<std::unique_ptr<DemoScenario>> scenarios = AllDemoScenarios(settings);
  auto started = std::chrono::steady_clock::now();
  // Reactions move money between streams: the scenarios wait for them where it matters.
  std::function<void()> settle = [&] {
    Status quiet = system->WaitUntilQuiet(std::chrono::seconds(120));
    if (!quiet.ok())
      throw std::runtime_error("demo: the reactions did not settle: " + quiet.message());
  };
  driver.set_scheduler(RunDueHook(system.get(), settle));
  try {
    for (const auto& scenario : scenarios) {
      std::printf("%s...\n", scenario->Describe().c_str());
      std::fflush(stdout);
      scenario->Run(driver, settle);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  s = system->WaitForProjections(driver.high_water(), std::chrono::seconds(120));
  if (s.ok()) s = system->WaitUntilQuiet(std::chrono::seconds(120));
  double caught_up =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: projections did not catch up: %s\n",
                 s.ToString().c_str());
    return 1;
  }

  std::vector<int64_t> ends;
  (void)system->log().EndOffsets(&ends);
  int64_t events = 0;
  for (int64_t e : ends) events += e;
  std::printf(
      "\n%lld commands over HTTP in %.1f s (%.0f commands/s), %lld events in the log; "
      "projections caught up %.2f s after the last command\n",
      static_cast<long long>(driver.commands()), seconds, driver.commands() / seconds,
      static_cast<long long>(events), caught_up - seconds);
  std::printf("\naccepted commands by type\n");
  for (const auto& [type, n] : driver.accepted()) std::printf("  %-22s %6d\n", type.c_str(), n);
  std::map<std::string, int> fired_by_kind;
  for (const FiredDeadline& f : driver.fired()) {
    ++fired_by_kind[f.deadline.kind + " (" + f.outcome + ")"];
  }
  std::printf("\nthe scheduler fired %zu deadlines\n", driver.fired().size());
  for (const auto& [kind, n] : fired_by_kind) std::printf("  %-48s %6d\n", kind.c_str(), n);

  bool reconciled = true;
  for (const auto& scenario : scenarios) {
    reconciled = scenario->Report(DemoReportContext{db_uri, &system->log()}) && reconciled;
  }
  system->Stop();
  std::printf("\n%s\n",
              reconciled ? "Everything reconciles." : "SOMETHING DOES NOT RECONCILE (see above).");
  std::printf(
      "\nThe read tables are in: %s\n  psql '%s' -c 'select * from mentorship.payments limit 5'\n",
      db_uri.c_str(), db_uri.c_str());
  return reconciled ? 0 : 1;
}

}  // namespace edu
