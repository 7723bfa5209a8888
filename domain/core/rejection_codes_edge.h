// The rejection catalog, part 1: the codes the edges give before a decider sees the command (the
// HTTP transport and query endpoints, identity and rate limits, the command pipeline, the input
// field checks). One X(name, "code", kind, http status, "when", "what to do") per code; an http
// status of kStatusOfKind means HttpStatusOf(kind). Included by domain/core/rejection_codes.h only.
#pragma once

// The HTTP transport and the query endpoints (adapters/http/http_api.cc, http_server.cc,
// json_guard.cc).
#define EDU_REJECTIONS_HTTP(X)                                                                     \
  X(kMethodNotAllowed, "method_not_allowed", kMalformed, 405,                                      \
    "The endpoint exists but not for this HTTP method.",                                           \
    "Use the method named in the Allow header of the answer.")                                     \
  X(kNotFound, "not_found", kNotFound, kStatusOfKind, "No endpoint has this path.",                \
    "Check the path against the endpoints the message lists.")                                     \
  X(kMissingParameter, "missing_parameter", kMalformed, kStatusOfKind,                             \
    "A required query parameter is missing.", "Add the parameter the message names.")              \
  X(kInvalidParameter, "invalid_parameter", kMalformed, kStatusOfKind,                             \
    "A query parameter is not an integer in its allowed range.",                                   \
    "Send a value within the range the message gives.")                                            \
  X(kInvalidIdempotencyKey, "invalid_idempotency_key", kMalformed, kStatusOfKind,                  \
    "The Idempotency-Key header is not a non-nil UUID.",                                           \
    "Send a fresh UUID per command and the same one on every retry of that command.")              \
  X(kInvalidCorrelationId, "invalid_correlation_id", kMalformed, kStatusOfKind,                    \
    "The X-Correlation-Id header is not a UUID.",                                                  \
    "Send a UUID, or leave the header out and the server makes one.")                              \
  X(kUnknownProjection, "unknown_projection", kNotFound, kStatusOfKind,                            \
    "GET /v1/projections/{name}/wait names no projection (404); the X-Wait-For-Projection header " \
    "naming no projection answers 400 with the same code.",                                        \
    "Use a name from GET /v1/projections.")                                                        \
  X(kMarketplaceNotAllowed, "marketplace_not_allowed", kForbidden, kStatusOfKind,                  \
    "The token is scoped to one marketplace and the command names another.",                       \
    "Use a token for the command's marketplace.")                                                  \
  X(kProjectionWaitTimeout, "projection_wait_timeout", kUnavailable, 504,                          \
    "The projection has not applied the awaited position within the timeout.",                     \
    "The command itself was accepted; wait again, or read without waiting.")                       \
  X(kProjectionFailed, "projection_failed", kUnavailable, kStatusOfKind,                           \
    "The projection cannot reach the awaited position: it is stopped or its database is down.",    \
    "Check GET /v1/projections and /healthz; retry once the projection runs again.")               \
  X(kClockNotManual, "clock_not_manual", kNotFound, kStatusOfKind,                                 \
    "POST /v1/clock on a server that runs on the system clock.",                                   \
    "Only a server started with serve --clock manual (tests, demos) can be moved.")                \
  X(kClockBackwards, "clock_backwards", kConflict, kStatusOfKind,                                  \
    "POST /v1/clock would move the manual clock backwards.",                                       \
    "Move the clock forward only: 'advance' by a positive duration or 'set' a later time.")        \
  X(kInvalidClockRequest, "invalid_clock_request", kInvalid, 400,                                  \
    "The body of POST /v1/clock is not exactly one of 'advance' (ISO 8601 duration) or 'set' "     \
    "(ISO 8601 time).",                                                                            \
    "Send {\"advance\":\"PT24H\"} or {\"set\":\"2027-01-01T00:00:00Z\"}.")                         \
  X(kTooManyConnections, "too_many_connections", kUnavailable, kStatusOfKind,                      \
    "The server holds as many connections as it is configured to.",                                \
    "Retry shortly, reuse one keep-alive connection, or close idle ones.")                         \
  X(kRequestTimeout, "request_timeout", kMalformed, 408,                                           \
    "The request's headers or body did not arrive within the server's read timeout.",              \
    "Send the whole request promptly; retry on a new connection.")                                 \
  X(kBodyTooLarge, "body_too_large", kMalformed, 413,                                              \
    "The request body is over the configured maximum.", "Send a smaller body.")                    \
  X(kHeadersTooLarge, "headers_too_large", kMalformed, 431,                                        \
    "The request headers are over the configured maximum.", "Send fewer or shorter headers.")      \
  X(kMalformedHttp, "malformed_http", kMalformed, kStatusOfKind,                                   \
    "The bytes are not an HTTP/1.1 request the server can parse.",                                 \
    "Fix the client's HTTP framing; do not retry the same bytes.")                                 \
  X(kDuplicateKey, "duplicate_key", kMalformed, kStatusOfKind,                                     \
    "A JSON object in the body has the same key twice.", "Send each key once per object.")         \
  X(kJsonTooDeep, "json_too_deep", kMalformed, kStatusOfKind,                                      \
    "The JSON body nests objects and arrays deeper than the configured maximum.",                  \
    "Send a flatter document; no command needs that depth.")

