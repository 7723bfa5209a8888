#include <cstdio>

#include "adapters/subcommands.h"

namespace edu {

int RunDemo(int, char**) {
  std::fprintf(stderr, "eduledger demo: not built yet\n");
  return 2;
}

}  // namespace edu
