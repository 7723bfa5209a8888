#include <cstdio>

#include "adapters/subcommands.h"

namespace edu {

int RunBench(int, char**) {
  std::fprintf(stderr, "eduledger bench: not built yet\n");
  return 2;
}

}  // namespace edu
