// Small rules shared by the PeerLoop deciders: who the actor is, how refusals are worded.
#pragma once

#include <string>

#include "domain/core/actor.h"
#include "domain/core/decision.h"
#include "domain/core/describe.h"
#include "domain/core/uuid.h"

namespace edu::peerloop {

inline bool IsAdmin(const Actor& a) { return a.role == "admin"; }
inline bool IsStaff(const Actor& a) { return a.role == "admin" || a.role == "moderator"; }
inline bool Is(const Actor& a, const Uuid& user) { return a.id == ToString(user); }

// "<what> <id> is <status>; it cannot be <action>": the refusal of a transition the lifecycle
// machine does not allow from the current status.
template <class Status>
Rejection IllegalTransition(const char* what, const Uuid& id, Status status, const char* action) {
  return Reject(codes::kIllegalTransition, "{} {} is {}; it cannot be {}", what, ToString(id),
                EnumName(status), action);
}

inline Rejection NotFound(const RejectionCode& code, const char* what, const Uuid& id) {
  return Reject(code, "{} {} does not exist", what, ToString(id));
}

// Length in characters (UTF-8 code points), for the documented string(n) limits.
inline size_t CharCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace edu::peerloop
