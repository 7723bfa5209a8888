// SqlWriter::Render (projections/sql_writer.h): one folded statement as SQL of its kind, or as COPY
// rows for a large plain Insert. INSERT assigns each literal to its column's type; a free-standing
// VALUES list (UPDATE .. FROM, DELETE .. USING, a subtracting Increment) takes its column types
// from the first row, cast explicitly.
#include <fmt/format.h>

#include "projections/sql_writer_internal.h"

namespace edu {
namespace {

using sql_writer_internal::Contains;
using sql_writer_internal::Group;

std::string JoinNames(const std::vector<std::string>& names, const char* prefix = "") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += prefix;
    out += QuoteIdentifier(names[i]);
  }
  return out;
}

// An Increment that subtracts cannot be an INSERT .. ON CONFLICT: PostgreSQL checks the proposed
// row's CHECK constraints (e.g. net_revenue >= 0) before it looks for the conflict. It updates
// the existing rows instead, and inserts only the keys that have none.
bool Subtracts(const Group& g) {
  bool subtracts = false;
  if (g.kind == RowOp::Kind::kIncrement) {
    for (const auto& row : g.values) {
      for (const auto& v : row) {
        if (const auto* i = std::get_if<int64_t>(&v)) subtracts = subtracts || *i < 0;
        if (const auto* d = std::get_if<Decimal>(&v)) subtracts = subtracts || d->minor < 0;
        if (const auto* x = std::get_if<double>(&v)) subtracts = subtracts || *x < 0;
      }
    }
  }
  return subtracts;
}

// The statement's rendering context: its group, quoted table and VALUES rows.
struct Parts {
  const Group& g;
  const std::string& table;
  const std::string& values;
  const std::vector<std::string>& set_columns;  // the non-key columns

  std::string KeyMatch(const char* other) const {
    std::string out;
    for (size_t i = 0; i < g.key.size(); ++i) {
      if (i) out += " AND ";
      std::string k = QuoteIdentifier(g.key[i]);
      out += fmt::format("cur.{} = {}.{}", k, other, k);
    }
    return out;
  }

  std::string ConflictTarget() const {
    return fmt::format("INSERT INTO {} AS cur ({}) VALUES {} ON CONFLICT ({}) DO ", table,
                       JoinNames(g.columns), values, JoinNames(g.key));
  }
};

std::string UpsertSql(const Parts& p) {
  std::string sql = p.ConflictTarget();
  if (p.set_columns.empty()) return sql + "NOTHING";
  sql += "UPDATE SET ";
  for (size_t i = 0; i < p.set_columns.size(); ++i) {
    std::string c = QuoteIdentifier(p.set_columns[i]);
    sql += fmt::format("{}{} = EXCLUDED.{}", i ? ", " : "", c, c);
  }
  return sql;
}

std::string IncrementSql(const Parts& p, bool subtracts) {
  const Group& g = p.g;
  if (subtracts) {
    std::string set, missing;
    for (size_t i = 0; i < p.set_columns.size(); ++i) {
      std::string c = QuoteIdentifier(p.set_columns[i]);
      set += fmt::format("{}{} = COALESCE(cur.{}, 0) + v.{}", i ? ", " : "", c, c, c);
    }
    for (size_t i = 0; i < g.key.size(); ++i) {
      std::string k = QuoteIdentifier(g.key[i]);
      missing += fmt::format("{}u.{} = v.{}", i ? " AND " : "", k, k);
    }
    return fmt::format(
        "WITH v ({}) AS (VALUES {}), u AS (UPDATE {} AS cur SET {} FROM v WHERE {} RETURNING "
        "{}) "
        "INSERT INTO {} ({}) SELECT {} FROM v WHERE NOT EXISTS (SELECT 1 FROM u WHERE {})",
        JoinNames(g.columns), p.values, p.table, set, p.KeyMatch("v"), JoinNames(g.key, "cur."),
        p.table, JoinNames(g.columns), JoinNames(g.columns, "v."), missing);
  }
  std::string sql = p.ConflictTarget() + "UPDATE SET ";
  for (size_t i = 0; i < p.set_columns.size(); ++i) {
    std::string c = QuoteIdentifier(p.set_columns[i]);
    sql += fmt::format("{}{} = COALESCE(cur.{}, 0) + EXCLUDED.{}", i ? ", " : "", c, c, c);
  }
  return sql;
}

