// Signals from models (outside ones post them here: an LLM, a notebook), the model catalogue and the
// side-by-side comparison of models.
#include <set>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/model_registry.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"
#include "signal_records.hpp"

namespace finsim::server::handlers {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSignalsPerPost = 10000;

/// A signal object of a post: the engine's form, its date defaulting to the market's clock. Dated as the
/// market's bars are, so that one market's stored dates are of one kind (stored_dates.hpp): on daily bars
/// a time of day is dropped (known at that day's close, the conservative reading); on intraday bars a
/// time is required (a day, or a timestamp with a zone read as its day, names no bar).
Result<pf::Signal> read_signal(json j, const Market& m) {
  if (!j.is_object()) return make_error("bad_signal", "signal: must be a JSON object");
  if (!j.contains("date") && !j.contains("timestamp")) j["date"] = pf::format_date(m.clock_date());
  auto s = pf::signal_from_json(j);
  if (!s.ok()) return s.error();
  if (!m.panel->intraday()) {
    s->date = pf::day_of(s->date);
  } else if (!s->date.has_time()) {
    return make_error("bad_signal", "signal: market '" + m.name + "' has intraday bars: give the time the signal was " +
                                        "known, YYYY-MM-DDTHH:MM[:SS] in exchange time (a day, or a timestamp with a " +
                                        "zone or a fraction of a second, names no bar)");
  }
  if (Status v = pf::validate_signal(*s, m.panel.get()); !v.ok()) return v.error();
  return s;
}

/// Where the signals of a post belong: "market_id" and "portfolio_id" of the body (taken out of it).
struct Target {
  const Market* market = nullptr;
  std::optional<std::int64_t> portfolio;
};

Result<Target> read_target(ApiCall& call, json& body) {
  Target t;
  std::int64_t market_id = 0;
  if (body.contains("market_id")) {
    // An id from 1: 0 would be read as the default market by Book::market.
    if (!pf::is_id(body["market_id"])) return make_error("bad_signal", "market_id must be a market's id");
    market_id = static_cast<std::int64_t>(body["market_id"].get<double>());
    body.erase("market_id");
  }
  if (body.contains("portfolio_id")) {
    if (!body["portfolio_id"].is_number_integer()) return make_error("bad_signal", "portfolio_id must be a portfolio's id");
    auto l = call.book().ledger(body["portfolio_id"].get<std::int64_t>());
    if (!l.ok()) return make_error("unknown_portfolio", l.error().message);
    t.portfolio = (*l)->info.id;
    if (market_id == 0) market_id = (*l)->info.market_id;
    else if (market_id != (*l)->info.market_id) return make_error("bad_signal", "the portfolio trades another market");
    body.erase("portfolio_id");
  }
  auto m = call.book().market(market_id);
  if (!m.ok()) return make_error("unknown_market", m.error().message);
  if (!(*m)->has_bars()) return make_error("conflict", "the market has no bar yet");
  t.market = *m;
  return t;
}

}  // namespace

HttpResponse post_signals(ApiCall& call) {
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  json j = std::move(body).value();
  auto target = read_target(call, j);
  if (!target.ok()) return error_response(target.error());
  json items;
  if (j.contains("signals")) {
    if (j.size() != 1 || !j["signals"].is_array())
      return error_response(make_error("bad_signal", "a batch is {\"signals\": [...]} with optional market_id and portfolio_id"));
    items = std::move(j["signals"]);
  } else {
    items = json::array({std::move(j)});
  }
  if (items.empty() || items.size() > kMaxSignalsPerPost)
    return error_response(make_error("bad_signal", "post 1 to " + std::to_string(kMaxSignalsPerPost) + " signals"));
  std::vector<pf::Signal> signals;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto s = read_signal(items[i], *target->market);
    if (!s.ok()) {
      Error e = s.error();
      if (items.size() > 1) e.message = "signals[" + std::to_string(i) + "]: " + e.message;
      return error_response(e);
    }
    signals.push_back(std::move(s).value());
  }
  if (Status room = room_for_signals(call.ctx.db(), call.book().options().max_signals, signals.size()); !room.ok())
    return error_response(room.error());
  json stored = json::array();
  std::set<std::string> models, tickers;
  for (const pf::Signal& s : signals) {
    auto id = insert_signal(call.ctx.db(), target->market->id, s, target->portfolio, std::nullopt);
    if (!id.ok()) return error_response(id.error());
    auto record = find_signal(call.ctx.db(), *id);
    if (!record.ok()) return error_response(record.error());
    stored.push_back(signal_record_json(*record));
    models.insert(s.model);
    tickers.insert(s.ticker);
  }
  call.ctx.publish("SIGNALS", {{"market_id", target->market->id},
                               {"count", signals.size()},
                               {"models", models},
                               {"tickers", tickers}});
  HttpResponse r = json_response(201, {{"count", signals.size()}, {"signals", stored}});
  return r;
}

