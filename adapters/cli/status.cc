// eduledger status: the log's end offsets per partition and each projection's checkpoints and lag,
// read without changing anything: the embedded log's tables (or the Kafka events topic) and the
// projector bookkeeping in PostgreSQL. No schema is created.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "adapters/config/config.h"
#include "adapters/kafka/kafka_backend.h"
#include "eventstore/kafka_event_log.h"
#include "eventstore/operator_decisions.h"
#include "projections/all_projections.h"

namespace edu {
namespace {

struct StoredProjection {
  int version = 0;
  std::string state;
  std::string live_schema;
  std::string last_error;
  std::string error_event_id;  // the event it stopped at ("" when none)
  std::string error_event_type;
  std::string error_stream;
  int error_partition = 0;
  int64_t error_offset = 0;
  int64_t skip_decisions = -1;         // operator decisions on the embedded log (-1: not counted)
  std::map<int, int64_t> checkpoints;  // partition -> next offset (live slot)
};

bool TableExists(pqxx::transaction_base& tx, const std::string& table) {
  return !tx.exec1("SELECT to_regclass(" + tx.quote(table) + ") IS NULL")[0].as<bool>();
}

// Kafka offsets also count transaction markers, so only the embedded log's ends count events.
void PrintEnds(const std::string& what, const std::vector<int64_t>& ends, bool ends_count_events) {
  int64_t total = 0;
  for (int64_t e : ends) total += e;
  std::string count = ends_count_events ? fmt::format("{} events", total)
                                        : fmt::format("end offsets summing to {}", total);
  std::printf("event log (%s): %zu partitions, %s\n", what.c_str(), ends.size(), count.c_str());
  std::printf("  %-10s %12s\n", "partition", "end_offset");
  for (size_t p = 0; p < ends.size(); ++p) {
    std::printf("  %-10zu %12lld\n", p, static_cast<long long>(ends[p]));
  }
}

// The embedded log's end offsets; false when the database has no event log yet.
bool ReadPgEnds(pqxx::transaction_base& tx, std::vector<int64_t>* ends) {
  if (!TableExists(tx, "eventstore.partitions")) return false;
  for (const auto& row :
       tx.exec("SELECT partition, next_offset FROM eventstore.partitions ORDER BY partition")) {
    size_t p = row[0].as<size_t>();
    if (ends->size() <= p) ends->resize(p + 1, 0);
    (*ends)[p] = row[1].as<int64_t>();
  }
  return true;
}

Status ReadKafkaEnds(const Config& config, std::vector<int64_t>* ends) {
  KafkaSettings settings = KafkaSettingsFromConfig(config);
  if (settings.bootstrap_servers == "mock") {
    return Status::InvalidArgument(
        "an in-process mock cluster lives only inside its serve process; "
        "ask that server: GET /v1/projections");
  }
  std::unique_ptr<KafkaEventLog> log;
  EDU_RETURN_IF_ERROR(KafkaEventLog::Open(settings, &log).Annotate("reading the Kafka log"));
  return log->EndOffsets(ends);
}

int Report(const Config& config) {
  std::vector<int64_t> ends;
  if (config.log_backend == "kafka") {
    Status s = ReadKafkaEnds(config, &ends);
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger status: %s\n", s.ToString().c_str());
      return 1;
    }
    PrintEnds("kafka at " + config.kafka.bootstrap_servers + ", topic " +
                  config.kafka.topic_prefix + ".events",
              ends, false);
  }
  pqxx::connection conn(config.db);
  pqxx::read_transaction tx(conn);
  if (config.log_backend == "postgres") {
    if (!ReadPgEnds(tx, &ends)) {
      std::printf("database %s has no event log yet (run eduledger serve once to create it)\n",
                  conn.dbname());
      return 0;
    }
    PrintEnds(std::string("database ") + conn.dbname(), ends, true);
  }
  int64_t total = 0;
  for (int64_t e : ends) total += e;

  std::map<std::string, StoredProjection> stored;
  if (TableExists(tx, "eduledger.projection_status")) {
    // error_event_id is read through to_jsonb: a database last written by an older build lacks it.
    for (const auto& row :
         tx.exec("SELECT projection, version, state, live_schema, coalesce(last_error, ''), "
                 "coalesce(to_jsonb(s) ->> 'error_event_id', ''), coalesce(error_event_type, ''), "
                 "coalesce(error_stream, ''), coalesce(error_partition, 0), "
                 "coalesce(error_offset, 0) FROM eduledger.projection_status s")) {
      StoredProjection& s = stored[row[0].as<std::string>()];
      s.version = row[1].as<int>();
      s.state = row[2].as<std::string>();
      s.live_schema = row[3].as<std::string>();
      s.last_error = row[4].as<std::string>();
      s.error_event_id = row[5].as<std::string>();
      s.error_event_type = row[6].as<std::string>();
      s.error_stream = row[7].as<std::string>();
      s.error_partition = row[8].as<int>();
      s.error_offset = row[9].as<int64_t>();
    }
  }
  if (config.log_backend == "postgres") {
    for (auto& [name, s] : stored) {
      s.skip_decisions =
          tx.exec_params1("SELECT count(*) FROM eventstore.events WHERE stream_id = $1",
                          DecisionStreamId("projection", name))[0]
              .as<int64_t>();
    }
  }
  if (TableExists(tx, "eduledger.projection_checkpoints")) {
    for (const auto& row : tx.exec("SELECT projection, partition, next_offset FROM "
                                   "eduledger.projection_checkpoints WHERE slot = 'live'")) {
      stored[row[0].as<std::string>()].checkpoints[row[1].as<int>()] = row[2].as<int64_t>();
    }
  }

