#include "finsim/portfolio/portfolio_json.hpp"

#include <algorithm>
#include <cmath>

#include "finsim/portfolio/json_fields.hpp"

namespace finsim::portfolio {

using nlohmann::json;

json json_number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

namespace {

json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

json episode_to_json(const DrawdownEpisode& e) {
  return {{"peak", e.peak},
          {"trough", e.trough},
          {"recovery", e.recovery ? json(*e.recovery) : json(nullptr)},
          {"depth", json_number(e.depth)}};
}

}  // namespace

json performance_to_json(const PerformanceSummary& p) {
  json episodes = json::array();
  for (const DrawdownEpisode& e : p.worst_drawdowns) episodes.push_back(episode_to_json(e));
  json j = {{"periods", p.periods},
            {"periods_per_year", json_number(annualization_factor(p.period))},
            {"start", date_or_null(p.start)},
            {"end", date_or_null(p.end)},
            {"total_return", json_number(p.total_return)},
            {"ytd_return", json_number(p.ytd_return)},
            {"annual_return", json_number(p.annual_return)},
            {"annual_volatility", json_number(p.annual_volatility)},
            {"sharpe", json_number(p.sharpe)},
            {"sortino", json_number(p.sortino)},
            {"downside_risk", json_number(p.downside_risk)},
            {"max_drawdown", json_number(p.max_drawdown)},
            {"calmar", json_number(p.calmar)},
            {"omega", json_number(p.omega)},
            {"stability", json_number(p.stability)},
            {"tail_ratio", json_number(p.tail_ratio)},
            {"var_historical", json_number(p.var_historical)},
            {"cvar_historical", json_number(p.cvar_historical)},
            {"var_gaussian", json_number(p.var_gaussian)},
            {"cvar_gaussian", json_number(p.cvar_gaussian)},
            {"best_period", json_number(p.best_period)},
            {"worst_period", json_number(p.worst_period)},
            {"positive_periods", json_number(p.positive_periods)},
            {"worst_drawdowns", episodes}};
  if (p.benchmark) {
    const BenchmarkSummary& b = *p.benchmark;
    j["benchmark"] = {{"name", b.name},
                      {"excess_return", json_number(b.excess_return)},
                      {"benchmark_annual_return", json_number(b.benchmark_annual_return)},
                      {"alpha", json_number(b.alpha)},
                      {"beta", json_number(b.beta)},
                      {"correlation", json_number(b.correlation)},
                      {"excess_sharpe", json_number(b.excess_sharpe)},
                      {"up_capture", json_number(b.up_capture)},
                      {"down_capture", json_number(b.down_capture)},
                      {"benchmark_total_return", json_number(b.benchmark_total_return)}};
  }
  return j;
}

json trade_stats_to_json(const TradeStats& t) {
  return {{"trades", t.trades},
          {"wins", t.wins},
          {"losses", t.losses},
          {"win_rate", json_number(t.win_rate)},
          {"average_win", json_number(t.average_win)},
          {"average_loss", json_number(t.average_loss)},
          {"payoff_ratio", json_number(t.payoff_ratio)},
          {"profit_factor", json_number(t.profit_factor)},
          {"total_pnl", json_number(t.total_pnl)},
          {"expectancy", json_number(t.expectancy)},
          {"average_return", json_number(t.average_return)},
          {"average_holding_bars", json_number(t.average_holding_bars)}};
}

json model_trade_stats_to_json(std::span<const ModelTradeStats> stats) {
  json a = json::array();
  for (const ModelTradeStats& m : stats) a.push_back({{"model", m.model}, {"trades", trade_stats_to_json(m.stats)}});
  return a;
}

json histogram_to_json(const Histogram& h) {
  json edges = json::array();
  for (double e : h.edges) edges.push_back(json_number(e));
  return {{"edges", edges}, {"counts", h.counts}, {"ignored", h.ignored}};
}

json fill_to_json(const Fill& f) {
  return {{"ticker", f.ticker},
          {"side", side_name(f.side)},
          {"quantity", f.quantity},
          {"price", f.price},
          {"date", format_date(f.date)},
          {"order_date", format_date(f.order_date)},
          {"trade_value", f.trade_value},
          {"fee", f.fee},
          {"net_cash", f.net_cash},
          {"reference_price", f.reference_price},
          {"slippage", f.slippage},
          {"model", f.model},
          {"signal_id", f.signal_id},
          {"confidence", f.confidence >= 0.0 ? json(f.confidence) : json(nullptr)}};
}

json round_trip_to_json(const RoundTrip& r) {
  return {{"ticker", r.ticker},
          {"side", r.is_long ? "long" : "short"},
          {"quantity", r.quantity},
          {"open_date", format_date(r.open_date)},
          {"close_date", format_date(r.close_date)},
          {"entry_price", r.entry_price},
          {"exit_price", r.exit_price},
          {"entry_amount", r.entry_amount},
          {"exit_amount", r.exit_amount},
          {"pnl", json_number(r.pnl)},
          {"return", json_number(r.return_on_entry)},
          {"model", r.model}};
}

json nav_to_json(std::span<const NavSnapshot> nav) {
  json a = json::array();
  for (const NavSnapshot& s : nav)
    a.push_back({{"date", format_date(s.date)}, {"cash", s.cash}, {"holdings_value", s.holdings_value}, {"nav", s.nav}});
  return a;
}

json valuation_to_json(const PortfolioValuation& v) {
  return {{"initial_cash", v.initial_cash},
          {"cash", v.cash},
          {"holdings_value", json_number(v.holdings_value)},
          {"nav", json_number(v.nav)},
          {"cost_basis", json_number(v.cost_basis)},
          {"realized_pnl", json_number(v.realized_pnl)},
          {"unrealized_pnl", json_number(v.unrealized_pnl)},
          {"fees_paid", v.fees_paid},
          {"borrow_fees_paid", v.borrow_fees_paid},
          {"total_return", json_number(v.total_return)},
          {"open_positions", v.open_positions}};
}

json holdings_to_json(std::span<const Holding> holdings) {
  json a = json::array();
  for (const Holding& h : holdings)
    a.push_back({{"ticker", h.ticker},
                 {"asset_class", asset_class_name(h.asset_class)},
                 {"sector", h.sector},
                 {"quantity", h.quantity},
                 {"average_cost", json_number(h.average_cost)},
                 {"price", json_number(h.price)},
                 {"market_value", json_number(h.market_value)},
                 {"cost_basis", json_number(h.cost_basis)},
                 {"unrealized_pnl", json_number(h.unrealized_pnl)},
                 {"unrealized_return", json_number(h.unrealized_return)},
                 {"weight", json_number(h.weight)},
                 {"realized_pnl", json_number(h.realized_pnl)},
                 {"opened_by", h.opened_by}});
  return a;
}

json allocation_to_json(const Allocation& a) {
  auto slices = [](const std::vector<AllocationSlice>& v) {
    json out = json::array();
    for (const AllocationSlice& s : v)
      out.push_back({{"name", s.name}, {"value", json_number(s.value)}, {"weight", json_number(s.weight)}});
    return out;
  };
  return {{"nav", json_number(a.nav)}, {"by_class", slices(a.by_class)}, {"by_sector", slices(a.by_sector)}};
}

json correlation_to_json(const CorrelationTable& c) {
  const std::size_t n = c.tickers.size();
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    json row = json::array();
    for (std::size_t j = 0; j < n; ++j) row.push_back(json_number(c.matrix[i * n + j]));
    rows.push_back(std::move(row));
  }
  return {{"tickers", c.tickers}, {"matrix", rows}};
}

