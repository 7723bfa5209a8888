// The skillspring marketplace, declared once (marketplaces/marketplace_module.h).
#include "marketplaces/marketplace_module.h"
#include "marketplaces/policy_config.h"
#include "projections/skillspring/skillspring_projection.h"

namespace edu {

void RegisterSkillspring(Registry* r);                        // commands.cc
void RegisterSkillspringLearning(Registry* r);                // learning_commands.cc
std::unique_ptr<Reaction> MakeSkillspringCommerceReaction();  // commands.cc

const MarketplaceModule& SkillspringModule() {
  static const MarketplaceModule module{
      "skillspring",
      [](Registry* r) {
        RegisterSkillspring(r);
        RegisterSkillspringLearning(r);
      },
      [] {
        std::vector<std::unique_ptr<Reaction>> out;
        out.push_back(MakeSkillspringCommerceReaction());
        return out;
      },
      MakeSkillspringProjection,
      ParseSkillspringPolicy,  // policy_config.cc
      "skillspring",
  };
  return module;
}

}  // namespace edu
