#include "projections/projector.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <regex>
#include <thread>

#include <fmt/format.h>
#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include "eventstore/metrics.h"
#include "eventstore/structured_log.h"

namespace edu {

// ---- PostgreSQL plumbing -----------------------------------------------------------------------

class PgSession {
 public:
  explicit PgSession(const std::string& uri) : conn_(uri) {}
  pqxx::connection& conn() { return conn_; }
  // The connection's own escaping (PQescapeStringConn), so quoting follows its settings.
  LiteralQuoter Quoter() {
    return [this](std::string_view s) { return "'" + conn_.esc(s.data(), s.size()) + "'"; };
  }

 private:
  pqxx::connection conn_;
};

namespace {

constexpr const char* kCheckpointMovedState = "ED001";
// Serializes bookkeeping DDL and rebuild preparation: CREATE .. IF NOT EXISTS is not safe against
// a concurrent twin.
constexpr int64_t kBookkeepingLockKey = 0x6564756c6564;  // "eduled"

constexpr const char* kBookkeepingDdl = R"sql(
CREATE SCHEMA IF NOT EXISTS eduledger;
CREATE TABLE IF NOT EXISTS eduledger.projection_checkpoints (
  projection text NOT NULL,
  slot text NOT NULL CHECK (slot IN ('live', 'rebuild')),
  partition integer NOT NULL CHECK (partition >= 0),
  next_offset bigint NOT NULL CHECK (next_offset >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, slot, partition));
CREATE TABLE IF NOT EXISTS eduledger.projection_status (
  projection text PRIMARY KEY,
  version integer NOT NULL,
  live_schema text NOT NULL,
  state text NOT NULL CHECK (state IN ('running', 'failed', 'rebuilding')),
  generation integer NOT NULL DEFAULT 0,
  rebuild_schema text,
  last_error text,
  error_stream text,
  error_version bigint,
  error_partition integer,
  error_offset bigint,
  error_event_type text,
  updated_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE eduledger.projection_status ADD COLUMN IF NOT EXISTS error_event_id uuid;
CREATE OR REPLACE FUNCTION eduledger.expect_rows(expected bigint, actual bigint, code text, what text)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF actual IS DISTINCT FROM expected THEN
    RAISE EXCEPTION '% (matched % of %)', what, actual, expected USING ERRCODE = code;
  END IF;
END
$fn$;
)sql";

enum class PgErrorKind { kNone, kStatement, kCheckpointMoved, kTransient, kOther };
struct PgError {
  PgErrorKind kind = PgErrorKind::kNone;
  std::string message;
  bool ok() const { return kind == PgErrorKind::kNone; }
};

// "ERROR:  duplicate key value ...\nDETAIL:  Key (id)=(1) already exists.\n" ->
// "duplicate key value ...; Key (id)=(1) already exists. [SQLSTATE 23505]"
std::string Summarize(const pqxx::sql_error& e) {
  std::string out;
  std::string text = e.what();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    for (const char* prefix : {"ERROR:", "DETAIL:"}) {
      if (line.rfind(prefix, 0) != 0) continue;
      line.erase(0, std::string(prefix).size());
      line.erase(0, line.find_first_not_of(' '));
      if (!out.empty()) out += "; ";
      out += line;
    }
  }
  if (out.empty()) out = text;
  if (!e.sqlstate().empty()) out += " [SQLSTATE " + e.sqlstate() + "]";
  return out;
}

// Runs `body` and translates libpqxx exceptions: statement errors (constraint violations, a
// missed Update, bad input) are the batch's fault; lost connections, commits in doubt, deadlocks,
// serialization failures and server shutdowns are transient.
template <class Body>
PgError RunPg(Body&& body) {
  try {
    body();
    return {};
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    if (state == kCheckpointMovedState) return {PgErrorKind::kCheckpointMoved, Summarize(e)};
    std::string cls = state.substr(0, 2);
    if (cls == "08" || cls == "40" || cls == "53" || cls == "57") {
      return {PgErrorKind::kTransient, Summarize(e)};
    }
    return {PgErrorKind::kStatement, Summarize(e)};
  } catch (const pqxx::failure& e) {
    return {PgErrorKind::kTransient, e.what()};
  } catch (const std::exception& e) {
    return {PgErrorKind::kOther, e.what()};
  }
}

Status ToStatus(const PgError& error, const std::string& context) {
  switch (error.kind) {
    case PgErrorKind::kNone:
      return Status::OK();
    case PgErrorKind::kCheckpointMoved:
    case PgErrorKind::kTransient:
      return Status::Unavailable(context + ": " + error.message);
    case PgErrorKind::kStatement:
    case PgErrorKind::kOther:
      return Status::Internal(context + ": " + error.message);
  }
  return Status::Internal(context);
}

bool Transient(const Status& s) {
  return s.code() == Status::Code::kUnavailable || s.code() == Status::Code::kTimeout;
}

// Sends `prefix` and `statements` inside `tx`: consecutive SQL statements in one exec, each COPY
// as its own stream (COPY .. FROM STDIN, the rows, the end: two round trips). Returns the round
// trips made.
size_t SendStatements(pqxx::transaction_base& tx, std::string prefix,
                      const std::vector<RenderedStatement>& statements) {
  size_t trips = 0;
  std::string sql = std::move(prefix);
  auto flush = [&] {
    if (sql.empty()) return;
    tx.exec(sql);
    ++trips;
    sql.clear();
  };
  for (const auto& statement : statements) {
    if (!statement.copy) {
      sql += statement.sql;
      sql += ";\n";
      continue;
    }
    flush();
    std::string data = CopyText(statement.copy_rows);
    data.pop_back();  // write_raw_line adds the last newline
    // libpqxx 6.4's stream_to takes only fixed-size tuples; tablewriter streams raw COPY text
    // (escaped above, byte-wise, which is safe for UTF-8) and its table and column names as given
    // (quoted by the writer).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    pqxx::tablewriter copy(tx, statement.copy_table, statement.copy_columns.begin(),
                           statement.copy_columns.end());
#pragma GCC diagnostic pop
    copy.write_raw_line(data);  // all rows in one call
    copy.complete();
    trips += 2;
  }
  flush();
  return trips;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string DdlFor(const Projection& projection, const std::string& schema) {
  std::string sql;
  for (const auto& statement : projection.Ddl()) {
    sql += ReplaceAll(statement, "{schema}", schema);
    sql += ";\n";
  }
  return sql;
}

// Reads what the SQL writer needs from the catalog: column types, unique keys, foreign-key
// families and the tables with triggers, rules or exclusion constraints.
void LoadCatalog(pqxx::transaction_base& tx, const std::string& schema, SchemaCatalog* out) {
  out->tables.clear();
  for (const auto& row : tx.exec_params(
           "SELECT c.relname, a.attname, format_type(a.atttypid, NULL) "
           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
           "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')",
           schema)) {
    out->tables[row[0].c_str()].column_types[row[1].c_str()] = row[2].c_str();
  }
  for (const auto& row : tx.exec_params(
           "SELECT c.relname, bool_or(i.indexprs IS NOT NULL), "
           "       string_agg(a.attname, chr(31) ORDER BY k.ord) "
           "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
           "JOIN pg_namespace n ON n.oid = c.relnamespace "
           "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
           "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
           "WHERE n.nspname = $1 AND i.indisunique GROUP BY c.relname, i.indexrelid",
           schema)) {
    auto it = out->tables.find(row[0].c_str());
    if (it == out->tables.end()) continue;
    if (row[1].as<bool>()) it->second.opaque = true;
    std::vector<std::string> columns;
    std::string names = row[2].is_null() ? "" : row[2].c_str();
    size_t start = 0;
    while (!names.empty() && start <= names.size()) {
      size_t end = names.find('\x1f', start);
      if (end == std::string::npos) end = names.size();
      columns.push_back(names.substr(start, end - start));
      start = end + 1;
    }
    it->second.unique_keys.push_back(std::move(columns));
  }
  for (const auto& row : tx.exec_params(
           "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
           "JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE n.nspname = $1 AND NOT t.tgisinternal "
           "UNION SELECT c.relname FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
           "JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE n.nspname = $1 AND r.rulename <> '_RETURN'",
           schema)) {
    auto it = out->tables.find(row[0].c_str());
    if (it != out->tables.end()) it->second.opaque = true;
  }
  // Families: union-find over every table a foreign key of this schema touches.
  std::map<std::string, int> index;
  std::vector<int> parent;
  auto id = [&](const std::string& qualified) {
    auto [it, inserted] = index.emplace(qualified, static_cast<int>(parent.size()));
    if (inserted) parent.push_back(it->second);
    return it->second;
  };
  std::function<int(int)> find = [&](int x) {
    return parent[static_cast<size_t>(x)] == x
               ? x
               : parent[static_cast<size_t>(x)] = find(parent[static_cast<size_t>(x)]);
  };
  for (const auto& [table, info] : out->tables) id(schema + "." + table);
  for (const auto& row :
       tx.exec_params("SELECT n1.nspname, c1.relname, co.contype, n2.nspname, c2.relname "
                      "FROM pg_constraint co JOIN pg_class c1 ON c1.oid = co.conrelid "
                      "JOIN pg_namespace n1 ON n1.oid = c1.relnamespace "
                      "LEFT JOIN pg_class c2 ON c2.oid = co.confrelid "
                      "LEFT JOIN pg_namespace n2 ON n2.oid = c2.relnamespace "
                      "WHERE co.contype IN ('f', 'x') AND (n1.nspname = $1 OR n2.nspname = $1)",
                      schema)) {
    std::string from = std::string(row[0].c_str()) + "." + row[1].c_str();
    bool from_here = schema == row[0].c_str();
    if (std::string(row[2].c_str()) == "x") {
      if (from_here) out->tables[row[1].c_str()].opaque = true;
      continue;
    }
    std::string to = std::string(row[3].c_str()) + "." + row[4].c_str();
    if (from == to) {  // rows referencing rows of their own table
      out->tables[row[1].c_str()].opaque = true;
      continue;
    }
    int a = find(id(from)), b = find(id(to));
    parent[static_cast<size_t>(a)] = b;
  }
  for (auto& [table, info] : out->tables) info.family = find(id(schema + "." + table));
}

}  // namespace

