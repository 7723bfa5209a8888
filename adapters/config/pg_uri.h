// libpq URI helpers for the tools that create their own databases (demo, bench, tests).
#pragma once

#include <string>

#include "eventstore/status.h"

namespace edu {

// The same server and credentials, another database: .../eduledger?x=y -> .../<database>?x=y
std::string WithDatabase(const std::string& uri, const std::string& database);

// Drops (FORCE) and creates `database` on the server of `server_uri`, connecting to its
// maintenance database "postgres". The name must be a plain identifier. Sets *uri to the new
// database's URI. Unavailable when the server cannot be reached.
Status RecreateDatabase(const std::string& server_uri, const std::string& database,
                        std::string* uri);

}  // namespace edu
