// Helpers shared by the two halves of the HTTP API: http_api.cc (routing, commands, the clock) and
// http_api_reads.cc (listings, projection waits, health). Not for use outside them.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/http_api.h"

namespace edu::http_detail {

using SteadyClock = std::chrono::steady_clock;

// Waits for a projection in slices this long, so that a stopping server is not held up.
constexpr auto kWaitSlice = std::chrono::milliseconds(200);

HttpResponseData Json(int status, std::string body);
HttpResponseData FromRejection(const Rejection& r);
// A header value or query parameter as it may appear in a message: bounded, printable.
std::string Shown(const std::string& s);
std::map<std::string, std::string> ParseQuery(const std::string& query);
// A non-negative integer query parameter. Returns an error response when present but invalid, or
// when absent and required.
std::optional<HttpResponseData> IntParam(const std::map<std::string, std::string>& query,
                                         const std::string& name, bool required, int64_t max,
                                         int64_t* out);
bool Contains(const std::vector<std::string>& names, const std::string& name);

}  // namespace edu::http_detail