// ---- targets -----------------------------------------------------------------------------------

// Where a batch goes: the live tables, or a rebuild's fresh schema.
struct Projector::Target {
  std::string schema;
  bool live = true;
  std::vector<int64_t> next;  // checkpoints as this target last committed them
  SchemaCatalog catalog;
  bool catalog_loaded = false;
  bool needs_reload = true;   // checkpoints must be re-read (new connection, commit in doubt)
  bool reset_status = false;  // the next commit marks the projection running again
  bool moved = false;         // the last batch found the checkpoints moved by a twin
  size_t rotate = 0;          // first partition of the next read, for fairness
  std::optional<StoppedEvent> stopped;  // the event StopAt last stopped this target at

  const char* slot() const { return live ? "live" : "rebuild"; }
};

Projector::Projector(EventLog* log, std::string pg_uri, const Projection* projection,
                     ProjectorOptions options)
    : log_(log),
      uri_(std::move(pg_uri)),
      projection_(projection),
      options_(std::move(options)),
      live_(std::make_unique<Target>()),
      decisions_("projection", projection->name()) {
  if (options_.batch_size == 0) options_.batch_size = 1;
  live_->schema = projection_->schema();
}

Projector::~Projector() = default;

bool Projector::needs_rebuild() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return needs_rebuild_;
}

Status Projector::last_error() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return failure_;
}

std::optional<StoppedEvent> Projector::stopped_at() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return stopped_at_;
}

