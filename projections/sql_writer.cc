#include "projections/sql_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "domain/core/money.h"

namespace edu {
namespace {

using TextRow = std::vector<std::optional<std::string>>;

template <class... Fs>
struct Overload : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overload(Fs...) -> Overload<Fs...>;

const char* KindName(RowOp::Kind kind) {
  switch (kind) {
    case RowOp::Kind::kInsert:
      return "Insert";
    case RowOp::Kind::kUpsert:
      return "Upsert";
    case RowOp::Kind::kUpdate:
      return "Update";
    case RowOp::Kind::kIncrement:
      return "Increment";
    case RowOp::Kind::kDelete:
      return "Delete";
    case RowOp::Kind::kLeast:
      return "Least";
  }
  return "?";
}

bool Keyed(RowOp::Kind kind) { return kind != RowOp::Kind::kInsert; }

std::string DoubleText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof(buf), v);  // shortest text that round-trips
  return std::string(buf, result.ptr);
}

// Whether equal text means an equal value and different text a different one, for this value in
// a column of this type. Only such values prove that two operations touch different rows.
bool Canonical(const SqlValue& value, const std::string& type) {
  return std::visit(
      Overload{
          [&](int64_t) { return type == "bigint" || type == "integer" || type == "smallint"; },
          [&](const Uuid&) { return type == "uuid"; },
          [&](const std::string&) { return type == "text" || type == "character varying"; },
          [&](const Timestamp&) {
            return type == "timestamp with time zone" || type == "timestamp without time zone";
          },
          [&](const Date&) { return type == "date"; },
          [&](bool) { return type == "boolean"; },
          [](const auto&) { return false; },
      },
      value);
}

std::optional<size_t> IndexOf(const Columns& cols, const std::string& name) {
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].first == name) return i;
  }
  return std::nullopt;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

bool HasNul(const SqlValue& value) {
  auto nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
  if (auto* s = std::get_if<std::string>(&value)) return nul(*s);
  if (auto* j = std::get_if<Json>(&value)) return nul(j->text);
  if (auto* a = std::get_if<std::vector<std::string>>(&value)) {
    return std::any_of(a->begin(), a->end(), nul);
  }
  return false;
}

// Exact sum of two increments of one key, or nullopt when it cannot be exact (doubles, overflow).
std::optional<SqlValue> AddExactly(const SqlValue& a, const SqlValue& b) {
  auto as_decimal = [](const SqlValue& v) -> std::optional<Decimal> {
    if (auto* i = std::get_if<int64_t>(&v)) return Decimal{*i, 0};
    if (auto* d = std::get_if<Decimal>(&v)) return *d;
    return std::nullopt;
  };
  if (auto* x = std::get_if<int64_t>(&a)) {
    if (auto* y = std::get_if<int64_t>(&b)) {
      auto sum = CheckedAdd(*x, *y);
      if (!sum) return std::nullopt;
      return SqlValue(*sum);
    }
  }
  auto x = as_decimal(a), y = as_decimal(b);
  if (!x || !y || x->digits < 0 || y->digits < 0) return std::nullopt;
  int digits = std::max(x->digits, y->digits);
  auto rescale = [&](const Decimal& d) -> std::optional<int64_t> {
    int64_t v = d.minor;
    for (int i = d.digits; i < digits; ++i) {
      auto m = CheckedMul(v, 10);
      if (!m) return std::nullopt;
      v = *m;
    }
    return v;
  };
  auto xs = rescale(*x), ys = rescale(*y);
  if (!xs || !ys) return std::nullopt;
  auto sum = CheckedAdd(*xs, *ys);
  if (!sum) return std::nullopt;
  return SqlValue(Decimal{*sum, digits});
}

// Upserts and Increments of one table by the same key commute when they write different columns
// (each writes only its own; rows they create get the others' defaults), and Increments always
// do (additions), provided no unique index beyond the key involves a column they write. Rows
// touched by both are then the same whichever runs first, so one may move past the other even
// for the same key.
bool CommutingKinds(RowOp::Kind a, RowOp::Kind b) {
  auto upsert_like = [](RowOp::Kind k) {
    return k == RowOp::Kind::kUpsert || k == RowOp::Kind::kIncrement || k == RowOp::Kind::kLeast;
  };
  return upsert_like(a) && upsert_like(b);
}

