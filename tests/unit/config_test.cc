#include "adapters/config/config.h"

#include <cstdio>
#include <fstream>

#include <doctest/doctest.h>

namespace edu {
namespace {

const std::string kSecret32 = "0123456789abcdef0123456789abcdef";

Args ParseFlags(std::vector<std::string> flags) {
  std::vector<std::string> storage = {"eduledger", "serve"};
  storage.insert(storage.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  Args args;
  std::string error;
  bool ok = args.Parse(static_cast<int>(argv.size()), argv.data(), 2, ConfigOptionSpecs(), &error);
  REQUIRE_MESSAGE(ok, error);
  return args;
}

// A config file in the test's working directory, removed afterwards.
struct TempFile {
  explicit TempFile(const std::string& text)
      : path("config_test_" + std::to_string(counter++) + ".json") {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
  static inline int counter = 0;
};

std::string ErrorOfJson(const std::string& json) {
  Config c;
  Status s = ApplyConfigJson(json, "config file eduledger.json", &c);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kInvalidArgument);
  return s.message();
}

}  // namespace

TEST_CASE("config: defaults when nothing is given") {
  Config c;
  REQUIRE(LoadConfig(ParseFlags({}), Environment{}, &c).ok());
  CHECK(c.db.empty());
  CHECK(c.log_backend == "postgres");
  CHECK(c.http.host == "127.0.0.1");
  CHECK(c.http.port == 8080);
  CHECK(c.http.max_body_bytes == 1 << 20);
  CHECK(c.jwt_secret.empty());
}

TEST_CASE("config: file < environment < flags, key by key") {
  TempFile file(R"({"db": "postgresql://file/db", "http": {"port": 1111, "host": "0.0.0.0"},
                    "log": {"partitions": 3}, "jwt": {"secret": ")" +
                kSecret32 + R"("}})");
  Environment env = {{"EDULEDGER_HTTP_PORT", "2222"}, {"EDULEDGER_DB", "postgresql://env/db"}};

  Config c;
  REQUIRE(LoadConfig(ParseFlags({"--config", file.path, "--port", "3333"}), env, &c).ok());
  CHECK(c.http.port == 3333);            // flag beats environment and file
  CHECK(c.db == "postgresql://env/db");  // environment beats file
  CHECK(c.http.host == "0.0.0.0");       // file beats default
  CHECK(c.partitions == 3);
  CHECK(c.jwt_secret == kSecret32);

  REQUIRE(LoadConfig(ParseFlags({"--config", file.path}), env, &c).ok());
  CHECK(c.http.port == 2222);

  REQUIRE(LoadConfig(ParseFlags({"--config", file.path}), Environment{}, &c).ok());
  CHECK(c.http.port == 1111);
  CHECK(c.db == "postgresql://file/db");

