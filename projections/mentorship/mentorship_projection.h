// The mentorship read tables (schema "mentorship"): every table and column of the PRD's schema
// (seeds 000/002), fed by the mentorship events.
#pragma once

#include <memory>

#include "projections/projection.h"

namespace edu {

std::unique_ptr<Projection> MakeMentorshipProjection();

}  // namespace edu
