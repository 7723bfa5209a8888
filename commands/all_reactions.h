// Every reaction (process manager) eduledger runs, across marketplaces.
#pragma once

#include <memory>
#include <vector>

#include "commands/reaction.h"

namespace edu {

std::vector<std::unique_ptr<Reaction>> AllReactions();

}  // namespace edu
