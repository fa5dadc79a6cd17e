#include "database.hpp"

#include <sqlite3.h>

namespace finsim::store {

Result<Database> Database::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return make_error("store", "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db, path);
}

Database::Database(Database&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) { other.db_ = nullptr; }

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    other.db_ = nullptr;
  }
  return *this;
}

Database::~Database() { sqlite3_close(db_); }

Status Database::exec(std::string_view sql) {
  auto rows = query(sql);
  if (!rows.ok()) return rows.error();
  return {};
}

Result<Rows> Database::query(std::string_view sql) {
  Rows rows;
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(
      db_, text.c_str(),
      [](void* out, int columns, char** values, char**) {
        auto& r = *static_cast<Rows*>(out);
        r.emplace_back();
        for (int i = 0; i < columns; ++i) r.back().emplace_back(values[i] ? values[i] : "");
        return 0;
      },
      &rows, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    return make_error("store", message);
  }
  return rows;
}

std::string Database::quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

bool Database::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

}  // namespace finsim::store
