// The peerloop marketplace, declared once (marketplaces/marketplace_module.h).
#include "marketplaces/marketplace_module.h"
#include "marketplaces/policy_config.h"
#include "projections/peerloop/peerloop_projection.h"

namespace edu {

void RegisterPeerloop(Registry* r);                          // commands.cc
std::vector<std::unique_ptr<Reaction>> PeerloopReactions();  // commands.cc

const MarketplaceModule& PeerloopModule() {
  static const MarketplaceModule module{
      "peerloop",          RegisterPeerloop, PeerloopReactions, MakePeerloopProjection,
      ParsePeerloopPolicy,  // policy_config.cc
      "peerloop",
  };
  return module;
}

}  // namespace edu