Status Projector::RefreshDecisions(size_t* added) {
  std::lock_guard<std::mutex> lock(decisions_mu_);
  try {
    return decisions_.Refresh(log_, added)
        .Annotate(fmt::format("projection '{}'", projection_->name()));
  } catch (const std::exception& e) {
    return Status::Internal(fmt::format("projection '{}': reading operator decisions: {}",
                                        projection_->name(), e.what()));
  }
}

bool Projector::Skips(const Uuid& event_id) const {
  std::lock_guard<std::mutex> lock(decisions_mu_);
  return decisions_.Skips(event_id);
}

std::vector<int64_t> Projector::checkpoints() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return committed_;
}

ProjectorStats Projector::stats() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return stats_;
}

void Projector::Publish(const std::vector<int64_t>& next) {
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    committed_.resize(next.size(), 0);
    for (size_t p = 0; p < next.size(); ++p) committed_[p] = std::max(committed_[p], next[p]);
  }
  progress_.notify_all();
}

Status Projector::Initialize() {
  const std::string name = projection_->name();
  const std::string schema = projection_->schema();
  const int version = projection_->version();
  static const std::regex kPlainName("[a-z_][a-z0-9_]{0,39}");
  if (name.empty()) return Status::InvalidArgument("projection has an empty name");
  if (!std::regex_match(schema, kPlainName)) {
    return Status::InvalidArgument(fmt::format(
        "projection '{}': schema '{}' must be a plain lowercase identifier of at most 40 "
        "characters (rebuilds append \"__rebuild_<n>\")",
        name, schema));
  }
  for (const char* reserved : {"eduledger", "public"}) {
    if (schema == reserved) {
      return Status::InvalidArgument(
          fmt::format("projection '{}': schema '{}' is reserved", name, schema));
    }
  }
  const int partitions = log_->partition_count();
  std::lock_guard<std::mutex> batch_lock(batch_mu_);
  session_.reset();
  try {
    session_ = std::make_unique<PgSession>(uri_);
  } catch (const std::exception& e) {
    return Status::Unavailable(
        fmt::format("projection '{}': connecting to PostgreSQL: {}", name, e.what()));
  }
  bool needs_rebuild = false;
  std::string reason;
  bool was_failed = false;
  PgError error = RunPg([&] {
    pqxx::work tx(session_->conn());
    tx.exec(fmt::format("SELECT pg_advisory_xact_lock({});\n", kBookkeepingLockKey) +
            kBookkeepingDdl);
    auto owner = tx.exec_params(
        "SELECT projection FROM eduledger.projection_status "
        "WHERE live_schema = $1 AND projection <> $2",
        schema, name);
    if (!owner.empty()) {
      throw std::runtime_error(fmt::format("schema '{}' already belongs to projection '{}'", schema,
                                           owner[0][0].c_str()));
    }
    auto stored = tx.exec_params(
        "SELECT version, state FROM eduledger.projection_status WHERE projection = $1 FOR UPDATE",
        name);
    auto relations =
        tx.exec_params(
              "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = $1",
              schema)[0][0]
            .as<int64_t>();
    auto schema_exists = tx.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema);
    if (stored.empty()) {
      if (relations > 0) {
        // Someone else's tables: never write into them; a rebuild replaces them wholesale.
        tx.exec_params(
            "INSERT INTO eduledger.projection_status (projection, version, live_schema, state) "
            "VALUES ($1, 0, $2, 'running')",
            name, schema);
        needs_rebuild = true;
        reason = fmt::format(
            "projection '{}': schema '{}' already holds tables that no projector recorded "
            "building; call Rebuild() to build them afresh from the log",
            name, schema);
      } else {
        tx.exec("CREATE SCHEMA IF NOT EXISTS " + schema + ";\n" + DdlFor(*projection_, schema));
        tx.exec_params(
            "INSERT INTO eduledger.projection_status (projection, version, live_schema, state) "
            "VALUES ($1, $2, $3, 'running')",
            name, version, schema);
      }
    } else {
      int stored_version = stored[0][0].as<int>();
      was_failed = std::string(stored[0][1].c_str()) == "failed";
      if (stored_version != version) {
        needs_rebuild = true;
        reason = fmt::format(
            "projection '{}': the tables in schema '{}' were built by version {}, this code is "
            "version {}; call Rebuild() to rebuild them from the log",
            name, schema, stored_version, version);
      } else if (schema_exists.empty()) {
        needs_rebuild = true;
        reason =
            fmt::format("projection '{}': its schema '{}' is missing; call Rebuild() to rebuild it",
                        name, schema);
      }
    }
    tx.exec_params(
        "INSERT INTO eduledger.projection_checkpoints (projection, slot, partition, next_offset) "
        "SELECT $1, 'live', p, 0 FROM generate_series(0, $2 - 1) AS p ON CONFLICT DO NOTHING",
        name, partitions);
    tx.commit();
  });
  if (!error.ok()) {
    session_.reset();
    return ToStatus(error, fmt::format("projection '{}': initializing", name));
  }
  *live_ = Target();  // in place: CatchUp may hold the pointer, waiting for batch_mu_
  live_->schema = schema;
  live_->reset_status = was_failed;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    initialized_ = true;
    needs_rebuild_ = needs_rebuild;
    rebuild_reason_ = reason;
    failure_ = Status::OK();
    stopped_at_.reset();
    committed_.assign(static_cast<size_t>(partitions), 0);
  }
  // The operators' skip decisions, before the first batch (a rebuild reads them again).
  EDU_RETURN_IF_ERROR(RefreshDecisions());
  if (needs_rebuild) {
    live_->catalog_loaded = true;  // the tables are not this version's: never read them
    return Status::InvalidArgument(reason);
  }
  Status s = EnsureSession(&session_, live_.get());
  if (s.ok()) Publish(live_->next);
  return s;
}

