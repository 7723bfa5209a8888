#include "adapters/config/config.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "adapters/auth/jwt.h"
#include "eventstore/json_binding.h"

extern char** environ;

namespace edu {
namespace {

enum class KeyKind { kString, kInt, kChoice, kSecret };

struct KeySpec {
  std::string key;   // "http.port"
  std::string flag;  // "port" for --port; empty when the key has no flag
  std::string help;
  KeyKind kind = KeyKind::kString;
  int64_t min = 0;
  int64_t max = 0;
  std::vector<std::string> choices;
  std::function<void(Config*, const std::string&)> set_text;  // kString, kChoice, kSecret
  std::function<void(Config*, int64_t)> set_int;              // kInt
  std::function<std::string(const Config&)> show_default;
};

KeySpec Text(std::string key, std::string flag, std::string help,
             std::function<void(Config*, const std::string&)> set,
             std::function<std::string(const Config&)> show) {
  KeySpec s;
  s.key = std::move(key);
  s.flag = std::move(flag);
  s.help = std::move(help);
  s.set_text = std::move(set);
  s.show_default = std::move(show);
  return s;
}

KeySpec Int(std::string key, std::string flag, std::string help, int64_t min, int64_t max,
            std::function<void(Config*, int64_t)> set,
            std::function<std::string(const Config&)> show) {
  KeySpec s;
  s.key = std::move(key);
  s.flag = std::move(flag);
  s.help = std::move(help);
  s.kind = KeyKind::kInt;
  s.min = min;
  s.max = max;
  s.set_int = std::move(set);
  s.show_default = std::move(show);
  return s;
}

const std::vector<KeySpec>& Keys() {
  static const std::vector<KeySpec> keys = [] {
    std::vector<KeySpec> k;
    k.push_back(Text(
        "db", "db", "PostgreSQL URI of the event log and read tables",
        [](Config* c, const std::string& v) { c->db = v; }, [](const Config& c) { return c.db; }));
    KeySpec backend = Text(
        "log.backend", "log-backend", "event log backend: postgres or kafka",
        [](Config* c, const std::string& v) { c->log_backend = v; },
        [](const Config& c) { return c.log_backend; });
    backend.kind = KeyKind::kChoice;
    backend.choices = {"postgres", "kafka"};
    k.push_back(std::move(backend));
    k.push_back(Int(
        "log.partitions", "partitions", "partitions of the event log", 1, 1024,
        [](Config* c, int64_t v) { c->partitions = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.partitions); }));
    k.push_back(Int(
        "log.writer_threads", "writer-threads", "threads appending to the log", 1, 256,
        [](Config* c, int64_t v) { c->writer_threads = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.writer_threads); }));
    k.push_back(Text(
        "kafka.bootstrap_servers", "kafka-bootstrap-servers", "Kafka brokers host:port[,host:port]",
        [](Config* c, const std::string& v) { c->kafka.bootstrap_servers = v; },
        [](const Config& c) { return c.kafka.bootstrap_servers; }));
    k.push_back(Text(
        "kafka.topic_prefix", "kafka-topic-prefix",
        "Kafka topics are <prefix>.commands, <prefix>.events, ...",
        [](Config* c, const std::string& v) { c->kafka.topic_prefix = v; },
        [](const Config& c) { return c.kafka.topic_prefix; }));
    k.push_back(Text(
        "http.host", "host", "address the HTTP API listens on",
        [](Config* c, const std::string& v) { c->http.host = v; },
        [](const Config& c) { return c.http.host; }));
    k.push_back(Int(
        "http.port", "port", "TCP port of the HTTP API", 1, 65535,
        [](Config* c, int64_t v) { c->http.port = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.port); }));
    k.push_back(Int(
        "http.max_body_bytes", "max-body-bytes", "largest accepted request body", 1024,
        int64_t{1} << 30, [](Config* c, int64_t v) { c->http.max_body_bytes = v; },
        [](const Config& c) { return std::to_string(c.http.max_body_bytes); }));
    k.push_back(Int(
        "http.max_connections", "max-connections", "open HTTP connections at most", 1, 100'000,
        [](Config* c, int64_t v) { c->http.max_connections = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.max_connections); }));
    k.push_back(Int(
        "http.max_connections_per_address", "max-connections-per-address",
        "open HTTP connections per client address at most (idle ones make room)", 1, 100'000,
        [](Config* c, int64_t v) { c->http.max_connections_per_address = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.max_connections_per_address); }));
    k.push_back(Int(
        "http.header_timeout_ms", "header-timeout-ms",
        "time an idle connection has to send a request's headers", 50, 3'600'000,
        [](Config* c, int64_t v) { c->http.header_timeout_ms = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.header_timeout_ms); }));
    k.push_back(Int(
        "http.max_json_depth", "max-json-depth", "deepest nesting accepted in a JSON body", 2,
        10'000, [](Config* c, int64_t v) { c->http.max_json_depth = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.max_json_depth); }));
    k.push_back(Int(
        "http.read_timeout_ms", "read-timeout-ms",
        "time allowed for a request's headers, then for its body", 100, 3'600'000,
        [](Config* c, int64_t v) { c->http.read_timeout_ms = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.read_timeout_ms); }));
    k.push_back(Int(
        "http.max_wait_ms", "max-wait-ms", "upper bound of read-your-writes waits for a projection",
        0, 600'000, [](Config* c, int64_t v) { c->http.max_wait_ms = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.http.max_wait_ms); }));
    KeySpec secret = Text(
        "jwt.secret", "jwt-secret", "HS256 secret for bearer tokens",
        [](Config* c, const std::string& v) { c->jwt_secret = v; },
        [](const Config&) { return std::string(); });
    secret.kind = KeyKind::kSecret;
    k.push_back(std::move(secret));
    k.push_back(Int(
        "jwt.max_lifetime_seconds", "jwt-max-lifetime-seconds",
        "longest token lifetime (exp - iat) accepted; 0: no maximum", 0, 10LL * 366 * 86400,
        [](Config* c, int64_t v) { c->jwt_max_lifetime_seconds = v; },
        [](const Config& c) { return std::to_string(c.jwt_max_lifetime_seconds); }));
    k.push_back(Int(
        "rate_limits.requests_per_minute", "rate-limit-per-minute",
        "commands per minute per actor (each marketplace may override); 0: unlimited", 0, 1'000'000,
        [](Config* c, int64_t v) { c->rate_limits.requests_per_minute = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.rate_limits.requests_per_minute); }));
    k.push_back(Int(
        "rate_limits.auth_failures", "auth-failures-before-lockout",
        "failed authentications from one address that lock it out; 0: no lockout", 0, 1'000'000,
        [](Config* c, int64_t v) { c->rate_limits.auth_failures = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.rate_limits.auth_failures); }));
    k.push_back(Int(
        "rate_limits.lockout_seconds", "lockout-seconds",
        "how long a locked-out address is refused (and the window of its failures)", 1, 7 * 86400,
        [](Config* c, int64_t v) { c->rate_limits.lockout_seconds = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.rate_limits.lockout_seconds); }));
    k.push_back(Text(
        "rate_limits.exempt_roles", "rate-limit-exempt-roles",
        "comma-separated roles without rate limits, or none",
        [](Config* c, const std::string& v) { c->rate_limits.exempt_roles = v; },
        [](const Config& c) { return c.rate_limits.exempt_roles; }));
    for (std::string m : {"mentorship", "peerloop", "skillspring", "uhs"}) {
      k.push_back(Int(
          "rate_limits." + m + ".requests_per_minute", "",
          "commands per minute per actor in " + m + "; 0: unlimited (default: the global figure)",
          0, 1'000'000,
          [m](Config* c, int64_t v) {
            c->rate_limits.marketplace_requests_per_minute[m] = static_cast<int>(v);
          },
          [](const Config&) { return std::string(); }));
    }
    k.push_back(Int(
        "projector.batch_size", "projector-batch-size",
        "events a projector applies per transaction", 1, 100'000,
        [](Config* c, int64_t v) { c->projector_batch_size = static_cast<int>(v); },
        [](const Config& c) { return std::to_string(c.projector_batch_size); }));
    k.push_back(Text(
        "policies_file", "policies", "JSON file of per-marketplace policy overrides",
        [](Config* c, const std::string& v) { c->policies_file = v; },
        [](const Config& c) { return c.policies_file; }));
    KeySpec audit_key = Text(
        "audit.key", "audit-key",
        "key signing the event log's partition heads (kept outside the database)",
        [](Config* c, const std::string& v) { c->audit_key = v; },
        [](const Config&) { return std::string(); });
    audit_key.kind = KeyKind::kSecret;
    k.push_back(std::move(audit_key));
    k.push_back(Text(
        "audit.key_file", "audit-key-file",
        "file holding audit.key (default: ~/.local/share/eduledger/audit.key, created when "
        "missing)",
        [](Config* c, const std::string& v) { c->audit_key_file = v; },
        [](const Config& c) { return c.audit_key_file; }));
    return k;
  }();
  return keys;
}

