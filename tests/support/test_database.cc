#include "tests/support/test_database.h"

#include "adapters/config/pg_uri.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <pqxx/pqxx>

namespace edu::testing {

std::string AdminUri() {
  const char* uri = std::getenv("EDULEDGER_TEST_PG");
  if (uri == nullptr || *uri == '\0') {
    FAIL(
        "EDULEDGER_TEST_PG is not set: run the tests with `./run test`, which starts a "
        "project-local PostgreSQL, or export an admin URI such as "
        "postgresql://postgres@127.0.0.1:5432/postgres");
  }
  return uri;
}

TestDatabase::TestDatabase() : admin_uri_(AdminUri()) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  name_ = fmt::format("edu_test_{}_{}_{:x}", getpid(), counter++, rd() & 0xffffff);
  pqxx::connection admin(admin_uri_);
  pqxx::nontransaction tx(admin);
  tx.exec("CREATE DATABASE " + name_ + " TEMPLATE template0 ENCODING 'UTF8'");
  uri_ = WithDatabase(admin_uri_, name_);
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(admin_uri_);
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster is going away with the test run; nothing left to clean.
  }
}

std::vector<std::vector<std::string>> TestDatabase::Rows(const std::string& sql) const {
  pqxx::connection c(uri_);
  pqxx::nontransaction tx(c);
  pqxx::result r = tx.exec(sql);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : r) {
    std::vector<std::string> fields;
    for (const auto& f : row) fields.push_back(f.is_null() ? "NULL" : f.c_str());
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::string TestDatabase::Scalar(const std::string& sql) const {
  auto rows = Rows(sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

void TestDatabase::Exec(const std::string& sql) const {
  pqxx::connection c(uri_);
  pqxx::nontransaction tx(c);
  tx.exec(sql);
}

}  // namespace edu::testing
