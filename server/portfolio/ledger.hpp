// A portfolio as the portfolio service holds it: its row, and its state replayed through the engine
// from its stored fills and ledger entries (open_portfolio + apply_fill, and apply_entry for the
// margin's borrow fees, calls and liquidations at their place in the booking order) — so balances are always the
// engine's arithmetic, never the server's. Cash and holdings are also stored (portfolios.cash,
// holdings) in the same transaction as each fill; load_ledgers checks that both agree.
// Not thread-safe: owned by the portfolio service's thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/nav.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "market.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct PortfolioInfo {
  std::int64_t id = 0;
  std::string name;
  std::string kind = "live";      ///< "live" (traded through the API) or "backtest" (read-only)
  std::string status = "active";  ///< "active" or "archived"
  std::string model = "manual";   ///< the model tag
  std::int64_t market_id = 0;
  std::int64_t fee_structure_id = 0;
  double initial_capital = 0.0;
  pf::PortfolioRules rules;
  pf::Date opened_on;                  ///< market date of its first NAV snapshot
  std::optional<pf::Date> closed_on;   ///< backtests: the last bar of their period
  std::string created_at;
  std::optional<std::string> archived_at;
};

struct Ledger {
  PortfolioInfo info;
  pf::PortfolioState state;
  std::vector<pf::Fill> fills;          ///< in booking order; asset and bar index the market's panel
  std::vector<std::int64_t> fill_ids;   ///< database id of each fill
  std::vector<pf::RoundTrip> trips;     ///< closed round trips, in order
  std::vector<pf::LedgerEntry> entries; ///< the margin's entries (margin.hpp), in booking order
  std::vector<std::int64_t> entry_ids;  ///< database id of each entry

  [[nodiscard]] bool live() const { return info.kind == "live"; }
  [[nodiscard]] bool active() const { return info.status == "active"; }
  /// Takes orders: live and active.
  [[nodiscard]] bool tradable() const { return live() && active(); }
  /// Holds an open position (long or short) in some asset.
  [[nodiscard]] bool holds_positions() const;
  /// The bar it is valued at: the market's clock, or a backtest's last bar.
  [[nodiscard]] std::size_t as_of(const Market& market) const;
  /// The portfolio valued at its as-of bar's closes (carried forward).
  [[nodiscard]] pf::PortfolioValuation valuation(const Market& market) const;
};

using Ledgers = std::map<std::int64_t, Ledger>;

/// Every portfolio with its fills replayed; the stored cash, realised P&L, fees and holdings must
/// equal the replay's exactly (error "store" naming the first difference: the database was changed
/// outside finsim-server).
Result<Ledgers> load_ledgers(store::Database& db, const std::map<std::int64_t, Market>& markets);

/// Finds the fill's asset and bar in `market` (by ticker and date), books it into `state` (apply_fill;
/// closed round trips appended to `trips`) and returns it as booked. Does not store anything.
pf::Fill book_fill(pf::PortfolioState& state, std::vector<pf::RoundTrip>& trips, const Market& market, pf::Fill fill);

/// book_fill into a ledger, recording the fill and its database id.
void book_fill(Ledger& ledger, const Market& market, pf::Fill fill, std::int64_t fill_id);

/// Stores a fill of portfolio `portfolio_id` whose state after the fill is `after`: the fills row,
/// the holdings row of its asset and the portfolio's balances. Returns the fill's id. Inside a
/// transaction. `order_id`: the order it filled whole; `part_of`: the order it is a part of (an order
/// filled in parts, participation.hpp).
Result<std::int64_t> store_fill(store::Database& db, std::int64_t portfolio_id, const pf::PortfolioState& after,
                                const Market& market, const pf::Fill& fill, std::optional<std::int64_t> order_id,
                                std::optional<std::int64_t> part_of = std::nullopt);

/// Stores a ledger entry of portfolio `portfolio_id` whose state after it is `after` (its balances with
/// it). `fill_id`: a liquidation's fill. Returns the entry's id. Inside a transaction.
Result<std::int64_t> store_entry(store::Database& db, std::int64_t portfolio_id, const pf::PortfolioState& after,
                                 const pf::LedgerEntry& entry, std::optional<std::int64_t> fill_id = std::nullopt);

/// An entry as the API shows it: ledger_entry_to_json's fields with its "id" and, for a liquidation,
/// its fill's "fill_id" (else null).
nlohmann::json ledger_entry_json(const pf::LedgerEntry& entry, std::int64_t id, std::optional<std::int64_t> fill_id);

/// The k-th entry of `ledger` as ledger_entry_json (a liquidation's fill is the fill booked just before it).
nlohmann::json ledger_entry_json(const Ledger& ledger, std::size_t k);

/// A portfolio's margin at its as-of bar: its rules, equity, short value, requirements, excess, open call
/// and borrow fees paid ({"initial", "maintenance", "borrow_rate", "equity", "short_value",
/// "initial_requirement", "maintenance_requirement", "excess", "call_since", "borrow_fees_paid"}).
nlohmann::json margin_json(const Ledger& ledger, const Market& market);

/// Stores a portfolio's cash, realised P&L, fees, borrow fees and open margin call (portfolios row).
Status store_balances(store::Database& db, std::int64_t portfolio_id, const pf::PortfolioState& state);

/// Stores one daily NAV snapshot with that day's allocation (JSON); replaces one of the same date.
Status store_snapshot(store::Database& db, std::int64_t portfolio_id, const pf::NavSnapshot& snapshot,
                      const nlohmann::json& allocation);

/// The snapshot and allocation of a portfolio in `state` at `bar` of its market, stored. `prices`,
/// when given, are last_prices(panel, bar) computed once by a caller that snapshots many portfolios.
Status snapshot_state(store::Database& db, std::int64_t portfolio_id, const pf::PortfolioState& state,
                      const Market& market, std::size_t bar, const std::vector<double>* prices = nullptr);

/// The portfolio line of lists and the dashboard: identity, settings and the valuation at its
/// as-of date: {"id", "name", "kind", "status", "model", "market_id", "fee_structure_id",
/// "allow_short", "fractional", "slippage", "max_participation", "margin" (margin_json, or null for a
/// cash account's shorts), "opened_on", "as_of", "created_at", "archived_at", "fills",
/// <valuation_to_json fields>}.
nlohmann::json portfolio_summary_json(const Ledger& ledger, const Market& market);

}  // namespace finsim::server