Status Projector::EnsureSession(std::unique_ptr<PgSession>* session, Target* target) {
  const std::string name = projection_->name();
  if (!*session) {
    try {
      *session = std::make_unique<PgSession>(uri_);
    } catch (const std::exception& e) {
      return Status::Unavailable(
          fmt::format("projection '{}': connecting to PostgreSQL: {}", name, e.what()));
    }
    target->needs_reload = true;
  }
  if (!target->needs_reload && target->catalog_loaded) return Status::OK();
  const size_t partitions = static_cast<size_t>(log_->partition_count());
  std::vector<int64_t> next(partitions, 0);
  std::string bad;
  PgError error = RunPg([&] {
    pqxx::work tx((*session)->conn());
    if (target->needs_reload) {
      for (const auto& row :
           tx.exec_params("SELECT partition, next_offset FROM eduledger.projection_checkpoints "
                          "WHERE projection = $1 AND slot = $2",
                          name, std::string(target->slot()))) {
        size_t p = row[0].as<size_t>();
        if (p >= partitions) {
          bad = fmt::format("a checkpoint for partition {} but the log has {} partitions", p,
                            partitions);
          continue;
        }
        next[p] = row[1].as<int64_t>();
      }
    }
    if (!target->catalog_loaded) LoadCatalog(tx, target->schema, &target->catalog);
    tx.commit();
  });
  if (!error.ok()) {
    session->reset();
    return ToStatus(error, fmt::format("projection '{}': loading checkpoints", name));
  }
  if (!bad.empty()) return Status::Corruption(fmt::format("projection '{}': {}", name, bad));
  if (target->needs_reload) {
    target->next = std::move(next);
    target->needs_reload = false;
    if (target->live) Publish(target->next);
  }
  target->catalog_loaded = true;
  return Status::OK();
}

Status Projector::StopAt(PgSession* session, Target* target, const RecordedEvent& event,
                         const std::string& cause) {
  std::string where = target->live ? "" : fmt::format(" (rebuilding into {})", target->schema);
  std::string message = fmt::format(
      "projection '{}'{} stopped at event {} (stream {}, version {}, partition {}, offset {}): {}",
      projection_->name(), where, event.type, event.stream_id, event.stream_version,
      event.partition, event.offset, cause);
  // Best effort: the status row is for operators; the returned status is what callers act on.
  RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec_params(
        "UPDATE eduledger.projection_status SET state = 'failed', last_error = $2, "
        "error_stream = $3, error_version = $4, error_partition = $5, error_offset = $6, "
        "error_event_type = $7, error_event_id = $8, updated_at = now() WHERE projection = $1",
        projection_->name(), message, event.stream_id, event.stream_version, event.partition,
        event.offset, event.type, ToString(event.event_id));
    tx.commit();
  });
  Status failure = Status::Internal(message);
  target->reset_status = target->live;
  target->stopped =
      StoppedEvent{event.event_id,  event.type,   event.stream_id, event.stream_version,
                   event.partition, event.offset, message};
  if (target->live) {
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      failure_ = failure;
      stopped_at_ =
          StoppedEvent{event.event_id,  event.type,   event.stream_id, event.stream_version,
                       event.partition, event.offset, message};
    }
    progress_.notify_all();
    metrics::RecordComponentStopped("projection", projection_->name());
    logging::Log(logging::Level::kError, "projection_stopped",
                 {{"projection", projection_->name()},
                  {"event_id", ToString(event.event_id)},
                  {"event_type", event.type},
                  {"partition", int64_t{event.partition}},
                  {"offset", event.offset},
                  {"error", message}});
  }
  return failure;
}

