// The event catalog: docs/events.md is what the code generates, and what it says is true.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "adapters/cli/event_catalog.h"
#include "projections/all_projections.h"

namespace edu {
namespace {

std::string SourceRoot() {
  std::string file = __FILE__;
  return file.substr(0, file.rfind("/tests/unit/"));
}

const CatalogEntry* Find(const std::vector<CatalogEntry>& catalog, const std::string& market,
                         const std::string& type) {
  for (const auto& e : catalog) {
    if (e.event->marketplace == market && e.event->type == type) return &e;
  }
  return nullptr;
}

TEST_CASE("docs/events.md is exactly what the code generates (run: eduledger docs)") {
  Registry registry;
  RegisterAllMarketplaces(&registry);
  std::ifstream in(SourceRoot() + "/docs/events.md", std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "docs/events.md is missing: run eduledger docs --out docs");
  std::stringstream text;
  text << in.rdbuf();
  CHECK_MESSAGE(text.str() == RenderEventCatalog(registry, AllProjections()),
                "docs/events.md is stale: run `eduledger docs --out docs` and commit it");
}

TEST_CASE("event catalog: every event, its fields and flags, and the tables it really feeds") {
  Registry registry;
  RegisterAllMarketplaces(&registry);
  auto projections = AllProjections();
  std::vector<CatalogEntry> catalog = BuildEventCatalog(registry, projections);
  CHECK(catalog.size() == registry.EventTypes().size());
  for (const CatalogEntry& e : catalog) {
    CAPTURE(e.event->marketplace + "." + e.event->type);
    CHECK(e.failures.empty());  // every projection accepts a sample of every event it handles
  }
  const CatalogEntry* registered = Find(catalog, "mentorship", "UserRegistered");
  REQUIRE(registered != nullptr);
  CHECK(registered->event->category == "mentorship.user");
  CHECK(std::count(registered->tables.begin(), registered->tables.end(), "mentorship.users") == 1);
  CHECK(std::count(registered->tables.begin(), registered->tables.end(), "mentorship.audit_logs") ==
        1);
  bool email_personal = false;
  for (const FieldInfo& f : registered->event->fields)
    email_personal |= f.name == "email" && f.personal && f.required;
  CHECK(email_personal);
  const CatalogEntry* forgotten = Find(catalog, "mentorship", "PersonForgotten");
  REQUIRE(forgotten != nullptr);
  CHECK(forgotten->tables == std::vector<std::string>{"mentorship.audit_logs"});
  std::string md = RenderEventCatalog(registry, projections);
  CHECK(md.find("#### SessionBooked") != std::string::npos);
  CHECK(md.find("| `email` | string | yes | **personal** |") != std::string::npos);
}

}  // namespace
}  // namespace edu
