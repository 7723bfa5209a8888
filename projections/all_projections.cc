#include "projections/all_projections.h"

#include "projections/mentorship/mentorship_projection.h"
#include "projections/peerloop/peerloop_projection.h"
#include "projections/skillspring/skillspring_projection.h"
#include "projections/uhs/uhs_projection.h"

namespace edu {

std::vector<std::unique_ptr<Projection>> AllProjections() {
  std::vector<std::unique_ptr<Projection>> out;
  out.push_back(MakeMentorshipProjection());
  out.push_back(MakePeerloopProjection());
  out.push_back(MakeUhsProjection());
  out.push_back(MakeSkillspringProjection());
  return out;
}

}  // namespace edu
