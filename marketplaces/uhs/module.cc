// The uhs marketplace, declared once (marketplaces/marketplace_module.h).
#include "marketplaces/marketplace_module.h"
#include "marketplaces/policy_config.h"
#include "projections/uhs/uhs_projection.h"

namespace edu {

void RegisterUhs(Registry* r);                             // commands.cc
void RegisterUhsCatalog(Registry* r);                      // catalog_commands.cc
std::unique_ptr<Reaction> MakeUhsMoneyReaction();          // commands.cc
std::unique_ptr<Reaction> MakeUhsNotificationsReaction();  // forum_commands.cc
void RegisterUhsAssessments(Registry* r);                  // assessment_commands.cc
std::unique_ptr<Reaction> MakeUhsGradebookReaction();      // assessment_commands.cc

const MarketplaceModule& UhsModule() {
  static const MarketplaceModule module{
      "uhs",
      [](Registry* r) {
        RegisterUhs(r);
        RegisterUhsCatalog(r);      // catalog_commands.cc
        RegisterUhsAssessments(r);  // assessment_commands.cc
      },
      [] {
        std::vector<std::unique_ptr<Reaction>> out;
        out.push_back(MakeUhsMoneyReaction());
        out.push_back(MakeUhsNotificationsReaction());
        out.push_back(MakeUhsGradebookReaction());
        return out;
      },
      MakeUhsProjection,
      ParseUhsPolicy,  // policy_config.cc
      "uhs",
  };
  return module;
}

}  // namespace edu
