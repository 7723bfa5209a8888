// SQL rendering and folding of row operations (projections/sql_writer.h), without a server. The
// same statements run against real PostgreSQL in tests/integration/projector_test.cc.
#include "projections/sql_writer.h"

#include <climits>
#include <cmath>
#include <limits>

#include <doctest/doctest.h>

namespace edu {
namespace {

SchemaCatalog TestCatalog() {
  SchemaCatalog c;
  TableInfo sessions;
  sessions.column_types = {{"id", "uuid"},
                           {"mentor_id", "uuid"},
                           {"status", "text"},
                           {"price", "numeric"},
                           {"topics", "text[]"},
                           {"notes", "jsonb"},
                           {"starts_at", "timestamp with time zone"}};
  sessions.unique_keys = {{"id"}};
  sessions.family = 1;
  c.tables["sessions"] = sessions;
  TableInfo stats;
  stats.column_types = {{"mentor_id", "uuid"},
                        {"sessions", "bigint"},
                        {"earned", "numeric"},
                        {"score", "double precision"}};
  stats.unique_keys = {{"mentor_id"}};
  stats.family = 2;
  c.tables["mentor_stats"] = stats;
  TableInfo reviews;  // references sessions: same family
  reviews.column_types = {{"id", "bigint"}, {"session_id", "uuid"}, {"body", "text"}};
  reviews.unique_keys = {{"id"}};
  reviews.family = 1;
  c.tables["reviews"] = reviews;
  TableInfo audit;  // has a trigger
  audit.column_types = {{"id", "bigint"}, {"what", "text"}};
  audit.unique_keys = {{"id"}};
  audit.opaque = true;
  audit.family = 3;
  c.tables["audit"] = audit;
  return c;
}

Uuid Id(int n) {
  Uuid u{};
  u.data[15] = static_cast<uint8_t>(n);
  return u;
}

std::vector<RenderedStatement> Fold(const std::vector<RowOp>& ops, bool fold = true) {
  static const SchemaCatalog catalog = TestCatalog();
  SqlWriter writer("m", &catalog, QuoteLiteralStandard, fold);
  for (const auto& op : ops) {
    REQUIRE(ValidateOp(op, catalog).ok());
    writer.Add(op);
  }
  return writer.Finish();
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_CASE("literals: quotes doubled, backslashes and unicode kept as they are") {
  CHECK(QuoteLiteralStandard("it's") == "'it''s'");
  CHECK(QuoteLiteralStandard("''") == "''''''");
  CHECK(QuoteLiteralStandard("C:\\path\\n") == "'C:\\path\\n'");
  CHECK(QuoteLiteralStandard("caf\xC3\xA9 \xE2\x98\x95 \xF0\x9F\x8E\x93") ==
        "'caf\xC3\xA9 \xE2\x98\x95 \xF0\x9F\x8E\x93'");
  CHECK(QuoteLiteralStandard("") == "''");
  CHECK(QuoteIdentifier("order") == "\"order\"");
  CHECK(QuoteIdentifier("a\"b") == "\"a\"\"b\"");
}

TEST_CASE("decimals: exact text from minor units, negatives and zero digits") {
  CHECK(DecimalText({123450, 2}) == "1234.50");
  CHECK(DecimalText({-5, 2}) == "-0.05");
  CHECK(DecimalText({-123456, 2}) == "-1234.56");
  CHECK(DecimalText({0, 2}) == "0.00");
  CHECK(DecimalText({7, 0}) == "7");
  CHECK(DecimalText({-7, 0}) == "-7");
  CHECK(DecimalText({0, 0}) == "0");
  CHECK(DecimalText({-123, 5}) == "-0.00123");
  CHECK(DecimalText({5, -2}) == "500");
  CHECK(DecimalText({INT64_MIN, 2}) == "-92233720368547758.08");
  CHECK(DecimalText({INT64_MAX, 0}) == "9223372036854775807");
  CHECK(DecimalText({1, 20}) == "0.00000000000000000001");
}

TEST_CASE("timestamps: ISO-8601 UTC with microseconds, also before 1970") {
  CHECK(TimestampText(Timestamp{0}) == "1970-01-01T00:00:00.000000Z");
  CHECK(TimestampText(Timestamp{-1}) == "1969-12-31T23:59:59.999999Z");
  CHECK(TimestampText(Timestamp{1'795'339'800'250'001}) == "2026-11-22T09:30:00.250001Z");
}

TEST_CASE("text arrays: every element quoted, quotes and backslashes escaped") {
  CHECK(ArrayLiteralText({}) == "{}");
  CHECK(ArrayLiteralText({"a,b", "say \"hi\"", "back\\slash", "", "NULL", "{x}"}) ==
        "{\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"\",\"NULL\",\"{x}\"}");
  // And the literal around it doubles single quotes only.
  CHECK(RenderValue(std::vector<std::string>{"it's", "a,b"}, "text[]", QuoteLiteralStandard) ==
        "'{\"it''s\",\"a,b\"}'::text[]");
}

TEST_CASE("values: each alternative renders as a literal cast to the column's type") {
  CHECK(RenderLiteral(Null{}, QuoteLiteralStandard) == "NULL");
  CHECK(RenderLiteral(Decimal{-5, 2}, QuoteLiteralStandard) == "'-0.05'");
  auto r = [](const SqlValue& v, const char* type) {
    return RenderValue(v, type, QuoteLiteralStandard);
  };
  CHECK(r(Null{}, "integer") == "NULL::integer");
  CHECK(r(true, "boolean") == "'true'::boolean");
  CHECK(r(int64_t{-42}, "bigint") == "'-42'::bigint");
  CHECK(r(int64_t{INT64_MIN}, "bigint") == "'-9223372036854775808'::bigint");
  CHECK(r(0.1, "double precision") == "'0.1'::double precision");
  CHECK(r(std::nan(""), "double precision") == "'NaN'::double precision");
  CHECK(r(-std::numeric_limits<double>::infinity(), "real") == "'-Infinity'::real");
  CHECK(r(std::string("O'Brien"), "text") == "'O''Brien'::text");
  CHECK(r(Id(1), "uuid") == "'00000000-0000-0000-0000-000000000001'::uuid");
  CHECK(r(Timestamp{0}, "timestamp with time zone") ==
        "'1970-01-01T00:00:00.000000Z'::timestamp with time zone");
  CHECK(r(Date{2026, 2, 3}, "date") == "'2026-02-03'::date");
  CHECK(r(Decimal{-5, 2}, "numeric") == "'-0.05'::numeric");
  CHECK(r(Json{"{\"q\":\"it's\"}"}, "jsonb") == "'{\"q\":\"it''s\"}'::jsonb");
  CHECK(r(Json{"[1]"}, "json") == "'[1]'::json");
}

TEST_CASE("validation names the table and column") {
  SchemaCatalog c = TestCatalog();
  RowOps ops;
  ops.Insert("nope", {{"id", Id(1)}});
  ops.Insert("sessions", {{"id", Id(1)}, {"colour", std::string("red")}});
  ops.Insert("sessions", {{"id", Id(1)}, {"id", Id(2)}});
  ops.Update("sessions", {{"id", Id(1)}}, {});
  ops.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", std::string("1")}});
  ops.Upsert("sessions", {"status"}, {{"status", std::string("x")}});
  ops.Insert("sessions", {{"id", Id(1)}, {"status", std::string("a\0b", 3)}});
  ops.Upsert("sessions", {"id"}, {{"status", std::string("x")}});
  std::vector<std::string> expected = {
      "Insert on table 'nope': no such table in the schema",
      "Insert on table 'sessions': no column 'colour'",
      "Insert on table 'sessions': column 'id' given twice",
      "Update on table 'sessions': nothing to change besides the key",
      "Increment on table 'mentor_stats': delta for column 'sessions' is not a number",
      "Upsert on table 'sessions': no primary key or unique index on (status) for ON CONFLICT",
      "Insert on table 'sessions': column 'status' holds a NUL byte, which PostgreSQL text cannot",
      "Upsert on table 'sessions': key column 'id' has no value",
  };
  REQUIRE(ops.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(ValidateOp(ops.ops()[i], c).message() == expected[i]);
  }
}

TEST_CASE("consecutive inserts of one table become one multi-row INSERT") {
  RowOps ops;
  for (int i = 0; i < 3; ++i)
    ops.Insert("sessions", {{"id", Id(i)}, {"status", std::string("booked")}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 1);
  CHECK(s[0].rows == 3);
  CHECK(s[0].sql ==
        "INSERT INTO \"m\".\"sessions\" (\"id\", \"status\") VALUES "
        "('00000000-0000-0000-0000-000000000000','booked'),"
        "('00000000-0000-0000-0000-000000000001','booked'),"
        "('00000000-0000-0000-0000-000000000002','booked')");
}

TEST_CASE("column order does not matter for the shape; the group's order is used") {
  RowOps ops;
  ops.Insert("sessions", {{"id", Id(1)}, {"status", std::string("a")}});
  ops.Insert("sessions", {{"status", std::string("b")}, {"id", Id(2)}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 1);
  CHECK(Contains(s[0].sql, "('00000000-0000-0000-0000-000000000002','b')"));
}

TEST_CASE("events interleaving inserts and updates of distinct keys fold into two statements") {
  RowOps ops;
  for (int i = 0; i < 50; ++i) {
    ops.Insert("sessions", {{"id", Id(i)}, {"status", std::string("booked")}});
    ops.Update("sessions", {{"id", Id(i)}}, {{"status", std::string("confirmed")}});
    ops.Increment("mentor_stats", {{"mentor_id", Id(i % 3)}}, {{"sessions", int64_t{1}}});
  }
  auto s = Fold(ops.ops());
  // The update of key i cannot move before the insert of key i, but inserts of later keys can
  // move before updates of earlier ones: Insert, Update, Increment.
  REQUIRE(s.size() == 3);
  CHECK(s[0].kind == RowOp::Kind::kInsert);
  CHECK(s[0].rows == 50);
  CHECK(s[1].kind == RowOp::Kind::kUpdate);
  CHECK(s[1].rows == 50);
  CHECK(s[2].kind == RowOp::Kind::kIncrement);
  CHECK(s[2].rows == 3);               // per key: the deltas are summed
  CHECK(Contains(s[2].sql, "'17')"));  // mentor 0: i = 0, 3, ..., 48
}

TEST_CASE("a later operation on the same key is never moved before an earlier one") {
  RowOps ops;
  ops.Insert("sessions", {{"id", Id(1)}, {"status", std::string("booked")}});
  ops.Delete("sessions", {{"id", Id(1)}});
  ops.Insert("sessions", {{"id", Id(1)}, {"status", std::string("rebooked")}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 3);
  CHECK(s[0].kind == RowOp::Kind::kInsert);
  CHECK(s[1].kind == RowOp::Kind::kDelete);
  CHECK(s[2].kind == RowOp::Kind::kInsert);
}

TEST_CASE("an insert whose unique key is not pinned does not move past its table") {
  SchemaCatalog c = TestCatalog();
  c.tables["reviews"].unique_keys = {{"id"}, {"session_id"}};
  SqlWriter writer("m", &c, QuoteLiteralStandard);
  RowOps ops;
  ops.Insert("reviews", {{"id", int64_t{1}}, {"session_id", Id(1)}});
  ops.Delete("reviews", {{"id", int64_t{1}}});  // frees session_id 1, which Delete does not pin
  ops.Insert("reviews", {{"id", int64_t{2}}, {"session_id", Id(1)}});
  for (const auto& op : ops.ops()) writer.Add(op);
  CHECK(writer.Finish().size() == 3);
}

TEST_CASE("statements do not move across tables linked by foreign keys, nor opaque tables") {
  RowOps linked;
  linked.Insert("reviews", {{"id", int64_t{1}}, {"session_id", Id(1)}});
  linked.Insert("sessions", {{"id", Id(2)}});
  linked.Insert("reviews", {{"id", int64_t{2}}, {"session_id", Id(2)}});
  CHECK(Fold(linked.ops()).size() == 3);

  RowOps unrelated;
  unrelated.Insert("sessions", {{"id", Id(1)}});
  unrelated.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  unrelated.Insert("sessions", {{"id", Id(2)}});
  CHECK(Fold(unrelated.ops()).size() == 2);

  RowOps opaque;
  opaque.Insert("sessions", {{"id", Id(1)}});
  opaque.Insert("audit", {{"id", int64_t{1}}, {"what", std::string("x")}});
  opaque.Insert("sessions", {{"id", Id(2)}});
  CHECK(Fold(opaque.ops()).size() == 3);
}

TEST_CASE("per key: upsert and update keep the last values, deletes collapse") {
  RowOps ops;
  ops.Upsert("sessions", {"id"}, {{"id", Id(1)}, {"status", std::string("first")}});
  ops.Upsert("sessions", {"id"}, {{"id", Id(1)}, {"status", std::string("second")}});
  ops.Update("mentor_stats", {{"mentor_id", Id(1)}}, {{"score", 1.5}});
  ops.Update("mentor_stats", {{"mentor_id", Id(1)}}, {{"score", 2.5}});
  ops.Delete("reviews", {{"id", int64_t{9}}});
  ops.Delete("reviews", {{"id", int64_t{9}}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 3);
  CHECK(s[0].rows == 1);
  CHECK(!Contains(s[0].sql, "first"));
  CHECK(Contains(s[0].sql, "'second')"));
  CHECK(Contains(s[0].sql, "ON CONFLICT (\"id\") DO UPDATE SET \"status\" = EXCLUDED.\"status\""));
  CHECK(s[1].rows == 1);
  CHECK(Contains(s[1].sql, "'2.5'::double precision"));
  CHECK(Contains(s[1].sql, "eduledger.expect_rows(1,"));
  CHECK(s[2].rows == 1);
  CHECK(Contains(s[2].sql,
                 "DELETE FROM \"m\".\"reviews\" AS cur USING (VALUES ('9'::bigint)) AS v "
                 "(\"id\") WHERE cur.\"id\" = v.\"id\""));
}

TEST_CASE("increments add exactly: decimals of different digits, but never doubles") {
  RowOps ops;
  ops.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"earned", Decimal{150, 2}}});
  ops.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"earned", Decimal{-2, 0}}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 1);
  // The folded delta subtracts: the existing row is updated (an INSERT's proposed row would be
  // checked against the table's CHECK constraints first), and only a missing key is inserted.
  CHECK(Contains(s[0].sql, "'-0.50'"));
  CHECK(Contains(s[0].sql, "\"earned\" = COALESCE(cur.\"earned\", 0) + v.\"earned\""));
  CHECK(Contains(s[0].sql, "WHERE NOT EXISTS"));
  RowOps adds;
  adds.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"earned", Decimal{150, 2}}});
  adds.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"earned", Decimal{2, 0}}});
  auto a = Fold(adds.ops());
  REQUIRE(a.size() == 1);
  CHECK(Contains(a[0].sql, "'3.50')"));
  CHECK(Contains(a[0].sql, "\"earned\" = COALESCE(cur.\"earned\", 0) + EXCLUDED.\"earned\""));

  RowOps doubles;
  doubles.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"score", 0.1}});
  doubles.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"score", 0.2}});
  CHECK(Fold(doubles.ops()).size() == 2);  // (x + 0.1) + 0.2 differs from x + 0.3

  RowOps overflow;
  overflow.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{INT64_MAX}}});
  overflow.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  CHECK(Fold(overflow.ops()).size() == 2);
}

