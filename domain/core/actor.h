// Who issued a command: taken from the verified bearer token, never from the command body.
#pragma once

#include <string>

#include "domain/core/describe.h"

namespace edu {

struct Actor {
  std::string id;    // user id (UUID text), or "system:<component>" for gateways and schedulers
  std::string role;  // marketplace role: student, mentor, admin, support, gateway, system, ...

  bool operator==(const Actor& o) const { return id == o.id && role == o.role; }
  bool IsSystem() const { return role == "system" || role == "gateway"; }
  EDU_FIELDS(id, role)
};

}  // namespace edu