Status Projector::ProcessBatch(PgSession* session, Target* target, size_t* read, size_t* applied) {
  *read = 0;
  *applied = 0;
  const std::string name = projection_->name();
  const size_t partitions = target->next.size();
  const size_t batch_size = options_.batch_size;

  // 1. Read: a fair share per partition first, then fill the batch from the partitions that had
  // more.
  std::vector<RecordedEvent> events;
  std::vector<int64_t> next = target->next;
  std::vector<bool> more(partitions, true);
  const size_t share = std::max<size_t>(1, batch_size / std::max<size_t>(1, partitions));
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < partitions && events.size() < batch_size; ++k) {
      size_t p = (target->rotate + k) % partitions;
      if (!more[p]) continue;
      size_t want = batch_size - events.size();
      if (pass == 0) want = std::min(want, share);
      std::vector<RecordedEvent> chunk;
      Status s = log_->ReadPartition(static_cast<int>(p), next[p], want, &chunk);
      if (!s.ok()) {
        return s.Annotate(fmt::format("projection '{}': reading partition {}", name, p));
      }
      more[p] = chunk.size() == want;
      for (auto& e : chunk) {
        if (e.partition != static_cast<int>(p) || e.offset < next[p]) {
          return Status::Corruption(fmt::format(
              "projection '{}': partition {} returned offset {} (partition {}) after offset {}",
              name, p, e.offset, e.partition, next[p]));
        }
        next[p] = e.offset + 1;
        events.push_back(std::move(e));
      }
    }
  }
  target->rotate = (target->rotate + 1) % std::max<size_t>(1, partitions);
  if (events.empty()) return Status::OK();

  // 2. Map events to row operations. Pure; any problem stops here, before SQL.
  // An event an operator decided to skip is passed over like one the projection does not handle.
  // Whatever a projection throws is that event's failure, never the process's.
  std::vector<RowOps> ops(events.size());
  size_t handled = 0, skipped = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    std::string failure;
    try {
      if (!projection_->Handles(events[i])) continue;
      if (Skips(events[i].event_id)) {
        ++skipped;
        continue;
      }
      ++handled;
      Status s = projection_->Apply(events[i], &ops[i]);
      if (!s.ok()) {
        failure = "Apply failed: " + s.ToString();
      } else {
        for (const RowOp& op : ops[i].ops()) {
          Status v = ValidateOp(op, target->catalog);
          if (!v.ok()) {
            failure = "invalid row operation: " + v.message();
            break;
          }
        }
      }
    } catch (const std::exception& e) {
      failure = std::string("Apply threw: ") + e.what();
    } catch (...) {
      failure = "Apply threw an exception of unknown type";
    }
    if (!failure.empty()) return StopAt(session, target, events[i], failure);
  }

  // 3. Bookkeeping first (it also locks the checkpoint rows against a twin), then the tables.
  std::string values;
  size_t moved = 0;
  for (size_t p = 0; p < partitions; ++p) {
    if (next[p] == target->next[p]) continue;
    values += fmt::format("{}({}, {}::bigint, {}::bigint)", moved++ ? "," : "", p, target->next[p],
                          next[p]);
  }
  LiteralQuoter quote = session->Quoter();
  std::string guard = target->live ? fmt::format("s.version = {}", projection_->version())
                                   : fmt::format("s.rebuild_schema = {}", quote(target->schema));
  std::string bookkeeping = fmt::format(
      "WITH v (partition, expected, next_offset) AS (VALUES {}), "
      "c AS (UPDATE eduledger.projection_checkpoints AS cp "
      "SET next_offset = v.next_offset, updated_at = now() FROM v "
      "WHERE cp.projection = {} AND cp.slot = '{}' AND cp.partition = v.partition "
      "AND cp.next_offset = v.expected AND EXISTS (SELECT 1 FROM eduledger.projection_status s "
      "WHERE s.projection = {} AND {}) RETURNING 1) "
      "SELECT eduledger.expect_rows({}, (SELECT count(*) FROM c), '{}', {});\n",
      values, quote(name), target->slot(), quote(name), guard, moved, kCheckpointMovedState,
      quote(fmt::format("checkpoints of projection '{}' ({}) moved under this batch (another "
                        "instance running, or a rebuild swapped them in)",
                        name, target->slot())));
  size_t bookkeeping_statements = 1;
  if (target->reset_status) {
    bookkeeping += fmt::format(
        "UPDATE eduledger.projection_status SET state = 'running', last_error = NULL, "
        "error_stream = NULL, error_version = NULL, error_partition = NULL, error_offset = NULL, "
        "error_event_type = NULL, error_event_id = NULL, updated_at = now() "
        "WHERE projection = {};\n",
        quote(name));
    ++bookkeeping_statements;
  }

  // 4. Folded statements in one exec (plus two round trips per COPY of a large insert): BEGIN,
  // exec, COMMIT whatever the batch size.
  // Rendering quotes values through the connection, which refuses some (invalid UTF-8 throws
  // pqxx::argument_error): such a batch is replayed event by event below, which names the event.
  std::vector<RenderedStatement> statements;
  PgError error;
  try {
    SqlWriter writer(target->schema, &target->catalog, quote);
    writer.set_copy_min_rows(options_.copy_min_rows);
    for (const RowOps& event_ops : ops) {
      for (const RowOp& op : event_ops.ops()) writer.Add(op);
    }
    statements = writer.Finish();
  } catch (const std::exception& e) {
    error = {PgErrorKind::kOther, std::string("rendering the batch: ") + e.what()};
  }
  size_t trips = 0;
  if (error.ok()) {
    error = RunPg([&] {
      pqxx::work tx(session->conn());
      ++trips;
      trips += SendStatements(tx, bookkeeping, statements);
      tx.commit();
      ++trips;
    });
  }
  size_t sent = bookkeeping_statements + statements.size();
  bool replayed = false;
  if (error.kind == PgErrorKind::kStatement || error.kind == PgErrorKind::kOther) {
    // Name the event: replay one event at a time, operation by operation. If that succeeds, the
    // failure came from running statements together and the replay's result is committed.
    replayed = true;
    bool committed = false;
    Status s = ReplayEventByEvent(session, target, events, ops, bookkeeping, &committed);
    if (!s.ok()) return s;
    if (!committed) return Status::Internal("replay neither committed nor failed");
  } else if (!error.ok()) {
    target->needs_reload = true;  // a commit in doubt or a twin: re-read what PostgreSQL holds
    if (error.kind == PgErrorKind::kCheckpointMoved) {
      target->moved = true;
      std::lock_guard<std::mutex> lock(state_mu_);
      stats_.moved_checkpoints++;
    }
    return ToStatus(error, fmt::format("projection '{}': committing a batch of {} events", name,
                                       events.size()));
  }

  // 5. Committed.
  target->next = next;
  target->reset_status = false;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    stats_.batches++;
    stats_.events_read += events.size();
    stats_.events_applied += handled;
    stats_.events_skipped += skipped;
    if (!replayed) {
      stats_.statements += sent;
      stats_.round_trips += trips;
      stats_.last_batch_statements = sent;
      stats_.last_batch_round_trips = trips;
      stats_.max_batch_statements = std::max(stats_.max_batch_statements, sent);
      stats_.max_batch_round_trips = std::max(stats_.max_batch_round_trips, trips);
    } else {
      stats_.replayed_batches++;
    }
    stats_.last_batch_events = events.size();
    if (target->live) {
      failure_ = Status::OK();
      stopped_at_.reset();
    }
  }
  if (target->live) Publish(next);
  *read = events.size();
  *applied = handled;
  return Status::OK();
}

Status Projector::ReplayEventByEvent(PgSession* session, Target* target,
                                     const std::vector<RecordedEvent>& events,
                                     const std::vector<RowOps>& ops, const std::string& bookkeeping,
                                     bool* committed) {
  *committed = false;
  std::optional<size_t> failed_at;
  std::string cause;
  PgError error = RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec(bookkeeping);
    for (size_t i = 0; i < events.size() && !failed_at; ++i) {
      if (ops[i].size() == 0) continue;
      // Rendering inside the step: a value the connection refuses to quote is this event's fault.
      PgError step = RunPg([&] {
        SqlWriter writer(target->schema, &target->catalog, session->Quoter(), /*fold=*/false);
        for (const RowOp& op : ops[i].ops()) writer.Add(op);
        tx.exec(JoinStatements(writer.Finish()));
      });
      if (step.kind == PgErrorKind::kStatement || step.kind == PgErrorKind::kOther) {
        failed_at = i;
        cause = step.message;
      } else if (!step.ok()) {
        throw pqxx::broken_connection(step.message);
      }
    }
    if (failed_at) {
      tx.abort();
    } else {
      tx.commit();
      *committed = true;
    }
  });
  if (failed_at) return StopAt(session, target, events[*failed_at], cause);
  if (!error.ok()) {
    target->needs_reload = true;
    return ToStatus(error, fmt::format("projection '{}': replaying a failed batch event by event",
                                       projection_->name()));
  }
  return Status::OK();
}