// Identity and rate limits (adapters/http/http_api.cc, adapters/auth/jwt.cc).
#define EDU_REJECTIONS_IDENTITY(X)                                                               \
  X(kUnauthenticated, "unauthenticated", kUnauthenticated, kStatusOfKind,                        \
    "The request carries no credentials (no Authorization header, or no actor on the command).", \
    "Send 'Authorization: Bearer <token>' (eduledger token mints one).")                         \
  X(kInvalidToken, "invalid_token", kUnauthenticated, kStatusOfKind,                             \
    "The bearer token is malformed, badly signed, revoked, or lives longer than allowed.",       \
    "Get a new token; do not retry with this one.")                                              \
  X(kTokenExpired, "token_expired", kUnauthenticated, kStatusOfKind,                             \
    "The bearer token's exp is in the past.", "Get a new token and send the request again.")     \
  X(kTooManyFailedAuthentications, "too_many_failed_authentications", kUnavailable, 429,         \
    "The address sent too many requests with missing, forged or expired tokens and is locked "   \
    "out for a while.",                                                                          \
    "Wait for the Retry-After seconds, then authenticate with a valid token.")                   \
  X(kRateLimited, "rate_limited", kUnavailable, 429,                                             \
    "The actor has used up the rate limit of this route (per actor and route, per marketplace "  \
    "policy).",                                                                                  \
    "Wait for the Retry-After seconds, then send the command again with the same "               \
    "Idempotency-Key.")

