// What the log tools (`eduledger replay`, `rebuild`, `audit`) share: their command line (the
// tool's own options plus every configuration key, as for serve and status; `--log` is short for
// `--log-backend`) and the event log they read, PostgreSQL or Kafka, opened from configuration.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/config/args.h"
#include "adapters/config/config.h"
#include "adapters/wiring/personal_data_layer.h"
#include "commands/registry.h"
#include "eventstore/kafka_event_log.h"
#include "eventstore/pg_event_log.h"

namespace edu {

// Parses argv[first..] with `specs` plus the configuration options and loads the configuration.
// Returns an exit code when the tool must stop now (2 after printing an error, 0 after printing
// `help` for --help); nullopt to go on.
std::optional<int> ParseToolArgs(const std::string& tool, const std::string& help,
                                 std::vector<OptionSpec> specs, int argc, char** argv, int first,
                                 size_t max_positional, Args* args, Config* config);

class ToolLog {
 public:
  // Opens the configured log for reading: the embedded log in --db (refused when that database
  // holds no event log: nothing is created), or the Kafka events topic. With a database, the
  // person key store there too (application()).
  static Status Open(const Config& config, std::unique_ptr<ToolLog>* out);
  ~ToolLog();

  // The log as stored (sealed personal data; what the hash chain covers).
  EventLog& stored() { return *stored_; }
  // The log with personal data opened (erased where forgotten). FailedPrecondition-like
  // InvalidArgument when no database (key store) was configured.
  Status application(EventLog** out);
  const Registry& registry() const { return registry_; }
  // The embedded log (its signed heads), or null on Kafka.
  PgEventLog* pg() { return pg_.get(); }
  // PostgreSQL offsets are contiguous; Kafka's skip transaction markers.
  bool contiguous_offsets() const { return pg_ != nullptr; }
  const std::string& description() const { return description_; }

 private:
  ToolLog() = default;
  Registry registry_;
  std::unique_ptr<PgEventLog> pg_;
  std::unique_ptr<KafkaEventLog> kafka_;
  EventLog* stored_ = nullptr;
  std::unique_ptr<PersonalDataLayer> personal_;
  std::string description_;
};

// "12,345" (figures in tool output).
std::string WithThousands(int64_t n);

}  // namespace edu
