// Runtime configuration of the eduledger process (serve, status, demo, bench).
//
// Every setting has a dotted key; the same key is spelled three ways:
//   config file (JSON, --config or EDULEDGER_CONFIG)  {"http": {"port": 8080}}
//   environment                                       EDULEDGER_HTTP_PORT=8080
//   command line                                      --port 8080
// Load order, later wins: defaults < config file < environment < command-line flags.
//
// Keys (file / environment / flag):
//   db                         EDULEDGER_DB                       --db
//   log.backend                EDULEDGER_LOG_BACKEND              --log-backend   postgres|kafka
//   log.partitions             EDULEDGER_LOG_PARTITIONS           --partitions
//   log.writer_threads         EDULEDGER_LOG_WRITER_THREADS       --writer-threads
//   kafka.bootstrap_servers    EDULEDGER_KAFKA_BOOTSTRAP_SERVERS  --kafka-bootstrap-servers
//   kafka.topic_prefix         EDULEDGER_KAFKA_TOPIC_PREFIX       --kafka-topic-prefix
//   kafka.<librdkafka property>  EDULEDGER_KAFKA_PROPERTY_<NAME>  (file and environment only)
//       any other key under "kafka" is passed to librdkafka as is (security.protocol, sasl.*,
//       ssl.*, ...) and validated by librdkafka at load time. In the environment, '_' in NAME
//       stands for '.' and '__' for '_' (EDULEDGER_KAFKA_PROPERTY_SASL_MECHANISMS=PLAIN).
//   http.host                  EDULEDGER_HTTP_HOST                --host
//   http.port                  EDULEDGER_HTTP_PORT                --port
//   http.max_body_bytes        EDULEDGER_HTTP_MAX_BODY_BYTES      --max-body-bytes
//   http.max_connections       EDULEDGER_HTTP_MAX_CONNECTIONS     --max-connections
//   http.max_connections_per_address  EDULEDGER_HTTP_MAX_CONNECTIONS_PER_ADDRESS
//                                                                 --max-connections-per-address
//   http.header_timeout_ms     EDULEDGER_HTTP_HEADER_TIMEOUT_MS   --header-timeout-ms
//   http.read_timeout_ms       EDULEDGER_HTTP_READ_TIMEOUT_MS     --read-timeout-ms
//   http.max_wait_ms           EDULEDGER_HTTP_MAX_WAIT_MS         --max-wait-ms
//   http.max_json_depth        EDULEDGER_HTTP_MAX_JSON_DEPTH      --max-json-depth
//   jwt.secret                 EDULEDGER_JWT_SECRET               --jwt-secret
//   jwt.max_lifetime_seconds   EDULEDGER_JWT_MAX_LIFETIME_SECONDS --jwt-max-lifetime-seconds
//   rate_limits.requests_per_minute  EDULEDGER_RATE_LIMITS_REQUESTS_PER_MINUTE
//                                                                 --rate-limit-per-minute
//   rate_limits.auth_failures  EDULEDGER_RATE_LIMITS_AUTH_FAILURES --auth-failures-before-lockout
//   rate_limits.lockout_seconds  EDULEDGER_RATE_LIMITS_LOCKOUT_SECONDS  --lockout-seconds
//   rate_limits.exempt_roles   EDULEDGER_RATE_LIMITS_EXEMPT_ROLES --rate-limit-exempt-roles
//   rate_limits.<marketplace>.requests_per_minute  EDULEDGER_RATE_LIMITS_<MARKETPLACE>_...
//   rate_limits.<marketplace>.routes.<CommandType>  "requests/seconds" (config file only), e.g.
//       {"rate_limits": {"mentorship": {"routes": {"BookSession": "3/60"}}}}
//   projector.batch_size       EDULEDGER_PROJECTOR_BATCH_SIZE     --projector-batch-size
//   policies_file              EDULEDGER_POLICIES_FILE            --policies
//   audit.key                  EDULEDGER_AUDIT_KEY                --audit-key
//   audit.key_file             EDULEDGER_AUDIT_KEY_FILE           --audit-key-file
//       the key that signs the event log's partition heads (docs/tamper-evidence.md); keep it
//       outside the database. Neither set: the file DefaultSealKeyPath() (created when missing).
//
// Every bad value is an error naming the source and the key:
//   config file eduledger.json: key 'http.port': expected an integer in 1..65535, got "abc"
// Unknown keys in the file are errors too (a typo never silently falls back to a default).
// Unknown EDULEDGER_* environment variables are ignored (scripts use the prefix for other
// things, e.g. EDULEDGER_TEST_PG).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/config/args.h"
#include "eventstore/status.h"

