// Stored orders and their fills (tables orders, fills): reading, writing and their JSON.
// Status of an order: pending (waits for a bar it may fill at), filled, expired (an order past its
// good_until), cancelled (by request, the portfolio was archived, its bracket's entry did not fill, or
// its bracket's other exit filled), rejected (refused at the fill: cash or holdings no longer enough).
// A bracket's exits are pending but inactive until their entry fills (engine bracket.hpp). Not
// thread-safe (the service's connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/order.hpp"
#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

namespace pf = finsim::portfolio;

struct OrderRecord {
  std::int64_t id = 0;
  std::int64_t portfolio_id = 0;
  pf::Order order;
  std::optional<std::int64_t> signal_id;
  std::optional<std::int64_t> fee_structure_id;  ///< this order's fee structure; none: the portfolio's
  std::optional<std::int64_t> bracket_id;        ///< a bracket exit's entry order
  bool active = true;                            ///< false: a bracket exit waiting for its entry to fill
  std::string status = "pending";
  std::optional<Error> error;  ///< why it was rejected
  std::string created_at, updated_at;
};

/// Stores a new pending order; returns its id. `bracket_id`: the entry of a bracket exit, stored
/// inactive.
Result<std::int64_t> insert_order(store::Database& db, std::int64_t portfolio_id, const pf::Order& order,
                                  std::optional<std::int64_t> signal_id, std::optional<std::int64_t> fee_structure_id,
                                  std::optional<std::int64_t> bracket_id = std::nullopt);

/// Arms a bracket exit for what its entry got (bracket.hpp's arm_exit): the units `entry` filled,
/// whole or in parts, placed on `filled_on` (its last fill's date); stores it active, and `exit` with it.
Status arm_order(store::Database& db, OrderRecord& exit, const OrderRecord& entry, pf::Date filled_on);

/// Stores what an order filled in parts has filled and when (its `order.filled`, `order.last_part`).
Status record_part(store::Database& db, const OrderRecord& order);

/// order_json with the order's fill and, for an order filled in parts, "parts": its fills oldest first
/// (each as order_fill_json's). What the API and the feed show of an order.
Result<nlohmann::json> order_with_fills_json(store::Database& db, const OrderRecord& order);

/// Changes an order's status (and records the error of a rejection).
Status set_order_status(store::Database& db, std::int64_t order_id, const std::string& status,
                        const std::optional<Error>& error = std::nullopt);

/// The pending orders of a portfolio, oldest first.
Result<std::vector<OrderRecord>> pending_orders(store::Database& db, std::int64_t portfolio_id);

/// Every pending order of every portfolio, by portfolio then oldest first: one read of the partial
/// index of pending orders, whatever the number of portfolios (what a new bar concerns).
Result<std::vector<OrderRecord>> all_pending_orders(store::Database& db);

/// One order of a portfolio. Error "unknown_order" (404).
Result<OrderRecord> find_order(store::Database& db, std::int64_t portfolio_id, std::int64_t order_id);

/// A portfolio's orders, newest first; `status` filters when not empty.
Result<std::vector<OrderRecord>> list_orders(store::Database& db, std::int64_t portfolio_id, const std::string& status,
                                             std::size_t limit, std::size_t offset);

/// What the order book across portfolios shows: each filter applies when not empty.
struct OrderFilter {
  std::string status, ticker, model;
};

/// The orders of every portfolio that pass `filter`, newest first (GET /api/orders).
Result<std::vector<OrderRecord>> book_orders(store::Database& db, const OrderFilter& filter, std::size_t limit,
                                             std::size_t offset);

/// The fill of an order as stored, with its id, as JSON (fill_to_json + "id", "order_id",
/// "cash_after", "part_of": the order it is a part of, or null); null when the order has none (an order
/// filled in parts has parts instead: order_with_fills_json).
Result<nlohmann::json> order_fill_json(store::Database& db, std::int64_t order_id);

/// A portfolio's fills, newest first, as JSON (the transaction history).
Result<nlohmann::json> list_fills_json(store::Database& db, std::int64_t portfolio_id, std::size_t limit,
                                       std::size_t offset);

/// {"id", "portfolio_id", <order_to_json fields>, "signal_id", "fee_structure_id" (null: the
///  portfolio's), "bracket_id" (null unless a bracket exit), "active", "filled" (in parts: of quantity or
///  notional; 0 otherwise), "status", "error": {code, message}|null,
///  "created_at", "updated_at", "fill": <fill>|null}.
nlohmann::json order_json(const OrderRecord& order, const nlohmann::json& fill);

}  // namespace finsim::server