// The command pipeline and the command transports (commands/pipeline.cc, adapters/kafka_*.cc).
#define EDU_REJECTIONS_COMMAND(X)                                                                 \
  X(kMalformedJson, "malformed_json", kMalformed, kStatusOfKind,                                  \
    "The command body is not a JSON object.", "Send a JSON object of the command's fields.")      \
  X(kMissingCommandId, "missing_command_id", kMalformed, kStatusOfKind,                           \
    "The command has no command id (a transport that needs one did not set it).",                 \
    "Give every command an id (the Idempotency-Key over HTTP).")                                  \
  X(kUnknownCommandType, "unknown_command_type", kNotFound, kStatusOfKind,                        \
    "No marketplace registers a command of this type.",                                           \
    "Check the type against GET /v1/commands.")                                                   \
  X(kUnknownMarketplace, "unknown_marketplace", kInvalid, kStatusOfKind,                          \
    "The command names a marketplace that does not exist or does not have this command (422); "   \
    "GET /v1/commands?marketplace= with an unknown name answers 400 with the same code.",         \
    "Use one of the marketplaces GET /v1/commands lists.")                                        \
  X(kRoleNotAllowed, "role_not_allowed", kForbidden, kStatusOfKind,                               \
    "The actor's role may not send this command (the command's roles in GET /v1/commands).",      \
    "Send it as an actor with one of the allowed roles.")                                         \
  X(kIdempotencyKeyReused, "idempotency_key_reused", kInvalid, kStatusOfKind,                     \
    "The command id (Idempotency-Key) was already used by this actor for a different command.",   \
    "Use a fresh key for a new command; reuse a key only to retry the very same command.")        \
  X(kWrongExpectedVersion, "wrong_expected_version", kConflict, kStatusOfKind,                    \
    "expected_version does not match the stream's current version: someone changed it since the " \
    "client read it.",                                                                            \
    "Read the current state, decide again, and resend with the new version.")                     \
  X(kConcurrencyConflict, "concurrency_conflict", kConflict, kStatusOfKind,                       \
    "Another command appended to the same stream while this one was being decided, more often "   \
    "than the pipeline retries.",                                                                 \
    "Retry the same command (same Idempotency-Key).")                                             \
  X(kDeciderFailed, "decider_failed", kInternal, kStatusOfKind,                                   \
    "The decider threw instead of deciding: a bug, logged with an incident id.",                  \
    "Report the incident id; retrying gives the same answer.")                                    \
  X(kInternalError, "internal_error", kInternal, kStatusOfKind,                                   \
    "An unexpected failure in the server, logged with an incident id.",                           \
    "Report the incident id; retry later with the same Idempotency-Key.")                         \
  X(kLogUnavailable, "log_unavailable", kUnavailable, kStatusOfKind,                              \
    "The event log (PostgreSQL or Kafka) does not answer; nothing was appended.",                 \
    "Retry later with the same Idempotency-Key.")                                                 \
  X(kNoCommandProcessor, "no_command_processor", kUnavailable, kStatusOfKind,                     \
    "No command processor answered the command sent over Kafka in time; it may still be decided " \
    "later.",                                                                                     \
    "Retry with the same command id: a command already decided is answered from its record.")     \
  X(kMalformedCommandMessage, "malformed_command_message", kMalformed, kStatusOfKind,             \
    "A command message on the Kafka command topic cannot be decoded.",                            \
    "Fix the producer; the message is answered, not retried.")

// The input field checks of every command (eventstore/json_binding.*): what the log and the read
// tables can hold. The rejection names the field.
#define EDU_REJECTIONS_INPUT(X)                                                                   \
  X(kMissingField, "missing_field", kMalformed, kStatusOfKind,                                    \
    "A required field is missing or null.", "Send the field the rejection names.")                \
  X(kUnknownField, "unknown_field", kMalformed, kStatusOfKind,                                    \
    "The body has a field the command does not have (a typo, or a field of another command).",    \
    "Remove or rename the field; GET /v1/commands lists the command's fields.")                   \
  X(kDuplicateField, "duplicate_field", kMalformed, kStatusOfKind,                                \
    "The body gives the same field twice.", "Send each field once.")                              \
  X(kInvalidField, "invalid_field", kMalformed, kStatusOfKind,                                    \
    "A field has the wrong JSON type or a value its type cannot take (not a UUID, a date, an "    \
    "enum value, ...).",                                                                          \
    "Send the type and format the message names.")                                                \
  X(kInvalidUtf8, "invalid_utf8", kMalformed, kStatusOfKind, "A text field is not valid UTF-8.",  \
    "Send text as UTF-8.")                                                                        \
  X(kContainsNul, "contains_nul", kMalformed, kStatusOfKind,                                      \
    "A text field contains a NUL character (\\u0000), which PostgreSQL text cannot hold.",        \
    "Remove the NUL character.")                                                                  \
  X(kTooLong, "too_long", kMalformed, kStatusOfKind,                                              \
    "A text field is longer than its column holds.",                                              \
    "Shorten it to the maximum the message gives.")                                               \
  X(kTooManyItems, "too_many_items", kMalformed, kStatusOfKind,                                   \
    "A list field has more items than allowed.", "Send at most the number the message gives.")    \
  X(kOutOfRange, "out_of_range", kInvalid, kStatusOfKind,                                         \
    "A number, amount or time is well-formed but outside what the log and the read tables hold.", \
    "Send a value within the range the message gives.")
