// eduledger projection skip|decisions, eduledger reaction skip|decisions: the operator's explicit,
// recorded resolution of an event a projection or reaction stopped at
// (eventstore/operator_decisions.h). The decision is an event on the log (auditors see who, when
// and why in replay and `audit stream`); running projectors and reactors read it within a second
// and go on past that one event; every rebuild honours it.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "adapters/cli/log_tools.h"
#include "adapters/cli/subcommands.h"
#include "commands/all_reactions.h"
#include "eventstore/clock.h"
#include "eventstore/operator_decisions.h"
#include "projections/all_projections.h"

namespace edu {
namespace {

constexpr const char* kProjectionHelp =
    "usage: eduledger projection skip <projection> --event <event id> --reason \"...\" "
    "--db <postgresql uri> [--actor <who>]\n"
    "       eduledger projection decisions <projection> --db <postgresql uri>\n\n"
    "A projection that cannot apply an event stops at it, alone (GET /healthz says \"degraded\"\n"
    "and names it; so does eduledger status). Either fix the cause and restart, or record an\n"
    "explicit decision to skip that one event: the decision is appended to the event log\n"
    "(type ProjectionEventSkipped, with the operator, the time and the reason), so auditors see\n"
    "it in replay and audit stream. A running serve resumes past the event within a second, and\n"
    "every rebuild skips the same events. `skip` refuses an event the projection is not stopped\n"
    "at. `decisions` lists the decisions recorded for a projection.";

constexpr const char* kReactionHelp =
    "usage: eduledger reaction skip <reaction> --event <event id> --reason \"...\" "
    "--db <postgresql uri> [--actor <who>]\n"
    "       eduledger reaction decisions <reaction> --db <postgresql uri>\n\n"
    "A reaction that cannot react to an event stops at it, alone (GET /healthz says \"degraded\"\n"
    "and names it). Record an explicit decision to skip that one event: it is appended to the\n"
    "event log (type ReactionEventSkipped, with the operator, the time and the reason) and a\n"
    "running serve resumes past it within a second. Needs the embedded (PostgreSQL) log to find\n"
    "the event.";

int Fail(const std::string& tool, const std::string& message, int code) {
  std::fprintf(stderr, "eduledger %s: %s\n", tool.c_str(), message.c_str());
  return code;
}

// The event the projection is stopped at, from its status row (written by the projector when it
// stopped, live or rebuilding).
Status FindStoppedEvent(const std::string& db, const std::string& projection, SkipDecision* d) {
  try {
    pqxx::connection conn(db);
    pqxx::read_transaction tx(conn);
    if (tx.exec1("SELECT to_regclass('eduledger.projection_status') IS NULL")[0].as<bool>()) {
      return Status::NotFound("no projection has run against this database yet");
    }
    auto rows = tx.exec_params(
        "SELECT state, coalesce(to_jsonb(s) ->> 'error_event_id', ''), "
        "coalesce(error_event_type, ''), coalesce(error_stream, ''), coalesce(error_version, 0), "
        "coalesce(error_partition, 0), coalesce(error_offset, 0), coalesce(last_error, '') "
        "FROM eduledger.projection_status s WHERE projection = $1",
        projection);
    if (rows.empty()) {
      return Status::NotFound("projection '" + projection + "' has not run against this database");
    }
    const auto& r = rows[0];
    d->event_id = r[1].as<std::string>();
    d->event_type = r[2].as<std::string>();
    d->stream_id = r[3].as<std::string>();
    d->stream_version = r[4].as<int64_t>();
    d->partition = r[5].as<int32_t>();
    d->offset = r[6].as<int64_t>();
    d->error = r[7].as<std::string>();
    if (d->event_id.empty()) {
      return Status::NotFound("projection '" + projection + "' is " + r[0].as<std::string>() +
                              " and not stopped at an event: there is nothing to skip");
    }
    return Status::OK();
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("reading the projection status: ") + e.what());
  }
}

// The event as the embedded log holds it.
Status FindLoggedEvent(const std::string& db, const std::string& event_id, SkipDecision* d) {
  try {
    pqxx::connection conn(db);
    pqxx::read_transaction tx(conn);
    if (tx.exec1("SELECT to_regclass('eventstore.events') IS NULL")[0].as<bool>()) {
      return Status::NotFound("the database holds no embedded event log");
    }
    auto rows = tx.exec_params(
        "SELECT type, stream_id, stream_version, partition, \"offset\" FROM eventstore.events "
        "WHERE event_id = $1::uuid",
        event_id);
    if (rows.empty()) return Status::NotFound("no event " + event_id + " in the log");
    d->event_type = rows[0][0].as<std::string>();
    d->stream_id = rows[0][1].as<std::string>();
    d->stream_version = rows[0][2].as<int64_t>();
    d->partition = rows[0][3].as<int32_t>();
    d->offset = rows[0][4].as<int64_t>();
    return Status::OK();
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("looking the event up: ") + e.what());
  }
}