// One value in a comparable form: equal for equal text forms, NULL distinct from every text.
std::string Identity(const std::optional<std::string>& text) { return text ? "'" + *text : "NULL"; }

std::string JoinNames(const std::vector<std::string>& names, const char* prefix = "") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += prefix;
    out += QuoteIdentifier(names[i]);
  }
  return out;
}

}  // namespace

std::string QuoteLiteralStandard(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string DecimalText(const Decimal& d) {
  bool negative = d.minor < 0;
  // Unsigned magnitude so that INT64_MIN has one.
  uint64_t magnitude =
      negative ? uint64_t(0) - static_cast<uint64_t>(d.minor) : static_cast<uint64_t>(d.minor);
  std::string digits = std::to_string(magnitude);
  if (d.digits <= 0) {
    if (magnitude != 0) digits.append(static_cast<size_t>(-d.digits), '0');
    return (negative ? "-" : "") + digits;
  }
  size_t scale = static_cast<size_t>(d.digits);
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  digits.insert(digits.size() - scale, ".");
  return (negative ? "-" : "") + digits;
}

std::string TimestampText(Timestamp t) {
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  int64_t days = t.micros / kMicrosPerDay;
  int64_t rest = t.micros % kMicrosPerDay;
  if (rest < 0) {  // floor, for instants before 1970
    rest += kMicrosPerDay;
    --days;
  }
  Date date = CivilFromDays(days);
  int64_t seconds = rest / 1'000'000;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:06d}Z", date.year, date.month,
                     date.day, seconds / 3600, seconds / 60 % 60, seconds % 60, rest % 1'000'000);
}

std::string ArrayLiteralText(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::optional<std::string> ValueText(const SqlValue& value) {
  return std::visit(
      Overload{
          [](const Null&) -> std::optional<std::string> { return std::nullopt; },
          [](bool b) -> std::optional<std::string> { return b ? "true" : "false"; },
          [](int64_t i) -> std::optional<std::string> { return std::to_string(i); },
          [](double d) -> std::optional<std::string> { return DoubleText(d); },
          [](const std::string& s) -> std::optional<std::string> { return s; },
          [](const Uuid& u) -> std::optional<std::string> { return ToString(u); },
          [](const Timestamp& t) -> std::optional<std::string> { return TimestampText(t); },
          [](const Date& d) -> std::optional<std::string> { return FormatDate(d); },
          [](const Decimal& d) -> std::optional<std::string> { return DecimalText(d); },
          [](const Json& j) -> std::optional<std::string> { return j.text; },
          [](const std::vector<std::string>& a) -> std::optional<std::string> {
            return ArrayLiteralText(a);
          },
      },
      value);
}

std::string RenderLiteral(const SqlValue& value, const LiteralQuoter& quote) {
  auto text = ValueText(value);
  return text ? quote(*text) : "NULL";
}

std::string RenderValue(const SqlValue& value, const std::string& type,
                        const LiteralQuoter& quote) {
  return RenderLiteral(value, quote) + "::" + type;
}

Status ValidateOp(const RowOp& op, const SchemaCatalog& catalog) {
  // Checked for every operation of every batch: the message is only built on failure.
  auto what = [&] { return fmt::format("{} on table '{}'", KindName(op.kind), op.table); };
  const TableInfo* info = catalog.Find(op.table);
  if (info == nullptr) return Status::InvalidArgument(what() + ": no such table in the schema");
  if (op.values.empty()) return Status::InvalidArgument(what() + ": no columns given");
  for (size_t i = 0; i < op.values.size(); ++i) {
    const auto& [column, value] = op.values[i];
    if (!info->column_types.count(column)) {
      return Status::InvalidArgument(fmt::format("{}: no column '{}'", what(), column));
    }
    for (size_t j = 0; j < i; ++j) {
      if (op.values[j].first == column) {
        return Status::InvalidArgument(fmt::format("{}: column '{}' given twice", what(), column));
      }
    }
    if (HasNul(value)) {
      return Status::InvalidArgument(fmt::format(
          "{}: column '{}' holds a NUL byte, which PostgreSQL text cannot", what(), column));
    }
  }
  if (!Keyed(op.kind)) return Status::OK();
  if (op.key.empty()) return Status::InvalidArgument(what() + ": no key columns");
  for (size_t i = 0; i < op.key.size(); ++i) {
    const std::string& k = op.key[i];
    if (!IndexOf(op.values, k)) {
      return Status::InvalidArgument(fmt::format("{}: key column '{}' has no value", what(), k));
    }
    if (std::find(op.key.begin(), op.key.begin() + static_cast<long>(i), k) !=
        op.key.begin() + static_cast<long>(i)) {
      return Status::InvalidArgument(fmt::format("{}: key column '{}' named twice", what(), k));
    }
  }
  size_t non_key = op.values.size() - op.key.size();
  if ((op.kind == RowOp::Kind::kUpdate || op.kind == RowOp::Kind::kIncrement ||
       op.kind == RowOp::Kind::kLeast) &&
      non_key == 0) {
    return Status::InvalidArgument(what() + ": nothing to change besides the key");
  }
  if (op.kind == RowOp::Kind::kIncrement) {
    for (const auto& [column, value] : op.values) {
      if (Contains(op.key, column)) continue;
      if (!std::holds_alternative<int64_t>(value) && !std::holds_alternative<Decimal>(value) &&
          !std::holds_alternative<double>(value)) {
        return Status::InvalidArgument(
            fmt::format("{}: delta for column '{}' is not a number", what(), column));
      }
    }
  }
  if (op.kind == RowOp::Kind::kUpsert || op.kind == RowOp::Kind::kIncrement ||
      op.kind == RowOp::Kind::kLeast) {
    auto key = Sorted(op.key);
    bool unique = std::any_of(info->unique_keys.begin(), info->unique_keys.end(),
                              [&](const auto& u) { return Sorted(u) == key; });
    if (!unique) {
      return Status::InvalidArgument(
          fmt::format("{}: no primary key or unique index on ({}) for ON CONFLICT", what(),
                      fmt::join(key, ", ")));
    }
  }
  return Status::OK();
}

std::string CopyText(const std::vector<std::vector<std::optional<std::string>>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += '\t';
      if (!row[c]) {
        out += "\\N";
        continue;
      }
      for (char ch : *row[c]) {
        switch (ch) {
          case '\\':
            out += "\\\\";
            break;
          case '\n':
            out += "\\n";
            break;
          case '\r':
            out += "\\r";
            break;
          case '\t':
            out += "\\t";
            break;
          default:
            out += ch;
        }
      }
    }
    out += '\n';
  }
  return out;
}

