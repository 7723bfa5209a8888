#include "adapters/auth/jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <algorithm>
#include <cmath>

namespace edu {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kHeaderJson[] = R"({"alg":"HS256","typ":"JWT"})";

int DecodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string HmacSha256(std::string_view secret, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  // A non-null key pointer even for an empty secret: HMAC() treats a null key as "reuse the
  // previous one".
  static const unsigned char kEmpty = 0;
  const void* key = secret.empty() ? static_cast<const void*>(&kEmpty) : secret.data();
  HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &mac_len);
  return std::string(reinterpret_cast<const char*>(mac), mac_len);
}

Rejection Invalid(std::string message) {
  return Rejection{ErrorKind::kUnauthenticated, codes::kInvalidToken.code, std::move(message)};
}

std::optional<Rejection> DecodeSegment(std::string_view segment, const char* what,
                                       std::string* out) {
  std::string error;
  if (segment.empty()) return Invalid(std::string("token ") + what + " segment is empty");
  if (!Base64UrlDecode(segment, out, &error)) {
    return Invalid(std::string("token ") + what + " segment is not base64url: " + error);
  }
  return std::nullopt;
}

std::optional<Rejection> ParseObject(const std::string& text, const char* what,
                                     rapidjson::Document* doc) {
  doc->Parse(text.data(), text.size());
  if (doc->HasParseError() || !doc->IsObject()) {
    return Invalid(std::string("token ") + what + " is not a JSON object");
  }
  return std::nullopt;
}

std::optional<Rejection> RequireString(const rapidjson::Document& doc, const char* name,
                                       std::string* out) {
  auto m = doc.FindMember(name);
  if (m == doc.MemberEnd()) return Invalid(std::string("token claims: missing '") + name + "'");
  if (!m->value.IsString() || m->value.GetStringLength() == 0) {
    return Invalid(std::string("token claims: '") + name + "' must be a non-empty string");
  }
  out->assign(m->value.GetString(), m->value.GetStringLength());
  return std::nullopt;
}

// NumericDate (RFC 7519 §2): seconds, possibly fractional; we keep whole seconds.
std::optional<Rejection> ReadNumericDate(const rapidjson::Document& doc, const char* name,
                                         std::optional<int64_t>* out) {
  auto m = doc.FindMember(name);
  if (m == doc.MemberEnd()) return std::nullopt;
  if (m->value.IsInt64()) {
    *out = m->value.GetInt64();
    return std::nullopt;
  }
  if (m->value.IsDouble() && std::isfinite(m->value.GetDouble()) &&
      std::fabs(m->value.GetDouble()) < 9.0e15) {
    *out = static_cast<int64_t>(std::floor(m->value.GetDouble()));
    return std::nullopt;
  }
  return Invalid(std::string("token claims: '") + name + "' must be a number of seconds");
}

// Seconds as RFC 3339 when representable, else the raw number (exp/nbf come from the token).
std::string FormatSeconds(int64_t seconds) {
  constexpr int64_t kYear9999 = 253402300799;
  if (seconds < 0 || seconds > kYear9999) return std::to_string(seconds) + " (seconds)";
  return FormatIso8601(Timestamp{Seconds(seconds)});
}

}  // namespace