std::string LeastSql(const Parts& p) {
  std::string sql = p.ConflictTarget() + "UPDATE SET ";
  for (size_t i = 0; i < p.set_columns.size(); ++i) {
    std::string c = QuoteIdentifier(p.set_columns[i]);
    sql += fmt::format("{}{} = LEAST(cur.{}, EXCLUDED.{})", i ? ", " : "", c, c, c);
  }
  return sql;
}

// An UPDATE .. FROM (VALUES ..) that asserts every key matched a row (eduledger.expect_rows), with
// a message naming the missing key when the statement has one row.
std::string UpdateSql(const Parts& p, const std::string& schema, const LiteralQuoter& quote) {
  const Group& g = p.g;
  auto literal = [&](const std::optional<std::string>& text) {
    return text ? quote(*text) : std::string("NULL");
  };
  std::string set;
  for (size_t i = 0; i < p.set_columns.size(); ++i) {
    std::string c = QuoteIdentifier(p.set_columns[i]);
    set += fmt::format("{}{} = v.{}", i ? ", " : "", c, c);
  }
  std::string label;
  if (g.rows.size() == 1) {
    std::vector<std::string> key_values;
    for (const auto& k : g.key) {
      size_t c =
          static_cast<size_t>(std::find(g.columns.begin(), g.columns.end(), k) - g.columns.begin());
      key_values.push_back(literal(g.rows[0][c]));
    }
    label = fmt::format("Update of {}.{} found no row with ({}) = ({})", schema, g.table,
                        fmt::join(g.key, ", "), fmt::join(key_values, ", "));
  } else {
    label = fmt::format("Update of {}.{} found no row for some of its {} keys", schema, g.table,
                        g.rows.size());
  }
  return fmt::format(
      "WITH v ({}) AS (VALUES {}), u AS (UPDATE {} AS cur SET {} FROM v WHERE {} RETURNING {}) "
      "SELECT eduledger.expect_rows({}, (SELECT count(*) FROM (SELECT DISTINCT * FROM u) AS "
      "d), "
      "'{}', {})",
      JoinNames(g.columns), p.values, p.table, set, p.KeyMatch("v"), JoinNames(g.key, "cur."),
      g.rows.size(), kUpdateMissedRowState, quote(label));
}

}  // namespace

RenderedStatement SqlWriter::Render(Group& g) const {
  RenderedStatement out;
  out.kind = g.kind;
  out.table = g.table;
  out.rows = g.rows.size();
  const std::string table = QuoteIdentifier(schema_) + "." + QuoteIdentifier(g.table);
  if (g.kind == RowOp::Kind::kInsert && copy_min_rows_ > 0 && g.rows.size() >= copy_min_rows_) {
    out.copy = true;
    out.copy_table = table;
    for (const auto& c : g.columns) out.copy_columns.push_back(QuoteIdentifier(c));
    out.copy_rows = std::move(g.rows);
    return out;
  }
  const bool subtracts = Subtracts(g);
  const bool cast_first_row =
      g.kind == RowOp::Kind::kUpdate || g.kind == RowOp::Kind::kDelete || subtracts;
  std::string values;
  for (size_t r = 0; r < g.rows.size(); ++r) {
    values += r ? ",(" : "(";
    for (size_t c = 0; c < g.rows[r].size(); ++c) {
      if (c) values += ',';
      values += g.rows[r][c] ? quote_(*g.rows[r][c]) : std::string("NULL");
      if (r == 0 && cast_first_row) values += "::" + g.info->column_types.at(g.columns[c]);
    }
    values += ')';
  }
  std::vector<std::string> set_columns;
  for (const auto& c : g.columns) {
    if (!Contains(g.key, c)) set_columns.push_back(c);
  }
  const Parts parts{g, table, values, set_columns};
  switch (g.kind) {
    case RowOp::Kind::kInsert:
      out.sql = fmt::format("INSERT INTO {} ({}) VALUES {}", table, JoinNames(g.columns), values);
      break;
    case RowOp::Kind::kUpsert:
      out.sql = UpsertSql(parts);
      break;
    case RowOp::Kind::kIncrement:
      out.sql = IncrementSql(parts, subtracts);
      break;
    case RowOp::Kind::kLeast:
      out.sql = LeastSql(parts);
      break;
    case RowOp::Kind::kUpdate:
      out.sql = UpdateSql(parts, schema_, quote_);
      break;
    case RowOp::Kind::kDelete:
      out.sql = fmt::format("DELETE FROM {} AS cur USING (VALUES {}) AS v ({}) WHERE {}", table,
                            values, JoinNames(g.columns), parts.KeyMatch("v"));
      break;
  }
  return out;
}

}  // namespace edu
