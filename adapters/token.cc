#include <cstdio>

#include "adapters/subcommands.h"

namespace edu {

int RunToken(int, char**) {
  std::fprintf(stderr, "eduledger token: not built yet\n");
  return 2;
}

}  // namespace edu