  // EDULEDGER_CONFIG names the file when --config is absent; --config wins over it.
  REQUIRE(LoadConfig(ParseFlags({}), Environment{{"EDULEDGER_CONFIG", file.path}}, &c).ok());
  CHECK(c.http.port == 1111);
  Status s = LoadConfig(ParseFlags({"--config", "missing.json"}),
                        Environment{{"EDULEDGER_CONFIG", file.path}}, &c);
  CHECK(s.message() == "config file missing.json: cannot read: No such file or directory");
}

TEST_CASE("config: every bad value in the file names the file, the key and the value") {
  CHECK(
      ErrorOfJson(R"({"http": {"port": "abc"}})") ==
      R"(config file eduledger.json: key 'http.port': expected an integer in 1..65535, got "abc")");
  CHECK(ErrorOfJson(R"({"http": {"port": 70000}})") ==
        "config file eduledger.json: key 'http.port': expected an integer in 1..65535, got 70000");
  CHECK(ErrorOfJson(R"({"http": {"port": 80.5}})") ==
        "config file eduledger.json: key 'http.port': expected an integer in 1..65535, got 80.5");
  CHECK(ErrorOfJson(R"({"db": 5})") ==
        "config file eduledger.json: key 'db': expected a non-empty string, got 5");
  CHECK(ErrorOfJson(R"({"db": ""})") ==
        R"(config file eduledger.json: key 'db': expected a non-empty string, got "")");
  CHECK(
      ErrorOfJson(R"({"log": {"backend": "mysql"}})") ==
      R"(config file eduledger.json: key 'log.backend': expected one of postgres|kafka, got "mysql")");
  CHECK(ErrorOfJson(R"({"log": {"partitions": 0}})") ==
        "config file eduledger.json: key 'log.partitions': expected an integer in 1..1024, got 0");
  CHECK(ErrorOfJson(R"({"http": 8080})") ==
        "config file eduledger.json: key 'http': expected an object, got 8080");
  CHECK(ErrorOfJson(R"({"http": {"read_timeout_ms": [1]}})") ==
        "config file eduledger.json: key 'http.read_timeout_ms': expected an integer in "
        "100..3600000, got an array");
  CHECK(ErrorOfJson(R"({"projector": {"batch_size": -1}})") ==
        "config file eduledger.json: key 'projector.batch_size': expected an integer in 1..100000, "
        "got -1");
}

TEST_CASE("config: a short secret is refused without echoing it") {
  std::string message = ErrorOfJson(R"({"jwt": {"secret": "hunter2"}})");
  CHECK(message ==
        "config file eduledger.json: key 'jwt.secret': expected a secret of at least 32 bytes, got "
        "7 bytes (HS256 keys must be at least as long as the hash, RFC 7518)");
  CHECK(message.find("hunter2") == std::string::npos);
  Config c;
  Status s = ApplyEnvironment({{"EDULEDGER_JWT_SECRET", "hunter2"}}, &c);
  CHECK(s.message().rfind("environment variable EDULEDGER_JWT_SECRET: key 'jwt.secret'", 0) == 0);
  CHECK(s.message().find("hunter2") == std::string::npos);
}

TEST_CASE("config: unknown, duplicate and unparsable keys in the file are errors") {
  CHECK(ErrorOfJson(R"({"http": {"prot": 1}})") ==
        "config file eduledger.json: unknown key 'http.prot' (known keys under 'http': host, port, "
        "max_body_bytes, max_connections, max_connections_per_address, header_timeout_ms, "
        "max_json_depth, read_timeout_ms, max_wait_ms)");
  CHECK(ErrorOfJson(R"({"databse": "x"})") ==
        "config file eduledger.json: unknown key 'databse' (known keys: db, log, kafka, http, jwt, "
        "rate_limits, projector, policies_file, audit)");
  CHECK(ErrorOfJson(R"({"db": "a", "db": "b"})") ==
        "config file eduledger.json: key 'db': appears twice");
  CHECK(ErrorOfJson(R"({"http": {"port": 1, "port": 2}})") ==
        "config file eduledger.json: key 'http.port': appears twice");
  CHECK(ErrorOfJson(R"({"db": })") ==
        "config file eduledger.json: invalid JSON at offset 7: Invalid value.");
  CHECK(ErrorOfJson("[1]") ==
        "config file eduledger.json: expected a JSON object at the top, got an array");
}

TEST_CASE("config: flat dotted keys in the file mean the same as nested ones") {
  Config c;
  REQUIRE(ApplyConfigJson(R"({"http.port": 9090, "log.backend": "kafka"})", "f", &c).ok());
  CHECK(c.http.port == 9090);
  CHECK(c.log_backend == "kafka");
}

TEST_CASE("config: environment and flag errors name their source") {
  Config c;
  Status s = ApplyEnvironment({{"EDULEDGER_HTTP_PORT", "70000"}}, &c);
  CHECK(
      s.message() ==
      R"(environment variable EDULEDGER_HTTP_PORT: key 'http.port': expected an integer in 1..65535, got "70000")");
  s = ApplyEnvironment({{"EDULEDGER_LOG_PARTITIONS", " 4"}}, &c);
  CHECK(
      s.message() ==
      R"(environment variable EDULEDGER_LOG_PARTITIONS: key 'log.partitions': expected an integer in 1..1024, got " 4")");
  s = ApplyFlags(ParseFlags({"--partitions", "0"}), &c);
  CHECK(
      s.message() ==
      R"(command-line flag --partitions: key 'log.partitions': expected an integer in 1..1024, got "0")");
  s = ApplyFlags(ParseFlags({"--log-backend=kafak"}), &c);
  CHECK(
      s.message() ==
      R"(command-line flag --log-backend: key 'log.backend': expected one of postgres|kafka, got "kafak")");
  s = ApplyFlags(ParseFlags({"--port", "99999999999999999999"}), &c);
  CHECK(s.message().find("expected an integer in 1..65535") != std::string::npos);
  // Unrelated EDULEDGER_* variables (used by scripts) are ignored.
  CHECK(ApplyEnvironment({{"EDULEDGER_TEST_PG", "postgresql://x"}}, &c).ok());
}

TEST_CASE("config: kafka.* properties pass through to librdkafka, which validates them") {
  Config c;
  REQUIRE(ApplyConfigJson(R"({"kafka": {"bootstrap_servers": "b1:9092,b2:9092",
                                         "security.protocol": "SASL_SSL",
                                         "sasl.mechanisms": "PLAIN", "linger.ms": 5}})",
                          "f", &c)
              .ok());
  CHECK(c.kafka.bootstrap_servers == "b1:9092,b2:9092");
  CHECK(c.kafka.properties.at("security.protocol") == "SASL_SSL");
  CHECK(c.kafka.properties.at("sasl.mechanisms") == "PLAIN");
  CHECK(c.kafka.properties.at("linger.ms") == "5");

  REQUIRE(ApplyEnvironment({{"EDULEDGER_KAFKA_PROPERTY_SASL_USERNAME", "bob"}}, &c).ok());
  CHECK(c.kafka.properties.at("sasl.username") == "bob");

  CHECK(
      ErrorOfJson(R"({"kafka": {"security.protocl": "SSL"}})") ==
      "config file eduledger.json: key 'kafka.security.protocl': not a librdkafka property (known "
      "keys under 'kafka': bootstrap_servers, topic_prefix, or any librdkafka property)");
  CHECK(ErrorOfJson(R"({"kafka": {"security.protocol": "bogus"}})")
            .rfind("config file eduledger.json: key 'kafka.security.protocol': librdkafka rejects "
                   "the value: ",
                   0) == 0);
  CHECK(ErrorOfJson(R"({"kafka": {"bootstrap.servers": "b:9092"}})") ==
        "config file eduledger.json: key 'kafka.bootstrap.servers': set the brokers with "
        "'kafka.bootstrap_servers'");
}

