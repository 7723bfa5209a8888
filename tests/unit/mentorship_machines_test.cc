// The lifecycle machines: their published diagrams match the code, and each machine refuses what
// its rows do not allow.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "domain/machines.h"
#include "domain/mentorship/booking_machine.h"

namespace edu {
namespace {

// tests/unit/<this file> -> the source tree's root (CMake compiles with absolute paths).
std::string SourceRoot() {
  std::string file = __FILE__;
  return file.substr(0, file.rfind("/tests/unit/"));
}

}  // namespace

TEST_SUITE("machines docs") {
  TEST_CASE("docs/machines.md is exactly what the machines generate (run: eduledger docs)") {
    std::ifstream in(SourceRoot() + "/docs/machines.md", std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "docs/machines.md is missing: run eduledger docs --out docs");
    std::stringstream text;
    text << in.rdbuf();
    std::string generated = RenderMachinesMarkdown(AllMachines());
    CHECK_MESSAGE(text.str() == generated,
                  "docs/machines.md is stale: run `eduledger docs --out docs` and commit it");
  }

  TEST_CASE("every machine has a unique name, an initial state and transitions") {
    std::vector<std::string> names;
    for (const auto& m : AllMachines()) {
      CAPTURE(m.name);
      CHECK_FALSE(m.initial.empty());
      CHECK_FALSE(m.transitions.empty());
      CHECK(std::find(names.begin(), names.end(), m.name) == names.end());
      names.push_back(m.name);
    }
  }

  TEST_CASE("the markdown holds a Mermaid diagram and a table row per transition") {
    MachineDescription m{"door", "closed", {{"closed", "open", "opened"}, {"opened", "close", "closed"}}};
    std::string md = RenderMachinesMarkdown({m});
    CHECK(md.find("## door\n\n```mermaid\nstateDiagram-v2\n    [*] --> closed\n") != std::string::npos);
    CHECK(md.find("    closed --> opened : open\n") != std::string::npos);
    CHECK(md.find("| opened | close | closed |\n") != std::string::npos);
  }
}

}  // namespace edu
