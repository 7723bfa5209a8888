// PgEventLog against a real PostgreSQL (EDULEDGER_TEST_PG): the whole EventLog contract. The
// properties specific to this backend are in event_log_pg_*_test.cc.
#include <doctest/doctest.h>

#include "eventstore/pg_event_log.h"
#include "eventstore/pg_person_keys.h"
#include "tests/support/event_log_contract.h"
#include "tests/support/personal_data_backend.h"
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
  std::unique_ptr<edu::PersonKeyStore> MakePersonKeyStore() {
    std::unique_ptr<edu::PgPersonKeyStore> keys;
    edu::Status st = edu::PgPersonKeyStore::Open(db.uri(), &keys);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    return keys;
  }
  edu::testing::TestDatabase db;
  std::unique_ptr<edu::PgEventLog> log_;
};

}  // namespace

// PostgreSQL, and the personal-data wrapper over it with its keys in the same database, as the
// composition root pairs them (adapters/wiring/personal_data_layer.cc).
EDU_APPLY_EVENT_LOG_CONTRACT(PgBackend, edu::testing::PersonalDataBackend<PgBackend>)