Status Projector::ProcessBatchGuarded(PgSession* session, Target* target, size_t* read,
                                      size_t* applied) {
  try {
    return ProcessBatch(session, target, read, applied);
  } catch (const std::exception& e) {
    target->needs_reload = true;
    return Status::Internal(fmt::format("projection '{}': a batch failed with an exception: {}",
                                        projection_->name(), e.what()));
  } catch (...) {
    target->needs_reload = true;
    return Status::Internal(fmt::format(
        "projection '{}': a batch failed with an exception of unknown type", projection_->name()));
  }
}

Status Projector::CatchUpTarget(std::unique_ptr<PgSession>* session, Target* target,
                                const std::vector<int64_t>& ends, std::mutex* batch_mu,
                                size_t* applied) {
  int moved_in_a_row = 0;
  for (;;) {
    std::unique_lock<std::mutex> lock;
    if (batch_mu != nullptr) lock = std::unique_lock<std::mutex>(*batch_mu);
    EDU_RETURN_IF_ERROR(EnsureSession(session, target));
    bool behind = false;
    for (size_t p = 0; p < ends.size() && p < target->next.size(); ++p) {
      behind = behind || target->next[p] < ends[p];
    }
    if (!behind) return Status::OK();
    size_t read = 0, handled = 0;
    target->moved = false;
    Status s = ProcessBatchGuarded(session->get(), target, &read, &handled);
    // A twin moved the checkpoints: nothing is wrong, carry on from where it got to (the
    // checkpoints are reloaded first). Only a twin winning every time makes this give up.
    if (target->moved && ++moved_in_a_row < 5) continue;
    if (Transient(s)) session->reset();
    EDU_RETURN_IF_ERROR(s);
    moved_in_a_row = 0;
    *applied += handled;
    // Ends can count offsets that hold no event (Kafka transaction markers): nothing more to read.
    if (read == 0) return Status::OK();
  }
}

Status Projector::CatchUp(size_t* applied) {
  size_t local = 0;
  if (applied == nullptr) applied = &local;
  *applied = 0;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (!initialized_) return Status::InvalidArgument("Projector::Initialize() has not succeeded");
    if (needs_rebuild_) return Status::InvalidArgument(rebuild_reason_);
  }
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(log_->EndOffsets(&ends));
  return CatchUpTarget(&session_, live_.get(), ends, &batch_mu_, applied);
}

Status Projector::LiveBatch(size_t* read, size_t* applied) {
  std::lock_guard<std::mutex> lock(batch_mu_);
  EDU_RETURN_IF_ERROR(EnsureSession(&session_, live_.get()));
  Status s = ProcessBatchGuarded(session_.get(), live_.get(), read, applied);
  if (Transient(s)) session_.reset();
  return s;
}

void Projector::Run(const std::atomic<bool>& stop) {
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (!initialized_) return;
    ++running_;
  }
  std::atomic<bool> quit{false};
  std::mutex wake_mu;
  std::condition_variable wake;
  uint64_t wake_seq = 0;
  auto done = [&] { return quit.load() || stop.load(); };

  // One waiter per partition, so that new events on any of them wake the loop at once.
  std::vector<std::thread> waiters;
  for (int p = 0; p < log_->partition_count(); ++p) {
    waiters.emplace_back([&, p] {
      const size_t pi = static_cast<size_t>(p);
      while (!done()) {
        int64_t from;
        {
          std::lock_guard<std::mutex> lock(state_mu_);
          from = pi < committed_.size() ? committed_[pi] : 0;
        }
        Status s;
        try {
          s = log_->WaitForEvents(p, from, options_.idle_wait);
        } catch (const std::exception& e) {
          s = Status::Internal(e.what());
        } catch (...) {
          s = Status::Internal("an exception of unknown type");
        }
        if (done()) break;
        if (!s.ok()) {
          if (s.code() != Status::Code::kTimeout) std::this_thread::sleep_for(options_.idle_wait);
          continue;
        }
        {
          std::lock_guard<std::mutex> lock(wake_mu);
          ++wake_seq;
        }
        wake.notify_all();
        // Wait until the loop has taken these events in before waiting on the log again.
        std::unique_lock<std::mutex> lock(state_mu_);
        progress_.wait_for(lock, options_.idle_wait, [&] {
          return done() || (pi < committed_.size() && committed_[pi] > from);
        });
      }
    });
  }

  while (!stop.load()) {
    {
      std::unique_lock<std::mutex> lock(state_mu_);
      if (needs_rebuild_) {  // idle until a Rebuild swaps in tables of this version
        if (failure_.ok()) {
          progress_.wait_for(lock, options_.idle_wait);
          continue;
        }
        // A rebuild failed (at an event, or PostgreSQL was away): try again once an operator
        // decided about that event, or after a while for other failures.
        lock.unlock();
        WaitWhileStopped(stop);
        if (stop.load()) break;
        try {
          Rebuild();  // records its own failure
        } catch (...) {
        }
        continue;
      }
    }
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(wake_mu);
      seen = wake_seq;
    }
    size_t read = 0, applied = 0;
    Status s = LiveBatch(&read, &applied);
    if (!s.ok()) {
      if (Transient(s)) {
        auto until = std::chrono::steady_clock::now() + options_.retry_backoff;
        while (!stop.load() && std::chrono::steady_clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(state_mu_);
        if (failure_.ok()) failure_ = s;  // a log or setup error: report it like an event's
      }
      // Stopped: this projection alone, until an operator's decision, a rebuild or a retry.
      WaitWhileStopped(stop);
      continue;
    }
    if (read == 0) {
      std::unique_lock<std::mutex> lock(wake_mu);
      wake.wait_for(lock, options_.idle_wait, [&] { return stop.load() || wake_seq != seen; });
    }
  }

  {
    std::lock_guard<std::mutex> lock(state_mu_);
    quit = true;
  }
  progress_.notify_all();
  for (auto& t : waiters) t.join();
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    --running_;
  }
  progress_.notify_all();
}

