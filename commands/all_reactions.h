// Every reaction (process manager) eduledger runs, across marketplaces: each module's, in the
// order of AllMarketplaces() (defined in marketplaces/all_marketplaces.cc).
#pragma once

#include <memory>
#include <vector>

#include "commands/reaction.h"

namespace edu {

std::vector<std::unique_ptr<Reaction>> AllReactions();

}  // namespace edu
