// The documented read-table contract (tests/data/read-schemas.json, copied from the shared spec)
// checked against a live database, as ../shared/spec/check-read-schemas does: every documented
// table and column present, every documented type compatible.
#pragma once

#include <string>
#include <vector>

namespace edu::testing {

struct ReadSchemaReport {
  int tables_expected = 0, tables_found = 0;
  int columns_expected = 0, columns_found = 0;
  int types_expected = 0, types_ok = 0;
  std::vector<std::string>
      problems;  // "mentorship.users.email (column)", "...: documented 'uuid', found 'text'"
  bool complete() const {
    return tables_found == tables_expected && columns_found == columns_expected &&
           types_ok == types_expected;
  }
};

// Checks one documented schema (mentorship, peerloop, skillspring or uhs) in the database at `uri`.
ReadSchemaReport CheckReadSchema(const std::string& uri, const std::string& schema);

}  // namespace edu::testing
