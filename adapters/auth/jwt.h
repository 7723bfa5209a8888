// Bearer tokens for the HTTP API: compact JWS (RFC 7515/7519) signed with HMAC-SHA256 ("HS256").
// The API trusts only the claims of a token whose signature verifies with the shared secret:
// `sub` becomes the actor id, `role` the actor's role (never taken from the command body).
//
// Thread-safe: free functions without shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/decision.h"
#include "domain/core/time.h"

namespace edu {

struct JwtClaims {
  std::string sub;                         // the actor id (a user id, or "system:<component>")
  std::string role;                        // student, mentor, admin, support, gateway, system, ...
  int64_t exp = 0;                         // expiry, seconds since the Unix epoch
  std::optional<int64_t> iat;              // issued at (informational)
  std::optional<std::string> marketplace;  // when set, the token is valid for that marketplace only
};

// RFC 7518 §3.2: an HS256 key must be at least as long as the hash output.
constexpr size_t kMinJwtSecretBytes = 32;

// header.claims.signature, each base64url without padding; header {"alg":"HS256","typ":"JWT"}.
std::string SignJwt(const JwtClaims& claims, std::string_view secret);

// Verifies `token` at `now`. Returns nullopt and fills *claims when it is well formed, signed
// with `secret` and not expired; otherwise a Rejection of kind kUnauthenticated whose code is
// "token_expired" (exp <= now) or "invalid_token" and whose message names the bad part (segment
// count, base64url, header JSON, alg, signature, a missing or mistyped claim, nbf in the future).
// The signature is compared in constant time and checked before any claim is trusted.
std::optional<Rejection> VerifyJwt(std::string_view token, std::string_view secret, Timestamp now,
                                   JwtClaims* claims);

// The same, and when `max_lifetime_seconds` > 0 a token must not live longer than that: its
// exp - iat (or exp - now when it has no iat) above the maximum is "invalid_token" ("token lifetime
// of 31536000 s exceeds the server's maximum of 86400 s"). A stolen token then stays useful for a
// bounded time, whatever its issuer chose.
std::optional<Rejection> VerifyJwt(std::string_view token, std::string_view secret, Timestamp now,
                                   JwtClaims* claims, int64_t max_lifetime_seconds);

// base64url (RFC 4648 §5) without padding, as JWS uses it.
std::string Base64UrlEncode(std::string_view data);
// Strict: rejects padding, characters outside the alphabet, impossible lengths and non-zero
// unused bits (so that every token has exactly one encoding). On failure returns false and sets
// *error ("invalid character '+' at position 3").
bool Base64UrlDecode(std::string_view text, std::string* out, std::string* error);

}  // namespace edu
