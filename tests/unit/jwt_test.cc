#include "adapters/auth/jwt.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace edu {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes
const Timestamp kNow = Timestamp{Seconds(1'800'000'000)};

JwtClaims Claims() {
  JwtClaims c;
  c.sub = "7d0c4a8e-1f0b-4c51-9d1e-3b2f6a9c0e11";
  c.role = "student";
  c.exp = 1'800'000'000 + 3600;
  c.iat = 1'800'000'000;
  return c;
}

// Replaces segment `index` (0..2) of a token.
std::string WithSegment(const std::string& token, int index, const std::string& segment) {
  size_t a = token.find('.');
  size_t b = token.find('.', a + 1);
  std::string parts[3] = {token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
  parts[index] = segment;
  return parts[0] + "." + parts[1] + "." + parts[2];
}

// A token over arbitrary header/claims JSON, correctly signed with `secret`: lets the tests reach
// the checks that come after the signature.
std::string SignRaw(const std::string& header_json, const std::string& claims_json,
                    const std::string& secret = kSecret) {
  std::string input = Base64UrlEncode(header_json) + "." + Base64UrlEncode(claims_json);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + Base64UrlEncode(std::string(reinterpret_cast<const char*>(mac), len));
}

const char kHeader[] = R"({"alg":"HS256","typ":"JWT"})";

std::string CodeOf(const std::optional<Rejection>& r) { return r ? r->code : "ok"; }

}  // namespace

TEST_CASE("jwt: a signed token verifies and yields its claims") {
  JwtClaims in = Claims();
  in.marketplace = "mentorship";
  std::string token = SignJwt(in, kSecret);
  JwtClaims out;
  auto r = VerifyJwt(token, kSecret, kNow, &out);
  REQUIRE_FALSE(r.has_value());
  CHECK(out.sub == in.sub);
  CHECK(out.role == "student");
  CHECK(out.exp == in.exp);
  CHECK(out.iat == in.iat);
  CHECK(out.marketplace == std::optional<std::string>("mentorship"));
}

TEST_CASE("jwt: a token signed with another secret or altered is refused") {
  std::string token = SignJwt(Claims(), kSecret);
  JwtClaims out;
  auto other = VerifyJwt(token, "another-secret-another-secret-xx", kNow, &out);
  REQUIRE(other.has_value());
  CHECK(other->code == "invalid_token");
  CHECK(other->kind == ErrorKind::kUnauthenticated);
  CHECK(other->message.find("signature") != std::string::npos);

  // Tampered claims (role escalated) keep the old signature.
  JwtClaims admin = Claims();
  admin.role = "admin";
  std::string forged_claims = SignJwt(admin, "attacker-secret-attacker-secret!");
  size_t a = forged_claims.find('.');
  std::string claims_segment = forged_claims.substr(a + 1, forged_claims.find('.', a + 1) - a - 1);
  auto tampered = VerifyJwt(WithSegment(token, 1, claims_segment), kSecret, kNow, &out);
  REQUIRE(tampered.has_value());
  CHECK(tampered->message.find("signature does not verify") != std::string::npos);

  // One flipped signature character.
  std::string sig = token.substr(token.rfind('.') + 1);
  sig[0] = sig[0] == 'A' ? 'B' : 'A';
  CHECK(CodeOf(VerifyJwt(WithSegment(token, 2, sig), kSecret, kNow, &out)) == "invalid_token");
}

TEST_CASE("jwt: an expired token is token_expired, and expiry is exclusive") {
  JwtClaims c = Claims();
  c.exp = 1'800'000'000;  // == now
  JwtClaims out;
  auto r = VerifyJwt(SignJwt(c, kSecret), kSecret, kNow, &out);
  REQUIRE(r.has_value());
  CHECK(r->code == "token_expired");
  CHECK(r->message.find("expired at 2027-01-15T08:00:00Z") != std::string::npos);
  c.exp = 1'800'000'001;
  CHECK_FALSE(VerifyJwt(SignJwt(c, kSecret), kSecret, kNow, &out).has_value());
}

TEST_CASE("jwt: each malformed part gets its own message") {
  std::string token = SignJwt(Claims(), kSecret);
  JwtClaims out;
  auto message = [&](const std::string& t) {
    auto r = VerifyJwt(t, kSecret, kNow, &out);
    REQUIRE(r.has_value());
    CHECK(r->code == "invalid_token");
    return r->message;
  };
  CHECK(message("abc") ==
        "token must have 3 dot-separated segments (header.claims.signature), got 1");
  CHECK(message(token + ".x").find("got 4") != std::string::npos);
  CHECK(message(WithSegment(token, 0, "")) == "token header segment is empty");
  CHECK(message(WithSegment(token, 0, "ab+c")) ==
        "token header segment is not base64url: invalid character '+' at position 2");
  CHECK(message(WithSegment(token, 1, "abcd=")).find("claims segment is not base64url: length 5") !=
        std::string::npos);
  CHECK(message(WithSegment(token, 2, "YQ==")) ==
        "token signature segment is not base64url: padding '=' at position 2");
  CHECK(message(WithSegment(token, 0, Base64UrlEncode("not json"))) ==
        "token header is not a JSON object");
  CHECK(message(WithSegment(token, 0, Base64UrlEncode(R"({"alg":"none","typ":"JWT"})"))) ==
        "token header alg is 'none'; only HS256 is accepted");
  CHECK(message(WithSegment(token, 0, Base64UrlEncode(R"({"typ":"JWT"})"))) ==
        "token header has no 'alg'; only HS256 is accepted");
  CHECK(message(SignRaw(R"({"alg":"HS256","crit":["b64"]})", "{}")) ==
        "token header has 'crit' extensions, which this server does not understand");
}

TEST_CASE("jwt: claims are checked only after the signature, then each precisely") {
  JwtClaims out;
  auto message = [&](const std::string& claims_json, const std::string& secret = kSecret) {
    auto r = VerifyJwt(SignRaw(kHeader, claims_json, secret), kSecret, kNow, &out);
    REQUIRE(r.has_value());
    CHECK(r->code == "invalid_token");
    return r->message;
  };
  // Garbage claims signed with the wrong key: the signature is what the client hears about.
  CHECK(message("nonsense", "wrong-secret-wrong-secret-wrong-s") ==
        "token signature does not verify (wrong secret or altered token)");
  CHECK(message("nonsense") == "token claims is not a JSON object");
  CHECK(message(R"({"role":"student","exp":1900000000})") == "token claims: missing 'sub'");
  CHECK(message(R"({"sub":"u","exp":1900000000})") == "token claims: missing 'role'");
  CHECK(message(R"({"sub":"u","role":"","exp":1900000000})") ==
        "token claims: 'role' must be a non-empty string");
  CHECK(message(R"({"sub":7,"role":"student","exp":1900000000})") ==
        "token claims: 'sub' must be a non-empty string");
  CHECK(message(R"({"sub":"u","role":"student"})") ==
        "token claims: missing 'exp' (tokens must expire)");
  CHECK(message(R"({"sub":"u","role":"student","exp":"tomorrow"})") ==
        "token claims: 'exp' must be a number of seconds");
  CHECK(message(R"({"sub":"u","role":"student","exp":1900000000,"marketplace":1})") ==
        "token claims: 'marketplace' must be a string");
  CHECK(message(R"({"sub":"u","role":"student","exp":1900000000,"nbf":1850000000})") ==
        "token is not valid before 2028-08-16T00:53:20Z");
  // A fractional exp is a NumericDate too.
  CHECK_FALSE(VerifyJwt(SignRaw(kHeader, R"({"sub":"u","role":"student","exp":1900000000.5})"),
                        kSecret, kNow, &out)
                  .has_value());
}

TEST_CASE("jwt: base64url round trips and is strict") {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\x00\x01"}) {
    std::string decoded, error;
    REQUIRE(Base64UrlDecode(Base64UrlEncode(s), &decoded, &error));
    CHECK(decoded == s);
  }
  CHECK(Base64UrlEncode("\xfb\xff") == "-_8");
  std::string out, error;
  CHECK_FALSE(Base64UrlDecode("Zh", &out, &error));  // 'h' leaves non-zero unused bits
  CHECK(error == "non-zero unused bits in the last character");
  CHECK(Base64UrlDecode("Zg", &out, &error));
  CHECK(out == "f");
}

}  // namespace edu
