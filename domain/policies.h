// Policies: per-marketplace business configuration (currency, splits, windows, limits). Deciders
// read them from the DecisionContext; events record the figures a policy produced (and the policy's
// name), so history stays true when configuration changes later. Defaults are the rules of the
// seed documents; adapters/config/config.h loads overrides and rejects invalid ones.
#pragma once

#include "domain/mentorship/policy.h"
#include "domain/peerloop/policy.h"
#include "domain/skillspring/policy.h"
#include "domain/uhs/policy.h"

namespace edu {

struct Policies {
  mentorship::Policy mentorship;
  uhs::Policy uhs;
  skillspring::Policy skillspring;
  peerloop::Policy peerloop;
};

}  // namespace edu
