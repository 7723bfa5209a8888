// The Urban Home School read tables (schema "uhs"): every table of seed 004, fed by the uhs events.
#pragma once

#include <memory>

#include "projections/projection.h"

namespace edu {

std::unique_ptr<Projection> MakeUhsProjection();

}  // namespace edu
