// Every lifecycle machine of every marketplace, as transition tables read from the Boost.MSM rows.
// `eduledger docs` renders them into docs/machines.md, and a unit test fails when that file differs
// from what the code generates, so the diagrams cannot drift from the machines.
#pragma once

#include <string>
#include <vector>

#include "domain/core/machine.h"

namespace edu {

// Each marketplace appends its machines (domain/machines.cc), in a stable order.
std::vector<MachineDescription> AllMachines();

// docs/machines.md: a heading and a Mermaid stateDiagram per machine, plus its transition table.
std::string RenderMachinesMarkdown(const std::vector<MachineDescription>& machines);

}  // namespace edu
