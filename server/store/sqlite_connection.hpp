// The SQLite engine of the store (connection.hpp): one sqlite3 connection and its statement cache.
#pragma once

#include <memory>

#include "connection.hpp"

namespace finsim::store {

/// Opens `path` (SQLite's open_v2 `flags`, NOMUTEX added). Error code "store" naming the file.
Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, int flags);

/// open_v2 flags for reading and writing, creating the file when missing; and for reading only.
int sqlite_read_write_flags();
int sqlite_read_only_flags();

}  // namespace finsim::store