TEST_CASE("upsert of only its key does nothing on conflict") {
  RowOps ops;
  ops.Upsert("mentor_stats", {"mentor_id"}, {{"mentor_id", Id(1)}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 1);
  CHECK(Contains(s[0].sql, "ON CONFLICT (\"mentor_id\") DO NOTHING"));
}

TEST_CASE("an update names its key when alone, and the count of keys when folded") {
  RowOps one;
  one.Update("sessions", {{"id", Id(7)}}, {{"status", std::string("done")}});
  auto s = Fold(one.ops());
  REQUIRE(s.size() == 1);
  CHECK(s[0].sql ==
        "WITH v (\"id\", \"status\") AS (VALUES ('00000000-0000-0000-0000-000000000007'::uuid,"
        "'done'::text)), u AS (UPDATE \"m\".\"sessions\" AS cur SET \"status\" = v.\"status\" "
        "FROM v WHERE cur.\"id\" = v.\"id\" RETURNING cur.\"id\") SELECT eduledger.expect_rows(1, "
        "(SELECT count(*) FROM (SELECT DISTINCT * FROM u) AS d), 'ED002', 'Update of m.sessions "
        "found no row with (id) = (''00000000-0000-0000-0000-000000000007'')')");
  RowOps two;
  two.Update("sessions", {{"id", Id(7)}}, {{"status", std::string("done")}});
  two.Update("sessions", {{"id", Id(8)}}, {{"status", std::string("done")}});
  s = Fold(two.ops());
  REQUIRE(s.size() == 1);
  CHECK(Contains(s[0].sql, "found no row for some of its 2 keys"));
}

TEST_CASE("without folding every operation is its own statement, in order") {
  RowOps ops;
  for (int i = 0; i < 4; ++i) ops.Insert("sessions", {{"id", Id(i)}});
  auto s = Fold(ops.ops(), /*fold=*/false);
  CHECK(s.size() == 4);
  CHECK(JoinStatements(s).size() > 0);
  CHECK(Contains(JoinStatements(s), ");\nINSERT"));
}

}  // namespace
}  // namespace edu

