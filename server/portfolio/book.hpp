// The portfolio service's state: the database connection (the one writer) and the in-memory image
// of markets, fee structures and portfolios that every request reads. The database is the truth;
// the image is rebuilt from it by load() (at start, and after a transaction failed to commit).
//
// Requests change the image only after their statements succeeded (compute, store, then apply), so
// a request that fails leaves both as they were. Not thread-safe: only the service's thread uses it.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "fee_structures.hpp"
#include "ledger.hpp"
#include "market.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct BookOptions {
  std::uint64_t market_seed = 42;   ///< the default simulated market's seed (first start only)
  std::size_t market_bars = 1260;   ///< its history: about five years of business days
  std::string market_name = "default";
  std::string import_dir;           ///< files under it may be imported by path ("" = none)
};

class Book {
 public:
  Book(store::Database db, BookOptions options) : db_(std::move(db)), options_(std::move(options)) {}

  /// Stores the fee presets and, on an empty database, the default simulated market (one
  /// transaction), then load()s. Errors: "store" (a database finsim-server cannot use).
  Status open();
  /// Reads everything from the database (through the current transaction, if any).
  Status load();

  [[nodiscard]] store::Database& db() { return db_; }
  [[nodiscard]] const BookOptions& options() const { return options_; }

  std::map<std::int64_t, Market>& markets() { return markets_; }
  Ledgers& ledgers() { return ledgers_; }
  FeeStructures& fees() { return fees_; }

  /// The market with this id, or the default market for 0. Error "unknown_market" (404).
  Result<Market*> market(std::int64_t id);
  /// The portfolio with this id. Error "unknown_portfolio" (404).
  Result<Ledger*> ledger(std::int64_t id);
  /// A portfolio's market (always present).
  Market& market_of(const Ledger& ledger) { return markets_.at(ledger.info.market_id); }
  /// A portfolio's fee structure (always present).
  const FeeStructure& fees_of(const Ledger& ledger) const { return fees_.at(ledger.info.fee_structure_id); }
  [[nodiscard]] std::int64_t default_market_id() const { return default_market_; }

 private:
  Status seed();

  store::Database db_;
  BookOptions options_;
  std::map<std::int64_t, Market> markets_;
  Ledgers ledgers_;
  FeeStructures fees_;
  std::int64_t default_market_ = 0;
};

}  // namespace finsim::server
