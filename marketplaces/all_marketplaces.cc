// The one list of marketplaces. Everything that used to keep its own list derives from it.
#include "commands/all_reactions.h"
#include "marketplaces/marketplace_module.h"
#include "projections/all_projections.h"

namespace edu {

const MarketplaceModule& MentorshipModule();   // marketplaces/mentorship/module.cc
const MarketplaceModule& PeerloopModule();     // marketplaces/peerloop/module.cc
const MarketplaceModule& UhsModule();          // marketplaces/uhs/module.cc
const MarketplaceModule& SkillspringModule();  // marketplaces/skillspring/module.cc
void RegisterPrivacy(Registry* r);  // marketplaces/privacy.cc: ForgetPerson where people exist

const std::vector<const MarketplaceModule*>& AllMarketplaces() {
  static const std::vector<const MarketplaceModule*> all = {&MentorshipModule(), &PeerloopModule(),
                                                            &UhsModule(), &SkillspringModule()};
  return all;
}

const MarketplaceModule* FindMarketplace(const std::string& name) {
  for (const MarketplaceModule* m : AllMarketplaces()) {
    if (m->name == name) return m;
  }
  return nullptr;
}

void RegisterAllMarketplaces(Registry* registry) {
  for (const MarketplaceModule* m : AllMarketplaces()) m->register_commands(registry);
  RegisterPrivacy(registry);  // keep last: it adds ForgetPerson to marketplaces that have people
}

std::vector<std::unique_ptr<Reaction>> AllReactions() {
  std::vector<std::unique_ptr<Reaction>> out;
  for (const MarketplaceModule* m : AllMarketplaces()) {
    if (m->reactions == nullptr) continue;
    for (auto& r : m->reactions()) out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::unique_ptr<Projection>> AllProjections() {
  std::vector<std::unique_ptr<Projection>> out;
  for (const MarketplaceModule* m : AllMarketplaces()) {
    if (m->projection != nullptr) out.push_back(m->projection());
  }
  return out;
}

}  // namespace edu
