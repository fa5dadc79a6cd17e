#include "database.hpp"

#include <sqlite3.h>

namespace finsim::store {

Result<Database> Database::open_with(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return make_error("store", "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db, path);
}

Result<Database> Database::open(const std::string& path) {
  return open_with(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

Result<Database> Database::open_read_only(const std::string& path) { return open_with(path, SQLITE_OPEN_READONLY); }

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), statements_(std::move(other.statements_)) {
  other.db_ = nullptr;
  other.statements_.clear();
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = other.db_;
    path_ = std::move(other.path_);
    statements_ = std::move(other.statements_);
    other.db_ = nullptr;
    other.statements_.clear();
  }
  return *this;
}

Database::~Database() { close(); }

void Database::close() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  statements_.clear();
  sqlite3_close(db_);
  db_ = nullptr;
}

Result<Statement> Database::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = statements_.find(key);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK)
      return make_error("store", std::string(sqlite3_errmsg(db_)) + " in: " + key);
    it = statements_.emplace(std::move(key), stmt).first;
  }
  return Statement(it->second);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

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
