// Orders: place (validated at once, filled at a later bar), list, one, cancel.
#include "finsim/portfolio/bracket.hpp"
#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/order_trigger.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"
#include "order_records.hpp"
#include "reservations.hpp"
#include "signal_records.hpp"

namespace finsim::server::handlers {
namespace {

using nlohmann::json;

Error bad_order(const std::string& message) { return make_error("bad_order", "order: " + message); }

/// What a request places: the engine's order, the signal it cites, its own fee structure, its bracket.
struct OrderRequest {
  pf::Order order;
  std::optional<std::int64_t> signal_id;
  const FeeStructure* fees = nullptr;  ///< null: the portfolio's
  std::optional<pf::BracketPrices> bracket;
};

/// "bracket": {"take_profit": price, "stop_loss": price}, either optional.
Result<pf::BracketPrices> read_bracket(const json& j) {
  pf::JsonFields f(j, "bracket", "bad_bracket", {"take_profit", "stop_loss"});
  pf::BracketPrices p;
  p.take_profit = f.number("take_profit", 0.0);
  p.stop_loss = f.number("stop_loss", 0.0);
  if (!f.ok()) return f.error();
  if ((f.has("take_profit") && p.take_profit == 0.0) || (f.has("stop_loss") && p.stop_loss == 0.0))
    return make_error("bad_bracket", "bracket: a take_profit or stop_loss given must be a price > 0");
  return p;
}

/// The price a pending risk order's next close is compared with (engine stop_level): "stop_level",
/// null for orders with none or a trailing stop with no close yet.
void add_stop_level(json& body, const OrderRecord& o, const Market& m) {
  if (o.status != "pending" || (o.order.type != pf::OrderType::trailing_stop && !pf::has_stop(o.order.type))) return;
  const auto asset = m.visible->find(o.order.ticker);
  const double level = asset ? pf::stop_level(o.order, *m.visible, *asset) : std::nan("");
  body["stop_level"] = std::isnan(level) ? json(nullptr) : json(level);
}

/// The engine's order from the body: the server sets "placed" (the market's clock) and takes the
/// model and confidence of a cited signal; "fee_structure" (id or name) overrides the portfolio's.
Result<OrderRequest> read_order(ApiCall& call, const Ledger& l, const Market& m) {
  auto body = call.body();
  if (!body.ok()) return body.error();
  json j = std::move(body).value();
  if (j.contains("placed")) return bad_order("\"placed\" is set by the server: the market's current date");
  if (j.contains("filled") || j.contains("last_part")) return bad_order("\"filled\" and \"last_part\" are the server's");
  OrderRequest out;
  if (j.contains("bracket")) {
    auto bracket = read_bracket(j["bracket"]);
    if (!bracket.ok()) return bracket.error();
    out.bracket = *bracket;
    j.erase("bracket");
  }
  if (j.contains("fee_structure")) {
    auto fees = find_fee_structure(call.book().fees(), j["fee_structure"], "fee_structure");
    if (!fees.ok()) return fees.error();
    out.fees = *fees;
    j.erase("fee_structure");
  }
  std::optional<std::int64_t> signal_id;
  if (j.contains("signal_id")) {
    if (!j["signal_id"].is_number_integer()) return bad_order("\"signal_id\" must be a stored signal's id");
    auto sig = find_signal(call.ctx.db(), j["signal_id"].get<std::int64_t>());
    if (!sig.ok()) return sig.error();
    if (sig->market_id != m.id) return bad_order("signal " + std::to_string(sig->id) + " is of another market");
    if (j.value("ticker", "") != sig->signal.ticker)
      return bad_order("signal " + std::to_string(sig->id) + " is about " + sig->signal.ticker);
    if (j.contains("model") && j["model"] != sig->signal.model)
      return bad_order("signal " + std::to_string(sig->id) + " is model " + sig->signal.model + "'s");
    if (j.contains("confidence")) return bad_order("the confidence is the cited signal's");
    signal_id = sig->id;
    j["signal_id"] = std::to_string(sig->id);
    j["model"] = sig->signal.model;
    j["confidence"] = sig->signal.confidence;
  } else if (!j.contains("model")) {
    j["model"] = l.info.model;
  }
  if (j.contains("model") && j["model"].is_string() && !valid_model_name(j["model"].get<std::string>()))
    return bad_order("model may use 1 to 64 of A-Z a-z 0-9 _ - . :");
  if (j.contains("confidence") && !signal_id)
    if (!j["confidence"].is_number() || !(j["confidence"].get<double>() >= 0.0 && j["confidence"].get<double>() <= 1.0))
      return bad_order("confidence must be in [0, 1]");
  j["placed"] = pf::format_date(m.clock_date());
  auto order = pf::order_from_json(j);
  if (!order.ok()) return order.error();
  // A daily bar is its day's close: a time of day would expire the order before the bar it names.
  if (order->good_until && order->good_until->has_time() && !m.panel->intraday())
    return bad_order("good_until: the market's bars are days, give a day (YYYY-MM-DD)");
  out.order = std::move(order).value();
  out.signal_id = signal_id;
  return out;
}

/// ?status=: empty, or one of the orders' statuses. Error bad_parameter.
Result<std::string> status_parameter(const ApiCall& call) {
  std::string status = call.param("status").value_or("");
  if (!status.empty() && status != "pending" && status != "filled" && status != "expired" && status != "cancelled" &&
      status != "rejected")
    return make_error("bad_parameter", "status must be pending, filled, expired, cancelled or rejected");
  return status;
}

/// {"orders": [...], paging} of `orders`, read with one more than the page (whether another follows):
/// each with its fill and stop level, and its portfolio ({id, name, status}) when `name_portfolio`.
Result<json> orders_page(ApiCall& call, std::vector<OrderRecord>& orders, const Page& page, bool name_portfolio) {
  const bool more = orders.size() > page.limit;
  if (more) orders.pop_back();
  json list = json::array();
  for (const OrderRecord& o : orders) {
    auto body = order_with_fills_json(call.ctx.db(), o);
    if (!body.ok()) return body.error();
    auto l = call.book().ledger(o.portfolio_id);  // the book holds every portfolio, archived ones too
    if (!l.ok()) return l.error();
    list.push_back(std::move(body).value());
    if (name_portfolio)
      list.back()["portfolio"] = {{"id", (*l)->info.id}, {"name", (*l)->info.name}, {"status", (*l)->info.status}};
    add_stop_level(list.back(), o, call.book().market_of(**l));
  }
  json out = {{"orders", list}};
  add_offset_paging(out, call, page, more);
  return out;
}

}  // namespace

HttpResponse place_order(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  const Ledger& l = **found;
  if (!l.live()) return error_response(make_error("conflict", "a backtest's portfolio is read-only"));
  if (!l.active()) return error_response(make_error("conflict", "portfolio " + std::to_string(l.info.id) + " is archived"));
  const Market& m = call.book().market_of(l);
  auto read = read_order(call, l, m);
  if (!read.ok()) return error_response(read.error());
  const pf::Order& order = read->order;
  const FeeStructure& fees = read->fees ? *read->fees : call.book().fees_of(l);
  // What the portfolio's pending orders already reserve: the new order must fit in what they leave.
  auto pending = pending_orders(call.ctx.db(), l.info.id);
  if (!pending.ok()) return error_response(pending.error());
  auto held = reservations_of(call.book(), l, m, *pending);
  if (!held.ok()) return error_response(held.error());
  if (Status s = pf::validate_order(order, l.state, *m.visible, l.info.rules, *held); !s.ok())
    return error_response(s.error());
  if (read->bracket)
    if (Status s = pf::validate_bracket(order, *read->bracket); !s.ok()) return error_response(s.error());
  auto reservation = pf::reserve_order(order, *m.visible, fees.schedule, l.info.rules);
  if (!reservation.ok()) return error_response(reservation.error());
  if (Status s = pf::check_reservation(*reservation, l.state, *held, order.ticker); !s.ok())
    return error_response(s.error());

  // The same trade at the last close, for the client to confirm (an asset with no price yet has none);
  // a stop order's at its stop, the close it fills near once triggered.
  const std::size_t asset = reservation->asset;
  const bool at_stop = pf::has_stop(order.type);
  const double last = at_stop ? order.stop_price : pf::last_prices(*m.visible, m.clock)[asset];
  // The slippage is the portfolio's model's at the next bar, from what is known now; an order it cannot
  // price now (no volume, too large for the market) is refused now rather than at its fill.
  json estimate = nullptr;
  if (!std::isnan(last)) {
    auto quote = pf::quote_fill(*m.visible, asset, m.clock + 1, order.side, order.size_kind, order.size, last,
                                l.info.rules);
    if (!quote.ok()) return error_response(quote.error());
    auto units = pf::order_units(order.size_kind, order.size, quote->price, l.info.rules.fractional);
    if (!units.ok()) return error_response(units.error());
    // A short sale, or a long bought while short, must meet the initial margin (margin.hpp) at this price
    // now; its fill checks again.
    if (l.info.rules.margin.initial > 0.0) {
      auto probe = pf::price_fill(l.state, asset, order.side, pf::SizeKind::quantity, *units, m.clock, quote->price,
                                  m.clock_date(), fees.schedule, l.info.rules, {});
      if (probe.ok())
        if (Status s = pf::check_initial_margin(l.state, *probe, pf::last_prices(*m.visible, m.clock), l.info.rules.margin);
            !s.ok())
          return error_response(s.error());
    }
    const pf::TradeAmounts at_last = pf::trade_amounts(fees.schedule, order.side, *units, quote->price);
    estimate = {{"price", quote->price},
                {"reference_price", last},
                {"slippage", pf::slippage_cost(quote->price, last, *units)},
                {"slippage_rate", quote->rate},
                {"quantity", *units},
                {"trade_value", at_last.trade_value},
                {"fee", at_last.fee},
                {"net_cash", at_last.net_cash},
                {"basis", at_stop ? "stop" : "last_close"},
                {"as_of", pf::format_date(m.clock_date())}};
  }
  const std::optional<std::int64_t> fee_id = read->fees ? std::optional<std::int64_t>(read->fees->id) : std::nullopt;
  auto id = insert_order(call.ctx.db(), l.info.id, order, read->signal_id, fee_id);
  if (!id.ok()) return error_response(id.error());
  auto stored = find_order(call.ctx.db(), l.info.id, *id);
  if (!stored.ok()) return error_response(stored.error());
  json body = order_json(*stored, nullptr);
  add_stop_level(body, *stored, m);
  call.ctx.publish("ORDER_UPDATE", {{"portfolio_id", l.info.id}, {"order", body}}, l.info.id);
  if (read->bracket) {  // the exits, stored waiting for the entry (the same transaction: all or none)
    body["bracket"] = json::array();
    for (const pf::Order& exit : pf::bracket_exits(order, *read->bracket)) {
      auto exit_id = insert_order(call.ctx.db(), l.info.id, exit, read->signal_id, fee_id, *id);
      if (!exit_id.ok()) return error_response(exit_id.error());
      auto exit_row = find_order(call.ctx.db(), l.info.id, *exit_id);
      if (!exit_row.ok()) return error_response(exit_row.error());
      json exit_body = order_json(*exit_row, nullptr);
      call.ctx.publish("ORDER_UPDATE", {{"portfolio_id", l.info.id}, {"order", exit_body}}, l.info.id);
      body["bracket"].push_back(std::move(exit_body));
    }
  }
  body["estimate"] = estimate;
  body["reservation"] = {{"cash", reservation->cash}, {"units", reservation->units}};
  return created(body, "/api/portfolios/" + std::to_string(l.info.id) + "/orders/" + std::to_string(*id));
}

HttpResponse list_orders(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  auto status = status_parameter(call);
  if (!status.ok()) return error_response(status.error());
  // One more than the page: whether another page follows.
  auto orders = server::list_orders(call.ctx.db(), (*found)->info.id, *status, page->limit + 1, page->offset);
  if (!orders.ok()) return error_response(orders.error());
  auto out = orders_page(call, *orders, *page, false);
  if (!out.ok()) return error_response(out.error());
  (*out)["portfolio_id"] = (*found)->info.id;
  return json_response(200, *out);
}

HttpResponse list_all_orders(ApiCall& call) {
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  auto status = status_parameter(call);
  if (!status.ok()) return error_response(status.error());
  OrderFilter filter{*status, call.param("ticker").value_or(""), call.param("model").value_or("")};
  if (filter.ticker.size() > 64 || filter.model.size() > 64)
    return error_response(make_error("bad_parameter", "ticker and model have at most 64 characters"));
  auto orders = book_orders(call.ctx.db(), filter, page->limit + 1, page->offset);
  if (!orders.ok()) return error_response(orders.error());
  auto out = orders_page(call, *orders, *page, true);
  return out.ok() ? json_response(200, *out) : error_response(out.error());
}

HttpResponse get_order(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  auto order = find_order(call.ctx.db(), (*found)->info.id, call.id(1));
  if (!order.ok()) return error_response(order.error());
  auto body = order_with_fills_json(call.ctx.db(), *order);
  if (!body.ok()) return error_response(body.error());
  add_stop_level(*body, *order, call.book().market_of(**found));
  return json_response(200, *body);
}

HttpResponse cancel_order(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  auto order = find_order(call.ctx.db(), (*found)->info.id, call.id(1));
  if (!order.ok()) return error_response(order.error());
  if (order->status != "pending")
    return error_response(make_error("conflict", "order " + std::to_string(order->id) + " is " + order->status +
                                                     ": only a pending order can be cancelled"));
  if (Status s = set_order_status(call.ctx.db(), order->id, "cancelled"); !s.ok()) return error_response(s.error());
  const std::int64_t pid = (*found)->info.id;
  auto stored = find_order(call.ctx.db(), pid, order->id);
  if (!stored.ok()) return error_response(stored.error());
  json body = order_json(*stored, nullptr);
  call.ctx.publish("ORDER_UPDATE", {{"portfolio_id", pid}, {"order", body}}, pid);
  // A cancelled entry takes its waiting exits with it — unless it had filled parts: they then guard the
  // units it got (bracket.hpp); a cancelled exit leaves the other one alone.
  auto pending = pending_orders(call.ctx.db(), pid);
  if (!pending.ok()) return error_response(pending.error());
  for (OrderRecord exit : *pending) {
    if (exit.bracket_id != order->id) continue;
    if (order->order.filled > 0.0 && order->order.last_part) {
      if (Status s = arm_order(call.ctx.db(), exit, *order, *order->order.last_part); !s.ok())
        return error_response(s.error());
      call.ctx.publish("ORDER_UPDATE", {{"portfolio_id", pid}, {"order", order_json(exit, nullptr)}}, pid);
      continue;
    }
    const Error why{"bracket_entry_cancelled", "its entry, order " + std::to_string(order->id) + ", was cancelled"};
    if (Status s = set_order_status(call.ctx.db(), exit.id, "cancelled", why); !s.ok()) return error_response(s.error());
    auto exit_row = find_order(call.ctx.db(), pid, exit.id);
    if (!exit_row.ok()) return error_response(exit_row.error());
    call.ctx.publish("ORDER_UPDATE", {{"portfolio_id", pid}, {"order", order_json(*exit_row, nullptr)}}, pid);
  }
  return json_response(200, body);
}

}  // namespace finsim::server::handlers
