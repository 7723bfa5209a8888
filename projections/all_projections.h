// Every projection eduledger maintains, one per marketplace schema: each module's, in the order
// of AllMarketplaces() (defined in marketplaces/all_marketplaces.cc).
#pragma once

#include <memory>
#include <vector>

#include "projections/projection.h"

namespace edu {

std::vector<std::unique_ptr<Projection>> AllProjections();

}  // namespace edu
