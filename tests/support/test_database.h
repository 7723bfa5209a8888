// A fresh PostgreSQL database per test, on the cluster named by EDULEDGER_TEST_PG (an admin URI to
// the maintenance database, set by ./run test). Real PostgreSQL, never a mock. Dropped (FORCE) when
// the object goes out of scope, so tests run in parallel without sharing state.
#pragma once

#include <string>
#include <vector>

namespace edu::testing {

class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& uri() const { return uri_; }
  const std::string& name() const { return name_; }

  // Runs SQL; returns the first column of the first row as text ("" when there is none, "NULL"
  // for SQL NULL).
  std::string Scalar(const std::string& sql) const;
  // All rows, every field as text ("NULL" for SQL NULL).
  std::vector<std::vector<std::string>> Rows(const std::string& sql) const;
  void Exec(const std::string& sql) const;

 private:
  std::string admin_uri_;
  std::string name_;
  std::string uri_;
};

// The admin URI, or fails the current test with instructions when EDULEDGER_TEST_PG is unset.
std::string AdminUri();

}  // namespace edu::testing
