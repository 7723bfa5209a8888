// Identifiers. New ids arrive in commands; ids a decision needs to mint (a payment split row, a
// payout line) are derived deterministically from ids it already has, so deciding twice yields the
// same events (name-based UUID v5, SHA-1, header-only Boost).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/uuid/uuid.hpp>

namespace edu {

// boost::uuids::uuid is a plain aggregate: `Uuid id;` as a struct member would hold whatever bytes
// the memory had (a request without X-Correlation-Id once put leftover bytes into the hash-chained
// correlation id of nearly every event). This Uuid is the same 16 bytes, converts both ways, and
// is nil unless given a value, so no member or local can be uninitialised.
struct Uuid : boost::uuids::uuid {
  constexpr Uuid() noexcept : boost::uuids::uuid{} {}
  constexpr Uuid(const boost::uuids::uuid& id) noexcept  // NOLINT: implicit on purpose
      : boost::uuids::uuid(id) {}
};

// Parses the canonical 8-4-4-4-12 hex form (either case). Returns nullopt for anything else.
std::optional<Uuid> ParseUuid(std::string_view text);

// Lowercase canonical form.
std::string ToString(const Uuid& id);

// Name-based UUID (version 5) of `name` within the namespace `scope`. Stable across processes.
Uuid DeriveUuid(const Uuid& scope, std::string_view name);

// Namespace for ids derived from plain strings (e.g. reward catalog entries).
const Uuid& EduledgerNamespace();

inline bool IsNil(const Uuid& id) { return id.is_nil(); }

}  // namespace edu
