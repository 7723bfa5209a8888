#include <cstdio>

#include "adapters/subcommands.h"

namespace edu {

int RunStatus(int, char**) {
  std::fprintf(stderr, "eduledger status: not built yet\n");
  return 2;
}

}  // namespace edu