  std::printf("\nprojections:\n");
  for (const auto& projection : AllProjections()) {
    auto it = stored.find(projection->name());
    if (it == stored.end() || it->second.state.empty()) {
      std::printf("  %s (v%d): not started; lag %lld\n", projection->name().c_str(),
                  projection->version(), static_cast<long long>(total));
      continue;
    }
    const StoredProjection& s = it->second;
    int64_t lag = 0;
    for (size_t p = 0; p < ends.size(); ++p) {
      auto c = s.checkpoints.find(static_cast<int>(p));
      lag += ends[p] - (c == s.checkpoints.end() ? 0 : c->second);
    }
    std::string note = s.version != projection->version()
                           ? fmt::format(
                                 " (stored v{}, code v{}: NEEDS A REBUILD: run eduledger "
                                 "rebuild {}; serve also rebuilds it at start)",
                                 s.version, projection->version(), projection->name())
                           : fmt::format(" (v{})", s.version);
    std::printf("  %s%s: %s in schema %s; lag %lld\n", projection->name().c_str(), note.c_str(),
                s.state.c_str(), s.live_schema.c_str(), static_cast<long long>(lag));
    if (!s.last_error.empty()) std::printf("    error: %s\n", s.last_error.c_str());
    if (!s.error_event_id.empty() && s.state == "failed") {
      std::printf(
          "    STOPPED at event %s (%s, stream %s, partition %d, offset %lld); the other "
          "projections go on.\n    Resolve: fix the cause and restart, or record a decision: "
          "eduledger projection skip %s --event %s --reason \"...\"\n",
          s.error_event_id.c_str(), s.error_event_type.c_str(), s.error_stream.c_str(),
          s.error_partition, static_cast<long long>(s.error_offset), projection->name().c_str(),
          s.error_event_id.c_str());
    }
    if (s.skip_decisions > 0) {
      std::printf(
          "    events skipped by operator decision: %lld (eduledger projection decisions %s)\n",
          static_cast<long long>(s.skip_decisions), projection->name().c_str());
    }
    std::printf("    %-10s %12s %12s %10s\n", "partition", "checkpoint", "end_offset", "lag");
    for (size_t p = 0; p < ends.size(); ++p) {
      auto c = s.checkpoints.find(static_cast<int>(p));
      int64_t checkpoint = c == s.checkpoints.end() ? 0 : c->second;
      std::printf("    %-10zu %12lld %12lld %10lld\n", p, static_cast<long long>(checkpoint),
                  static_cast<long long>(ends[p]), static_cast<long long>(ends[p] - checkpoint));
    }
  }
  for (const auto& [name, s] : stored) {
    bool known = false;
    for (const auto& projection : AllProjections()) known |= projection->name() == name;
    if (!known) std::printf("  %s: stored, but no such projection in this build\n", name.c_str());
  }
  return 0;
}

}  // namespace

int RunStatus(int argc, char** argv) {
  std::vector<OptionSpec> specs = ConfigOptionSpecs();
  specs.push_back({"help", false, "show this help", ""});
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger status: %s (see eduledger status --help)\n", error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger status --db <postgresql uri> [--log-backend kafka ...]\n\n"
        "Prints the event log's end offset per partition and each projection's state,\n"
        "checkpoints and lag (the projections' bookkeeping is in the --db database).\n"
        "Reads only.\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  Config config;
  Status loaded = LoadConfig(args, ProcessEnvironment(), &config);
  if (!loaded.ok()) {
    std::fprintf(stderr, "eduledger status: %s\n", loaded.message().c_str());
    return 2;
  }
  if (config.db.empty()) {
    std::fprintf(stderr,
                 "eduledger status: no database: pass --db <postgresql uri> or set "
                 "EDULEDGER_DB\n");
    return 2;
  }
  try {
    return Report(config);
  } catch (const pqxx::broken_connection& e) {
    std::fprintf(stderr, "eduledger status: cannot connect to the database: %s", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "eduledger status: reading the database failed: %s\n", e.what());
  }
  return 1;
}

}  // namespace edu
