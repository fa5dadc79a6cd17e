// The market clock: moving a market to its next bar, and everything that happens on a new bar.
//
// Time. A market has a current date (its clock). Prices dated after it are not visible to anyone;
// an order placed now is dated with the clock (its information cut-off) and can only fill at a later
// bar (the engine's rule, order.hpp): so an order never fills at a price it could not have seen.
// Moving the clock one bar (a simulated market generates the bar; an imported market reveals its next
// stored bar) then, for every active live portfolio of that market that the bar concerns — one with a
// pending order or an open position —, in portfolio order:
//   0. with margin rules (margin.hpp), its shorts held since the last bar pay their borrow fees;
//   1. its pending orders, oldest first, go through the engine's execute_order at the new bar, each
//      against what the portfolio's other pending orders reserve (reservations.hpp): filled (the fill
//      booked and stored; or a part of it, capped by the bar's volume, the rest left pending with what it
//      still reserves — participation.hpp), expired, rejected (cash or holdings no longer enough), or left
//      pending (no price yet; a limit or a stop not reached) — an order that leaves pending releases its
//      reservation;
//      a bracket's entry that fills arms its exits (they wait, inactive, until then), one that ends
//      otherwise cancels them, and an exit that leaves pending cancels the other (bracket.hpp); with
//      margin rules a fill that breaks the initial margin is rejected ("insufficient_margin");
//   1b. with margin rules, the maintenance check at the new close: a margin call, its end, or the
//      forced covers of a call unmet since an earlier bar — ledger entries (and fills) stored and told
//      (LEDGER_ENTRY);
//   2. its NAV snapshot (and allocation) of the new bar is stored.
// All of it in the request's transaction: a crash leaves either the whole bar or none of it.
//
// A portfolio the bar does not concern (only cash, nothing pending) is idle: its NAV is its cash,
// unchanged, and it costs the bar nothing — no row, no feed message. Its snapshots of idle bars are
// its last stored one carried forward, filled in when the series is read (snapshots.hpp). So the cost
// of a bar grows with the portfolios that trade, not with every portfolio ever opened.
#pragma once

#include <cstddef>
#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/market_model.hpp"
#include "http_message.hpp"
#include "job_context.hpp"

namespace finsim::server {

/// Advances `market` by up to `bars` bars under `conditions` (simulated markets; imported ones ignore
/// them). Returns {"market": market_to_json, "bars": [{"date", "regime", "stress", "jump"}],
/// "orders": {"filled", "partial", "expired", "rejected", "cancelled", "pending"}} ("partial":
/// parts filled by orders that wait on for the rest). Errors: "conflict" when not one bar could
/// be added (an imported market at its last bar, a simulated one that cannot be extended), "store".
Result<nlohmann::json> advance_market(JobContext& ctx, std::int64_t market_id, std::size_t bars,
                                      const pf::MarketConditions& conditions);

/// The --market-interval timer's work: the default market, one bar, calm conditions.
HttpResponse advance_default_market(JobContext& ctx);

}  // namespace finsim::server
