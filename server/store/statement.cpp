#include "statement.hpp"

#include <cmath>

namespace finsim::store {

Statement::~Statement() {
  if (stmt_) stmt_->clear();
}

Statement& Statement::bind(int index, std::int64_t value) {
  stmt_->bind_integer(index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (std::isnan(value)) return bind_null(index);
  stmt_->bind_real(index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  stmt_->bind_text(index, text);
  return *this;
}

Statement& Statement::bind_null(int index) {
  stmt_->bind_null(index);
  return *this;
}

Result<bool> Statement::step() { return stmt_->step(); }

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row.ok() || !*row) {
      stmt_->reset();  // ready to be bound and run again
      if (!row.ok()) return row.error();
      return {};
    }
  }
}

bool Statement::is_null(int index) const { return stmt_->is_null(index); }

std::int64_t Statement::integer(int index) const { return stmt_->integer(index); }

double Statement::real(int index) const { return stmt_->real(index); }

std::string Statement::text(int index) const { return stmt_->text(index); }

std::optional<std::string> Statement::optional_text(int index) const {
  if (is_null(index)) return std::nullopt;
  return text(index);
}

std::optional<std::int64_t> Statement::optional_integer(int index) const {
  if (is_null(index)) return std::nullopt;
  return integer(index);
}

}  // namespace finsim::store
