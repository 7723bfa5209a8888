// Renders a batch of row operations (projections/row_ops.h) into few multi-row SQL statements.
//
// Folding: consecutive operations of the same kind on the same table with the same column set
// become one statement (INSERT .. VALUES (..),(..); INSERT .. ON CONFLICT (key) DO UPDATE;
// UPDATE .. FROM (VALUES ..); DELETE .. USING (VALUES ..)). An operation may also join an
// earlier statement of its shape when moving it there cannot change the outcome:
//   - every statement it would move before is on a table not linked to its own by foreign keys
//     (transitively), and neither table has triggers, exclusion constraints or expression unique
//     indexes ("opaque" tables never take part in reordering), or
//   - is on its own table and provably touches other rows: for every unique index of the table
//     (primary key included) both sides pin all its columns to known values, and they differ, or
//   - commutes with it: Increments of the same key, Leasts of the same key, or
//     Upserts/Increments/Leasts of the same key writing different columns (given no unique index
//     beyond the key covers a column either writes).
// Inside one statement a key appears once: a later Upsert/Update of the same key replaces the
// earlier values (same column set, so nothing is lost), two Increments of one key add their
// deltas exactly (int64 / Decimal; a delta that cannot be added exactly, a double say, starts a
// new statement instead), a repeated Least starts a new statement, a repeated Delete is dropped.
// Inserts are never merged per key: a duplicate fails as it would have one by one.
//
// Values are quoted literals of their exact text form. INSERT (plain, upsert, increment) assigns
// them to the columns' types; the VALUES lists of UPDATE .. FROM and DELETE .. USING cast their
// first row to the column types read from the catalog (format_type without the type modifier,
// so that varchar(n) and numeric(p,s) still check the assignment instead of truncating), which
// types the whole list. Explicit casts on every value cost about 30 % of the server's time on a
// 12-column INSERT. Updates assert that every key matched a row (eduledger.expect_rows raises
// SQLSTATE kUpdateMissedRowState otherwise).
//
// Not thread-safe; pure (no I/O): the catalog and the literal quoting come from the caller.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu {
namespace sql_writer_internal {
struct Prepared;
struct Group;
}  // namespace sql_writer_internal

// What the writer needs to know about one table (read from the PostgreSQL catalog).
struct TableInfo {
  // column -> type as format_type(atttypid, NULL) renders it: "integer", "numeric", "text[]",
  // "timestamp with time zone", "jsonb", "mentorship.session_status", ...
  std::map<std::string, std::string> column_types;
  // The primary key and every unique index, as column names.
  std::vector<std::vector<std::string>> unique_keys;
  // Triggers, exclusion constraints, expression unique indexes, self-references: its rows may
  // depend on each other or on other tables in ways the writer cannot see, so nothing moves
  // across a statement on it.
  bool opaque = false;
  // Tables linked by foreign keys (transitively) share a family; statements never move across a
  // statement of the same family on another table.
  int family = 0;
};

struct SchemaCatalog {
  std::map<std::string, TableInfo> tables;  // unqualified table name -> info
  const TableInfo* Find(const std::string& table) const {
    auto it = tables.find(table);
    return it == tables.end() ? nullptr : &it->second;
  }
};

// Quotes a string as an SQL literal, quotes included: it's -> 'it''s'. The projector uses the
// connection's escaping (PQescapeStringConn); tests use QuoteLiteralStandard.
using LiteralQuoter = std::function<std::string(std::string_view)>;

// The escaping PostgreSQL expects with standard_conforming_strings = on (the default since 9.1):
// single quotes doubled, backslashes literal.
std::string QuoteLiteralStandard(std::string_view text);
// "name" with embedded double quotes doubled.
std::string QuoteIdentifier(std::string_view name);

