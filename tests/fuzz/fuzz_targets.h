// The entry points the fuzzer (tests/fuzz/fuzzer.cc, libFuzzer, opt-in: -DEDULEDGER_FUZZ=ON with
// clang) and the bounded random-input test (tests/unit/fuzz_inputs_test.cc, every normal run)
// share: arbitrary bytes into the decoders that read what an attacker or a damaged log sends.
//
// Input layout (the first byte picks the decoder, so one corpus and one target cover both):
//   'E' <envelope JSON>            the event envelope decoder (DecodeEnvelope), then what every
//                                  reader does next: re-encode, hash, upcast the payload and
//                                  decode it as its typed event, and fold it into a fresh state of
//                                  its aggregate (a doctored stream; EDU_FUZZ_NO_FOLD=1: not)
//   anything else: a small HTTP request, parsed leniently by the harness (not by Beast):
//     <METHOD> <target>\n          e.g. "POST /v1/commands/RegisterUser"
//     <name>: <value>\n ...        headers; "role: <r>" is the harness's: it mints a valid bearer
//                                  token for role r (unless an Authorization header is given)
//     \n
//     <body>
//   fed to HttpApi::Handle with a fresh in-memory log and the real command registry: routing,
//   bearer token checks, headers, the JSON body bounds, command decoding and the deciders.
//
// Each call checks the invariants a client relies on (the answer is a status in 200..599 and its
// body is JSON; an error has a code; a decoded envelope re-encodes to itself) and aborts when one
// breaks, so that libFuzzer reports it as a crash. Not thread-safe (process-wide statistics).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace edu::fuzz {

// Runs one input. Never throws: a broken invariant or an escaping exception aborts with a message.
void RunOne(const uint8_t* data, size_t size);

// What the inputs so far led to, for reports: answers by "status code" ("400 malformed_json",
// "envelope ok", "envelope rejected", "fold threw: ..."), counted.
const std::map<std::string, int64_t>& Outcomes();

// Seed inputs (valid commands of each marketplace, envelopes): what the corpus starts from.
std::map<std::string, std::string> SeedInputs();

}  // namespace edu::fuzz
