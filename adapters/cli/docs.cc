// eduledger docs: writes docs/machines.md from the lifecycle machines' transition tables (the
// Boost.MSM rows themselves), so the published diagrams are always the code's. --check compares
// instead of writing (exit 1 when the file is stale), for CI.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "adapters/cli/event_catalog.h"
#include "adapters/cli/rejection_catalog.h"
#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "domain/machines.h"

namespace edu {

int RunDocs(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"out", true, "directory to write machines.md into", "docs"},
      {"check", false, "only compare: exit 1 when the file differs from the code", ""},
      {"help", false, "show this help", ""},
  };
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger docs: %s (see eduledger docs --help)\n", error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger docs [--out docs] [--check]\n\n"
        "Generates <out>/machines.md: a Mermaid state diagram and a transition table for\n"
        "every lifecycle machine, read from the Boost.MSM transition tables, and\n"
        "<out>/events.md: the event catalog (every event type, its fields, personal data\n"
        "and the read tables it feeds), and <out>/rejections.md: every rejection code, its HTTP\n"
        "status, when it happens and what a client should do.\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  // docs/events.md: the event catalog (adapters/cli/event_catalog.h).
  if (int code = WriteEventCatalogDoc(args.Get("out"), args.Has("check")); code != 0) return code;
  // docs/rejections.md: every rejection code (adapters/cli/rejection_catalog.h).
  if (int code = WriteRejectionCatalogDoc(args.Get("out"), args.Has("check")); code != 0) {
    return code;
  }
  const std::string path = args.Get("out") + "/machines.md";
  const std::string generated = RenderMachinesMarkdown(AllMachines());
  if (args.Has("check")) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream current;
    current << in.rdbuf();
    if (!in || current.str() != generated) {
      std::fprintf(stderr, "eduledger docs: %s is stale; run eduledger docs --out %s\n",
                   path.c_str(), args.Get("out").c_str());
      return 1;
    }
    std::printf("eduledger docs: %s is up to date\n", path.c_str());
    return 0;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << generated;
  out.close();
  if (!out) {
    std::fprintf(stderr, "eduledger docs: cannot write %s (does the directory exist?)\n",
                 path.c_str());
    return 1;
  }
  std::printf("eduledger docs: wrote %s (%zu machines)\n", path.c_str(), AllMachines().size());
  return 0;
}

}  // namespace edu
