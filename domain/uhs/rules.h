// Small checks shared by the Urban Home School deciders.
#pragma once

#include <string>

#include "domain/core/actor.h"
#include "domain/core/decision.h"
#include "domain/core/email.h"
#include "domain/core/money.h"
#include "domain/core/uuid.h"

namespace edu::uhs {

// Admins and staff act on behalf of anyone.
inline bool IsStaff(const Actor& a) { return a.role == "admin" || a.role == "staff"; }
inline bool IsUser(const Actor& a, const Uuid& user_id) { return a.id == ToString(user_id); }

// nullopt when `amount` is a positive sum in `currency`; otherwise the rejection naming `what`.
std::optional<Rejection> CheckPositive(const Money& amount, const std::string& currency,
                                       const char* what);

}  // namespace edu::uhs