json monte_carlo_to_json(const MonteCarloResult& r, double nav) {
  const auto levels = [](const Quantiles& q, double scale, double shift) {
    return json{{"p5", json_number(shift + scale * q[0])}, {"p25", json_number(shift + scale * q[1])},
                {"p50", json_number(shift + scale * q[2])}, {"p75", json_number(shift + scale * q[3])},
                {"p95", json_number(shift + scale * q[4])}};
  };
  json fan = json::array();
  for (std::size_t k = 0; k < r.fan.size(); ++k) {
    json point = levels(r.fan[k], 1.0, 0.0);
    point["period"] = r.checkpoints[k];
    fan.push_back(std::move(point));
  }
  return {{"paths", r.paths},
          {"horizon", r.horizon},
          {"block", r.block},
          {"sample", r.sample},
          {"final_return", levels(r.final_return, 1.0, 0.0)},
          {"final_nav", levels(r.final_return, nav, nav)},
          {"max_drawdown", levels(r.max_drawdown, 1.0, 0.0)},
          {"mean_final_return", json_number(r.mean_final_return)},
          {"probability_of_loss", json_number(r.probability_of_loss)},
          {"fan", fan}};
}

json windows_to_json(std::span<const WindowReport> windows) {
  json a = json::array();
  for (const WindowReport& w : windows)
    a.push_back({{"start", format_date(w.first)},
                 {"end", format_date(w.last)},
                 {"total_return", json_number(w.total_return)},
                 {"benchmark_return", json_number(w.benchmark_return)},
                 {"excess_return", json_number(w.excess_return)},
                 {"signals", w.signals},
                 {"hit_rate", json_number(w.hit_rate)},
                 {"fills", w.fills}});
  return a;
}

