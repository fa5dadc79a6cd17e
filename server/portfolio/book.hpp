// The portfolio service's state: the database connection (the one writer) and the in-memory image
// of markets, fee structures and portfolios that every request reads. The database is the truth;
// the image is rebuilt from it by load() (at start, and after a transaction failed to commit).
//
// Requests change the image only after their statements succeeded (compute, store, then apply), so
// a request that fails leaves both as they were. Not thread-safe: only the service's thread uses it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fee_structures.hpp"
#include "idempotency.hpp"
#include "ledger.hpp"
#include "market.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct BookOptions {
  std::uint64_t market_seed = 42;   ///< the default simulated market's seed (first start only)
  std::size_t market_bars = 1260;   ///< its history: about five years of business days
  std::string market_name = "default";
  std::string import_dir;           ///< files under it may be imported by path ("" = none)
  /// What clients may create (docs/portfolio-api.md, "Limits"): active portfolios of the server, live
  /// and backtests' together, and active live portfolios one client address opened since the start.
  std::size_t max_portfolios = 1000;
  std::size_t max_portfolios_per_client = 100;
  /// Signals the store may hold in all, posted and backtests' (rows are never deleted): a bound on the
  /// disk a client can fill by posting batches.
  std::int64_t max_signals = 5'000'000;
  /// How long Idempotency-Keys are kept, and how many (idempotency.hpp).
  IdempotencyRetention idempotency;
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

  /// Active portfolios, live and backtests' (what max_portfolios bounds).
  [[nodiscard]] std::size_t active_portfolios() const;
  /// Active live portfolios that `client` (an address) opened since the server started.
  [[nodiscard]] std::size_t active_portfolios_of(const std::string& client) const;
  /// Records that `client` opened portfolio `id` (kept in memory only: addresses are not stored), and
  /// forgets its portfolios that are no longer active.
  void opened_by(const std::string& client, std::int64_t id);

  /// The overview's per-model trade statistics and the (portfolio id, round trips) pairs of the active
  /// live portfolios they were computed from (overview_totals.hpp).
  struct TradeStatsMemo {
    std::vector<std::pair<std::int64_t, std::size_t>> source;
    nlohmann::json stats;
  };
  TradeStatsMemo& trade_stats_memo() { return trade_stats_memo_; }

  /// The market with this id, or the default market for 0. Error "unknown_market" (404).
  Result<Market*> market(std::int64_t id);
  /// The portfolio with this id. Error "unknown_portfolio" (404).
  Result<Ledger*> ledger(std::int64_t id);
  /// A portfolio's market (always present).
  Market& market_of(const Ledger& ledger) { return markets_.at(ledger.info.market_id); }
  /// A portfolio's fee structure (always present).
  const FeeStructure& fees_of(const Ledger& ledger) const { return fees_.at(ledger.info.fee_structure_id); }
  /// The fee structure an order of `ledger` pays: the one it named (`order_fees`, an id; a structure
  /// in use cannot be deleted), or its portfolio's.
  const FeeStructure& fees_of(const Ledger& ledger, std::optional<std::int64_t> order_fees) const;
  [[nodiscard]] std::int64_t default_market_id() const { return default_market_; }

 private:
  Status seed();

  store::Database db_;
  BookOptions options_;
  std::map<std::int64_t, Market> markets_;
  Ledgers ledgers_;
  FeeStructures fees_;
  std::int64_t default_market_ = 0;
  std::map<std::string, std::vector<std::int64_t>> opened_by_;
  TradeStatsMemo trade_stats_memo_;
};

}  // namespace finsim::server