namespace edu {
namespace {

TEST_CASE("increments of one key commute across shapes; floating point ones do not") {
  RowOps ops;
  ops.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  ops.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"earned", Decimal{100, 2}}});
  ops.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  auto s = Fold(ops.ops());
  REQUIRE(s.size() == 2);
  CHECK(Contains(s[0].sql, "'2')"));

  RowOps doubles;
  doubles.Increment("mentor_stats", {{"mentor_id", Id(2)}}, {{"score", 0.1}});
  doubles.Increment("mentor_stats", {{"mentor_id", Id(1)}},
                    {{"score", 0.2}, {"sessions", int64_t{1}}});
  doubles.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"score", 0.3}});
  CHECK(Fold(doubles.ops()).size() == 3);

  RowOps upserts;  // different columns of one key: order does not matter
  upserts.Upsert("mentor_stats", {"mentor_id"}, {{"mentor_id", Id(1)}, {"score", 1.0}});
  upserts.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  upserts.Upsert("mentor_stats", {"mentor_id"}, {{"mentor_id", Id(2)}, {"score", 2.0}});
  CHECK(Fold(upserts.ops()).size() == 2);

  RowOps same_column;  // an upsert overwriting what an increment adds to: order matters
  same_column.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  same_column.Upsert("mentor_stats", {"mentor_id"},
                     {{"mentor_id", Id(1)}, {"sessions", int64_t{0}}});
  same_column.Increment("mentor_stats", {{"mentor_id", Id(1)}}, {{"sessions", int64_t{1}}});
  CHECK(Fold(same_column.ops()).size() == 3);
}

}  // namespace
}  // namespace edu

