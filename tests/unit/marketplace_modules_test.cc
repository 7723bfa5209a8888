// One registration per marketplace (marketplaces/marketplace_module.h): the one list of modules
// covers every marketplace, everything else derives from it, and the registry's completeness check
// finds a command a decider handles that nobody registered.
#include <set>

#include <doctest/doctest.h>

#include "adapters/demo/scenario.h"
#include "commands/all_reactions.h"
#include "domain/core/marketplace.h"
#include "domain/core/rejection_codes.h"
#include "marketplaces/marketplace_module.h"
#include "projections/all_projections.h"

namespace edu {
namespace {

struct Opened {
  static constexpr const char* kType = "LedgerOpened";
  static constexpr int kSchemaVersion = 1;
  Uuid ledger_id;
  EDU_FIELDS(ledger_id)
};
struct OpenLedger {
  static constexpr const char* kType = "OpenLedger";
  Uuid ledger_id;
  EDU_FIELDS(ledger_id)
  std::string stream_id() const { return StreamId("test.ledger", ledger_id); }
};
struct CloseLedger {  // handled by the decider, never registered below
  static constexpr const char* kType = "CloseLedger";
  Uuid ledger_id;
  EDU_FIELDS(ledger_id)
  std::string stream_id() const { return StreamId("test.ledger", ledger_id); }
};
struct LedgerDecider {
  static constexpr const char* kCategory = "test.ledger";
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  struct State {};
  using Command = std::variant<OpenLedger, CloseLedger>;
  using Event = std::variant<Opened>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& c, const State&, const DecisionContext&) {
    return std::visit(
        [](const auto& command) -> Decision<Event> { return Opened{command.ledger_id}; }, c);
  }
  static State evolve(State s, const Event&) { return s; }
};

}  // namespace

TEST_SUITE("marketplace modules") {
  TEST_CASE("every marketplace registers every command its deciders handle") {
    Registry registry;
    RegisterAllMarketplaces(&registry);
    Status complete = registry.CheckComplete();
    CHECK_MESSAGE(complete.ok(), complete.ToString());
    CHECK(registry.Commands().size() > 100);
  }

  TEST_CASE("a decider handling a command nobody registered fails the check, naming it") {
    // Given a decider of two commands of which only one is registered
    Registry registry;
    registry.AddCommand<LedgerDecider, OpenLedger>({"admin"}, "open a ledger");
    // Then the check fails and names the missing command and its decider
    Status complete = registry.CheckComplete();
    REQUIRE_FALSE(complete.ok());
    CHECK(complete.message().find("uhs.CloseLedger, handled by test.ledger") != std::string::npos);
    CHECK(complete.message().find("OpenLedger") == std::string::npos);
    // When it is registered too, then the check passes
    registry.AddCommand<LedgerDecider, CloseLedger>({"admin"}, "close a ledger");
    CHECK(registry.CheckComplete().ok());
    // (Registering a command its decider does not handle, AddCommand<LedgerDecider, Opened>, does
    // not compile: a static_assert in Registry::AddCommand says so.)
  }

  TEST_CASE("the one list of modules has one module per marketplace, each fully declared") {
    std::set<std::string> names;
    for (const MarketplaceModule* m : AllMarketplaces()) {
      CAPTURE(m->name);
      CHECK(names.insert(m->name).second);
      CHECK(ParseEnum<Marketplace>(m->name).has_value());
      CHECK(static_cast<bool>(m->register_commands));
      CHECK(static_cast<bool>(m->reactions));
      CHECK(static_cast<bool>(m->projection));
      CHECK(static_cast<bool>(m->parse_policy));
      CHECK(FindMarketplace(m->name) == m);
      // Its commands are its marketplace's, and there are some.
      Registry own;
      m->register_commands(&own);
      CHECK_FALSE(own.Commands(m->name).empty());
      CHECK(own.Commands().size() == own.Commands(m->name).size());
    }
    CHECK(names.size() == EnumNames(Marketplace{}).size());
    CHECK(FindMarketplace("nowhere") == nullptr);
  }

  TEST_CASE("reactions and projections are the modules' own, in module order") {
    size_t projections = 0, reactions = 0;
    std::vector<std::string> projection_names;
    for (const MarketplaceModule* m : AllMarketplaces()) {
      projection_names.push_back(m->projection()->name());
      ++projections;
      for (const auto& r : m->reactions()) {
        CHECK(r->name().rfind(m->name, 0) == 0);  // "mentorship.mentor_earnings", "uhs-money"
        ++reactions;
      }
    }
    auto all_projections = AllProjections();
    REQUIRE(all_projections.size() == projections);
    for (size_t i = 0; i < projections; ++i) {
      CHECK(all_projections[i]->name() == projection_names[i]);
    }
    CHECK(AllReactions().size() == reactions);
  }

  TEST_CASE("the demo's scenario registry and the modules name the same scenarios") {
    std::set<std::string> declared, registered;
    for (const MarketplaceModule* m : AllMarketplaces()) declared.insert(m->demo_scenario);
    for (const auto& s : AllDemoScenarios(DemoSettings{})) registered.insert(s->name());
    CHECK(declared == registered);
  }
}

}  // namespace edu
