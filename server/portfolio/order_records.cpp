#include "order_records.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/bracket.hpp"
#include "finsim/portfolio/portfolio_json.hpp"

namespace finsim::server {
namespace {

using store::Database;
using store::Statement;

constexpr const char* kOrderColumns =
    "SELECT id, portfolio_id, ticker, side, type, size_kind, size, limit_price, good_until, placed, model, "
    "signal_id, confidence, status, error_code, error_message, created_at, updated_at, fee_structure_id, trigger_kind, "
    "stop_price, trail_percent, bracket_id, active, filled, last_part FROM orders ";

OrderRecord read_order(const Statement& st) {
  OrderRecord r;
  r.id = st.integer(0);
  r.portfolio_id = st.integer(1);
  pf::Order& o = r.order;
  o.ticker = st.text(2);
  o.side = pf::parse_side(st.text(3)).value_or(pf::Side::buy);
  // Stored as how it executes (type) and what it waits for (trigger_kind): see server_schema.cpp.
  const bool limit = st.text(4) == "limit";
  const std::string trigger = st.optional_text(19).value_or("");
  o.type = trigger == "stop"       ? (limit ? pf::OrderType::stop_limit : pf::OrderType::stop)
           : trigger == "trailing" ? pf::OrderType::trailing_stop
           : limit                 ? pf::OrderType::limit
                                   : pf::OrderType::market;
  o.stop_price = st.is_null(20) ? 0.0 : st.real(20);
  o.trail_percent = st.is_null(21) ? 0.0 : st.real(21);
  o.size_kind = st.text(5) == "notional" ? pf::SizeKind::notional : pf::SizeKind::quantity;
  o.size = st.real(6);
  o.limit_price = st.is_null(7) ? 0.0 : st.real(7);
  if (const auto g = st.optional_text(8)) o.good_until = pf::parse_date(*g);
  o.placed = pf::parse_date(st.text(9)).value_or(pf::Date{});
  o.model = st.text(10);
  r.signal_id = st.optional_integer(11);
  if (r.signal_id) o.signal_id = std::to_string(*r.signal_id);
  o.confidence = st.is_null(12) ? -1.0 : st.real(12);
  r.status = st.text(13);
  if (!st.is_null(14)) r.error = Error{st.text(14), st.text(15)};
  r.created_at = st.text(16);
  r.updated_at = st.text(17);
  r.fee_structure_id = st.optional_integer(18);
  r.bracket_id = st.optional_integer(22);
  r.active = st.integer(23) != 0;
  o.filled = st.real(24);
  if (const auto d = st.optional_text(25)) o.last_part = pf::parse_date(*d);
  return r;
}

Result<std::vector<OrderRecord>> read_orders(Statement& st) {
  return st.collect([&] { return read_order(st); });
}

constexpr const char* kFillColumns =
    "SELECT id, order_id, ticker, side, quantity, price, date, order_date, trade_value, fee, net_cash, cash_after, "
    "model, signal_id, confidence, reference_price, slippage, part_of FROM fills ";

nlohmann::json read_fill_json(const Statement& st) {
  pf::Fill f;
  f.ticker = st.text(2);
  f.side = pf::parse_side(st.text(3)).value_or(pf::Side::buy);
  f.quantity = st.real(4);
  f.price = st.real(5);
  f.date = pf::parse_date(st.text(6)).value_or(pf::Date{});
  f.order_date = pf::parse_date(st.text(7)).value_or(pf::Date{});
  f.trade_value = st.real(8);
  f.fee = st.real(9);
  f.net_cash = st.real(10);
  f.model = st.text(12);
  f.signal_id = st.text(13);
  f.confidence = st.is_null(14) ? -1.0 : st.real(14);
  f.reference_price = st.is_null(15) ? f.price : st.real(15);
  f.slippage = st.real(16);
  nlohmann::json j = pf::fill_to_json(f);
  j["id"] = st.integer(0);
  j["order_id"] = st.is_null(1) ? nlohmann::json(nullptr) : nlohmann::json(st.integer(1));
  j["cash_after"] = st.real(11);
  j["part_of"] = st.is_null(17) ? nlohmann::json(nullptr) : nlohmann::json(st.integer(17));
  return j;
}

}  // namespace

Result<std::int64_t> insert_order(Database& db, std::int64_t portfolio_id, const pf::Order& o,
                                  std::optional<std::int64_t> signal_id, std::optional<std::int64_t> fee_structure_id,
                                  std::optional<std::int64_t> bracket_id) {
  auto st = db.prepare(
      "INSERT INTO orders (portfolio_id, ticker, side, type, size_kind, size, limit_price, good_until, placed, model, "
      "signal_id, confidence, fee_structure_id, status, trigger_kind, stop_price, trail_percent, bracket_id, active) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  const bool limit = pf::has_limit(o.type);
  st->bind(1, portfolio_id).bind(2, o.ticker).bind(3, pf::side_name(o.side)).bind(4, limit ? "limit" : "market");
  st->bind(5, pf::size_kind_name(o.size_kind)).bind(6, o.size);
  if (limit) st->bind(7, o.limit_price);
  if (pf::has_stop(o.type)) st->bind(14, "stop").bind(15, o.stop_price);
  if (o.type == pf::OrderType::trailing_stop) st->bind(14, "trailing").bind(16, o.trail_percent);
  st->bind(17, bracket_id).bind(18, static_cast<std::int64_t>(bracket_id ? 0 : 1));
  if (o.good_until) st->bind(8, pf::format_date(*o.good_until));
  st->bind(9, pf::format_date(o.placed)).bind(10, o.model).bind(11, signal_id);
  if (o.confidence >= 0.0) st->bind(12, o.confidence);
  st->bind(13, fee_structure_id);
  if (Status s = st->run(); !s.ok()) return s.error();
  return db.last_insert_rowid();
}

Status record_part(Database& db, const OrderRecord& order) {
  auto st = db.prepare(
      "UPDATE orders SET filled = ?, last_part = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, order.order.filled).bind(3, order.id);
  if (order.order.last_part) st->bind(2, pf::format_date(*order.order.last_part));
  return st->run();
}

Result<nlohmann::json> order_with_fills_json(Database& db, const OrderRecord& order) {
  auto fill = order_fill_json(db, order.id);
  if (!fill.ok()) return fill.error();
  nlohmann::json j = order_json(order, *fill);
  if (!(order.order.filled > 0.0)) return j;
  auto st = db.prepare(std::string(kFillColumns) + "WHERE part_of = ? ORDER BY id");
  if (!st.ok()) return st.error();
  st->bind(1, order.id);
  nlohmann::json parts = nlohmann::json::array();
  const Status each_status = st->each([&] { parts.push_back(read_fill_json(*st)); });
  if (!each_status.ok()) return each_status.error();
  j["parts"] = std::move(parts);
  return j;
}

Status arm_order(Database& db, OrderRecord& exit, const OrderRecord& entry, pf::Date filled_on) {
  auto units = db.prepare("SELECT COALESCE(SUM(quantity), 0) FROM fills WHERE order_id = ? OR part_of = ?");
  if (!units.ok()) return units.error();
  units->bind(1, entry.id).bind(2, entry.id);
  if (auto row = units->step(); !row.ok()) return row.error();
  pf::Fill got;
  got.quantity = units->real(0);
  got.date = filled_on;
  pf::arm_exit(exit.order, got);
  exit.active = true;
  auto st = db.prepare(
      "UPDATE orders SET active = 1, size_kind = ?, size = ?, placed = ?, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, pf::size_kind_name(exit.order.size_kind)).bind(2, exit.order.size);
  st->bind(3, pf::format_date(exit.order.placed)).bind(4, exit.id);
  return st->run();
}

Status set_order_status(Database& db, std::int64_t order_id, const std::string& status, const std::optional<Error>& error) {
  auto st = db.prepare(
      "UPDATE orders SET status = ?, error_code = ?, error_message = ?, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, status).bind(4, order_id);
  if (error) st->bind(2, error->code).bind(3, error->message);
  return st->run();
}

Result<std::vector<OrderRecord>> pending_orders(Database& db, std::int64_t portfolio_id) {
  auto st = db.prepare(std::string(kOrderColumns) + "WHERE portfolio_id = ? AND status = 'pending' ORDER BY id");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id);
  return read_orders(*st);
}

Result<std::vector<OrderRecord>> all_pending_orders(Database& db) {
  auto st = db.prepare(std::string(kOrderColumns) + "WHERE status = 'pending' ORDER BY portfolio_id, id");
  if (!st.ok()) return st.error();
  return read_orders(*st);
}

Result<OrderRecord> find_order(Database& db, std::int64_t portfolio_id, std::int64_t order_id) {
  auto st = db.prepare(std::string(kOrderColumns) + "WHERE portfolio_id = ? AND id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id).bind(2, order_id);
  auto rows = read_orders(*st);
  if (!rows.ok()) return rows.error();
  if (rows->empty())
    return make_error("unknown_order", "portfolio " + std::to_string(portfolio_id) + " has no order " +
                                           std::to_string(order_id));
  return std::move(rows->front());
}

Result<std::vector<OrderRecord>> list_orders(Database& db, std::int64_t portfolio_id, const std::string& status,
                                             std::size_t limit, std::size_t offset) {
  auto st = db.prepare(std::string(kOrderColumns) +
                       "WHERE portfolio_id = ? AND (? = '' OR status = ?) ORDER BY id DESC LIMIT ? OFFSET ?");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id).bind(2, status).bind(3, status);
  st->bind(4, static_cast<std::int64_t>(limit)).bind(5, static_cast<std::int64_t>(offset));
  return read_orders(*st);
}

Result<std::vector<OrderRecord>> book_orders(Database& db, const OrderFilter& f, std::size_t limit, std::size_t offset) {
  auto st = db.prepare(std::string(kOrderColumns) +
                       "WHERE (? = '' OR status = ?) AND (? = '' OR ticker = ?) AND (? = '' OR model = ?) "
                       "ORDER BY id DESC LIMIT ? OFFSET ?");
  if (!st.ok()) return st.error();
  st->bind(1, f.status).bind(2, f.status).bind(3, f.ticker).bind(4, f.ticker).bind(5, f.model).bind(6, f.model);
  st->bind(7, static_cast<std::int64_t>(limit)).bind(8, static_cast<std::int64_t>(offset));
  return read_orders(*st);
}

Result<nlohmann::json> order_fill_json(Database& db, std::int64_t order_id) {
  auto st = db.prepare(std::string(kFillColumns) + "WHERE order_id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, order_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return nlohmann::json(nullptr);
  return read_fill_json(*st);
}

Result<nlohmann::json> list_fills_json(Database& db, std::int64_t portfolio_id, std::size_t limit, std::size_t offset) {
  auto st = db.prepare(std::string(kFillColumns) + "WHERE portfolio_id = ? ORDER BY id DESC LIMIT ? OFFSET ?");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id).bind(2, static_cast<std::int64_t>(limit)).bind(3, static_cast<std::int64_t>(offset));
  nlohmann::json out = nlohmann::json::array();
  const Status each_status = st->each([&] {
    out.push_back(read_fill_json(*st));
  });
  if (!each_status.ok()) return each_status.error();
  return out;
}

nlohmann::json order_json(const OrderRecord& r, const nlohmann::json& fill) {
  nlohmann::json j = pf::order_to_json(r.order);
  j["id"] = r.id;
  j["portfolio_id"] = r.portfolio_id;
  j["signal_id"] = r.signal_id ? nlohmann::json(*r.signal_id) : nlohmann::json(nullptr);
  j["fee_structure_id"] = r.fee_structure_id ? nlohmann::json(*r.fee_structure_id) : nlohmann::json(nullptr);
  j["bracket_id"] = r.bracket_id ? nlohmann::json(*r.bracket_id) : nlohmann::json(nullptr);
  j["active"] = r.active;
  j["confidence"] = r.order.confidence >= 0.0 ? nlohmann::json(r.order.confidence) : nlohmann::json(nullptr);
  j["status"] = r.status;
  j["error"] = r.error ? nlohmann::json{{"code", r.error->code}, {"message", r.error->message}} : nlohmann::json(nullptr);
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  j["fill"] = fill;
  j["filled"] = r.order.filled;
  return j;
}

}  // namespace finsim::server
