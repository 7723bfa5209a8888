// PostgreSQL plumbing shared by the projector's parts (projector.cc, projector_target.cc,
// projector_rebuild.cc): the connection, the bookkeeping DDL, the translation of libpqxx errors
// into Status, sending rendered statements and reading the catalog the SQL writer needs.
// Internal to projections/; not an interface for other layers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "eventstore/status.h"
#include "projections/projection.h"
#include "projections/sql_writer.h"

namespace edu {
namespace projector_detail {

class PgSession {
 public:
  explicit PgSession(const std::string& uri) : conn_(uri) {}
  pqxx::connection& conn() { return conn_; }
  // The connection's own escaping (PQescapeStringConn), so quoting follows its settings.
  LiteralQuoter Quoter() {
    return [this](std::string_view s) { return "'" + conn_.esc(s.data(), s.size()) + "'"; };
  }

 private:
  pqxx::connection conn_;
};

inline constexpr const char* kCheckpointMovedState = "ED001";
// Serializes bookkeeping DDL and rebuild preparation: CREATE .. IF NOT EXISTS is not safe against
// a concurrent twin.
inline constexpr int64_t kBookkeepingLockKey = 0x6564756c6564;  // "eduled"

// eduledger.projection_checkpoints, eduledger.projection_status and the row-count guard.
extern const char* const kBookkeepingDdl;

enum class PgErrorKind { kNone, kStatement, kCheckpointMoved, kTransient, kOther };
struct PgError {
  PgErrorKind kind = PgErrorKind::kNone;
  std::string message;
  bool ok() const { return kind == PgErrorKind::kNone; }
};

// "ERROR:  duplicate key value ...\nDETAIL:  Key (id)=(1) already exists.\n" ->
// "duplicate key value ...; Key (id)=(1) already exists. [SQLSTATE 23505]"
std::string Summarize(const pqxx::sql_error& e);

// Runs `body` and translates libpqxx exceptions: statement errors (constraint violations, a
// missed Update, bad input) are the batch's fault; lost connections, commits in doubt, deadlocks,
// serialization failures and server shutdowns are transient.
template <class Body>
PgError RunPg(Body&& body) {
  try {
    body();
    return {};
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    if (state == kCheckpointMovedState) return {PgErrorKind::kCheckpointMoved, Summarize(e)};
    std::string cls = state.substr(0, 2);
    if (cls == "08" || cls == "40" || cls == "53" || cls == "57") {
      return {PgErrorKind::kTransient, Summarize(e)};
    }
    return {PgErrorKind::kStatement, Summarize(e)};
  } catch (const pqxx::failure& e) {
    return {PgErrorKind::kTransient, e.what()};
  } catch (const std::exception& e) {
    return {PgErrorKind::kOther, e.what()};
  }
}

// Unavailable for transient errors and a moved checkpoint, Internal otherwise.
Status ToStatus(const PgError& error, const std::string& context);

// Unavailable or Timeout: worth retrying.
bool Transient(const Status& s);

// Sends `prefix` and `statements` inside `tx`: consecutive SQL statements in one exec, each COPY
// as its own stream (COPY .. FROM STDIN, the rows, the end: two round trips). Returns the round
// trips made.
size_t SendStatements(pqxx::transaction_base& tx, std::string prefix,
                      const std::vector<RenderedStatement>& statements);

// The projection's DDL with "{schema}" replaced, as one multi-statement string.
std::string DdlFor(const Projection& projection, const std::string& schema);

// Reads what the SQL writer needs from the catalog: column types, unique keys, foreign-key
// families and the tables with triggers, rules or exclusion constraints.
void LoadCatalog(pqxx::transaction_base& tx, const std::string& schema, SchemaCatalog* out);

}  // namespace projector_detail
}  // namespace edu
