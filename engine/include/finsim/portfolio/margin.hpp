// Short selling on margin: initial and maintenance margin, borrow fees, margin calls and forced
// liquidation — the ledger's entries beyond fills.
//
// A portfolio's longs are paid in full (an order beyond cash is refused, order.hpp); its shorts are
// carried on margin. Equity E is the NAV (cash, which holds the short sales' proceeds, plus longs minus
// shorts at the last closes); the short market value S is Σ |q|·p over short positions. Per rules r:
//   initial      a fill that opens or adds to a short or a long must leave cash ≥ (1 + r.initial) · S
//                (Regulation T, 12 CFR 220.12(c): 150 % of a short's value deposited, its proceeds plus
//                50 %; with no long the same as E ≥ r.initial · S), else the order is refused
//                ("insufficient_margin"): longs are paid in full, so they neither back shorts nor are
//                bought with short proceeds, whatever the order of the trades;
//   maintenance  at each bar's close, after the bar's fills, E < r.maintenance · S is a margin call
//                (FINRA Rule 4210(c): 30 % of a short's value for stocks at $5 or more); a call still
//                unmet at the next bar's close is met by forced liquidation at that close: whole short
//                positions are bought back, the largest short value first, until the rest meets the
//                initial requirement (a broker covers beyond the bare maintenance so that the next tick
//                does not call again), each a fill (model "margin_liquidation") that no cash check can
//                refuse — cash may end negative, a debit the NAV carries. A call met in time (a price
//                fall, the holder's own cover) or by the liquidation (the rest meets the maintenance
//                margin, or no short is left) is closed by a "call_met" entry; a short that cannot be
//                covered (no close at that bar) keeps the call open, and the next close covers again;
//   borrow_rate  the annual fee for borrowing the shares, charged at each bar on every short held since
//                the previous bar: |q| · close · rate · days / 360, days the calendar days between the two
//                bars (securities lending's actual/360 convention; weekends accrue), rounded to the cent.
// Rules of all zeros (the default) are a cash account's shorts as before: no margin, no fee.
// Every entry is applied through apply_entry, so a portfolio stays a pure function of its initial cash,
// its fills and its entries in booking order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

enum class LedgerKind : std::uint8_t {
  borrow_fee,   ///< cash −amount for `quantity` units of `ticker` short over `days` days
  margin_call,  ///< E fell below the maintenance requirement: `amount` is the deficit
  call_met,     ///< an open call ended — met in time, or by the liquidation before it: `amount` is the
                ///< excess over the requirement (0 when it ended with no short left and equity short)
  liquidation,  ///< a forced cover of `quantity` units of `ticker` (its fill comes just before it)
};
std::string_view ledger_kind_name(LedgerKind kind);
std::optional<LedgerKind> ledger_kind_from_name(std::string_view name);

/// One entry of a portfolio's ledger beyond its fills.
struct LedgerEntry {
  LedgerKind kind = LedgerKind::borrow_fee;
  std::size_t bar = 0;
  Date date;
  std::string ticker;      ///< borrow_fee, liquidation; empty otherwise
  double amount = 0.0;     ///< ≥ 0, to the cent: the fee, the deficit, the excess; 0 for liquidation
  double quantity = 0.0;   ///< units short (borrow_fee) or covered (liquidation); 0 otherwise
  double price = 0.0;      ///< the close the fee was charged on; 0 otherwise
  int days = 0;            ///< borrow_fee: calendar days charged
  std::size_t after_fills = 0;  ///< the portfolio's fills booked before it (state.fill_count): its place
                                ///< in the booking order, so a replay applies it at the same point
};

/// Error "bad_margin" unless 0 ≤ maintenance ≤ initial ≤ 1 and 0 ≤ borrow_rate ≤ 1, all finite.
Status validate_margin(const MarginRules& rules);
/// JSON {"initial", "maintenance", "borrow_rate"}; an absent number is `absent`'s. "bad_margin" otherwise.
Result<MarginRules> margin_from_json(const nlohmann::json& j, const MarginRules& absent = {});
nlohmann::json margin_to_json(const MarginRules& rules);

