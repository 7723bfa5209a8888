// Small checks shared by the Skillspring deciders.
#pragma once

#include <optional>
#include <string>

#include "domain/core/actor.h"
#include "domain/core/decision.h"
#include "domain/core/money.h"
#include "domain/core/uuid.h"

namespace edu::skillspring {

inline bool IsAdmin(const Actor& a) { return a.role == "admin"; }
inline bool Is(const Actor& a, const Uuid& user_id) { return a.id == ToString(user_id); }

// The actor is `user_id` themself, or an admin; otherwise the rejection saying so.
std::optional<Rejection> CheckSelfOrAdmin(const Actor& actor, const Uuid& user_id,
                                          const char* what);

// A text of 1..max characters; otherwise the rejection `code` (invalid_<field>) naming `field`.
std::optional<Rejection> CheckText(const std::string& value, size_t max, const char* field,
                                   const RejectionCode& code);

// A price: in `currency`, 0..max minor units.
std::optional<Rejection> CheckPrice(const Money& price, const std::string& currency, int64_t max,
                                    const char* field);

// `text` without surrounding whitespace (a blank text becomes empty).
std::string TrimmedText(const std::string& text);

// lowercase letters, digits and single dashes, 1..max characters.
bool IsSlug(const std::string& s, size_t max);

}  // namespace edu::skillspring
