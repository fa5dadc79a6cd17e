// One SQLite connection (the server's store; SQLite lives only in the server, never in the engine).
// Move-only. Not thread-safe: the store has one writer, and whoever owns the Database serializes
// its use (the server opens it at start; the portfolio issue gives it its own strand).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "finsim/result.hpp"
#include "statement.hpp"

struct sqlite3;

namespace finsim::store {

/// Rows of a query, every column as text (NULL as "").
using Rows = std::vector<std::vector<std::string>>;

class Database {
 public:
  /// Opens `path` for reading and writing, creating an empty file when missing. Opening reads
  /// nothing yet: a corrupt file shows on the first statement. Error code "store".
  static Result<Database> open(const std::string& path);
  /// Opens an existing database for reading only (never creates or changes it). Error code "store".
  static Result<Database> open_read_only(const std::string& path);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Runs one or more statements that return no rows. Error code "store" with SQLite's message.
  Status exec(std::string_view sql);
  /// Runs one or more statements and returns the rows of all of them.
  Result<Rows> query(std::string_view sql);
  /// `text` as an SQL string literal ('it''s').
  static std::string quote(std::string_view text);

  /// A statement with `?` parameters, prepared on first use and cached for the connection's life
  /// (see Statement). Error code "store" for SQL that does not compile.
  Result<Statement> prepare(std::string_view sql);
  /// The rowid of the last successful INSERT on this connection.
  [[nodiscard]] std::int64_t last_insert_rowid() const;
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] int changes() const;

  /// True when SQLite could open the file for reading only (write-protected file or folder).
  [[nodiscard]] bool read_only() const;
  [[nodiscard]] const std::string& path() const { return path_; }
  /// The raw handle, for statements this class does not wrap. Owned by the Database.
  [[nodiscard]] sqlite3* handle() const { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  static Result<Database> open_with(const std::string& path, int flags);
  void close();
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;  ///< prepared once, finalized at close
};

}  // namespace finsim::store