std::string JoinStatements(const std::vector<RenderedStatement>& statements) {
  size_t size = 0;
  for (const auto& s : statements) size += s.sql.size() + 2;
  std::string out;
  out.reserve(size);
  for (const auto& s : statements) {
    out += s.sql;
    out += ";\n";
  }
  return out;
}

// ---- folding -----------------------------------------------------------------------------------

struct SqlWriter::Prepared {
  const RowOp* op = nullptr;
  const TableInfo* info = nullptr;
  std::string shape;                   // kind, table, column set, key set
  TextRow texts;                       // the values' text forms, in op->values order
  std::vector<std::string> key_tuple;  // Identity of the key values, key columns sorted by name
  // Per unique key of the table: the values this operation pins it to before and after, when all
  // are known and canonical.
  std::vector<std::optional<std::vector<std::string>>> pinned;
};

struct SqlWriter::Group {
  RowOp::Kind kind = RowOp::Kind::kInsert;
  std::string table;
  const TableInfo* info = nullptr;
  std::vector<std::string> columns;  // the first operation's order
  std::vector<std::string> key;
  std::vector<TextRow> rows;                  // text forms in `columns` order
  std::vector<std::vector<SqlValue>> values;  // raw values, kept for Increment sums
  std::map<std::vector<std::string>, size_t> row_of_key;
  std::set<std::string> inexact;  // Increment columns given a double delta
  struct Unique {
    bool all_pinned = true;
    std::set<std::vector<std::string>> tuples;
  };
  std::vector<Unique> uniques;
};

SqlWriter::SqlWriter(std::string schema, const SchemaCatalog* catalog, LiteralQuoter quote,
                     bool fold)
    : schema_(std::move(schema)), catalog_(catalog), quote_(std::move(quote)), fold_(fold) {}

SqlWriter::~SqlWriter() = default;

size_t SqlWriter::statement_count() const { return groups_.size(); }

