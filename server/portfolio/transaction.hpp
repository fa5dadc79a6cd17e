// Transactions and savepoints on the store's connection, rolled back unless committed.
//
// The service runs each batch of requests in one transaction (BEGIN IMMEDIATE: it takes the write lock
// at once, so there is one writer) and each request in a savepoint inside it, so that a failing request
// undoes only its own statements. Not thread-safe (the connection's owner).
#pragma once

#include <string>

#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

/// BEGIN IMMEDIATE … COMMIT; destroyed without commit() (or after a failed one): ROLLBACK.
class Transaction {
 public:
  explicit Transaction(store::Database& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin();
  /// With synchronous=FULL, returns once the transaction is on disk. On failure the transaction is
  /// rolled back. Error code "store".
  Status commit();

 private:
  store::Database& db_;
  bool open_ = false;
};

/// SAVEPOINT name … RELEASE; destroyed without release(): ROLLBACK TO and RELEASE (undoes its
/// statements, keeps the enclosing transaction).
class Savepoint {
 public:
  Savepoint(store::Database& db, std::string name) : db_(db), name_(std::move(name)) {}
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  Status begin();
  Status release();
  /// Undoes the savepoint's statements now.
  void rollback();

 private:
  store::Database& db_;
  std::string name_;
  bool open_ = false;
};

}  // namespace finsim::server
