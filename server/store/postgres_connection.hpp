// The PostgreSQL engine of the store (connection.hpp), through libpq: one connection, statements
// prepared on the server once per connection (and per kind of values bound), values sent and read
// as text (a double as 17 significant digits, which reads back to the same double).
#pragma once

#include <memory>
#include <string>

#include "connection.hpp"

namespace finsim::store {

/// Connects to `uri` (libpq's postgresql://user:password@host:port/db?param=… syntax). The session
/// speaks UTC and is quiet (no notices on stderr). Error code "store" with the URI, password hidden.
Result<std::unique_ptr<Connection>> open_postgresql(const std::string& uri);

/// `uri` with the password, if any, replaced by "***" (for messages and logs).
std::string redact_postgresql_uri(const std::string& uri);

}  // namespace finsim::store
