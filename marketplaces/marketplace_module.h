// A marketplace is a module with ONE registration: its deciders and commands (with their roles and
// summaries), its reactions, its projection, the parser of its section of the policies file and
// the name of its demo scenario are declared once, in marketplaces/<marketplace>/module.cc. The
// one list of modules is AllMarketplaces() (marketplaces/all_marketplaces.cc); the registry
// (RegisterAllMarketplaces), the reactors (AllReactions), the projectors (AllProjections) and the
// policies file (ApplyPoliciesJson) all derive from it.
//
// Adding a marketplace: its domain/<m>/ deciders, projections/<m>/, marketplaces/<m>/ (commands.cc,
// policy_config.cc, module.cc), one line in all_marketplaces.cc, its demo scenario (adapters/demo)
// under the same name, and tests. Registry::CheckComplete() (run at start-up and by a unit test)
// fails when a decider handles a command the module does not register.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/policies.h"
#include "eventstore/status.h"
#include "projections/projection.h"

namespace edu {

struct MarketplaceModule {
  std::string name;  // "mentorship": the marketplace enum's wire name
  // Its deciders and commands, with the roles that may issue each and a summary.
  void (*register_commands)(Registry* registry) = nullptr;
  // Its reactions (process managers); possibly none.
  std::vector<std::unique_ptr<Reaction>> (*reactions)() = nullptr;
  // The projection of its read schema.
  std::unique_ptr<Projection> (*projection)() = nullptr;
  // Reads its section of the policies file into *out; errors name the key from the section's name
  // on. nullptr: its policy cannot be configured.
  Status (*parse_policy)(const rapidjson::Value& section, Policies* out) = nullptr;
  // The name of its scenario in the demo's registry (adapters/demo/scenario.h), which the server
  // does not link; a unit test checks that both lists agree.
  std::string demo_scenario;
};

// Every marketplace, in registration order.
const std::vector<const MarketplaceModule*>& AllMarketplaces();
// The module named `name`, or nullptr.
const MarketplaceModule* FindMarketplace(const std::string& name);

}  // namespace edu