const KeySpec* FindKey(const std::string& key) {
  for (const KeySpec& s : Keys()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

// Whether `path` is a group of keys ("http" for http.port).
bool IsGroup(const std::string& path) {
  for (const KeySpec& s : Keys()) {
    if (s.key.size() > path.size() && s.key.compare(0, path.size(), path) == 0 &&
        s.key[path.size()] == '.') {
      return true;
    }
  }
  return path == "kafka";
}

std::string KnownKeysUnder(const std::string& group) {
  std::vector<std::string> names;
  for (const KeySpec& s : Keys()) {
    std::string name;
    if (group.empty()) {
      name = s.key.substr(0, s.key.find('.'));
    } else if (s.key.rfind(group + ".", 0) == 0) {
      name = s.key.substr(group.size() + 1);
    } else {
      continue;
    }
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string EnvNameOf(const std::string& key) {
  std::string out = "EDULEDGER_";
  for (char c : key)
    out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

constexpr char kKafkaPropertyEnvPrefix[] = "EDULEDGER_KAFKA_PROPERTY_";

// Confluent's convention: '_' is '.', '__' is '_' (SASL_MECHANISMS -> sasl.mechanisms).
std::string KafkaPropertyFromEnv(const std::string& suffix) {
  std::string out;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (suffix[i] == '_' && i + 1 < suffix.size() && suffix[i + 1] == '_') {
      out += '_';
      ++i;
    } else if (suffix[i] == '_') {
      out += '.';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[i])));
    }
  }
  return out;
}

Status KeyError(const std::string& source, const std::string& key, const std::string& what) {
  return Status::InvalidArgument(source + ": key '" + key + "': " + what);
}

std::string Quoted(const std::string& text) {
  rapidjson::Value v(
      rapidjson::StringRef(text.data(), static_cast<rapidjson::SizeType>(text.size())));
  return json::Stringify(v);
}

// How a JSON value reads in a message: scalars as JSON, containers by their type.
std::string Shown(const rapidjson::Value& v) {
  if (v.IsObject() || v.IsArray()) return json::JsonTypeName(v);
  std::string s = json::Stringify(v);
  return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

std::string ExpectedOf(const KeySpec& spec) {
  switch (spec.kind) {
    case KeyKind::kInt:
      return fmt::format("an integer in {}..{}", spec.min, spec.max);
    case KeyKind::kChoice: {
      std::string out;
      for (const auto& c : spec.choices) out += (out.empty() ? "" : "|") + c;
      return "one of " + out;
    }
    case KeyKind::kSecret:
      return fmt::format("a secret of at least {} bytes", kMinJwtSecretBytes);
    case KeyKind::kString:
      return "a non-empty string";
  }
  return "?";
}

bool ParseInteger(const std::string& text, int64_t* out) {
  if (text.empty()) return false;
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return false;
  for (size_t j = i; j < text.size(); ++j) {
    if (text[j] < '0' || text[j] > '9') return false;
  }
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno == ERANGE) return false;
  *out = v;
  return true;
}

// Sets a key from text (environment, flags, or a JSON string). `shown` is how the value appears in
// an error message.
Status SetText(const KeySpec& spec, const std::string& text, const std::string& shown,
               const std::string& source, Config* config) {
  auto fail = [&] {
    return KeyError(source, spec.key, "expected " + ExpectedOf(spec) + ", got " + shown);
  };
  switch (spec.kind) {
    case KeyKind::kInt: {
      int64_t v = 0;
      if (!ParseInteger(text, &v) || v < spec.min || v > spec.max) return fail();
      spec.set_int(config, v);
      return Status::OK();
    }
    case KeyKind::kChoice:
      for (const auto& c : spec.choices) {
        if (c == text) {
          spec.set_text(config, text);
          return Status::OK();
        }
      }
      return fail();
    case KeyKind::kSecret:
      // Never echo a secret, even a wrong one.
      if (text.size() < kMinJwtSecretBytes) {
        return KeyError(
            source, spec.key,
            fmt::format("expected {}, got {} bytes (HS256 keys must be at least as long "
                        "as the hash, RFC 7518)",
                        ExpectedOf(spec), text.size()));
      }
      spec.set_text(config, text);
      return Status::OK();
    case KeyKind::kString:
      if (text.empty()) return fail();
      spec.set_text(config, text);
      return Status::OK();
  }
  return fail();
}

Status SetJson(const KeySpec& spec, const rapidjson::Value& v, const std::string& source,
               Config* config) {
  if (spec.kind == KeyKind::kInt) {
    if (!v.IsInt64()) {
      return KeyError(source, spec.key, "expected " + ExpectedOf(spec) + ", got " + Shown(v));
    }
    return SetText(spec, std::to_string(v.GetInt64()), Shown(v), source, config);
  }
  if (!v.IsString()) {
    return KeyError(source, spec.key,
                    "expected " + ExpectedOf(spec) + ", got " +
                        (spec.kind == KeyKind::kSecret ? json::JsonTypeName(v) : Shown(v)));
  }
  std::string text(v.GetString(), v.GetStringLength());
  return SetText(spec, text, Shown(v), source, config);
}

// librdkafka validates the name and the value, so a typo fails at startup, not at first produce.
Status SetKafkaProperty(const std::string& name, const std::string& value,
                        const std::string& source, Config* config) {
  const std::string key = "kafka." + name;
  if (name == "bootstrap.servers") {
    return KeyError(source, key, "set the brokers with 'kafka.bootstrap_servers'");
  }
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512] = {0};
  rd_kafka_conf_res_t res =
      rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error);
  rd_kafka_conf_destroy(conf);
  if (res == RD_KAFKA_CONF_UNKNOWN) {
    return KeyError(source, key,
                    "not a librdkafka property (known keys under 'kafka': " +
                        KnownKeysUnder("kafka") + ", or any librdkafka property)");
  }
  if (res != RD_KAFKA_CONF_OK) {
    return KeyError(source, key, std::string("librdkafka rejects the value: ") + error);
  }
  config->kafka.properties[name] = value;
  return Status::OK();
}

