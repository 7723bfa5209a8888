// SqlWriter's folding (projections/sql_writer.h): each operation joins an earlier statement of its
// shape when moving it there cannot change the outcome (other table family, provably other rows,
// or commuting writes), or starts a new statement.
#include "projections/sql_writer.h"

#include <fmt/format.h>

#include "domain/core/money.h"
#include "projections/sql_writer_internal.h"

namespace edu {
namespace {

using sql_writer_internal::Contains;
using sql_writer_internal::IndexOf;
using sql_writer_internal::Keyed;
using sql_writer_internal::Overload;
using sql_writer_internal::Sorted;
using sql_writer_internal::TextRow;

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

}  // namespace

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

std::vector<RenderedStatement> SqlWriter::Finish() {
  std::vector<RenderedStatement> out;
  out.reserve(groups_.size());
  for (auto& g : groups_) out.push_back(Render(g));
  groups_.clear();
  last_group_of_shape_.clear();
  return out;
}

}  // namespace edu