int Run(const std::string& component, int argc, char** argv) {
  const std::string tool = component;
  const bool projection = component == "projection";
  const std::string help = projection ? kProjectionHelp : kReactionHelp;
  if (argc < 3 || (std::string(argv[2]) != "skip" && std::string(argv[2]) != "decisions")) {
    if (argc >= 3 && (std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h")) {
      std::printf("%s\n", help.c_str());
      return 0;
    }
    return Fail(tool, "say skip or decisions (see eduledger " + tool + " --help)", 2);
  }
  const std::string action = argv[2];
  const std::vector<OptionSpec> specs = {
      {"event", true, "the id of the event to skip (the one it is stopped at)", ""},
      {"reason", true, "why skipping it is right; recorded on the log for auditors", ""},
      {"actor", true, "who decides (default: operator:$USER)", ""},
  };
  Args args;
  Config config;
  if (auto code = ParseToolArgs(tool + " " + action, help, specs, argc, argv, 3, 1, &args, &config))
    return *code;
  if (args.positional().empty()) return Fail(tool, "name the " + component, 2);
  const std::string name = args.positional().front();
  std::vector<std::string> names;
  if (projection) {
    for (const auto& p : AllProjections()) names.push_back(p->name());
  } else {
    for (const auto& r : AllReactions()) names.push_back(r->name());
  }
  bool known = false;
  std::string listed;
  for (const auto& n : names) {
    known |= n == name;
    listed += (listed.empty() ? "" : ", ") + n;
  }
  if (!known)
    return Fail(tool, "no " + component + " named '" + name + "' (known: " + listed + ")", 2);
  if (config.db.empty()) return Fail(tool, "no database: pass --db <postgresql uri>", 2);

  std::unique_ptr<ToolLog> log;
  Status s = ToolLog::Open(config, &log);
  if (!s.ok()) return Fail(tool, s.ToString(), 1);
  std::vector<SkipDecision> recorded;
  s = ReadSkipDecisions(&log->stored(), component, name, 1, &recorded, nullptr);
  if (!s.ok()) return Fail(tool, s.ToString(), 1);

  if (action == "decisions") {
    std::printf(
        "%zu skip decision(s) for %s %s (stream %s; eduledger audit stream shows who and "
        "when)\n",
        recorded.size(), component.c_str(), name.c_str(),
        DecisionStreamId(component, name).c_str());
    for (const SkipDecision& d : recorded) {
      std::printf("  event %s (%s, stream %s v%lld, partition %d, offset %lld): %s\n",
                  d.event_id.c_str(), d.event_type.c_str(), d.stream_id.c_str(),
                  static_cast<long long>(d.stream_version), d.partition,
                  static_cast<long long>(d.offset), d.reason.c_str());
    }
    return 0;
  }

  const std::string event = args.Get("event");
  auto event_id = ParseUuid(event);
  if (!event_id)
    return Fail(tool, "--event must be the event's id (a UUID), got '" + event + "'", 2);
  const std::string reason = args.Get("reason");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(tool, "--reason is required: auditors read it next to the skipped event", 2);
  }
  for (const SkipDecision& d : recorded) {
    if (d.event_id == ToString(*event_id)) {
      std::printf("%s %s already skips event %s (reason: %s); nothing recorded\n",
                  component.c_str(), name.c_str(), d.event_id.c_str(), d.reason.c_str());
      return 0;
    }
  }
  SkipDecision decision;
  decision.component = component;
  decision.name = name;
  if (projection) {
    s = FindStoppedEvent(config.db, name, &decision);
    if (!s.ok()) return Fail(tool, s.message(), 1);
    if (decision.event_id != ToString(*event_id)) {
      return Fail(
          tool,
          fmt::format("projection '{}' is stopped at event {} ({}, stream {}, partition {}, "
                      "offset {}), not at {}; a skip names the event it is stopped at",
                      name, decision.event_id, decision.event_type, decision.stream_id,
                      decision.partition, decision.offset, ToString(*event_id)),
          1);
    }
  } else {
    decision.event_id = ToString(*event_id);
    s = FindLoggedEvent(config.db, decision.event_id, &decision);
    if (!s.ok()) return Fail(tool, s.message(), 1);
  }
  decision.reason = reason;
  const char* user = std::getenv("USER");
  Actor actor{args.Has("actor") ? args.Get("actor")
                                : std::string("operator:") + (user != nullptr ? user : "unknown"),
              "operator"};
  AppendResult appended;
  s = RecordSkipDecision(&log->stored(), decision, actor, SystemClock::Instance()->Now(),
                         &appended);
  if (!s.ok()) return Fail(tool, s.ToString(), 1);
  std::printf(
      "recorded: %s %s skips event %s (%s, stream %s v%lld, partition %d, offset %lld), decided "
      "by %s: %s\n"
      "the decision is event %s v%lld (partition %d, offset %lld); a running serve resumes past "
      "the event within a second and every rebuild skips it too\n",
      component.c_str(), name.c_str(), decision.event_id.c_str(), decision.event_type.c_str(),
      decision.stream_id.c_str(), static_cast<long long>(decision.stream_version),
      decision.partition, static_cast<long long>(decision.offset), actor.id.c_str(), reason.c_str(),
      DecisionStreamId(component, name).c_str(), static_cast<long long>(appended.last_version),
      appended.partition, static_cast<long long>(appended.last_offset));
  return 0;
}

}  // namespace

int RunProjectionTool(int argc, char** argv) { return Run("projection", argc, argv); }
int RunReactionTool(int argc, char** argv) { return Run("reaction", argc, argv); }

}  // namespace edu
