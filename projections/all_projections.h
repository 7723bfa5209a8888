// Every projection eduledger maintains, one per marketplace schema.
#pragma once

#include <memory>
#include <vector>

#include "projections/projection.h"

namespace edu {

std::vector<std::unique_ptr<Projection>> AllProjections();

}  // namespace edu
