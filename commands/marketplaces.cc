#include "commands/registry.h"

namespace edu {

void RegisterMentorship(Registry* r);
void RegisterPeerloop(Registry* r);

void RegisterAllMarketplaces(Registry* registry) {
  RegisterMentorship(registry);
  RegisterPeerloop(registry);
}

}  // namespace edu
