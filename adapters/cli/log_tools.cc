#include "adapters/cli/log_tools.h"

#include <cstdio>

#include <pqxx/pqxx>

#include "adapters/kafka/kafka_backend.h"

namespace edu {
namespace {

// The partition count the embedded log in `uri` was created with; NotFound when it has none.
Status StoredPartitionCount(const std::string& uri, int* partitions) {
  try {
    pqxx::connection conn(uri);
    pqxx::read_transaction tx(conn);
    if (tx.exec1("SELECT to_regclass('eventstore.config') IS NULL")[0].as<bool>()) {
      return Status::NotFound("database " + std::string(conn.dbname()) +
                              " holds no event log (eduledger serve creates it)");
    }
    pqxx::result r = tx.exec("SELECT value FROM eventstore.config WHERE key = 'partition_count'");
    if (r.empty()) return Status::Corruption("eventstore.config has no partition_count");
    *partitions = r[0][0].as<int>();
    return Status::OK();
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable(std::string("cannot connect to the database: ") + e.what());
  } catch (const std::exception& e) {
    return Status::Internal(std::string("reading the event log's configuration: ") + e.what());
  }
}

}  // namespace

std::optional<int> ParseToolArgs(const std::string& tool, const std::string& help,
                                 std::vector<OptionSpec> specs, int argc, char** argv, int first,
                                 size_t max_positional, Args* args, Config* config) {
  for (OptionSpec& s : ConfigOptionSpecs()) specs.push_back(std::move(s));
  specs.push_back({"log", true, "short for --log-backend: postgres or kafka", ""});
  specs.push_back({"help", false, "show this help", ""});
  std::string error;
  if (!args->Parse(argc, argv, first, specs, &error, max_positional)) {
    std::fprintf(stderr, "eduledger %s: %s (see eduledger %s --help)\n", tool.c_str(),
                 error.c_str(), tool.c_str());
    return 2;
  }
  if (args->Has("help")) {
    std::printf("%s\n%s", help.c_str(), Args::Usage(specs).c_str());
    return 0;
  }
  Status loaded = LoadConfig(*args, ProcessEnvironment(), config);
  if (loaded.ok() && args->Has("log")) {
    std::string backend = args->Get("log");
    if (backend != "postgres" && backend != "kafka") {
      loaded = Status::InvalidArgument("--log must be postgres or kafka, got '" + backend + "'");
    } else {
      config->log_backend = backend;
      loaded = ValidateConfig(*config);
    }
  }
  if (!loaded.ok()) {
    std::fprintf(stderr, "eduledger %s: %s\n", tool.c_str(), loaded.message().c_str());
    return 2;
  }
  if (config->log_backend == "postgres" && config->db.empty()) {
    std::fprintf(stderr,
                 "eduledger %s: no database: pass --db <postgresql uri> or set EDULEDGER_DB\n",
                 tool.c_str());
    return 2;
  }
  return std::nullopt;
}

ToolLog::~ToolLog() {
  personal_.reset();
  kafka_.reset();
  pg_.reset();
}

Status ToolLog::Open(const Config& config, std::unique_ptr<ToolLog>* out) {
  std::unique_ptr<ToolLog> t(new ToolLog());
  RegisterAllMarketplaces(&t->registry_);
  if (config.log_backend == "kafka") {
    KafkaSettings settings = KafkaSettingsFromConfig(config);
    if (settings.bootstrap_servers == "mock") {
      return Status::InvalidArgument(
          "an in-process mock cluster lives only inside its serve "
          "process; run eduledger dev-broker and pass its address");
    }
    EDU_RETURN_IF_ERROR(
        KafkaEventLog::Open(settings, &t->kafka_).Annotate("opening the Kafka log"));
    t->stored_ = t->kafka_.get();
    t->description_ =
        "kafka at " + settings.bootstrap_servers + ", topic " + settings.topic_prefix + ".events";
  } else {
    PgEventLog::Options options;
    EDU_RETURN_IF_ERROR(StoredPartitionCount(config.db, &options.partitions));
    options.writer_threads = 1;
    EDU_RETURN_IF_ERROR(
        PgEventLog::Open(config.db, options, &t->pg_).Annotate("opening the event log"));
    t->stored_ = t->pg_.get();
    t->description_ = "postgres";
  }
  if (!config.db.empty()) {
    EDU_RETURN_IF_ERROR(PersonalDataLayer::Open(config.db, t->registry_, nullptr, &t->personal_));
    t->personal_->Wrap(t->stored_);
  }
  *out = std::move(t);
  return Status::OK();
}

Status ToolLog::application(EventLog** out) {
  if (!personal_) {
    return Status::InvalidArgument(
        "personal data on the log is sealed and its keys live in the "
        "database: pass --db <postgresql uri> (or read the stored form "
        "where the tool offers --raw)");
  }
  *out = personal_->log();
  return Status::OK();
}

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace edu
