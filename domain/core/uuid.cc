#include "domain/core/uuid.h"

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace edu {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Uuid> ParseUuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Uuid id{};
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    int hi = HexValue(text[i]);
    int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id.data[byte++] = static_cast<uint8_t>(hi * 16 + lo);
    i += 2;
  }
  return id;
}

std::string ToString(const Uuid& id) { return boost::uuids::to_string(id); }

Uuid DeriveUuid(const Uuid& scope, std::string_view name) {
  boost::uuids::name_generator_sha1 generate(scope);
  return generate(name.data(), name.size());
}

const Uuid& EduledgerNamespace() {
  static const Uuid ns = *ParseUuid("6f1c3c52-7d1e-4b8e-9a57-0e5d2a4c1b10");
  return ns;
}

}  // namespace edu
