// The store's two engines behind one interface (internal to server/store): SQLite, the embedded
// default, and PostgreSQL for deployments that outgrow one machine (docs/deploy.md). Database and
// Statement (database.hpp, statement.hpp) are the API; these are what they forward to.
//
// Both engines take the same SQL — SQLite's dialect as the store writes it (`?` and `?N` parameters,
// `BEGIN IMMEDIATE`, the schema's types) — and the PostgreSQL side translates it once per statement
// (postgres_dialect.hpp). Neither is thread-safe: a connection's owner serializes its use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finsim/result.hpp"

namespace finsim::store {

/// Rows of a query, every column as text (NULL as "").
using Rows = std::vector<std::vector<std::string>>;

/// Which engine a Database runs on.
enum class Engine { sqlite, postgresql };

/// One prepared statement of a connection, reused: bound, stepped, reset. Owned by its connection.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  /// Binding never fails on the spot: a failure is remembered and reported by the next step().
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;  ///< never NaN (the caller binds NULL instead)
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_null(int index) = 0;
  /// True when a row is available, false when done. Error code "store".
  virtual Result<bool> step() = 0;
  /// Back to before the first step, keeping the bindings.
  virtual void reset() = 0;
  /// reset() and every binding cleared.
  virtual void clear() = 0;
  [[nodiscard]] virtual bool is_null(int index) const = 0;
  [[nodiscard]] virtual std::int64_t integer(int index) const = 0;
  [[nodiscard]] virtual double real(int index) const = 0;  ///< NaN for NULL
  [[nodiscard]] virtual std::string text(int index) const = 0;  ///< "" for NULL
};

class Connection {
 public:
  virtual ~Connection() = default;
  [[nodiscard]] virtual Engine engine() const = 0;
  /// Runs one or more statements; the rows of all of them, every column as text.
  virtual Result<Rows> query(std::string_view sql) = 0;
  /// The statement prepared for `sql`, prepared on first use and cached for the connection's life.
  virtual Result<PreparedStatement*> prepare(std::string_view sql) = 0;
  /// The id given to the row of the last successful INSERT into a table with a generated id.
  virtual std::int64_t last_insert_rowid() = 0;
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] virtual int changes() const = 0;
  /// True when the store can be read but not written (a write-protected file).
  [[nodiscard]] virtual bool read_only() const = 0;
  /// Whether a table of that name exists.
  Result<bool> has_table(std::string_view name);

 protected:
  /// The engine's query for has_table: one `?` for the name, a row when the table exists.
  [[nodiscard]] virtual std::string_view table_exists_sql() const = 0;
};

}  // namespace finsim::store
