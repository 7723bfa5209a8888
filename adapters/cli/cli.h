// The eduledger command line: subcommands and --help.
#pragma once

namespace edu {

int RunCli(int argc, char** argv);

}  // namespace edu