/// The margin of a new portfolio or backtest: for one that may sell short, Reg T's initial and FINRA's
/// maintenance margin with the general-collateral borrow rate, each replaced by `given`'s figure when it
/// has one (margin_from_json); else none. "bad_margin" for margin rules other than all zeros given to one that may not
/// sell short.
Result<MarginRules> margin_for(bool allow_short, const nlohmann::json* given);

/// Where a portfolio stands against its rules at `prices` (last closes, NaN valued at cost).
struct MarginStatus {
  double cash = 0.0;                     ///< the cash, short sales' proceeds included
  double equity = 0.0;                   ///< E, the NAV
  double short_value = 0.0;              ///< S
  double initial_requirement = 0.0;      ///< r.initial · S
  double maintenance_requirement = 0.0;  ///< r.maintenance · S
  [[nodiscard]] double excess() const { return equity - maintenance_requirement; }
};
MarginStatus margin_status(const PortfolioState& state, std::span<const double> prices, const MarginRules& rules);

/// Books an entry: a borrow fee takes its amount from cash (and adds it to borrow_fees_paid); a call
/// opens state.margin_call; call_met and liquidation close it.
void apply_entry(PortfolioState& state, const LedgerEntry& entry);

/// Where the portfolio would stand right after `fill`, booked in `state`: cash moved by the fill's net
/// cash, every position valued at `prices` (the traded asset at the fill's price when it has none) — the
/// order preview's figures, and what check_initial_margin tests.
MarginStatus margin_after(const PortfolioState& state, const Fill& fill, std::span<const double> prices,
                          const MarginRules& rules);

/// The initial-margin rule for a fill about to be booked in `state`, at `prices`: error
/// "insufficient_margin" when it opens or adds to a short or a long and leaves less cash than the shorts
/// hold back, S + m₀·S — their value and their initial margin (with no long, the same as E ≥ m₀·S; longs
/// are paid in full, so they neither back shorts nor are bought with short proceeds, whatever the order of
/// the trades). A fill that only closes positions, or rules without an initial margin, pass.
Status check_initial_margin(const PortfolioState& state, const Fill& fill, std::span<const double> prices,
                            const MarginRules& rules);

/// The model of a forced cover's fill.
inline constexpr std::string_view kLiquidationModel = "margin_liquidation";

/// A forced cover of `units` bought at `price` (moved from `reference_price` by slippage) at `bar`: a fill
/// of model kLiquidationModel that no cash check refuses (cash may end negative). How check_maintenance
/// prices its covers and compare_fees replays them under another schedule.
Result<Fill> price_forced_cover(const PortfolioState& state, std::size_t asset, double units, std::size_t bar,
                                double price, double reference_price, Date date, const FeeSchedule& fees,
                                const PortfolioRules& rules);

/// The borrow fees due at `bar` for the shorts `state` held since `previous_bar` (the bar before, in
/// the run): one entry per short position, priced at `bar`'s close (the last one before, when it has
/// none). None with no borrow rate or when the dates do not advance. Applied here (apply_entry).
std::vector<LedgerEntry> charge_borrow_fees(PortfolioState& state, const PricePanel& panel, std::size_t bar,
                                            std::size_t previous_bar, const MarginRules& rules);

/// What the maintenance check at a bar's close did.
struct MarginCheck {
  std::vector<LedgerEntry> entries;  ///< a call, its end (call_met), or the liquidations, in booking order
  std::vector<Fill> fills;           ///< the forced covers (one per liquidation entry, in the same order)
};

/// The maintenance rule at `bar`'s close, after the bar's fills, at `prices` (last_prices(panel, bar)):
/// opens a call, closes one met, or liquidates for one still unmet since an earlier bar (see the
/// header). Fills are priced at `bar`'s close moved by `rules_of_fills.slippage` with `fees`; entries
/// and fills are applied here (apply_entry, apply_fill with `closed` receiving the round trips they
/// close). No entry when the rules have no maintenance margin, or with no short and no open call.
MarginCheck check_maintenance(PortfolioState& state, const PricePanel& panel, std::size_t bar,
                              std::span<const double> prices, const MarginRules& rules, const FeeSchedule& fees,
                              const PortfolioRules& rules_of_fills, std::vector<RoundTrip>* closed = nullptr);

}  // namespace finsim::portfolio
