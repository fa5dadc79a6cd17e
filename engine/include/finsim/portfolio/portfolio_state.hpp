// Portfolio accounting: cash, positions held as FIFO lots, realised P&L and round trips.
//
// A PortfolioState changes only through apply_fill, so a portfolio is a pure function of its initial
// cash and its fills: replaying the same fills gives the same state to the bit. Positions are indexed
// like the PricePanel's assets. Money rules: money.hpp (every posting rounded to the cent).
//
// Lots: a buy opens (or extends) long lots; a sell consumes the oldest long lots first (FIFO). With
// short selling enabled a sell beyond the long quantity opens short lots, which later buys cover
// oldest-first. Each lot carries its cost including its share of the entry fee, so realised P&L is net
// of fees on both sides. Shorts are cash-settled at the sale (proceeds credited, covering debited); their
// margin and borrow fees are the rules' `margin` (margin.hpp), whose ledger entries change the state
// through apply_entry. Not thread-safe; copy freely.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/margin_rules.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/slippage.hpp"
#include "finsim/portfolio/trade_side.hpp"

namespace finsim::portfolio {

/// Portfolio-level permissions.
struct PortfolioRules {
  bool allow_short = false;  ///< may a sell exceed the long quantity?
  bool fractional = true;    ///< may quantities be fractional? (false: notional orders round down)
  SlippageModel slippage;    ///< what a fill pays beyond the close (slippage.hpp); none by default
  double max_participation = 0.0;  ///< share of a bar's volume one order may take there (participation.hpp); 0 = no cap
  MarginRules margin;        ///< shorts' margin and borrow fee (margin.hpp); none by default
};

/// An executed trade: what the broker reports, and what the ledger records.
struct Fill {
  std::size_t asset = 0;        ///< index in the panel
  std::string ticker;
  Side side = Side::buy;
  double quantity = 0.0;        ///< units, > 0
  double price = 0.0;           ///< the execution price: the close of `bar` moved by the slippage
  std::size_t bar = 0;
  Date date;                    ///< date of `bar`
  double trade_value = 0.0;     ///< quantity × price, rounded to the cent
  double fee = 0.0;             ///< rounded to the cent
  double net_cash = 0.0;        ///< signed cash change: buy −(value + fee), sell value − fee
  double reference_price = 0.0; ///< the close of `bar` the price was moved from (= price without slippage)
  double slippage = 0.0;        ///< what the slippage cost: |price − reference_price| × quantity, to the cent
  Date order_date;              ///< when the order was placed (information cut-off)
  std::string model;            ///< what placed it ("manual", "linear", an external model's name)
  std::string signal_id;        ///< the signal that caused it, if known
  double confidence = -1.0;     ///< the signal's confidence in [0, 1]; −1 when none
};

/// Units bought (or sold short) together, still open.
struct Lot {
  double quantity = 0.0;  ///< > 0 long, < 0 short
  double amount = 0.0;    ///< long: paid, value + fee share; short: received, value − fee share
  double price = 0.0;     ///< entry price
  Date date;
  std::size_t bar = 0;
  std::string model;      ///< who opened it (credited with the round trip)
};

struct Position {
  std::string ticker;
  double quantity = 0.0;  ///< Σ lot quantities; > 0 long, < 0 short
  /// Oldest first, all of one sign. A vector, not a deque: an empty one allocates nothing, and a
  /// server holds one position per asset for every portfolio (most of them never traded).
  std::vector<Lot> lots;
  double realized_pnl = 0.0;
};

/// A closed trade: units opened by one lot and closed by one later fill, FIFO.
struct RoundTrip {
  std::size_t asset = 0;
  std::string ticker;
  bool is_long = true;
  double quantity = 0.0;       ///< > 0
  Date open_date, close_date;
  std::size_t open_bar = 0, close_bar = 0;
  double entry_price = 0.0, exit_price = 0.0;
  double entry_amount = 0.0;   ///< long: paid incl. fee share; short: received net of fee share
  double exit_amount = 0.0;    ///< long: received net of fee share; short: paid incl. fee share
  double pnl = 0.0;            ///< long: exit − entry; short: entry − exit
  double return_on_entry = 0.0;  ///< pnl / entry_amount
  std::string model;           ///< who opened it
};

struct PortfolioState {
  double initial_cash = 0.0;
  double cash = 0.0;
  std::vector<Position> positions;  ///< one per panel asset, in panel order
  double realized_pnl = 0.0;
  double fees_paid = 0.0;
  std::size_t fill_count = 0;
  double borrow_fees_paid = 0.0;        ///< Σ borrow_fee entries (margin.hpp), in cash already
  std::optional<Date> margin_call;      ///< the date of the margin call still open, if any
};

/// A portfolio holding only cash, with one empty position per asset of `panel`.
/// `initial_cash` is rounded to the cent; it must be finite and ≥ 0.
PortfolioState open_portfolio(const PricePanel& panel, double initial_cash);

/// Books a fill: cash += net_cash (rounded to the cent), lots FIFO, realised P&L, fees. Appends the
/// round trips it closes to `closed` when given. The fill must come from price_fill (or agree with it):
/// apply_fill performs no validation.
void apply_fill(PortfolioState& state, const Fill& fill, std::vector<RoundTrip>* closed = nullptr);

/// Cost of the open lots of a position: long Σ amount paid; short −Σ amount received.
double cost_basis(const Position& position);

/// The last close at or before `bar` of every asset (carried forward over missing bars); NaN for an
/// asset with no close yet.
std::vector<double> last_prices(const PricePanel& panel, std::size_t bar);

/// Σ quantity × price over open positions (shorts count negative). A position whose price is NaN is
/// valued at its cost basis.
double holdings_value(const PortfolioState& state, std::span<const double> prices);

/// Net asset value: cash + holdings_value.
double net_asset_value(const PortfolioState& state, std::span<const double> prices);

}  // namespace finsim::portfolio