json ledger_entry_to_json(const LedgerEntry& e) {
  return {{"kind", ledger_kind_name(e.kind)},
          {"date", format_date(e.date)},
          {"ticker", e.ticker.empty() ? json(nullptr) : json(e.ticker)},
          {"amount", e.amount},
          {"quantity", e.quantity},
          {"price", e.price},
          {"days", e.days}};
}

json backtest_to_json(const BacktestResult& r, bool series) {
  const PortfolioState& s = r.run.final_state;
  json j = {{"initial_cash", s.initial_cash},
            {"final_cash", s.cash},
            {"final_nav", r.run.nav.empty() ? json(nullptr) : json(r.run.nav.back().nav)},
            {"fees_paid", s.fees_paid},
            {"realized_pnl", json_number(s.realized_pnl)},
            {"fills", r.run.fills.size()},
            {"rejections", r.run.rejections.size()},
            {"risk_exits", r.run.risk_exits},
            {"partial_fills", r.run.partial_fills},
            {"borrow_fees_paid", s.borrow_fees_paid},
            {"margin_calls", r.run.margin_calls},
            {"liquidations", r.run.liquidations},
            {"signals", r.signals.size()},
            {"bar_events", r.run.bar_events},
            {"trades", trade_stats_to_json(r.trades)},
            {"performance", performance_to_json(r.performance)},
            {"windows", windows_to_json(r.windows)}};
  if (series) {
    j["nav"] = nav_to_json(r.run.nav);
    json fills = json::array(), trips = json::array(), signals = json::array(), rejections = json::array();
    for (const Fill& f : r.run.fills) fills.push_back(fill_to_json(f));
    for (const RoundTrip& t : r.run.round_trips) trips.push_back(round_trip_to_json(t));
    for (const Signal& sg : r.signals) signals.push_back(signal_to_json(sg));
    for (const OrderRejection& x : r.run.rejections)
      rejections.push_back({{"date", format_date(x.date)}, {"ticker", x.ticker}, {"side", side_name(x.side)},
                            {"code", x.error.code}, {"message", x.error.message}});
    j["transactions"] = fills;
    j["round_trips"] = trips;
    j["signal_list"] = signals;
    j["rejection_list"] = rejections;
    json ledger = json::array();
    for (const LedgerEntry& e : r.run.ledger) ledger.push_back(ledger_entry_to_json(e));
    j["ledger"] = ledger;
  }
  return j;
}

json model_reports_to_json(std::span<const ModelReport> reports) {
  json a = json::array();
  for (const ModelReport& m : reports) {
    json sectors = json::array();
    for (const SectorResult& s : m.sectors)
      sectors.push_back({{"sector", s.sector},
                         {"trades", s.trades},
                         {"win_rate", json_number(s.win_rate)},
                         {"total_pnl", json_number(s.total_pnl)},
                         {"average_return", json_number(s.average_return)}});
    a.push_back({{"model", m.model},
                 {"signals", m.signals},
                 {"mean_confidence", json_number(m.mean_confidence)},
                 {"trades", trade_stats_to_json(m.trades)},
                 {"performance", performance_to_json(m.performance)},
                 {"sectors", sectors}});
  }
  return a;
}

