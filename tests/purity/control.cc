// Compiles under the purity include path: proves the purity probes fail for the right reason.
#include "domain/core/money.h"
#include "domain/core/time.h"
int main() { return edu::ShareOf(100, edu::Percent(30)) == 30 ? 0 : 1; }
