#include "projections/projector_pg.h"

#include <functional>
#include <map>

#include <pqxx/tablewriter>

namespace edu {
namespace projector_detail {

const char* const kBookkeepingDdl = R"sql(
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

namespace {

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

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
           // Without its typmod, format_type names char(n) "character", which casts to char(1)
           // and truncates; bpchar keeps the value and lets the column's own length check it.
           "SELECT c.relname, a.attname, "
           "       regexp_replace(format_type(a.atttypid, NULL), '^character(\\[\\])?$', "
           "'bpchar\\1') "
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

}  // namespace projector_detail
}  // namespace edu
