#include "adapters/cli/cli.h"

int main(int argc, char** argv) { return edu::RunCli(argc, argv); }
