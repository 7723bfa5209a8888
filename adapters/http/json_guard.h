// Bounds on a JSON request body, checked before anything parses it into a DOM. RapidJSON's DOM
// parser recurses once per nesting level, so a body of 70,000 '[' overflows the stack of the
// thread that parses it (issue 11 #2); this check reads the body with RapidJSON's iterative
// (non-recursive) parser and a handler that counts the depth, and also refuses an object that
// carries the same key twice (RapidJSON would keep both and FindMember would see the first, the
// JSON binding the last: two readers of one body must never disagree).
//
// Thread-safe: a free function without shared state.
#pragma once

#include <optional>
#include <string_view>

#include "domain/core/decision.h"

namespace edu {

constexpr int kDefaultMaxJsonDepth = 64;

// Returns a Rejection (kind kMalformed) when `body` nests arrays and objects deeper than
// `max_depth` (code "json_too_deep") or an object repeats a key (code "duplicate_key", naming the
// key by its path: "hourly_rate.minor"). Any other syntax error is left to the real parser, which
// then names it (nullopt). Costs one linear pass, no recursion.
std::optional<Rejection> CheckJsonBounds(std::string_view body, int max_depth);

}  // namespace edu
