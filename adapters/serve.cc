#include <cstdio>

#include "adapters/subcommands.h"

namespace edu {

int RunServe(int, char**) {
  std::fprintf(stderr, "eduledger serve: not built yet\n");
  return 2;
}

}  // namespace edu