std::string Base64UrlEncode(std::string_view data) {
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t n = (uint32_t(uint8_t(data[i])) << 16) | (uint32_t(uint8_t(data[i + 1])) << 8) |
                 uint8_t(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = data.size() - i;
  if (rest == 1) {
    uint32_t n = uint32_t(uint8_t(data[i])) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (rest == 2) {
    uint32_t n = (uint32_t(uint8_t(data[i])) << 16) | (uint32_t(uint8_t(data[i + 1])) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string* out, std::string* error) {
  out->clear();
  if (text.size() % 4 == 1) {
    *error = "length " + std::to_string(text.size()) + " is not a possible base64url length";
    return false;
  }
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    int v = DecodeChar(text[i]);
    if (v < 0) {
      *error = (text[i] == '=' ? std::string("padding '='")
                               : "invalid character '" + std::string(1, text[i]) + "'") +
               " at position " + std::to_string(i);
      return false;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
    *error = "non-zero unused bits in the last character";
    return false;
  }
  return true;
}

std::string SignJwt(const JwtClaims& claims, std::string_view secret) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("sub");
  w.String(claims.sub.data(), static_cast<rapidjson::SizeType>(claims.sub.size()));
  w.Key("role");
  w.String(claims.role.data(), static_cast<rapidjson::SizeType>(claims.role.size()));
  w.Key("exp");
  w.Int64(claims.exp);
  if (claims.iat) {
    w.Key("iat");
    w.Int64(*claims.iat);
  }
  if (claims.marketplace) {
    w.Key("marketplace");
    w.String(claims.marketplace->data(),
             static_cast<rapidjson::SizeType>(claims.marketplace->size()));
  }
  w.EndObject();
  std::string signing_input =
      Base64UrlEncode(kHeaderJson) + "." +
      Base64UrlEncode(std::string_view(buffer.GetString(), buffer.GetSize()));
  return signing_input + "." + Base64UrlEncode(HmacSha256(secret, signing_input));
}

std::optional<Rejection> VerifyJwt(std::string_view token, std::string_view secret, Timestamp now,
                                   JwtClaims* claims) {
  size_t first = token.find('.');
  size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    size_t dots = 0;
    for (char c : token) dots += c == '.';
    return Invalid("token must have 3 dot-separated segments (header.claims.signature), got " +
                   std::to_string(dots + 1));
  }
  std::string_view header_b64 = token.substr(0, first);
  std::string_view claims_b64 = token.substr(first + 1, second - first - 1);
  std::string_view signature_b64 = token.substr(second + 1);

  std::string header_json, claims_json, signature;
  if (auto r = DecodeSegment(header_b64, "header", &header_json)) return r;
  if (auto r = DecodeSegment(claims_b64, "claims", &claims_json)) return r;
  if (auto r = DecodeSegment(signature_b64, "signature", &signature)) return r;

  rapidjson::Document header;
  if (auto r = ParseObject(header_json, "header", &header)) return r;
  auto alg = header.FindMember("alg");
  if (alg == header.MemberEnd() || !alg->value.IsString()) {
    return Invalid("token header has no 'alg'; only HS256 is accepted");
  }
  if (std::string_view(alg->value.GetString(), alg->value.GetStringLength()) != "HS256") {
    return Invalid("token header alg is '" + std::string(alg->value.GetString()) +
                   "'; only HS256 is accepted");
  }
  auto crit = header.FindMember("crit");
  if (crit != header.MemberEnd()) {
    return Invalid("token header has 'crit' extensions, which this server does not understand");
  }

  // The signature covers the encoded segments exactly as they appear in the token.
  std::string expected = HmacSha256(secret, token.substr(0, second));
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Invalid("token signature does not verify (wrong secret or altered token)");
  }

  rapidjson::Document doc;
  if (auto r = ParseObject(claims_json, "claims", &doc)) return r;
  JwtClaims parsed;
  if (auto r = RequireString(doc, "sub", &parsed.sub)) return r;
  if (auto r = RequireString(doc, "role", &parsed.role)) return r;
  std::optional<int64_t> exp, nbf;
  if (auto r = ReadNumericDate(doc, "exp", &exp)) return r;
  if (!exp) return Invalid("token claims: missing 'exp' (tokens must expire)");
  if (auto r = ReadNumericDate(doc, "iat", &parsed.iat)) return r;
  if (auto r = ReadNumericDate(doc, "nbf", &nbf)) return r;
  parsed.exp = *exp;
  auto market = doc.FindMember("marketplace");
  if (market != doc.MemberEnd()) {
    if (!market->value.IsString()) {
      return Invalid("token claims: 'marketplace' must be a string");
    }
    parsed.marketplace = std::string(market->value.GetString(), market->value.GetStringLength());
  }

  int64_t now_seconds = now.micros / kMicrosPerSecond;
  if (now_seconds >= parsed.exp) {
    return Rejection{ErrorKind::kUnauthenticated, codes::kTokenExpired.code,
                     "token expired at " + FormatSeconds(parsed.exp) + " (now " +
                         FormatSeconds(now_seconds) + ")"};
  }
  if (nbf && now_seconds < *nbf) {
    return Invalid("token is not valid before " + FormatSeconds(*nbf));
  }
  *claims = std::move(parsed);
  return std::nullopt;
}

std::optional<Rejection> VerifyJwt(std::string_view token, std::string_view secret, Timestamp now,
                                   JwtClaims* claims, int64_t max_lifetime_seconds) {
  JwtClaims parsed;
  if (auto r = VerifyJwt(token, secret, now, &parsed)) return r;
  if (max_lifetime_seconds > 0) {
    // An iat in the future does not stretch the lifetime: count from now then.
    const int64_t now_seconds = now.micros / kMicrosPerSecond;
    int64_t from = parsed.iat ? std::min(*parsed.iat, now_seconds) : now_seconds;
    // Both operands come from the token: compare without overflowing.
    bool too_long =
        parsed.exp > from && static_cast<uint64_t>(parsed.exp) - static_cast<uint64_t>(from) >
                                 static_cast<uint64_t>(max_lifetime_seconds);
    if (too_long) {
      return Invalid(
          "token lifetime of " +
          std::to_string(static_cast<uint64_t>(parsed.exp) - static_cast<uint64_t>(from)) +
          " s exceeds the server's maximum of " + std::to_string(max_lifetime_seconds) + " s" +
          (parsed.iat ? "" : " (counted from now: the token has no 'iat')"));
    }
  }
  *claims = std::move(parsed);
  return std::nullopt;
}

}  // namespace edu