Status ApplyJsonValue(const std::string& path, const rapidjson::Value& v, const std::string& source,
                      Config* config) {
  if (const KeySpec* spec = FindKey(path)) return SetJson(*spec, v, source, config);
  if (IsGroup(path)) {
    if (!v.IsObject())
      return KeyError(source, path, std::string("expected an object, got ") + Shown(v));
    std::set<std::string> seen;
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      std::string name(m->name.GetString(), m->name.GetStringLength());
      std::string child = path + "." + name;
      if (!seen.insert(name).second) return KeyError(source, child, "appears twice");
      EDU_RETURN_IF_ERROR(ApplyJsonValue(child, m->value, source, config));
    }
    return Status::OK();
  }
  // rate_limits.<marketplace>.routes.<CommandType> = "requests/seconds" (any command type name:
  // serve checks them against the registry).
  {
    const std::string prefix = "rate_limits.";
    const std::string routes = ".routes";
    if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size() + routes.size() &&
        path.compare(path.size() - routes.size(), routes.size(), routes) == 0) {
      std::string market = path.substr(prefix.size(), path.size() - prefix.size() - routes.size());
      if (market == "mentorship" || market == "peerloop" || market == "skillspring" ||
          market == "uhs") {
        if (!v.IsObject())
          return KeyError(source, path, std::string("expected an object, got ") + Shown(v));
        for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
          std::string type(m->name.GetString(), m->name.GetStringLength());
          std::string key = path + "." + type;
          std::string text = m->value.IsString()
                                 ? std::string(m->value.GetString(), m->value.GetStringLength())
                                 : std::string();
          size_t slash = text.find('/');
          int64_t requests = 0, seconds = 0;
          if (slash == std::string::npos || !ParseInteger(text.substr(0, slash), &requests) ||
              !ParseInteger(text.substr(slash + 1), &seconds) || requests < 0 || seconds < 1 ||
              seconds > 7 * 86400) {
            return KeyError(
                source, key,
                "expected \"requests/seconds\" (\"3/60\"; 0 requests: unlimited), got " +
                    Shown(m->value));
          }
          config->rate_limits.routes[market][type] = RouteLimitConfig{requests, seconds};
        }
        return Status::OK();
      }
    }
  }
  if (path.rfind("kafka.", 0) == 0) {
    std::string text;
    if (v.IsString()) {
      text.assign(v.GetString(), v.GetStringLength());
    } else if (v.IsInt64() || v.IsBool()) {
      text = json::Stringify(v);
    } else {
      return KeyError(source, path,
                      std::string("expected a string, an integer or a boolean, got ") + Shown(v));
    }
    return SetKafkaProperty(path.substr(6), text, source, config);
  }
  std::string group = path.find('.') == std::string::npos ? "" : path.substr(0, path.rfind('.'));
  return Status::InvalidArgument(source + ": unknown key '" + path + "' (known keys" +
                                 (group.empty() ? "" : " under '" + group + "'") + ": " +
                                 KnownKeysUnder(group) + ")");
}

}  // namespace

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry = *e;
    if (entry.rfind("EDULEDGER_", 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

std::vector<OptionSpec> ConfigOptionSpecs() {
  Config defaults;
  std::vector<OptionSpec> specs;
  specs.push_back({"config", true, "JSON config file (or EDULEDGER_CONFIG)", ""});
  for (const KeySpec& s : Keys()) {
    if (s.flag.empty()) continue;
    std::string help = s.help + " [" + s.key + ", " + EnvNameOf(s.key) + "]";
    std::string def = s.show_default(defaults);
    if (!def.empty()) help += " (default: " + def + ")";
    specs.push_back({s.flag, true, help, ""});
  }
  return specs;
}

Status ApplyConfigJson(std::string_view text, const std::string& source, Config* config) {
  rapidjson::Document doc;
  Status parsed = json::ParseDocument(text, &doc);
  if (!parsed.ok()) return Status::InvalidArgument(source + ": " + parsed.message());
  if (!doc.IsObject()) {
    return Status::InvalidArgument(source + ": expected a JSON object at the top, got " +
                                   json::JsonTypeName(doc));
  }
  std::set<std::string> seen;
  for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m) {
    std::string name(m->name.GetString(), m->name.GetStringLength());
    if (!seen.insert(name).second) return KeyError(source, name, "appears twice");
    EDU_RETURN_IF_ERROR(ApplyJsonValue(name, m->value, source, config));
  }
  return Status::OK();
}

Status ApplyConfigFile(const std::string& path, Config* config) {
  const std::string source = "config file " + path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(source + ": cannot read: " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::InvalidArgument(source + ": cannot read: " + std::strerror(errno));
  return ApplyConfigJson(buffer.str(), source, config);
}

Status ApplyEnvironment(const Environment& env, Config* config) {
  for (const KeySpec& s : Keys()) {
    std::string name = EnvNameOf(s.key);
    auto it = env.find(name);
    if (it == env.end()) continue;
    std::string shown = s.kind == KeyKind::kSecret ? "" : Quoted(it->second);
    EDU_RETURN_IF_ERROR(SetText(s, it->second, shown, "environment variable " + name, config));
  }
  const std::string prefix = kKafkaPropertyEnvPrefix;
  for (const auto& [name, value] : env) {
    if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size()) continue;
    EDU_RETURN_IF_ERROR(SetKafkaProperty(KafkaPropertyFromEnv(name.substr(prefix.size())), value,
                                         "environment variable " + name, config));
  }
  return Status::OK();
}

Status ApplyFlags(const Args& args, Config* config) {
  for (const KeySpec& s : Keys()) {
    if (s.flag.empty() || !args.Has(s.flag)) continue;
    std::string value = args.Get(s.flag);
    std::string shown = s.kind == KeyKind::kSecret ? "" : Quoted(value);
    EDU_RETURN_IF_ERROR(SetText(s, value, shown, "command-line flag --" + s.flag, config));
  }
  return Status::OK();
}

Status ValidateConfig(const Config& config) {
  if (config.log_backend == "kafka" && config.kafka.bootstrap_servers.empty()) {
    return Status::InvalidArgument(
        "config: key 'kafka.bootstrap_servers' (EDULEDGER_KAFKA_BOOTSTRAP_SERVERS, "
        "--kafka-bootstrap-servers) is required when log.backend is 'kafka'");
  }
  return Status::OK();
}

Status LoadConfig(const Args& args, const Environment& env, Config* out) {
  Config config;
  std::string file = args.Get("config");
  if (file.empty()) {
    auto it = env.find("EDULEDGER_CONFIG");
    if (it != env.end()) file = it->second;
  }
  if (!file.empty()) EDU_RETURN_IF_ERROR(ApplyConfigFile(file, &config));
  EDU_RETURN_IF_ERROR(ApplyEnvironment(env, &config));
  EDU_RETURN_IF_ERROR(ApplyFlags(args, &config));
  EDU_RETURN_IF_ERROR(ValidateConfig(config));
  *out = std::move(config);
  return Status::OK();
}

}  // namespace edu