void Projector::WaitWhileStopped(const std::atomic<bool>& stop) {
  const auto poll = std::max(options_.retry_backoff, std::chrono::milliseconds(50));
  // Failures without an event (the log or PostgreSQL refusing something) are retried now and
  // then; an event's failure only when a decision or a rebuild changed something.
  const auto retry_every = std::max(poll * 10, std::chrono::milliseconds(5000));
  const auto started = std::chrono::steady_clock::now();
  while (!stop.load()) {
    auto until = std::chrono::steady_clock::now() + poll;
    while (!stop.load() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (stop.load()) return;
    std::optional<StoppedEvent> at;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      if (failure_.ok()) return;  // a Rebuild swapped in tables past the failure
      at = stopped_at_;
    }
    size_t added = 0;
    Status refreshed = RefreshDecisions(&added);
    if (refreshed.ok() && at && Skips(at->event_id)) return;  // an operator decided: go on
    if (!at && std::chrono::steady_clock::now() - started >= retry_every) return;
  }
}

Status Projector::Lag(std::vector<int64_t>* per_partition) {
  std::vector<int64_t> committed;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (!initialized_) return Status::InvalidArgument("Projector::Initialize() has not succeeded");
    committed = committed_;
  }
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(log_->EndOffsets(&ends));
  per_partition->assign(ends.size(), 0);
  for (size_t p = 0; p < ends.size(); ++p) {
    int64_t at = p < committed.size() ? committed[p] : 0;
    (*per_partition)[p] = std::max<int64_t>(0, ends[p] - at);
  }
  return Status::OK();
}

void Projector::PollStoredCheckpoint(int partition) {
  std::lock_guard<std::mutex> lock(observer_mu_);
  std::optional<int64_t> stored;
  PgError error = RunPg([&] {
    if (!observer_) observer_ = std::make_unique<PgSession>(uri_);
    pqxx::nontransaction tx(observer_->conn());
    auto r = tx.exec_params(
        "SELECT next_offset FROM eduledger.projection_checkpoints "
        "WHERE projection = $1 AND slot = 'live' AND partition = $2",
        projection_->name(), partition);
    if (!r.empty()) stored = r[0][0].as<int64_t>();
  });
  if (!error.ok()) {
    observer_.reset();
    return;
  }
  if (!stored) return;
  std::vector<int64_t> next;
  {
    std::lock_guard<std::mutex> state(state_mu_);
    next = committed_;
  }
  if (static_cast<size_t>(partition) < next.size()) {
    next[static_cast<size_t>(partition)] = *stored;
    Publish(next);
  }
}

Status Projector::WaitForPosition(int partition, int64_t offset,
                                  std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= log_->partition_count()) {
    return Status::InvalidArgument(fmt::format("partition {} does not exist (the log has {})",
                                               partition, log_->partition_count()));
  }
  const size_t p = static_cast<size_t>(partition);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(state_mu_);
  if (!initialized_) return Status::InvalidArgument("Projector::Initialize() has not succeeded");
  // Without a Run loop here, look at once: the position may have been reached elsewhere.
  auto next_poll =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(running_ == 0 ? 0 : 500);
  for (;;) {
    if (p < committed_.size() && committed_[p] > offset) return Status::OK();
    if (!failure_.ok()) return failure_;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return Status::Timeout(fmt::format(
          "projection '{}' has not reached partition {} offset {} within {} ms (it is at {})",
          projection_->name(), partition, offset, timeout.count(),
          p < committed_.size() ? committed_[p] : 0));
    }
    // Progress may come from another process running this projection: poll what it committed,
    // often when no Run loop is here, rarely otherwise (a twin's progress reaches this process
    // only when its own next batch finds the checkpoints moved).
    auto poll_every = std::chrono::milliseconds(running_ == 0 ? 50 : 500);
    if (now < next_poll) progress_.wait_until(lock, std::min(deadline, next_poll));
    if (p < committed_.size() && committed_[p] > offset) return Status::OK();
    now = std::chrono::steady_clock::now();
    if (now >= next_poll && now < deadline) {
      next_poll = now + poll_every;
      lock.unlock();
      PollStoredCheckpoint(partition);
      lock.lock();
    }
  }
}

