// Small pieces the marketplace parts of the demo share (adapters/demo/*.cc): a
// command that must be accepted, one that must be refused with a given code, and the table of
// expected-versus-read figures every summary prints.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "adapters/demo/driver.h"
#include "domain/core/money.h"

namespace edu {

inline void ExpectAccepted(const DemoOutcome& o, const char* part, const char* what) {
  if (!o.ok()) {
    throw std::runtime_error(fmt::format("{} demo: {} was refused ({} {}: {})", part, what,
                                         o.http_status, o.code, o.message));
  }
}

inline void ExpectRefused(const DemoOutcome& o, const char* code, const char* part,
                          const char* what) {
  if (o.ok() || o.code != code) {
    throw std::runtime_error(fmt::format("{} demo: {} should have been refused with {}, got {} {}",
                                         part, what, code, o.http_status, o.code));
  }
}

struct DemoCheck {
  std::string what;
  int64_t expected = 0;
  int64_t actual = 0;
  bool money = false;  // minor units of the summary's currency
};

// Prints one line per check (expected, read, ok/MISMATCH); true when every one matches.
inline bool PrintDemoChecks(const std::string& title, const std::vector<DemoCheck>& checks,
                            const std::string& currency) {
  bool all_ok = true;
  std::printf("\n%s\n", title.c_str());
  for (const auto& c : checks) {
    bool ok = c.expected == c.actual;
    all_ok = all_ok && ok;
    std::string e = c.money ? FormatMoney(Money{c.expected, currency}) : std::to_string(c.expected);
    std::string a = c.money ? FormatMoney(Money{c.actual, currency}) : std::to_string(c.actual);
    std::printf("  %-52s %18s %18s  %s\n", c.what.c_str(), e.c_str(), a.c_str(),
                ok ? "ok" : "MISMATCH");
  }
  return all_ok;
}

}  // namespace edu
