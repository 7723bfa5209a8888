// What every lifecycle machine exposes without including Boost.MSM: its transition table (read
// from the MSM rows themselves) and a Mermaid rendering of it for docs/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace edu {

struct MachineTransition {
  std::string from;
  std::string trigger;
  std::string to;
};

struct MachineDescription {
  std::string name;     // "booking"
  std::string initial;  // initial status
  std::vector<MachineTransition> transitions;
};

// stateDiagram-v2 text: "[*] --> requested", "requested --> confirmed : pay", ...
std::string MermaidDiagram(const MachineDescription& machine);

}  // namespace edu
