// Storing an imported price panel a slice at a time, so that a large import never holds the portfolio
// service's thread for long (docs/portfolio-api.md, "Long work").
//
// The prices are written into a hidden market: a markets row without a clock, which load_markets
// skips and Book::open deletes (an import a crash interrupted leaves nothing visible). A new market is
// hidden under its own name (which it thereby reserves) and revealed by giving it its clock; an import
// into an existing market is written into a hidden market of its own and then merged into the target in
// one statement per table (existing prices replaced, new assets and bars added). Every function must
// run inside a transaction on the service's connection; each leaves the database consistent on its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

/// The hidden market an import writes to, and how far it got.
struct HiddenMarket {
  std::int64_t id = 0;
  std::string created_at;
  std::vector<std::int64_t> asset_ids;  ///< of the panel's assets, in panel order
  std::size_t next_cell = 0;            ///< prices stored so far, asset by asset (asset × bars + bar)
};

/// Stores a hidden market `name` of kind imported with the panel's assets and bars (no prices yet).
/// Errors: "conflict" (the name is taken, by a market or another import), "store".
Result<HiddenMarket> create_hidden_market(store::Database& db, const std::string& name, const std::string& source,
                                          const portfolio::PricePanel& panel);

/// Stores the panel's next prices (a close or a volume; missing cells have no row), asset by asset so
/// that rows go in key order, for about `budget`. Returns whether every price is stored.
Result<bool> store_price_slice(store::Database& db, HiddenMarket& market, const portfolio::PricePanel& panel,
                               std::chrono::milliseconds budget);

/// Makes a new market visible: its clock is the panel's bar `clock_bar`.
Status reveal_market(store::Database& db, const HiddenMarket& market, const portfolio::PricePanel& panel,
                     std::size_t clock_bar);

/// Moves a hidden market's assets, bars and prices into the imported market `target` (new assets
/// appended in the panel's order, existing prices replaced, missing ones kept), appends `source` to the
/// target's, and deletes the hidden market.
Status merge_hidden_market(store::Database& db, const HiddenMarket& market, const std::string& name,
                           std::int64_t target, const std::string& source);

/// Deletes the hidden market `id` called `name` and what was stored of it (an import that failed);
/// nothing when there is no such hidden market (its creation was rolled back).
Status drop_hidden_market(store::Database& db, std::int64_t id, const std::string& name);

/// Deletes every hidden market (at start: imports a crash or a stop interrupted).
Status drop_hidden_markets(store::Database& db);

}  // namespace finsim::server
