// The libFuzzer target over the HTTP command decoder and the event envelope decoder
// (tests/fuzz/fuzz_targets.h). Built only with -DEDULEDGER_FUZZ=ON and clang:
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DEDULEDGER_FUZZ=ON -DEDULEDGER_WERROR=OFF
//   cmake --build build-fuzz --target eduledger_fuzzer
//   mkdir -p /tmp/corpus && build-fuzz/tests/fuzz/eduledger_fuzzer -max_total_time=600 \
//       /tmp/corpus tests/fuzz/corpus
//
// `eduledger_fuzzer -write_seeds=DIR` writes the seed inputs (one valid command per command type,
// one envelope per event type) into DIR. At exit the target prints what the inputs led to.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "tests/fuzz/fuzz_targets.h"

namespace {

void PrintOutcomes() {
  std::fprintf(stderr, "eduledger_fuzzer outcomes:\n");
  for (const auto& [outcome, count] : edu::fuzz::Outcomes()) {
    std::fprintf(stderr, "  %10lld  %s\n", static_cast<long long>(count), outcome.c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  for (int i = 1; i < *argc; ++i) {
    const char* flag = "-write_seeds=";
    if (std::strncmp((*argv)[i], flag, std::strlen(flag)) == 0) {
      std::string dir = (*argv)[i] + std::strlen(flag);
      int written = 0;
      for (const auto& [name, input] : edu::fuzz::SeedInputs()) {
        std::ofstream(dir + "/" + name, std::ios::binary) << input;
        ++written;
      }
      std::printf("wrote %d seeds to %s\n", written, dir.c_str());
      std::exit(0);
    }
  }
  std::atexit(PrintOutcomes);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  edu::fuzz::RunOne(data, size);
  return 0;
}
