// The Skillspring read tables (schema "skillspring"): every table of seed 003, fed by the
// skillspring events.
#pragma once

#include <memory>

#include "projections/projection.h"

namespace edu {

std::unique_ptr<Projection> MakeSkillspringProjection();

}  // namespace edu
