#include "statement.hpp"

#include <cmath>
#include <limits>

#include <sqlite3.h>

namespace finsim::store {

Statement::~Statement() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  bind_failed_ = bind_failed_ || sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK;
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (std::isnan(value)) return bind_null(index);
  bind_failed_ = bind_failed_ || sqlite3_bind_double(stmt_, index, value) != SQLITE_OK;
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  bind_failed_ = bind_failed_ || sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                                     SQLITE_UTF8) != SQLITE_OK;
  return *this;
}

Statement& Statement::bind_null(int index) {
  bind_failed_ = bind_failed_ || sqlite3_bind_null(stmt_, index) != SQLITE_OK;
  return *this;
}

Result<bool> Statement::step() {
  if (bind_failed_) return make_error("store", std::string("a parameter could not be bound in: ") + sqlite3_sql(stmt_));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return make_error("store", sqlite3_errmsg(sqlite3_db_handle(stmt_)));
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row.ok() || !*row) {
      sqlite3_reset(stmt_);  // ready to be bound and run again
      if (!row.ok()) return row.error();
      return {};
    }
  }
}

bool Statement::is_null(int index) const { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }

std::int64_t Statement::integer(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::real(int index) const {
  return is_null(index) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(stmt_, index);
}

std::string Statement::text(int index) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))) : std::string();
}

std::optional<std::string> Statement::optional_text(int index) const {
  if (is_null(index)) return std::nullopt;
  return text(index);
}

std::optional<std::int64_t> Statement::optional_integer(int index) const {
  if (is_null(index)) return std::nullopt;
  return integer(index);
}

}  // namespace finsim::store
