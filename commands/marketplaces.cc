#include "commands/registry.h"

namespace edu {

void RegisterMentorship(Registry* r);

void RegisterAllMarketplaces(Registry* registry) { RegisterMentorship(registry); }

}  // namespace edu
