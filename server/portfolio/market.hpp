// A market as the portfolio service holds it: the stored price history (a PricePanel), the clock
// (the current date: bars after it are not visible yet), and, for the embedded simulated market, the
// engine's MarketSimulator positioned at the last stored bar so that the market can go on.
//
// The database is the source of truth (tables markets, assets, market_bars, prices); a Market is its
// in-memory image, rebuilt by load_markets. Not thread-safe: owned by the portfolio service's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

namespace pf = finsim::portfolio;

struct Market {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  ///< "simulated" or "imported"
  std::optional<std::uint64_t> seed;
  std::string source;          ///< how it was made: "simulated, seed 42", an imported file's name
  std::string linked_session;  ///< a banking session whose steps advance this market ("" = none)
  std::string created_at;

  std::shared_ptr<const pf::PricePanel> panel;    ///< every stored bar (never null)
  std::vector<std::int64_t> asset_ids;            ///< database id of each panel asset
  std::vector<std::string> regimes;               ///< per bar: the simulated regime ("" for imported bars)
  std::size_t clock = 0;                          ///< bars [0, clock] are visible (meaningless without bars)
  std::shared_ptr<const pf::PricePanel> visible;  ///< bars [0, clock] (never null)
  /// Simulated markets: the generator at the last stored bar. Empty when the engine no longer
  /// reproduces the stored prices (its model changed since): the market can then not be extended.
  std::optional<pf::MarketSimulator> simulator;

  [[nodiscard]] bool has_bars() const { return panel->bar_count() > 0; }
  /// The clock's date (requires has_bars()).
  [[nodiscard]] pf::Date clock_date() const { return panel->date(clock); }
  /// Bars stored after the clock (an imported history being replayed).
  [[nodiscard]] std::size_t bars_ahead() const { return has_bars() ? panel->bar_count() - 1 - clock : 0; }
  /// Sets the clock and the visible panel.
  void set_clock(std::size_t bar);
};

/// Every market of the database, by id order, with its panel and clock; simulated markets get their
/// generator back by replaying the stored conditions from the seed (checked bit for bit against the
/// stored prices). A market row without a clock (an import being stored) is not one. `only`: just
/// that market (none when it is not one). Error "store".
Result<std::vector<Market>> load_markets(store::Database& db, std::optional<std::int64_t> only = std::nullopt);

/// The imported market load_markets reads back once an import revealed it (import_store.hpp), built
/// from what was stored instead of reading it back: `panel` with its volumes only if one is known
/// (as load_markets builds it), `asset_ids` of its assets, the clock at `clock_bar`.
Market imported_market(std::int64_t id, const std::string& name, const std::string& source,
                       const std::string& created_at, const pf::PricePanel& panel,
                       std::vector<std::int64_t> asset_ids, std::size_t clock_bar);

/// Creates a simulated market: `bars` business days of the engine's default market model from `seed`
/// (docs/portfolio.md, "The simulated market"), stored, its clock at the last bar. Must run inside a
/// transaction. Errors: "store", the engine's.
Result<Market> create_simulated_market(store::Database& db, const std::string& name, std::uint64_t seed,
                                       std::size_t bars);

/// The conditions a bar was produced under, and its regime (simulated markets).
struct BarConditions {
  pf::MarketConditions conditions;
  std::string regime;
};

/// Generates the next bar of a simulated market under `conditions` and stores it; the clock moves to
/// it. Must run inside a transaction; `market` is changed only when everything was stored. Errors:
/// "store"; "conflict" when the market cannot be extended (imported, or its generator is gone).
Status extend_simulated_market(store::Database& db, Market& market, const pf::MarketConditions& conditions);

/// Stores the clock (markets.clock). Must run inside a transaction.
Status store_clock(store::Database& db, const Market& market);

/// {"id", "name", "kind", "seed", "source", "current_date", "first_date", "last_date", "bars", "bar",
///  "visible_bars", "bars_ahead", "assets", "regime", "linked_session", "extendable", "created_at"}.
nlohmann::json market_to_json(const Market& market);

}  // namespace finsim::server
