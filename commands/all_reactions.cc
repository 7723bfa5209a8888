#include "commands/all_reactions.h"

namespace edu {

std::vector<std::unique_ptr<Reaction>> PeerloopReactions();
std::unique_ptr<Reaction> MakeUhsMoneyReaction();  // commands/uhs.cc

std::vector<std::unique_ptr<Reaction>> AllReactions() {
  std::vector<std::unique_ptr<Reaction>> out;
  for (auto& r : PeerloopReactions()) out.push_back(std::move(r));
  out.push_back(MakeUhsMoneyReaction());
  return out;
}

}  // namespace edu