json fee_scenarios_to_json(std::span<const FeeScenario> scenarios, bool series) {
  json a = json::array();
  for (const FeeScenario& s : scenarios) {
    json j = {{"schedule", s.schedule},
              {"fills", s.fills},
              {"rejected", s.rejected},
              {"total_fees", s.total_fees},
              {"final_nav", json_number(s.final_nav)},
              {"total_return", json_number(s.total_return)},
              {"annual_return", json_number(s.annual_return)},
              {"sharpe", json_number(s.sharpe)},
              {"nav_difference", json_number(s.nav_difference)},
              {"return_difference", json_number(s.return_difference)}};
    if (series) j["nav"] = nav_to_json(s.nav);
    a.push_back(std::move(j));
  }
  return a;
}

Result<Order> order_from_json(const json& j) {
  JsonFields f(j, "order", "bad_order",
               {"ticker", "side", "type", "quantity", "notional", "limit_price", "stop_price", "trail_percent", "placed",
                "good_until", "good_for_days", "model", "signal_id", "confidence", "filled", "last_part"});
  Order o;
  o.ticker = f.text("ticker", "", true);
  const std::string side = f.text("side", "", true);
  const std::string type = f.text("type", "market");
  const bool has_qty = f.has("quantity"), has_notional = f.has("notional");
  o.size = has_qty ? f.number("quantity", 0.0) : f.number("notional", 0.0);
  o.limit_price = f.number("limit_price", 0.0);
  o.stop_price = f.number("stop_price", 0.0);
  o.trail_percent = f.number("trail_percent", 0.0);
  const double good_for_days = f.number("good_for_days", 0.0);
  o.filled = f.number("filled", 0.0);
  const std::string last_part = f.text("last_part", "");
  const std::string placed = f.text("placed", "", true);
  const std::string good_until = f.text("good_until", "");
  o.model = f.text("model", "manual");
  o.signal_id = f.text("signal_id", "");
  o.confidence = f.number("confidence", -1.0);
  if (!f.ok()) return f.error();
  auto bad = [](const std::string& m) { return make_error("bad_order", "order: " + m); };
  if (const auto s = parse_side(side)) o.side = *s;
  else return bad("side must be \"buy\" or \"sell\"");
  if (const auto t = parse_order_type(type)) o.type = *t;
  else return bad("type must be \"market\", \"limit\", \"stop\", \"stop_limit\" or \"trailing_stop\"");
  // Each price belongs to the types that use it: a stray one is a mistake the trader should hear of.
  if (f.has("limit_price") && !has_limit(o.type)) return bad("\"limit_price\" is for limit and stop_limit orders");
  if (f.has("stop_price") && !has_stop(o.type)) return bad("\"stop_price\" is for stop and stop_limit orders");
  if (f.has("trail_percent") && o.type != OrderType::trailing_stop) return bad("\"trail_percent\" is for trailing_stop orders");
  if (has_qty == has_notional) return bad("give exactly one of \"quantity\" and \"notional\"");
  o.size_kind = has_qty ? SizeKind::quantity : SizeKind::notional;
  const auto p = parse_date(placed);
  if (!p) return bad("\"placed\" is not a date");
  o.placed = *p;
  if (f.has("good_until")) {  // given, it must be a day: "" is not "no expiry" (omit the field for that)
    const auto g = parse_date(good_until);
    if (!g) return bad("\"good_until\" must be " + std::string(kDateForms));
    o.good_until = *g;
  }
  if (f.has("last_part")) {
    const auto d = parse_date(last_part);
    if (!d) return bad("\"last_part\" must be " + std::string(kDateForms));
    o.last_part = *d;
  }
  if (f.has("good_for_days")) {  // "good for N days": the last day it may fill is N calendar days after today
    if (o.good_until) return bad("give \"good_until\" or \"good_for_days\", not both");
    if (!(good_for_days >= 1.0 && good_for_days <= 3650.0 && good_for_days == std::floor(good_for_days)))
      return bad("\"good_for_days\" must be a whole number of days from 1 to 3650");
    o.good_until = Date{o.placed.days + static_cast<std::int32_t>(good_for_days)};
  }
  return o;
}

