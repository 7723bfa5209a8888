// PgEventLog's boundary with libpqxx: its exceptions translated into a Status with a specific
// message, and new connections tagged for pg_stat_activity (eventstore/pg_event_log_internal.h).
#include <cctype>

#include "eventstore/pg_event_log_internal.h"

namespace edu {
namespace pg_log {

std::string TrimMessage(std::string message) {
  while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) {
    message.pop_back();
  }
  return message;
}

Status StatusFromCurrentException(const std::string& context) {
  try {
    throw;
  } catch (const pqxx::in_doubt_error& e) {
    return Status::Unavailable(context +
                               ": connection to PostgreSQL lost during COMMIT; the outcome is "
                               "unknown: " +
                               TrimMessage(e.what()));
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable(context +
                               ": lost connection to PostgreSQL: " + TrimMessage(e.what()));
  } catch (const pqxx::sql_error& e) {
    return Status::Internal(context + ": SQLSTATE " + e.sqlstate() + ": " + TrimMessage(e.what()));
  } catch (const pqxx::conversion_error& e) {
    return Status::Corruption(context + ": unexpected stored value: " + TrimMessage(e.what()));
  } catch (const pqxx::usage_error& e) {
    return Status::Internal(context + ": libpqxx usage error: " + TrimMessage(e.what()));
  } catch (const std::exception& e) {
    return Status::Internal(context + ": " + TrimMessage(e.what()));
  } catch (...) {
    return Status::Internal(context + ": unknown exception");
  }
}

// A new connection, tagged for pg_stat_activity. Unavailable carries libpq's own message.
Status Connect(const std::string& uri, const std::string& role, const ConnectionSetup& setup,
               std::unique_ptr<pqxx::connection>* out) {
  out->reset();
  try {
    auto c = std::make_unique<pqxx::connection>(uri);
    c->set_client_encoding("UTF8");
    {
      pqxx::nontransaction tx(*c);
      tx.exec("SET application_name = " + tx.quote("eduledger-eventlog-" + role));
    }
    if (setup) setup(*c);
    *out = std::move(c);
    return Status::OK();
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable("cannot connect to PostgreSQL: " + TrimMessage(e.what()));
  } catch (...) {
    return StatusFromCurrentException("connecting to PostgreSQL");
  }
}

}  // namespace pg_log
}  // namespace edu