// Exact text of a decimal from minor units: {-5, 2} -> "-0.05", {123450, 2} -> "1234.50",
// {7, 0} -> "7". Never goes through floating point.
std::string DecimalText(const Decimal& d);
// ISO-8601 in UTC with microseconds: 2026-11-22T09:30:00.250000Z.
std::string TimestampText(Timestamp t);
// PostgreSQL array literal text with every element double-quoted: {"a,b","say \"hi\""}.
std::string ArrayLiteralText(const std::vector<std::string>& items);
// The value's text form before quoting, e.g. "true", "42", "1234.50" (nullopt for Null).
std::optional<std::string> ValueText(const SqlValue& value);
// The value as a quoted literal of its text form ('42', '{"a":1}') or NULL.
std::string RenderLiteral(const SqlValue& value, const LiteralQuoter& quote);
// The value as an SQL expression of the column's type: '42'::integer, NULL::text,
// '{"a":1}'::jsonb.
std::string RenderValue(const SqlValue& value, const std::string& type, const LiteralQuoter& quote);

// Checks an operation against the catalog before anything is sent: the table and its columns
// exist, no column is given twice, keyed kinds have a key whose columns are among the values,
// Increment deltas are numbers, texts hold no NUL byte. The message names table and column.
Status ValidateOp(const RowOp& op, const SchemaCatalog& catalog);

// SQLSTATE raised by eduledger.expect_rows when an Update matched fewer keys than it names.
inline constexpr const char* kUpdateMissedRowState = "ED002";

struct RenderedStatement {
  RowOp::Kind kind = RowOp::Kind::kInsert;
  std::string table;
  size_t rows = 0;  // rows (distinct keys) the statement carries after folding
  std::string sql;  // one statement, without the trailing semicolon; empty for a COPY
  // A large plain Insert goes by COPY instead (see SqlWriter::set_copy_min_rows): the quoted,
  // schema-qualified table, its quoted columns, and each row's values in text form (nullopt =
  // NULL), to be streamed with COPY .. FROM STDIN.
  bool copy = false;
  std::string copy_table;
  std::vector<std::string> copy_columns;
  std::vector<std::vector<std::optional<std::string>>> copy_rows;
};

// Rows in COPY text format: fields separated by tabs, \N for NULL, backslash, newline, carriage
// return and tab escaped, each row ending in a newline.
std::string CopyText(const std::vector<std::vector<std::optional<std::string>>>& rows);

// Joins SQL statements into one string for a single round trip ("a;\nb;\n"). Precondition: no
// statement is a COPY.
std::string JoinStatements(const std::vector<RenderedStatement>& statements);

class SqlWriter {
 public:
  // `catalog` must outlive the writer and hold every table the operations name (ValidateOp).
  // With fold = false every operation becomes its own statement in order (the exact, one by one
  // semantics the projector falls back to when a folded batch fails).
  SqlWriter(std::string schema, const SchemaCatalog* catalog, LiteralQuoter quote,
            bool fold = true);
  ~SqlWriter();
  SqlWriter(const SqlWriter&) = delete;
  SqlWriter& operator=(const SqlWriter&) = delete;

  // Plain Insert statements of at least this many rows are rendered for COPY instead of INSERT
  // .. VALUES (COPY writes rows about three times as fast; it costs one more round trip). 0, the
  // default, never uses COPY.
  void set_copy_min_rows(size_t rows) { copy_min_rows_ = rows; }

  // Adds operations in log order. Precondition: ValidateOp(op) is OK.
  void Add(const RowOp& op);
  size_t statement_count() const;
  // The statements in execution order; the writer is empty afterwards.
  std::vector<RenderedStatement> Finish();

 private:
  using Prepared = sql_writer_internal::Prepared;  // projections/sql_writer_internal.h
  using Group = sql_writer_internal::Group;
  bool Commute(const RowOp& op, const Group& later) const;
  bool CanMovePast(const Prepared& op, const Group& later) const;
  bool TryJoin(Group* group, Prepared* op) const;
  Group NewGroup(Prepared op) const;
  RenderedStatement Render(Group& group) const;  // moves the COPY rows out

  std::string schema_;
  const SchemaCatalog* catalog_;
  LiteralQuoter quote_;
  bool fold_;
  size_t copy_min_rows_ = 0;
  std::vector<Group> groups_;
  std::map<std::string, size_t> last_group_of_shape_;
};

}  // namespace edu
