#include "commands/all_reactions.h"

namespace edu {

std::vector<std::unique_ptr<Reaction>> PeerloopReactions();
std::vector<std::unique_ptr<Reaction>> MentorshipReactions();  // commands/mentorship.cc
std::unique_ptr<Reaction> MakeUhsMoneyReaction();              // commands/uhs.cc
std::unique_ptr<Reaction> MakeSkillspringCommerceReaction();   // commands/skillspring.cc

std::vector<std::unique_ptr<Reaction>> AllReactions() {
  std::vector<std::unique_ptr<Reaction>> out;
  for (auto& r : PeerloopReactions()) out.push_back(std::move(r));
  for (auto& r : MentorshipReactions()) out.push_back(std::move(r));
  out.push_back(MakeUhsMoneyReaction());
  out.push_back(MakeSkillspringCommerceReaction());
  return out;
}

}  // namespace edu