json order_to_json(const Order& o) {
  json j = {{"ticker", o.ticker},
            {"side", side_name(o.side)},
            {"type", order_type_name(o.type)},
            {std::string(size_kind_name(o.size_kind)), o.size},
            {"placed", format_date(o.placed)},
            {"model", o.model}};
  if (has_limit(o.type)) j["limit_price"] = o.limit_price;
  if (has_stop(o.type)) j["stop_price"] = o.stop_price;
  if (o.type == OrderType::trailing_stop) j["trail_percent"] = o.trail_percent;
  if (o.good_until) j["good_until"] = format_date(*o.good_until);
  if (o.filled > 0.0) j["filled"] = o.filled;  // in parts (participation.hpp), in the unit of its size
  if (o.last_part) j["last_part"] = format_date(*o.last_part);
  if (!o.signal_id.empty()) j["signal_id"] = o.signal_id;
  if (o.confidence >= 0.0) j["confidence"] = o.confidence;
  return j;
}

json execution_to_json(const Execution& e) {
  json j = {{"status", execution_status_name(e.status)}};
  j["fill"] = e.fill ? fill_to_json(*e.fill) : json(nullptr);
  return j;
}

Result<RiskExits> risk_exits_from_json(const json& j) {
  JsonFields f(j, "exits", "bad_backtest", {"stop_loss_percent", "take_profit_percent", "trailing_stop_percent"});
  RiskExits x;
  x.stop_loss_percent = f.number("stop_loss_percent", 0.0);
  x.take_profit_percent = f.number("take_profit_percent", 0.0);
  x.trailing_stop_percent = f.number("trailing_stop_percent", 0.0);
  if (!f.ok()) return f.error();
  if (Status s = validate_risk_exits(x); !s.ok()) return s.error();
  return x;
}

json risk_exits_to_json(const RiskExits& x) {
  return {{"stop_loss_percent", x.stop_loss_percent},
          {"take_profit_percent", x.take_profit_percent},
          {"trailing_stop_percent", x.trailing_stop_percent}};
}

Result<SizingRule> sizing_rule_from_json(const json& j) {
  JsonFields f(j, "sizing", "bad_sizing", {"kind", "fraction", "kelly_multiplier", "max_fraction", "kelly_min_trades"});
  SizingRule r;
  const std::string kind = f.text("kind", std::string(sizing_kind_name(r.kind)));
  r.fraction = f.number("fraction", r.fraction);
  r.kelly_multiplier = f.number("kelly_multiplier", r.kelly_multiplier);
  r.max_fraction = f.number("max_fraction", r.max_fraction);
  const double trades = f.number("kelly_min_trades", static_cast<double>(r.kelly_min_trades));
  if (!f.ok()) return f.error();
  const auto k = parse_sizing_kind(kind);
  if (!k) return make_error("bad_sizing", "sizing: kind must be fixed_fraction, confidence_scaled or kelly");
  r.kind = *k;
  // As the CLI's --sizing: an explicit fraction above the default cap raises the cap with it.
  if (!f.has("max_fraction") && r.kind != SizingKind::kelly) r.max_fraction = std::max(r.max_fraction, r.fraction);
  if (!(trades >= 0.0 && trades <= 1e6 && trades == std::floor(trades)))
    return make_error("bad_sizing", "sizing: kelly_min_trades must be a whole number in 0..1000000");
  r.kelly_min_trades = static_cast<std::size_t>(trades);
  if (!valid_sizing(r))
    return make_error("bad_sizing", "sizing: fraction, kelly_multiplier and max_fraction must be in (0, 1]");
  return r;
}

json sizing_rule_to_json(const SizingRule& r) {
  return {{"kind", sizing_kind_name(r.kind)},
          {"fraction", r.fraction},
          {"kelly_multiplier", r.kelly_multiplier},
          {"max_fraction", r.max_fraction},
          {"kelly_min_trades", r.kelly_min_trades}};
}

}  // namespace finsim::portfolio