Status Projector::Rebuild() {
  std::lock_guard<std::mutex> rebuild_lock(rebuild_mu_);
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (!initialized_) return Status::InvalidArgument("Projector::Initialize() has not succeeded");
  }
  const std::string name = projection_->name();
  const std::string schema = projection_->schema();
  const size_t partitions = static_cast<size_t>(log_->partition_count());
  // A rebuild honours every skip decision recorded so far (and any recorded while it runs is
  // read by the live projector; the next rebuild reads it too).
  EDU_RETURN_IF_ERROR(RefreshDecisions());
  std::unique_ptr<PgSession> session;
  try {
    session = std::make_unique<PgSession>(uri_);
  } catch (const std::exception& e) {
    return Status::Unavailable(
        fmt::format("projection '{}': connecting to PostgreSQL: {}", name, e.what()));
  }

  // 1. A fresh schema with the current DDL and zero checkpoints in the rebuild slot.
  int generation = 0;
  Target fresh;
  fresh.live = false;
  PgError error = RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kBookkeepingLockKey);
    auto stored = tx.exec_params(
        "SELECT generation FROM eduledger.projection_status WHERE projection = $1 FOR UPDATE",
        name);
    if (stored.empty()) throw std::runtime_error("no status row: Initialize() first");
    generation = stored[0][0].as<int>();
    fresh.schema = fmt::format("{}__rebuild_{}", schema, generation + 1);
    // Leftovers of a rebuild that crashed or whose old copy could not be dropped.
    std::string drops;
    for (const auto& row : tx.exec_params(
             "SELECT nspname FROM pg_namespace WHERE left(nspname, length($1) + 9) = $1 || "
             "'__rebuild' OR left(nspname, length($1) + 5) = $1 || '__old'",
             schema)) {
      drops += fmt::format("DROP SCHEMA {} CASCADE;\n", QuoteIdentifier(row[0].c_str()));
    }
    if (!drops.empty()) tx.exec(drops);
    tx.exec("CREATE SCHEMA " + fresh.schema + ";\n" + DdlFor(*projection_, fresh.schema));
    tx.exec_params(
        "DELETE FROM eduledger.projection_checkpoints WHERE projection = $1 AND slot = 'rebuild'",
        name);
    tx.exec_params(
        "INSERT INTO eduledger.projection_checkpoints (projection, slot, partition, next_offset) "
        "SELECT $1, 'rebuild', p, 0 FROM generate_series(0, $2 - 1) AS p",
        name, static_cast<int>(partitions));
    tx.exec_params(
        "UPDATE eduledger.projection_status SET state = 'rebuilding', rebuild_schema = $2, "
        "updated_at = now() WHERE projection = $1",
        name, fresh.schema);
    tx.commit();
  });
  if (!error.ok())
    return ToStatus(error, fmt::format("projection '{}': preparing a rebuild", name));

  auto abandon = [&](const Status& s) {
    // The live tables are untouched and keep their state (running, unless they had failed or
    // are of another version); record why the rebuild stopped. An event's failure keeps the
    // error_* columns StopAt wrote.
    bool live_ok;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      live_ok = failure_.ok() && !needs_rebuild_;
      // Tables that must be rebuilt cannot serve: the projection is stopped where the rebuild
      // stopped (Run waits for a decision about that event, then rebuilds again).
      if (needs_rebuild_) {
        failure_ = s;
        stopped_at_ = fresh.stopped;
      }
    }
    RunPg([&] {
      pqxx::connection c(uri_);
      pqxx::work tx(c);
      tx.exec_params(
          "UPDATE eduledger.projection_status SET state = $2, last_error = $3, "
          "updated_at = now() WHERE projection = $1",
          name, std::string(live_ok ? "running" : "failed"),
          fmt::format("rebuild into {} failed: {}", fresh.schema, s.ToString()));
      tx.commit();
    });
    return s;
  };
  // Transient errors (a lost connection) are retried a few times before giving the rebuild up.
  auto build_to_end = [&] {
    Status s;
    for (int attempt = 0; attempt < 5; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(options_.retry_backoff);
      std::vector<int64_t> ends;
      s = log_->EndOffsets(&ends);
      size_t applied = 0;
      if (s.ok()) s = CatchUpTarget(&session, &fresh, ends, nullptr, &applied);
      if (!Transient(s)) break;
    }
    return s;
  };

  // 2. Build from offset zero while the live tables serve (and advance, if Run is going).
  Status s = build_to_end();
  if (!s.ok()) return abandon(s);
  if (options_.before_swap) options_.before_swap(fresh.schema);

  // 3. Pause live batches, take the last events in, swap in one transaction.
  const std::string old_copy = fmt::format("{}__old_{}", schema, generation);
  {
    std::lock_guard<std::mutex> batch_lock(batch_mu_);
    s = build_to_end();
    if (!s.ok()) return abandon(s);
    error = RunPg([&] {
      pqxx::work tx(session->conn());
      tx.exec_params("SELECT 1 FROM eduledger.projection_status WHERE projection = $1 FOR UPDATE",
                     name);
      if (!tx.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema).empty()) {
        tx.exec(fmt::format("ALTER SCHEMA {} RENAME TO {}", schema, old_copy));
      }
      tx.exec(fmt::format("ALTER SCHEMA {} RENAME TO {}", fresh.schema, schema));
      tx.exec_params(
          "DELETE FROM eduledger.projection_checkpoints WHERE projection = $1 AND slot = 'live'",
          name);
      tx.exec_params(
          "UPDATE eduledger.projection_checkpoints SET slot = 'live', updated_at = now() "
          "WHERE projection = $1 AND slot = 'rebuild'",
          name);
      tx.exec_params(
          "UPDATE eduledger.projection_status SET version = $2, generation = $3, "
          "state = 'running', live_schema = $4, rebuild_schema = NULL, last_error = NULL, "
          "error_stream = NULL, error_version = NULL, error_partition = NULL, "
          "error_offset = NULL, error_event_type = NULL, error_event_id = NULL, "
          "updated_at = now() WHERE projection = $1",
          name, projection_->version(), generation + 1, schema);
      tx.commit();
    });
    if (!error.ok()) {
      return abandon(
          ToStatus(error, fmt::format("projection '{}': swapping in {}", name, fresh.schema)));
    }
    *live_ = Target();  // in place: CatchUp may hold the pointer, waiting for batch_mu_
    live_->schema = schema;
    live_->next = fresh.next;
    live_->needs_reload = false;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      needs_rebuild_ = false;
      rebuild_reason_.clear();
      failure_ = Status::OK();
      stopped_at_.reset();
      committed_ = fresh.next;
    }
    progress_.notify_all();
  }

  // 4. Drop the old copy outside the swap, so that readers still on it never block the swap. A
  // failure leaves a leftover the next rebuild removes.
  RunPg([&] {
    pqxx::work tx(session->conn());
    tx.exec("DROP SCHEMA IF EXISTS " + old_copy + " CASCADE");
    tx.commit();
  });
  return Status::OK();
}

}  // namespace edu