namespace edu {

struct KafkaConfig {
  std::string bootstrap_servers;  // host:port[,host:port...]
  std::string topic_prefix = "eduledger";
  // librdkafka properties passed through unchanged (security.protocol, sasl.username, ...).
  std::map<std::string, std::string> properties;
};

struct HttpConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  int64_t max_body_bytes = 1 << 20;
  int max_connections = 256;
  int max_connections_per_address = 64;
  int header_timeout_ms = 5'000;  // an idle connection must send a request's headers within this
  int read_timeout_ms = 30'000;   // a request's headers, and then its body, must arrive within this
  int max_wait_ms = 10'000;       // upper bound on read-your-writes waits
  int max_json_depth = 64;
};

struct RouteLimitConfig {
  int64_t requests = 0;
  int64_t window_seconds = 60;
};

// Rate limits at the HTTP edge; defaults are the mentorship PRD's (§14.1 and its API section).
struct RateLimitConfig {
  int requests_per_minute = 100;                               // per actor; 0: unlimited
  std::map<std::string, int> marketplace_requests_per_minute;  // overrides per marketplace
  std::map<std::string, std::map<std::string, RouteLimitConfig>> routes = {
      {"mentorship",
       {{"BookSession", {3, 60}},
        {"CapturePayment", {10, 300}},
        {"RecordPaymentFailed", {10, 300}}}}};
  std::string exempt_roles = "gateway,system";  // comma-separated, or "none"
  int auth_failures = 5;                        // failed authentications that lock an address
  int lockout_seconds = 15 * 60;
};

struct Config {
  std::string db;                        // PostgreSQL URI (libpq: postgresql://... or key=value)
  std::string log_backend = "postgres";  // "postgres" (embedded) or "kafka"
  int partitions = 8;
  int writer_threads = 4;
  KafkaConfig kafka;
  HttpConfig http;
  std::string jwt_secret;                        // HS256 secret, at least 32 bytes when set
  int64_t jwt_max_lifetime_seconds = 24 * 3600;  // PRD §14.1 session_timeout; 0: no maximum
  RateLimitConfig rate_limits;
  int projector_batch_size = 1000;
  std::string policies_file;   // per-marketplace policy overrides (parsed elsewhere)
  std::string audit_key;       // signs partition heads; at least 32 bytes when set
  std::string audit_key_file;  // else read from this file ("" : the default file)
};

// Environment variables by name (tests pass their own; the process passes ProcessEnvironment()).
using Environment = std::map<std::string, std::string>;
Environment ProcessEnvironment();  // the EDULEDGER_* variables of this process

// The command-line options that set configuration keys, plus --config. A subcommand appends
// them to its own OptionSpecs before parsing.
std::vector<OptionSpec> ConfigOptionSpecs();

// Defaults < file (--config, else EDULEDGER_CONFIG, if any) < environment < flags, then
// ValidateConfig. On error returns InvalidArgument with the message described above and leaves
// *out unspecified.
Status LoadConfig(const Args& args, const Environment& env, Config* out);

// The steps of LoadConfig, for tests and for tools that compose their own order.
// `source` names the file in messages ("config file eduledger.json").
Status ApplyConfigJson(std::string_view json, const std::string& source, Config* config);
Status ApplyConfigFile(const std::string& path, Config* config);
Status ApplyEnvironment(const Environment& env, Config* config);
Status ApplyFlags(const Args& args, Config* config);
// Checks that hold across keys (a kafka backend needs bootstrap servers).
Status ValidateConfig(const Config& config);

}  // namespace edu