bool SqlWriter::Commute(const RowOp& op, const Group& later) const {
  if (!CommutingKinds(op.kind, later.kind) || Sorted(op.key) != Sorted(later.key)) return false;
  std::set<std::string> written;
  for (const auto& [c, v] : op.values) {
    if (!Contains(op.key, c)) written.insert(c);
  }
  bool both_increments =
      op.kind == RowOp::Kind::kIncrement && later.kind == RowOp::Kind::kIncrement;
  // LEAST of the same columns is order-independent whatever the values' types.
  bool both_least = op.kind == RowOp::Kind::kLeast && later.kind == RowOp::Kind::kLeast;
  std::set<std::string> written_later;
  for (const auto& c : later.columns) {
    if (Contains(later.key, c)) continue;
    written_later.insert(c);
    if (!written.count(c) || both_least) continue;
    // Additions commute exactly, except in floating point: (x + a) + b need not be (x + b) + a.
    if (!both_increments || later.inexact.count(c) ||
        std::holds_alternative<double>(op.values[*IndexOf(op.values, c)].second)) {
      return false;
    }
  }
  const auto& info = *later.info;
  for (const auto& unique : info.unique_keys) {
    bool within_key = std::all_of(unique.begin(), unique.end(),
                                  [&](const std::string& c) { return Contains(op.key, c); });
    if (within_key) continue;
    for (const auto& c : unique) {
      if (written.count(c) || written_later.count(c)) return false;
    }
  }
  return true;
}

bool SqlWriter::CanMovePast(const Prepared& op, const Group& later) const {
  if (op.info->opaque || later.info->opaque) return false;
  if (later.table != op.op->table) return later.info->family != op.info->family;
  if (Commute(*op.op, later)) return true;
  if (op.info->unique_keys.empty()) return false;
  for (size_t i = 0; i < op.pinned.size(); ++i) {
    const auto& mine = op.pinned[i];
    const auto& theirs = later.uniques[i];
    if (!mine || !theirs.all_pinned || theirs.tuples.count(*mine)) return false;
  }
  return true;
}

bool SqlWriter::TryJoin(Group* group, Prepared* op) const {
  // The operation's values in the group's column order.
  std::vector<size_t> order;
  order.reserve(group->columns.size());
  for (const auto& c : group->columns) order.push_back(*IndexOf(op->op->values, c));
  auto row_texts = [&] {
    TextRow row;
    row.reserve(order.size());
    for (size_t i : order) row.push_back(std::move(op->texts[i]));
    return row;
  };
  if (Keyed(group->kind)) {
    auto existing = group->row_of_key.find(op->key_tuple);
    if (existing != group->row_of_key.end()) {
      size_t r = existing->second;
      switch (group->kind) {
        case RowOp::Kind::kDelete:
          return true;  // already deleted by this statement
        case RowOp::Kind::kUpsert:
        case RowOp::Kind::kUpdate:
          group->rows[r] = row_texts();  // same column set: the later values win
          return true;
        case RowOp::Kind::kIncrement: {
          std::vector<SqlValue> sums = group->values[r];
          for (size_t c = 0; c < group->columns.size(); ++c) {
            if (Contains(group->key, group->columns[c])) continue;
            auto sum = AddExactly(sums[c], op->op->values[order[c]].second);
            if (!sum) return false;
            sums[c] = *sum;
          }
          for (size_t c = 0; c < group->columns.size(); ++c) {
            if (Contains(group->key, group->columns[c])) continue;
            group->rows[r][c] = ValueText(sums[c]);
          }
          group->values[r] = std::move(sums);
          return true;
        }
        case RowOp::Kind::kLeast:
          return false;  // one statement may not touch a key twice: the next statement takes it
        case RowOp::Kind::kInsert:
          break;
      }
    }
    group->row_of_key.emplace(op->key_tuple, group->rows.size());
  }
  group->rows.push_back(row_texts());
  if (group->kind == RowOp::Kind::kIncrement) {
    std::vector<SqlValue> raw;
    for (size_t i : order) {
      raw.push_back(op->op->values[i].second);
      if (std::holds_alternative<double>(raw.back()))
        group->inexact.insert(op->op->values[i].first);
    }
    group->values.push_back(std::move(raw));
  } else {
    group->values.emplace_back();
  }
  for (size_t i = 0; i < op->pinned.size(); ++i) {
    if (op->pinned[i]) {
      group->uniques[i].tuples.insert(*op->pinned[i]);
    } else {
      group->uniques[i].all_pinned = false;
    }
  }
  return true;
}

