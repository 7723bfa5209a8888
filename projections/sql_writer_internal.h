// Internals shared by SqlWriter's source files (projections/sql_writer.h), included by them only:
//   sql_text.cc           the values' text forms, quoting, COPY text, joined statements
//   sql_op_validation.cc  ValidateOp: an operation checked against the catalog
//   sql_writer.cc         folding operations into statements (when one may join another)
//   sql_writer_render.cc  one folded statement rendered as SQL (or COPY rows)
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "projections/sql_writer.h"

namespace edu {
namespace sql_writer_internal {

using TextRow = std::vector<std::optional<std::string>>;

template <class... Fs>
struct Overload : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overload(Fs...) -> Overload<Fs...>;

inline bool Keyed(RowOp::Kind kind) { return kind != RowOp::Kind::kInsert; }

inline std::optional<size_t> IndexOf(const Columns& cols, const std::string& name) {
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].first == name) return i;
  }
  return std::nullopt;
}

inline bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

inline std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// One operation as SqlWriter::Add sees it, before it joins or starts a statement.
struct Prepared {
  const RowOp* op = nullptr;
  const TableInfo* info = nullptr;
  std::string shape;                   // kind, table, column set, key set
  TextRow texts;                       // the values' text forms, in op->values order
  std::vector<std::string> key_tuple;  // Identity of the key values, key columns sorted by name
  // Per unique key of the table: the values this operation pins it to before and after, when all
  // are known and canonical.
  std::vector<std::optional<std::vector<std::string>>> pinned;
};

struct Group {
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

}  // namespace sql_writer_internal
}  // namespace edu