TEST_CASE("config: a kafka backend needs bootstrap servers") {
  Config c;
  Status s = LoadConfig(ParseFlags({"--log-backend", "kafka"}), Environment{}, &c);
  CHECK(s.message() ==
        "config: key 'kafka.bootstrap_servers' (EDULEDGER_KAFKA_BOOTSTRAP_SERVERS, "
        "--kafka-bootstrap-servers) is required when log.backend is 'kafka'");
  REQUIRE(LoadConfig(ParseFlags({"--log-backend", "kafka", "--kafka-bootstrap-servers", "b:9092"}),
                     Environment{}, &c)
              .ok());
  CHECK(c.log_backend == "kafka");
}

TEST_CASE("config: rate limits default to the PRD and are set per marketplace and route") {
  Config c;
  CHECK(c.rate_limits.requests_per_minute == 100);
  CHECK(c.rate_limits.auth_failures == 5);
  CHECK(c.rate_limits.lockout_seconds == 900);
  CHECK(c.rate_limits.routes.at("mentorship").at("BookSession").requests == 3);
  CHECK(c.jwt_max_lifetime_seconds == 86'400);
  CHECK(c.http.header_timeout_ms == 5'000);
  REQUIRE(ApplyConfigJson(R"({"rate_limits": {"requests_per_minute": 50, "uhs": {
                               "requests_per_minute": 20, "routes": {"PlaceOrder": "2/30"}}},
                               "jwt": {"max_lifetime_seconds": 3600}})",
                          "config file eduledger.json", &c)
              .ok());
  CHECK(c.rate_limits.requests_per_minute == 50);
  CHECK(c.rate_limits.marketplace_requests_per_minute.at("uhs") == 20);
  CHECK(c.rate_limits.routes.at("uhs").at("PlaceOrder").requests == 2);
  CHECK(c.rate_limits.routes.at("uhs").at("PlaceOrder").window_seconds == 30);
  CHECK(c.jwt_max_lifetime_seconds == 3600);
  CHECK(ErrorOfJson(
            R"({"rate_limits": {"mentorship": {"routes": {"BookSession": "3 a minute"}}}})") ==
        "config file eduledger.json: key 'rate_limits.mentorship.routes.BookSession': expected "
        "\"requests/seconds\" (\"3/60\"; 0 requests: unlimited), got \"3 a minute\"");
  REQUIRE(
      ApplyEnvironment({{"EDULEDGER_RATE_LIMITS_MENTORSHIP_REQUESTS_PER_MINUTE", "7"}}, &c).ok());
  CHECK(c.rate_limits.marketplace_requests_per_minute.at("mentorship") == 7);
}

}  // namespace edu
