#include "adapters/cli/cli.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "adapters/cli/subcommands.h"

namespace edu {
namespace {

struct Subcommand {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

const Subcommand kSubcommands[] = {
    {"serve", RunServe, "run the HTTP command API and the projectors (embedded PostgreSQL log)"},
    {"demo", RunDemo, "drive a realistic scenario through the API and print a reconciled summary"},
    {"bench", RunBench, "measure commands/s, p50/p99 latency and projector events/s"},
    {"status", RunStatus, "show log end offsets, projection checkpoints and lag"},
    {"replay", RunReplay, "write events as JSON lines for analytics, resumable from a position"},
    {"rebuild", RunRebuild,
     "rebuild a projection's read tables from offset zero, then swap them in"},
    {"projection", RunProjectionTool,
     "skip the event a projection stopped at, as a recorded decision; list the decisions"},
    {"reaction", RunReactionTool,
     "skip the event a reaction stopped at, as a recorded decision; list the decisions"},
    {"audit", RunAudit, "a stream's full history, or verify every partition's hash chain"},
    {"schedule", RunSchedule, "list the scheduler's deadlines: what is due and what fired"},
    {"token", RunToken, "mint a development bearer token for the HTTP API"},
    {"certificate", RunCertificate, "verify a Urban Home School certificate by its serial number"},
    {"docs", RunDocs, "generate docs/machines.md from the lifecycle machines' transition tables"},
    {"dev-broker", RunDevBroker,
     "run an in-memory Kafka (librdkafka mock cluster) for development"},
};

void PrintHelp() {
  std::printf(
      "eduledger: event-sourced backend with CQRS read models for learning marketplaces\n\n"
      "usage: eduledger <subcommand> [options]    (eduledger <subcommand> --help for its "
      "options)\n\n"
      "subcommands:\n");
  for (const auto& s : kSubcommands) std::printf("  %-10s %s\n", s.name, s.summary);
}

}  // namespace

int RunCli(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintHelp();
    return argc < 2 ? 2 : 0;
  }
  for (const auto& s : kSubcommands) {
    if (std::strcmp(argv[1], s.name) == 0) return s.run(argc, argv);
  }
  std::fprintf(stderr, "eduledger: unknown subcommand '%s' (see eduledger --help)\n", argv[1]);
  return 2;
}

}  // namespace edu
