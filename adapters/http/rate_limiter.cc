#include "adapters/http/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace edu {
namespace {

constexpr uint64_t kSweepEvery = 4096;

std::string Describe(const RateLimit& limit) {
  return std::to_string(limit.requests) + " requests per " + std::to_string(limit.window.count()) +
         " s";
}

int64_t CeilSeconds(double seconds) {
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(seconds - 1e-9)));
}

}  // namespace

RateLimitOptions RateLimitOptions::Prd() {
  RateLimitOptions o;
  o.per_actor = RateLimit{100, std::chrono::seconds(60)};
  MarketplaceRateLimits mentorship;
  mentorship.per_actor = o.per_actor;
  mentorship.per_route["BookSession"] = RateLimit{3, std::chrono::seconds(60)};
  mentorship.per_route["CapturePayment"] = RateLimit{10, std::chrono::seconds(300)};
  mentorship.per_route["RecordPaymentFailed"] = RateLimit{10, std::chrono::seconds(300)};
  o.marketplaces["mentorship"] = mentorship;
  o.exempt_roles = {"gateway", "system"};
  o.auth_failures = 5;
  o.lockout = std::chrono::seconds(15 * 60);
  return o;
}

RateLimiter::RateLimiter(RateLimitOptions options) : options_(std::move(options)) {}

double RateLimiter::Refill(Bucket* bucket, bool fresh, const RateLimit& limit,
                           TimePoint now) const {
  const double capacity = static_cast<double>(limit.requests);
  if (fresh) {
    bucket->tokens = capacity;
  } else if (now > bucket->last) {
    double elapsed = std::chrono::duration<double>(now - bucket->last).count();
    double window = std::max(1.0, static_cast<double>(limit.window.count()));
    bucket->tokens = std::min(capacity, bucket->tokens + elapsed * capacity / window);
  }
  bucket->last = std::max(bucket->last, now);
  return bucket->tokens;
}

RateLimiter::Decision RateLimiter::AdmitCommand(const std::string& actor, const std::string& role,
                                                const std::string& marketplace,
                                                const std::string& type, TimePoint now) {
  if (options_.exempt_roles.count(role) > 0) return Decision{};
  RateLimit actor_limit = options_.per_actor;
  RateLimit route_limit;
  if (auto m = options_.marketplaces.find(marketplace); m != options_.marketplaces.end()) {
    actor_limit = m->second.per_actor;
    if (auto r = m->second.per_route.find(type); r != m->second.per_route.end()) {
      route_limit = r->second;
    }
  }
  struct Candidate {
    Bucket* bucket;
    const RateLimit* limit;
    std::string scope;
  };
  std::lock_guard<std::mutex> lock(mu_);
  if (++operations_ % kSweepEvery == 0) SweepLocked(now);
  std::vector<Candidate> candidates;
  auto take = [&](const std::string& key, const RateLimit& limit, std::string scope) {
    if (limit.unlimited()) return;
    auto [it, fresh] = buckets_.try_emplace(key);
    Refill(&it->second, fresh, limit, now);
    candidates.push_back({&it->second, &limit, std::move(scope)});
  };
  take("a\n" + marketplace + "\n" + actor, actor_limit,
       "per actor in marketplace '" + marketplace + "'");
  take("r\n" + marketplace + "\n" + type + "\n" + actor, route_limit, "per actor for " + type);
  Decision refused;
  refused.allowed = true;
  for (const Candidate& c : candidates) {
    if (c.bucket->tokens >= 1.0) continue;
    double per_token =
        static_cast<double>(c.limit->window.count()) / static_cast<double>(c.limit->requests);
    int64_t wait = CeilSeconds((1.0 - c.bucket->tokens) * per_token);
    if (refused.allowed || wait > refused.retry_after_seconds) {
      refused.allowed = false;
      refused.retry_after_seconds = wait;
      refused.what = Describe(*c.limit) + " " + c.scope;
    }
  }
  if (!refused.allowed) return refused;
  for (const Candidate& c : candidates) c.bucket->tokens -= 1.0;
  return Decision{};
}

RateLimiter::Decision RateLimiter::AuthenticationFailed(const std::string& address, TimePoint now) {
  if (options_.auth_failures <= 0) return Decision{};
  std::lock_guard<std::mutex> lock(mu_);
  if (++operations_ % kSweepEvery == 0) SweepLocked(now);
  Failures& f = failures_[address];
  if (f.locked_until > now) {
    Decision d;
    d.allowed = false;
    d.retry_after_seconds =
        CeilSeconds(std::chrono::duration<double>(f.locked_until - now).count());
    d.what = std::to_string(options_.auth_failures) + " failed authentications from " + address +
             " within " + std::to_string(options_.lockout.count()) + " s";
    return d;
  }
  if (f.count == 0 || now - f.first >= options_.lockout) {
    f.count = 0;
    f.first = now;
  }
  if (++f.count >= options_.auth_failures) {
    f.locked_until = now + options_.lockout;
    f.count = 0;
  }
  return Decision{};
}

void RateLimiter::SweepLocked(TimePoint now) {
  // A bucket untouched for longer than the longest window is full again: dropping it changes
  // nothing. Same for failure counts whose window and lockout have passed.
  std::chrono::seconds longest = options_.per_actor.window;
  for (const auto& [name, m] : options_.marketplaces) {
    longest = std::max(longest, m.per_actor.window);
    for (const auto& [type, r] : m.per_route) longest = std::max(longest, r.window);
  }
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = now - it->second.last > longest ? buckets_.erase(it) : std::next(it);
  }
  for (auto it = failures_.begin(); it != failures_.end();) {
    bool stale = it->second.locked_until <= now && now - it->second.first >= options_.lockout;
    it = stale ? failures_.erase(it) : std::next(it);
  }
}

}  // namespace edu
