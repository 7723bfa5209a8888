// The bounded random-input test over the fuzzing entry points (tests/fuzz/fuzz_targets.h): the
// kept corpus (tests/fuzz/corpus), the seeds, and a few thousand deterministic mutations of them
// through the HTTP command decoder and the event envelope decoder. A broken invariant aborts with
// the input printed; the libFuzzer target (-DEDULEDGER_FUZZ=ON) explores the same entry points
// without a bound.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "commands/pipeline.h"
#include "commands/registry.h"
#include "domain/policies.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/memory_event_log.h"
#include "eventstore/structured_log.h"
#include "tests/fuzz/fuzz_targets.h"

namespace edu {
namespace {

std::vector<std::string> CorpusAndSeeds() {
  std::vector<std::string> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(EDU_FUZZ_CORPUS_DIR)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (const auto& [name, input] : fuzz::SeedInputs()) inputs.push_back(input);
  return inputs;
}

// What libFuzzer's mutators do, in small: flip, insert, erase, duplicate, splice, and the bytes
// and tokens that decoders get wrong (deep nesting, huge numbers, NUL, invalid UTF-8, escapes).
std::string Mutate(const std::string& input, const std::vector<std::string>& pool,
                   std::mt19937_64& random) {
  static const std::vector<std::string> kTokens = {"[",
                                                   "{",
                                                   "]",
                                                   "}",
                                                   "\"",
                                                   "\\",
                                                   "\\u0000",
                                                   "\\ud800",
                                                   "\xFF\xFE",
                                                   "\xC0\x80",
                                                   std::string(1, '\0'),
                                                   "99999999999999999999999",
                                                   "-1",
                                                   "1e308",
                                                   "-0",
                                                   "null",
                                                   "true",
                                                   "\"marketplace\":\"uhs\",",
                                                   "0000-01-01",
                                                   "9999-12-31T23:59:59Z",
                                                   std::string(600, '[') + std::string(600, ']'),
                                                   "\"a\":1,\"a\":2,",
                                                   "\n\n",
                                                   "role: 0\n"};
  std::string out = input;
  const int steps = 1 + static_cast<int>(random() % 4);
  for (int s = 0; s < steps; ++s) {
    const size_t at = out.empty() ? 0 : random() % (out.size() + 1);
    switch (random() % 7) {
      case 0:
        if (!out.empty()) out[at % out.size()] ^= static_cast<char>(1u << (random() % 8));
        break;
      case 1:
        out.insert(at, 1, static_cast<char>(random() % 256));
        break;
      case 2:
        if (!out.empty()) out.erase(at % out.size(), 1 + random() % 16);
        break;
      case 3:
        out.insert(at, kTokens[random() % kTokens.size()]);
        break;
      case 4: {
        const std::string& other = pool[random() % pool.size()];
        if (!other.empty()) out = out.substr(0, at) + other.substr(random() % other.size());
        break;
      }
      case 5:
        if (!out.empty()) {
          const size_t from = at % out.size();
          out.insert(at, out.substr(from, 1 + random() % 32));
        }
        break;
      default:
        // Digits into numbers: ranges and overflow.
        out.insert(at, std::to_string(static_cast<int64_t>(random())));
        break;
    }
  }
  return out.substr(0, 8192);
}

}  // namespace

TEST_CASE("fuzz inputs: the corpus and 3,000 mutations through both decoders break no invariant") {
  // The decoders' incident lines are not what this test reads.
  logging::SetThreshold(logging::Level::kError);
  logging::SetSinkForTesting([](const std::string&) {});
  const std::vector<std::string> pool = CorpusAndSeeds();
  REQUIRE(pool.size() > 100);
  for (const std::string& input : pool) {
    fuzz::RunOne(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::mt19937_64 random(20261111);  // fixed: a failure reproduces
  for (int i = 0; i < 3000; ++i) {
    const std::string input = Mutate(pool[random() % pool.size()], pool, random);
    fuzz::RunOne(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  logging::SetSinkForTesting(nullptr);
  logging::SetThreshold(logging::Level::kInfo);

  // The mutations reached past the first checks: commands were accepted, decoders refused
  // specific fields, and envelopes were decoded as their typed events and folded into a state
  // (a doctored stream must be marked inconsistent, never crash the fold).
  int64_t accepted = 0, field_errors = 0, typed = 0, folded = 0;
  for (const auto& [outcome, count] : fuzz::Outcomes()) {
    if (outcome == "200 ok") accepted += count;
    if (outcome.rfind("400 ", 0) == 0 || outcome.rfind("422 ", 0) == 0) field_errors += count;
    if (outcome == "envelope typed") typed += count;
    if (outcome == "envelope folded" || outcome == "envelope fold refused") folded += count;
  }
  CHECK(accepted > 10);
  CHECK(field_errors > 100);
  CHECK(typed > 50);
  CHECK(folded > 50);
  std::string summary;
  for (const auto& [outcome, count] : fuzz::Outcomes()) {
    summary += std::to_string(count) + " " + outcome + "\n";
  }
  MESSAGE(summary);
}

TEST_CASE(
    "fuzz inputs: the decoders refuse 100,000 nested brackets themselves, whatever the transport") {
  // The HTTP edge refuses deep bodies first; a command from the Kafka commands topic or an envelope
  // from a replay file meets the decoders directly, and they recurse once per level.
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  RecordedEvent event;
  Status decoded = DecodeEnvelope(R"({"type":"X","payload":{"a":)" + deep + "}}", &event);
  CHECK(decoded.code() == Status::Code::kInvalidArgument);
  CHECK(decoded.message().find("nested deeper than 256 levels") != std::string::npos);

  MemoryEventLog log(2);
  Registry registry;
  RegisterAllMarketplaces(&registry);
  Policies policies;
  CommandPipeline pipeline(&log, &registry, &policies);
  CommandRequest request;
  request.command_id = DeriveUuid(EduledgerNamespace(), "deep");
  request.type = "RegisterUser";
  request.actor = Actor{"4b8d2c10-6f2e-4f8a-9a51-0c3e1f2a3b4c", "student"};
  request.body = R"({"marketplace":"mentorship","user_id":)" + deep + "}";
  CommandResult result = pipeline.Handle(request);
  REQUIRE(result.error.has_value());
  CHECK(result.error->code == "malformed_json");

  // Brackets inside strings are text, not nesting.
  std::string quoted = R"({"type":"X","payload":{"a":")" + std::string(1000, '[') + R"(\"["}})";
  CHECK(DecodeEnvelope(quoted, &event).message().find("nested") == std::string::npos);
}

}  // namespace edu