HttpResponse list_signals(ApiCall& call) {
  SignalQuery q;
  auto market = call.integer("market_id", 0, 0, INT64_MAX);
  auto page = page_of(call);
  auto from = call.date("from");
  auto to = call.date("to");
  auto backtest = call.integer("backtest_id", 0, 0, INT64_MAX);
  for (const Error* e : {market.ok() ? nullptr : &market.error(), page.ok() ? nullptr : &page.error(),
                         from.ok() ? nullptr : &from.error(), to.ok() ? nullptr : &to.error(),
                         backtest.ok() ? nullptr : &backtest.error()})
    if (e) return error_response(*e);
  auto m = call.book().market(*market);
  if (!m.ok()) return error_response(m.error());
  q.market_id = (*m)->id;
  q.model = call.param("model").value_or("");
  q.ticker = call.param("ticker").value_or("");
  q.from = *from;
  q.to = *to;
  if (*backtest > 0) q.backtest_id = *backtest;
  const std::string source = call.param("source").value_or("all");
  if (source != "all" && source != "api") return error_response(make_error("bad_parameter", "source must be all or api"));
  q.api_only = source == "api";
  const std::string latest = call.param("latest").value_or("false");
  if (latest != "true" && latest != "false") return error_response(make_error("bad_parameter", "latest must be true or false"));
  q.latest = latest == "true";
  q.limit = page->limit + 1;  // one more: whether another page follows
  q.offset = page->offset;
  auto rows = query_signals(call.ctx.db(), q);
  if (!rows.ok()) return error_response(rows.error());
  const bool more = rows->size() > page->limit;
  if (more) rows->pop_back();
  json list = json::array();
  for (const SignalRecord& r : *rows) list.push_back(signal_record_json(r));
  json out = {{"market_id", q.market_id}, {"signals", list}};
  add_offset_paging(out, call, *page, more);
  return json_response(200, out);
}

HttpResponse list_models(ApiCall& call) {
  auto market = call.integer("market_id", 0, 0, INT64_MAX);
  if (!market.ok()) return error_response(market.error());
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  auto m = call.book().market(*market);
  if (!m.ok()) return error_response(m.error());
  auto st = call.ctx.db().prepare(
      "SELECT model, count(*), max(date), avg(confidence), sum(CASE WHEN backtest_id IS NULL THEN 1 ELSE 0 END) FROM signals WHERE market_id = ? "
      "GROUP BY model ORDER BY model");
  if (!st.ok()) return error_response(st.error());
  st->bind(1, (*m)->id);
  std::map<std::string, json> stats;
  const Status each_status = st->each([&] {
    stats[st->text(0)] = {{"signals", st->integer(1)},
                          {"api_signals", st->integer(4)},
                          {"last_signal_date", st->text(2)},
                          {"mean_confidence", st->real(3)}};
  });
  if (!each_status.ok()) return error_response(each_status.error());
  json list = json::array();
  auto entry = [&](const std::string& name, bool built_in, bool available, const std::string& description) {
    json j = {{"name", name}, {"built_in", built_in}, {"available", available}, {"description", description},
              {"signals", 0}, {"api_signals", 0}, {"last_signal_date", nullptr}, {"mean_confidence", nullptr}};
    if (const auto it = stats.find(name); it != stats.end()) {
      j.update(it->second);
      stats.erase(it);
    }
    list.push_back(std::move(j));
  };
  for (const pf::ModelInfo& info : pf::model_catalog()) entry(info.name, info.built_in, info.available, info.description);
  for (const auto& [name, s] : std::map<std::string, json>(stats)) entry(name, false, true, "an outside model (signals posted through the API)");
  // The catalogue, then outside models by name: one page of it.
  const std::size_t first = std::min(page->offset, list.size());
  const std::size_t last = std::min(first + page->limit, list.size());
  json out = {{"market_id", (*m)->id}, {"models", json(std::vector<json>(list.begin() + first, list.begin() + last))}};
  add_offset_paging(out, call, *page, last < list.size());
  return json_response(200, out);
}

