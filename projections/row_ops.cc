#include "projections/row_ops.h"

namespace edu {
namespace {

std::vector<std::string> Names(const Columns& cols) {
  std::vector<std::string> out;
  out.reserve(cols.size());
  for (const auto& c : cols) out.push_back(c.first);
  return out;
}

Columns Concat(Columns a, Columns b) {
  for (auto& c : b) a.push_back(std::move(c));
  return a;
}

}  // namespace

void RowOps::Insert(std::string table, Columns row) {
  ops_.push_back(RowOp{RowOp::Kind::kInsert, std::move(table), {}, std::move(row)});
}

void RowOps::Upsert(std::string table, std::vector<std::string> key, Columns row) {
  ops_.push_back(RowOp{RowOp::Kind::kUpsert, std::move(table), std::move(key), std::move(row)});
}

void RowOps::Update(std::string table, Columns key, Columns set) {
  auto names = Names(key);
  ops_.push_back(
      RowOp{RowOp::Kind::kUpdate, std::move(table), names, Concat(std::move(key), std::move(set))});
}

void RowOps::Increment(std::string table, Columns key, Columns deltas) {
  auto names = Names(key);
  ops_.push_back(RowOp{RowOp::Kind::kIncrement, std::move(table), names,
                       Concat(std::move(key), std::move(deltas))});
}

void RowOps::Least(std::string table, Columns key, Columns values) {
  auto names = Names(key);
  ops_.push_back(RowOp{RowOp::Kind::kLeast, std::move(table), names,
                       Concat(std::move(key), std::move(values))});
}

void RowOps::Delete(std::string table, Columns key) {
  auto names = Names(key);
  ops_.push_back(RowOp{RowOp::Kind::kDelete, std::move(table), names, std::move(key)});
}

}  // namespace edu