namespace edu {
namespace {

TEST_CASE("large plain inserts are rendered for COPY, with COPY's escaping") {
  static const SchemaCatalog catalog = TestCatalog();
  SqlWriter writer("m", &catalog, QuoteLiteralStandard);
  writer.set_copy_min_rows(3);
  RowOps ops;
  ops.Insert("sessions", {{"id", Id(1)}, {"status", std::string("tab\there")}, {"topics", Null{}}});
  ops.Insert("sessions", {{"id", Id(2)},
                          {"status", std::string("back\\slash\nline")},
                          {"topics", std::vector<std::string>{"a,b"}}});
  ops.Update("sessions", {{"id", Id(1)}}, {{"status", std::string("x")}});
  ops.Insert("sessions",
             {{"id", Id(3)}, {"status", std::string("caf\xC3\xA9")}, {"topics", Null{}}});
  ops.Insert("reviews",
             {{"id", int64_t{1}}, {"session_id", Id(1)}, {"body", std::string("short")}});
  for (const auto& op : ops.ops()) writer.Add(op);
  auto s = writer.Finish();
  REQUIRE(s.size() == 3);
  CHECK(s[0].copy);
  CHECK(s[0].sql.empty());
  CHECK(s[0].copy_table == "\"m\".\"sessions\"");
  CHECK(s[0].copy_columns == std::vector<std::string>{"\"id\"", "\"status\"", "\"topics\""});
  CHECK(CopyText(s[0].copy_rows) ==
        "00000000-0000-0000-0000-000000000001\ttab\\there\t\\N\n"
        "00000000-0000-0000-0000-000000000002\tback\\\\slash\\nline\t{\"a,b\"}\n"
        "00000000-0000-0000-0000-000000000003\tcaf\xC3\xA9\t\\N\n");
  CHECK_FALSE(s[1].copy);  // the update
  CHECK_FALSE(s[2].copy);  // one row: below the threshold
  CHECK(Contains(s[2].sql, "INSERT INTO \"m\".\"reviews\""));
}

}  // namespace
}  // namespace edu
