#include "domain/core/machine.h"

namespace edu {

std::string MermaidDiagram(const MachineDescription& m) {
  std::string out = "stateDiagram-v2\n";
  out += "    [*] --> " + m.initial + "\n";
  for (const auto& t : m.transitions) {
    out += "    " + t.from + " --> " + t.to + " : " + t.trigger + "\n";
  }
  return out;
}

}  // namespace edu