SqlWriter::Group SqlWriter::NewGroup(Prepared op) const {
  Group g;
  g.kind = op.op->kind;
  g.table = op.op->table;
  g.info = op.info;
  for (const auto& [c, v] : op.op->values) g.columns.push_back(c);
  g.key = op.op->key;
  g.uniques.resize(op.info->unique_keys.size());
  TryJoin(&g, &op);
  return g;
}

void SqlWriter::Add(const RowOp& op) {
  Prepared p;
  p.op = &op;
  p.info = catalog_->Find(op.table);
  std::vector<std::string> names;
  for (const auto& [c, v] : op.values) {
    names.push_back(c);
    p.texts.push_back(ValueText(v));
  }
  const bool keyed = Keyed(op.kind);
  p.shape = fmt::format("{}\x1f{}\x1f{}\x1f{}", static_cast<int>(op.kind), op.table,
                        fmt::join(Sorted(names), ","),
                        keyed ? fmt::format("{}", fmt::join(Sorted(op.key), ",")) : "");
  if (keyed) {
    for (const auto& k : Sorted(op.key)) {
      p.key_tuple.push_back(Identity(p.texts[*IndexOf(op.values, k)]));
    }
  }
  for (const auto& unique : p.info->unique_keys) {
    std::vector<std::string> tuple;
    for (const auto& c : unique) {
      // An Insert pins the columns it gives; the other kinds only their key (the other columns'
      // values before the statement are unknown).
      auto i = IndexOf(op.values, c);
      bool pinned = i && (!keyed || Contains(op.key, c)) &&
                    Canonical(op.values[*i].second, p.info->column_types.at(c));
      if (!pinned) break;
      tuple.push_back(Identity(p.texts[*i]));
    }
    if (tuple.size() == unique.size()) {
      p.pinned.emplace_back(std::move(tuple));
    } else {
      p.pinned.emplace_back(std::nullopt);
    }
  }

  if (fold_) {
    auto found = last_group_of_shape_.find(p.shape);
    if (found != last_group_of_shape_.end()) {
      size_t g = found->second;
      bool movable = true;
      for (size_t h = g + 1; h < groups_.size() && movable; ++h) {
        movable = CanMovePast(p, groups_[h]);
      }
      if (movable && TryJoin(&groups_[g], &p)) return;
    }
  }
  std::string shape = p.shape;
  groups_.push_back(NewGroup(std::move(p)));
  last_group_of_shape_[shape] = groups_.size() - 1;
}

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
  // INSERT assigns each literal to its column's type; a free-standing VALUES list (UPDATE ..
  // FROM, DELETE .. USING) takes its column types from the first row, cast explicitly.
  // An Increment that subtracts cannot be an INSERT .. ON CONFLICT: PostgreSQL checks the
  // proposed row's CHECK constraints (e.g. net_revenue >= 0) before it looks for the conflict.
  // It updates the existing rows instead, and inserts only the keys that have none.
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
  const bool cast_first_row =
      g.kind == RowOp::Kind::kUpdate || g.kind == RowOp::Kind::kDelete || subtracts;
  auto literal = [&](const std::optional<std::string>& text) {
    return text ? quote_(*text) : std::string("NULL");
  };
  std::string values;
  for (size_t r = 0; r < g.rows.size(); ++r) {
    values += r ? ",(" : "(";
    for (size_t c = 0; c < g.rows[r].size(); ++c) {
      if (c) values += ',';
      values += literal(g.rows[r][c]);
      if (r == 0 && cast_first_row) values += "::" + g.info->column_types.at(g.columns[c]);
    }
    values += ')';
  }
  std::vector<std::string> set_columns;
  for (const auto& c : g.columns) {
    if (!Contains(g.key, c)) set_columns.push_back(c);
  }
  auto key_match = [&](const char* other) {
    std::string out;
    for (size_t i = 0; i < g.key.size(); ++i) {
      if (i) out += " AND ";
      std::string k = QuoteIdentifier(g.key[i]);
      out += fmt::format("cur.{} = {}.{}", k, other, k);
    }
    return out;
  };
  auto conflict_target = [&] {
    return fmt::format("INSERT INTO {} AS cur ({}) VALUES {} ON CONFLICT ({}) DO ", table,
                       JoinNames(g.columns), values, JoinNames(g.key));
  };
  switch (g.kind) {
    case RowOp::Kind::kInsert:
      out.sql = fmt::format("INSERT INTO {} ({}) VALUES {}", table, JoinNames(g.columns), values);
      break;
    case RowOp::Kind::kUpsert: {
      out.sql = conflict_target();
      if (set_columns.empty()) {
        out.sql += "NOTHING";
        break;
      }
      out.sql += "UPDATE SET ";
      for (size_t i = 0; i < set_columns.size(); ++i) {
        std::string c = QuoteIdentifier(set_columns[i]);
        out.sql += fmt::format("{}{} = EXCLUDED.{}", i ? ", " : "", c, c);
      }
      break;
    }
    case RowOp::Kind::kIncrement: {
      if (subtracts) {
        std::string set, missing;
        for (size_t i = 0; i < set_columns.size(); ++i) {
          std::string c = QuoteIdentifier(set_columns[i]);
          set += fmt::format("{}{} = COALESCE(cur.{}, 0) + v.{}", i ? ", " : "", c, c, c);
        }
        for (size_t i = 0; i < g.key.size(); ++i) {
          std::string k = QuoteIdentifier(g.key[i]);
          missing += fmt::format("{}u.{} = v.{}", i ? " AND " : "", k, k);
        }
        out.sql = fmt::format(
            "WITH v ({}) AS (VALUES {}), u AS (UPDATE {} AS cur SET {} FROM v WHERE {} RETURNING "
            "{}) "
            "INSERT INTO {} ({}) SELECT {} FROM v WHERE NOT EXISTS (SELECT 1 FROM u WHERE {})",
            JoinNames(g.columns), values, table, set, key_match("v"), JoinNames(g.key, "cur."),
            table, JoinNames(g.columns), JoinNames(g.columns, "v."), missing);
        break;
      }
      out.sql = conflict_target() + "UPDATE SET ";
      for (size_t i = 0; i < set_columns.size(); ++i) {
        std::string c = QuoteIdentifier(set_columns[i]);
        out.sql += fmt::format("{}{} = COALESCE(cur.{}, 0) + EXCLUDED.{}", i ? ", " : "", c, c, c);
      }
      break;
    }
    case RowOp::Kind::kLeast: {
      out.sql = conflict_target() + "UPDATE SET ";
      for (size_t i = 0; i < set_columns.size(); ++i) {
        std::string c = QuoteIdentifier(set_columns[i]);
        out.sql += fmt::format("{}{} = LEAST(cur.{}, EXCLUDED.{})", i ? ", " : "", c, c, c);
      }
      break;
    }
    case RowOp::Kind::kUpdate: {
      std::string set;
      for (size_t i = 0; i < set_columns.size(); ++i) {
        std::string c = QuoteIdentifier(set_columns[i]);
        set += fmt::format("{}{} = v.{}", i ? ", " : "", c, c);
      }
      std::string label;
      if (g.rows.size() == 1) {
        std::vector<std::string> key_values;
        for (const auto& k : g.key) {
          size_t c = static_cast<size_t>(std::find(g.columns.begin(), g.columns.end(), k) -
                                         g.columns.begin());
          key_values.push_back(literal(g.rows[0][c]));
        }
        label = fmt::format("Update of {}.{} found no row with ({}) = ({})", schema_, g.table,
                            fmt::join(g.key, ", "), fmt::join(key_values, ", "));
      } else {
        label = fmt::format("Update of {}.{} found no row for some of its {} keys", schema_,
                            g.table, g.rows.size());
      }
      out.sql = fmt::format(
          "WITH v ({}) AS (VALUES {}), u AS (UPDATE {} AS cur SET {} FROM v WHERE {} RETURNING {}) "
          "SELECT eduledger.expect_rows({}, (SELECT count(*) FROM (SELECT DISTINCT * FROM u) AS "
          "d), "
          "'{}', {})",
          JoinNames(g.columns), values, table, set, key_match("v"), JoinNames(g.key, "cur."),
          g.rows.size(), kUpdateMissedRowState, quote_(label));
      break;
    }
    case RowOp::Kind::kDelete:
      out.sql = fmt::format("DELETE FROM {} AS cur USING (VALUES {}) AS v ({}) WHERE {}", table,
                            values, JoinNames(g.columns), key_match("v"));
      break;
  }
  return out;
}

std::vector<RenderedStatement> SqlWriter::Finish() {
  std::vector<RenderedStatement> out;
  out.reserve(groups_.size());
  for (auto& g : groups_) out.push_back(Render(g));
  groups_.clear();
  last_group_of_shape_.clear();
  return out;
}

}  // namespace edu
