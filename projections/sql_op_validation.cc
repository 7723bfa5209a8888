// ValidateOp (projections/sql_writer.h): a row operation checked against the schema catalog before
// anything is sent, with a message naming the table and column.
#include <fmt/format.h>

#include "projections/sql_writer_internal.h"

namespace edu {
namespace {

using sql_writer_internal::Contains;
using sql_writer_internal::IndexOf;
using sql_writer_internal::Keyed;
using sql_writer_internal::Sorted;

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

bool HasNul(const SqlValue& value) {
  auto nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
  if (auto* s = std::get_if<std::string>(&value)) return nul(*s);
  if (auto* j = std::get_if<Json>(&value)) return nul(j->text);
  if (auto* a = std::get_if<std::vector<std::string>>(&value)) {
    return std::any_of(a->begin(), a->end(), nul);
  }
  return false;
}

}  // namespace

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

}  // namespace edu