HttpResponse compare_models(ApiCall& call) {
  auto market = call.integer("market_id", 0, 0, INT64_MAX);
  auto from = call.date("start");
  auto to = call.date("end");
  auto cash = call.number("initial_capital", 100000.0, 0.0, 1e12);
  auto fraction = call.number("fraction", 0.1, 1e-6, 1.0);
  for (const Error* e : {market.ok() ? nullptr : &market.error(), from.ok() ? nullptr : &from.error(),
                         to.ok() ? nullptr : &to.error(), cash.ok() ? nullptr : &cash.error(),
                         fraction.ok() ? nullptr : &fraction.error()})
    if (e) return error_response(*e);
  auto found = call.book().market(*market);
  if (!found.ok()) return error_response(found.error());
  const Market& m = **found;
  if (!m.has_bars()) return error_response(make_error("conflict", "the market has no bar yet"));
  auto fees = find_fee_structure(call.book().fees(), call.param("fee_structure").value_or("zero"), "fee_structure");
  if (!fees.ok()) return error_response(fees.error());
  auto sizing = pf::sizing_rule_from_json({{"kind", call.param("sizing").value_or("fixed_fraction")}, {"fraction", *fraction}});
  if (!sizing.ok()) return error_response(sizing.error());
  auto all = comparison_signals(call.ctx.db(), m.id);
  if (!all.ok()) return error_response(all.error());
  const std::vector<std::string> wanted = call.list("models");
  std::vector<pf::Signal> signals;
  for (pf::Signal& s : *all)
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), s.model) != wanted.end()) signals.push_back(std::move(s));

  // The period: the given dates, else from the first signal to the market's clock (never beyond it).
  const pf::PricePanel& panel = *m.visible;
  // The period as a backtest's (backtest_spec.cpp): never past the clock, start not after end.
  const pf::Date clock = m.clock_date();
  if (*to && pf::range_start(**to) > clock)
    return error_response(make_error("bad_period", "end " + pf::format_date(**to) + " is after the market's current date " +
                                                       pf::format_date(clock)));
  if (*from && pf::range_start(**from) > (*to ? **to : clock))
    return error_response(make_error("bad_period", *to ? "start is after end"
                                                       : "start " + pf::format_date(**from) +
                                                             " is after the market's current date " + pf::format_date(clock)));
  pf::StrategyConfig config;
  config.initial_cash = *cash;
  config.fees = (*fees)->schedule;
  config.sizing = *sizing;
  // A given start as a backtest reads it (its first bar at or after it, a day from its first bar); else
  // the bar of the first signal (in date order), or the first bar.
  config.start_bar = *from ? std::min(panel.bars_before(pf::range_start(**from)), panel.bar_count() - 1)
                     : signals.empty() ? 0
                                       : std::max<std::size_t>(panel.bars_through(signals.front().date), 1) - 1;
  config.end_bar = *to ? std::max<std::size_t>(panel.bars_through(**to), 1) - 1 : panel.bar_count() - 1;
  if (config.end_bar < config.start_bar) return error_response(make_error("bad_period", "the period holds no bar"));
  auto reports = pf::compare_models(panel, signals, config);
  if (!reports.ok()) return error_response(reports.error());
  return json_response(200, {{"market_id", m.id},
                             {"start", pf::format_date(panel.date(config.start_bar))},
                             {"end", pf::format_date(panel.date(config.end_bar))},
                             {"initial_capital", config.initial_cash},
                             {"fee_structure", (*fees)->schedule.name},
                             {"sizing", pf::sizing_rule_to_json(config.sizing)},
                             {"signals", signals.size()},
                             {"models", pf::model_reports_to_json(*reports)}});
}

}  // namespace finsim::server::handlers
