// One connection to the server's store: a SQLite file (the embedded default) or a PostgreSQL database
// (`postgresql://…`, docs/deploy.md). The store lives only in the server, never in the engine.
// Both engines take the same SQL (connection.hpp). Move-only. Not thread-safe: the store has one
// writer, and whoever owns the Database serializes its use (the portfolio service's strand).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connection.hpp"
#include "finsim/result.hpp"
#include "statement.hpp"

namespace finsim::store {

class Database {
 public:
  /// Opens `target` for reading and writing: a PostgreSQL connection URI (postgresql://… or
  /// postgres://…, libpq's syntax) connects to that database; anything else is a SQLite file,
  /// created empty when missing (opening reads nothing yet: a corrupt file shows on the first
  /// statement). Error code "store".
  static Result<Database> open(const std::string& target);
  /// Opens an existing SQLite file for reading only (never creates or changes it). Error code "store".
  static Result<Database> open_read_only(const std::string& path);
  /// True for a PostgreSQL connection URI (postgresql:// or postgres://).
  static bool is_postgresql(std::string_view target);

  Database(Database&& other) noexcept = default;
  Database& operator=(Database&& other) noexcept = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Runs one or more statements that return no rows. Error code "store" with the engine's message.
  Status exec(std::string_view sql);
  /// Runs one or more statements and returns the rows of all of them.
  Result<Rows> query(std::string_view sql);
  /// `text` as an SQL string literal ('it''s').
  static std::string quote(std::string_view text);

  /// A statement with `?` parameters, prepared on first use and cached for the connection's life
  /// (see Statement). Error code "store" for SQL that does not compile.
  Result<Statement> prepare(std::string_view sql);
  /// The id given to the row of the last successful INSERT (into a table with a generated id) on
  /// this connection.
  [[nodiscard]] std::int64_t last_insert_rowid() const;
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] int changes() const;

  /// True when the store could be opened for reading only (a write-protected SQLite file or folder).
  [[nodiscard]] bool read_only() const;
  /// Whether a table of that name exists.
  Result<bool> has_table(std::string_view name);
  [[nodiscard]] Engine engine() const;
  /// The file, or the PostgreSQL URI with any password hidden.
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  Database(std::unique_ptr<Connection> connection, std::string path)
      : connection_(std::move(connection)), path_(std::move(path)) {}
  std::unique_ptr<Connection> connection_;
  std::string path_;
};

/// True when `error` is a store error raised by a UNIQUE constraint (either engine).
bool is_unique_violation(const Error& error);

}  // namespace finsim::store
