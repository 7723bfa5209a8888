// Why a request was refused, as a kind: the HTTP adapter maps kinds to status codes.
#pragma once

namespace edu {

enum class ErrorKind {
  kMalformed,        // 400: not parseable, wrong JSON type, missing field
  kUnauthenticated,  // 401
  kForbidden,        // 403: the actor may not do this
  kNotFound,         // 404: unknown command type, unknown aggregate
  kConflict,         // 409: stale expected version, illegal transition for the current state
  kInvalid,          // 422: well-formed but breaks a rule (negative amount, unapproved mentor)
  kUnavailable,      // 503: a dependency is down; retry later
  kInternal,         // 500
};

const char* ErrorKindName(ErrorKind kind);
int HttpStatusOf(ErrorKind kind);

}  // namespace edu
