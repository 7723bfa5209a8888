// eduledger token: mints a development bearer token for the HTTP API.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "adapters/auth/jwt.h"
#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "domain/core/marketplace.h"
#include "eventstore/clock.h"

namespace edu {

int RunToken(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"secret", true, "HMAC secret shared with the server (or EDULEDGER_JWT_SECRET)", ""},
      {"sub", true, "subject: the actor id (a user UUID, or system:<component>)", ""},
      {"role", true, "role: student, mentor, admin, support, gateway, system, ...", ""},
      {"ttl", true, "seconds until the token expires", "3600"},
      {"marketplace", true,
       "restrict the token to one marketplace (" + EnumChoices<Marketplace>() + ")", ""},
      {"help", false, "show this help", ""},
  };
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger token: %s (see eduledger token --help)\n", error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger token --sub <id> --role <role> [options]\n\n"
        "Prints an HS256 bearer token for the HTTP API (Authorization: Bearer <token>).\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  std::string secret = args.Get("secret");
  if (secret.empty()) {
    const char* env = std::getenv("EDULEDGER_JWT_SECRET");
    if (env != nullptr) secret = env;
  }
  if (secret.empty()) {
    std::fprintf(stderr, "eduledger token: no secret: pass --secret or set EDULEDGER_JWT_SECRET\n");
    return 2;
  }
  if (secret.size() < kMinJwtSecretBytes) {
    std::fprintf(stderr,
                 "eduledger token: the secret has %zu bytes; HS256 needs at least %zu (RFC 7518)\n",
                 secret.size(), kMinJwtSecretBytes);
    return 2;
  }
  JwtClaims claims;
  claims.sub = args.Get("sub");
  claims.role = args.Get("role");
  if (claims.sub.empty() || claims.role.empty()) {
    std::fprintf(stderr, "eduledger token: --sub and --role are required\n");
    return 2;
  }
  auto ttl = args.GetInt("ttl", &error);
  if (!ttl || *ttl <= 0) {
    std::fprintf(
        stderr, "eduledger token: %s\n",
        error.empty() ? "option --ttl must be a positive number of seconds" : error.c_str());
    return 2;
  }
  if (args.Has("marketplace")) {
    if (!ParseEnum<Marketplace>(args.Get("marketplace"))) {
      std::fprintf(stderr, "eduledger token: option --marketplace must be one of %s, got '%s'\n",
                   EnumChoices<Marketplace>().c_str(), args.Get("marketplace").c_str());
      return 2;
    }
    claims.marketplace = args.Get("marketplace");
  }
  int64_t now = SystemClock::Instance()->Now().micros / kMicrosPerSecond;
  claims.iat = now;
  claims.exp = now + *ttl;
  std::printf("%s\n", SignJwt(claims, secret).c_str());
  return 0;
}

}  // namespace edu
