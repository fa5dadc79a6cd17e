// Opening the server's database with the store's conventions (docs/server.md, "Store"):
//   journal_mode=WAL (readers never block the writer), synchronous=FULL (a committed transaction
//   survives a power cut), foreign_keys=ON, busy_timeout 5 s, and the migrations applied.
// A corrupt, unreadable or write-protected file is refused before anything is written, and a
// failed migration is rolled back: in every error case the file is left as it was (a file this
// call created is removed again).
#pragma once

#include <span>
#include <string>

#include "database.hpp"
#include "migrations.hpp"

namespace finsim::store {

struct OpenedStore {
  Database db;
  int schema_version = 0;
};

/// Opens (creating the file and its folder when missing) and migrates. ":memory:" gives a private
/// in-memory database (no WAL). A postgresql:// URI opens that PostgreSQL database instead (it must
/// exist; its tables are created by the migrations). Error code "store" with a message that names
/// the file or the URI (password hidden).
Result<OpenedStore> open_store(const std::string& path, std::span<const Migration> migrations);

}  // namespace finsim::store
