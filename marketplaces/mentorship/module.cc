// The mentorship marketplace, declared once (marketplaces/marketplace_module.h).
#include "marketplaces/marketplace_module.h"
#include "marketplaces/policy_config.h"
#include "projections/mentorship/mentorship_projection.h"

namespace edu {

void RegisterMentorship(Registry* r);                          // commands.cc
std::vector<std::unique_ptr<Reaction>> MentorshipReactions();  // commands.cc

const MarketplaceModule& MentorshipModule() {
  static const MarketplaceModule module{
      "mentorship",          RegisterMentorship, MentorshipReactions, MakeMentorshipProjection,
      ParseMentorshipPolicy,  // policy_config.cc
      "mentorship",
  };
  return module;
}

}  // namespace edu
