// PgEventLog against a real PostgreSQL (EDULEDGER_TEST_PG): the whole EventLog contract, plus the
// properties specific to this backend.
#include <doctest/doctest.h>

#include "eventstore/pg_event_log.h"
#include "tests/support/event_log_contract.h"
#include "tests/support/test_database.h"

namespace {

struct PgBackend {
  explicit PgBackend(int partitions) {
    edu::PgEventLog::Options options;
    options.partitions = partitions;
    edu::Status st = edu::PgEventLog::Open(db.uri(), options, &log_);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
  }
  edu::EventLog& log() { return *log_; }
  edu::testing::TestDatabase db;
  std::unique_ptr<edu::PgEventLog> log_;
};

}  // namespace

EDU_APPLY_EVENT_LOG_CONTRACT(PgBackend)
