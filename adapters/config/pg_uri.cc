#include "adapters/config/pg_uri.h"

#include <pqxx/pqxx>

namespace edu {

std::string WithDatabase(const std::string& uri, const std::string& database) {
  auto query = uri.find('?');
  std::string base = uri.substr(0, query);
  std::string rest = query == std::string::npos ? "" : uri.substr(query);
  auto scheme_end = base.find("//");
  auto slash = base.rfind('/');
  // postgresql://host:port (no path) has its last '/' inside "//".
  if (slash == std::string::npos || scheme_end == std::string::npos || slash < scheme_end + 2) {
    return base + "/" + database + rest;
  }
  return base.substr(0, slash + 1) + database + rest;
}

Status RecreateDatabase(const std::string& server_uri, const std::string& database,
                        std::string* uri) {
  for (char c : database) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
      return Status::InvalidArgument("database name '" + database +
                                     "' must be letters, digits and _");
    }
  }
  try {
    pqxx::connection admin(WithDatabase(server_uri, "postgres"));
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8'");
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  } catch (const std::exception& e) {
    return Status::Internal("creating database " + database + ": " + e.what());
  }
  *uri = WithDatabase(server_uri, database);
  return Status::OK();
}

}  // namespace edu
