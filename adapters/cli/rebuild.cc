// eduledger rebuild <projection>|--all: builds a projection's read tables from offset zero into a
// fresh schema while the live tables keep serving, then swaps them in (Projector::Rebuild), and
// reports events/s. Needed when a projection's code version changed (eduledger status says so;
// serve also does it at start) and after erasures (docs/gdpr.md); harmless any time.
#include <chrono>
#include <cstdio>

#include "adapters/cli/log_tools.h"
#include "adapters/cli/subcommands.h"
#include "adapters/wiring/erasure_rebuilder.h"
#include "projections/all_projections.h"
#include "projections/projector.h"

namespace edu {
namespace {

constexpr const char* kHelp =
    "usage: eduledger rebuild <projection>|--all --db <postgresql uri> [--log kafka ...]\n\n"
    "Rebuilds a projection's read tables from offset zero into a fresh schema while the live\n"
    "tables keep serving queries (a running serve keeps applying to them), then swaps the new\n"
    "tables in within one transaction; a running serve's projector continues from the swapped\n"
    "tables. Prints events/s. Use it when `eduledger status` says a projection needs a rebuild\n"
    "(its code version changed), after forgetting people, or to check that the tables are\n"
    "exactly what the history says.";

}  // namespace

int RunRebuild(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"all", false, "rebuild every projection", ""},
  };
  Args args;
  Config config;
  if (auto code = ParseToolArgs("rebuild", kHelp, specs, argc, argv, 2, 1, &args, &config))
    return *code;
  auto fail = [](const std::string& message, int code) {
    std::fprintf(stderr, "eduledger rebuild: %s\n", message.c_str());
    return code;
  };
  std::vector<std::unique_ptr<Projection>> all = AllProjections();
  std::string known;
  for (const auto& p : all) known += (known.empty() ? "" : ", ") + p->name();
  std::vector<const Projection*> chosen;
  if (args.Has("all") == !args.positional().empty()) {
    return fail("name one projection (" + known + ") or pass --all", 2);
  }
  for (const auto& p : all) {
    if (args.Has("all") || p->name() == args.positional().front()) chosen.push_back(p.get());
  }
  if (chosen.empty()) {
    return fail("no projection named '" + args.positional().front() + "' (known: " + known + ")",
                2);
  }
  if (config.db.empty())
    return fail("no database for the read tables: pass --db <postgresql uri>", 2);

  std::unique_ptr<ToolLog> tool;
  Status s = ToolLog::Open(config, &tool);
  if (!s.ok()) return fail(s.ToString(), 1);
  EventLog* log = nullptr;
  s = tool->application(&log);
  if (!s.ok()) return fail(s.message(), 2);
  std::unique_ptr<PgPersonKeyStore> keys;
  s = PgPersonKeyStore::Open(config.db, &keys);
  if (!s.ok()) return fail(s.ToString(), 1);

  ProjectorOptions options;
  options.batch_size = static_cast<size_t>(config.projector_batch_size);
  int failures = 0;
  for (const Projection* projection : chosen) {
    const std::string name = projection->name();
    Projector projector(log, config.db, projection, options);
    Status init = projector.Initialize();
    if (!init.ok() && !projector.needs_rebuild()) {
      std::fprintf(stderr, "eduledger rebuild: %s: %s\n", name.c_str(), init.ToString().c_str());
      ++failures;
      continue;
    }
    if (projector.needs_rebuild()) {
      std::printf("projection %s (code v%d) needs a rebuild: %s\n", name.c_str(),
                  projection->version(), init.message().c_str());
    } else {
      std::printf("projection %s (code v%d) is current; rebuilding on demand\n", name.c_str(),
                  projection->version());
    }
    std::fflush(stdout);
    int64_t erasures = 0;
    s = keys->ErasureCount(&erasures);
    uint64_t read_before = projector.stats().events_read;
    auto started = std::chrono::steady_clock::now();
    if (s.ok()) s = projector.Rebuild();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (s.ok()) s = RecordErasureRebuild(config.db, name, erasures);
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger rebuild: %s: %s (the live tables are untouched)\n",
                   name.c_str(), s.ToString().c_str());
      ++failures;
      continue;
    }
    auto events = static_cast<int64_t>(projector.stats().events_read - read_before);
    std::printf(
        "projection %s v%d rebuilt from offset zero into a fresh schema and swapped in: "
        "%s events in %.2f s (%s events/s); the live tables served throughout\n",
        name.c_str(), projection->version(), WithThousands(events).c_str(), seconds,
        WithThousands(seconds > 0 ? static_cast<int64_t>(events / seconds) : events).c_str());
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace edu
