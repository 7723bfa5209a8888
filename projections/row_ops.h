// Row operations: what a projection asks the runtime to do to its read tables. Projections never
// write SQL; the runtime folds a batch of operations into multi-row statements.
//
// Ordering rule: events of one stream arrive in order (one partition), events of different streams
// do not. A row written from several streams' events (mentors.total_sessions from session events,
// say) must only be touched with Upsert/Increment/Least, which commute; Insert/Update/Delete are
// for rows owned by the stream whose events write them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu {

// A decimal given exactly as minor units and digits: 123450 with 2 digits is 1234.50. Money goes
// to NUMERIC columns this way, never through floating point.
struct Decimal {
  int64_t minor = 0;
  int digits = 2;
  bool operator==(const Decimal& o) const { return minor == o.minor && digits == o.digits; }
};

struct Json {
  std::string text;  // a JSON document
  bool operator==(const Json& o) const { return text == o.text; }
};

struct Null {
  bool operator==(const Null&) const { return true; }
};

// A column value. Rendered as an SQL literal cast to the column's declared type.
using SqlValue = std::variant<Null, bool, int64_t, double, std::string, Uuid, Timestamp, Date,
                              Decimal, Json, std::vector<std::string>>;

inline SqlValue MoneyValue(const Money& m) {
  return Decimal{m.minor, MinorDigits(m.currency).value_or(2)};
}
template <class T>
SqlValue OptionalValue(const std::optional<T>& v) {
  if (!v) return Null{};
  return SqlValue(*v);
}

using Columns = std::vector<std::pair<std::string, SqlValue>>;

struct RowOp {
  enum class Kind {
    kInsert,     // INSERT; the row must not exist
    kUpsert,     // INSERT .. ON CONFLICT (key) DO UPDATE SET <given columns>: other columns keep
    kUpdate,     // UPDATE .. WHERE key; the row must exist (a missing row stops the projector)
    kIncrement,  // upsert that adds deltas to integer/numeric columns (creating the row if absent)
    kDelete,     // DELETE .. WHERE key
    kLeast,      // upsert that keeps, per column, the least of the stored and the given value
  };
  Kind kind = Kind::kInsert;
  std::string table;             // unqualified; the runtime qualifies it with the schema
  std::vector<std::string> key;  // key column names (Upsert/Update/Increment/Delete)
  Columns values;                // all columns written (key columns included)
};

class RowOps {
 public:
  void Insert(std::string table, Columns row);
  void Upsert(std::string table, std::vector<std::string> key, Columns row);
  void Update(std::string table, Columns key, Columns set);
  void Increment(std::string table, Columns key, Columns deltas);
  void Delete(std::string table, Columns key);
  // Creates the row, or lowers each given column to the given value when that is smaller
  // (LEAST): "the first" of something written from several streams, whatever order their events
  // are applied in (instructor_followers.first_enrollment_at). Commutes, like Increment.
  void Least(std::string table, Columns key, Columns values);

  const std::vector<RowOp>& ops() const { return ops_; }
  std::vector<RowOp>& mutable_ops() { return ops_; }
  size_t size() const { return ops_.size(); }
  void clear() { ops_.clear(); }

 private:
  std::vector<RowOp> ops_;
};

}  // namespace edu
