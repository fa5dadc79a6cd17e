// Numbered schema migrations, applied in one transaction.
//
// The table schema_version(version, name, applied_at) records what has been applied. migrate()
// takes the write lock (BEGIN IMMEDIATE: one writer), applies every pending migration in order
// and records each, then commits; if any migration fails, everything is rolled back and the
// database is exactly as before. Applied migrations are never edited: a change is a new number.
#pragma once

#include <span>
#include <string_view>

#include "database.hpp"

namespace finsim::store {

struct Migration {
  int version;             ///< 1, 2, 3, ... without gaps
  std::string_view name;   ///< short snake_case description, recorded with the version
  std::string_view sql;    ///< one or more statements
};

/// The highest applied version, 0 for a database without schema_version.
Result<int> schema_version(Database& db);

/// Applies the pending migrations and returns the resulting version. Errors (code "store"): the
/// list is not numbered 1..n; the database is newer than the list or its recorded names differ
/// (a different program's database); a migration failed (message names it; nothing changed).
Result<int> migrate(Database& db, std::span<const Migration> migrations);

}  // namespace finsim::store
