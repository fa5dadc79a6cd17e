#include "transaction.hpp"

namespace finsim::server {

Transaction::~Transaction() {
  if (open_) (void)db_.exec("ROLLBACK");
}

Status Transaction::begin() {
  if (Status s = db_.exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  open_ = true;
  return {};
}

Status Transaction::commit() {
  Status s = db_.exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

Savepoint::~Savepoint() { rollback(); }

Status Savepoint::begin() {
  if (Status s = db_.exec("SAVEPOINT " + name_); !s.ok()) return s;
  open_ = true;
  return {};
}

Status Savepoint::release() {
  Status s = db_.exec("RELEASE " + name_);
  if (s.ok()) open_ = false;
  return s;
}

void Savepoint::rollback() {
  if (!open_) return;
  (void)db_.exec("ROLLBACK TO " + name_);
  (void)db_.exec("RELEASE " + name_);
  open_ = false;
}

}  // namespace finsim::server
