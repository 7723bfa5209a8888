#include "commands/registry.h"

namespace edu {

void RegisterMentorship(Registry* r);
void RegisterPeerloop(Registry* r);
void RegisterUhs(Registry* r);
void RegisterSkillspring(Registry* r);
void RegisterPrivacy(Registry* r);  // privacy.cc: ForgetPerson where people exist

void RegisterAllMarketplaces(Registry* registry) {
  RegisterMentorship(registry);
  RegisterPeerloop(registry);
  RegisterUhs(registry);
  RegisterSkillspring(registry);
  RegisterPrivacy(registry);  // keep last: it adds ForgetPerson to marketplaces that have people
}

}  // namespace edu
