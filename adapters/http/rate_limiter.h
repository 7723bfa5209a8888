// Rate limits at the HTTP edge (mentorship PRD §14.1: 100 API requests a minute, per-route limits,
// and a lockout after 5 failed authentication attempts for 15 minutes).
//
//   - per actor: every authenticated command an actor sends counts against its budget in the
//     command's marketplace (a token bucket holding `requests`, refilled over `window`);
//   - per route: a command type may have its own, tighter budget per actor (BookSession 3 a
//     minute);
//   - per address: failed authentications (no, forged, expired tokens) count against the client
//     address; after `auth_failures` of them within `lockout`, requests from that address that do
//     not authenticate are answered 429 until the lockout ends. A valid token is still served: a
//     flood of forgeries from an address shared with real users (a NAT, a campus) must not lock
//     those users out, and an HS256 secret cannot be guessed through the API anyway.
//
// Roles in `exempt_roles` (the payment gateway, system components) are not limited: one gateway
// actor reports every payment of the platform.
//
// Thread-safe (one mutex); memory is bounded by sweeping buckets that have refilled completely.
// Time is passed in, so that tests drive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace edu {

struct RateLimit {
  int64_t requests = 0;  // per window; 0 or less: unlimited
  std::chrono::seconds window{60};
  bool unlimited() const { return requests <= 0; }
};

struct MarketplaceRateLimits {
  RateLimit per_actor;                         // every command of an actor in the marketplace
  std::map<std::string, RateLimit> per_route;  // by command type, on top of per_actor
};

struct RateLimitOptions {
  RateLimit per_actor;  // marketplaces without an entry below
  std::map<std::string, MarketplaceRateLimits> marketplaces;
  std::set<std::string> exempt_roles;
  int auth_failures = 0;  // failed authentications that lock an address; 0: no lockout
  std::chrono::seconds lockout{15 * 60};

  // Nothing limited (the in-process demo and benchmarks).
  static RateLimitOptions Unlimited() { return RateLimitOptions{}; }
  // The PRD's figures: 100 requests a minute per actor in every marketplace; mentorship
  // BookSession 3 a minute and payments 10 per 5 minutes; lockout after 5 failures for 15 min.
  static RateLimitOptions Prd();
};

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  struct Decision {
    bool allowed = true;
    int64_t retry_after_seconds = 0;  // when refused: whole seconds, at least 1
    std::string what;                 // when refused: "100 requests per 60 s" and the scope
  };

  explicit RateLimiter(RateLimitOptions options);

  // Counts one command of `actor` and answers whether it may proceed.
  Decision AdmitCommand(const std::string& actor, const std::string& role,
                        const std::string& marketplace, const std::string& type, TimePoint now);

  // Counts a failed authentication from `address`. Refused when the address is locked out (that
  // attempt is not counted); the attempt that reaches the limit is itself still allowed (401).
  Decision AuthenticationFailed(const std::string& address, TimePoint now);

  const RateLimitOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint last;
  };
  struct Failures {
    int count = 0;
    TimePoint first;
    TimePoint locked_until;
  };

  // Refills `bucket` (creating it full) and returns its tokens.
  double Refill(Bucket* bucket, bool fresh, const RateLimit& limit, TimePoint now) const;
  void SweepLocked(TimePoint now);

  RateLimitOptions options_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
  std::map<std::string, Failures> failures_;
  uint64_t operations_ = 0;
};

}  // namespace edu
