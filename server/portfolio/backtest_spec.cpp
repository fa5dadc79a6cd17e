// Reading a backtest request, resuming queued backtests, and a stored backtest's JSON.
#include <cmath>

#include "backtest_runner.hpp"
#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/model_registry.hpp"
#include "finsim/portfolio/participation.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "handler_support.hpp"
#include "signal_records.hpp"

namespace finsim::server {
namespace {

namespace pf = finsim::portfolio;
using nlohmann::json;

Error bad(const std::string& m) { return make_error("bad_backtest", "backtest: " + m); }

Result<std::vector<std::string>> read_tickers(const json& j, const pf::PricePanel& panel) {
  std::vector<std::string> out;
  if (j.is_null()) return out;
  if (!j.is_array()) return bad("tickers must be an array of tickers");
  for (const json& t : j) {
    if (!t.is_string()) return bad("tickers must be an array of tickers");
    if (!panel.find(t.get<std::string>())) return make_error("unknown_ticker", "unknown ticker " + t.dump());
    out.push_back(t.get<std::string>());
  }
  return out;
}

Result<pf::WalkForwardConfig> read_walk_forward(const json& j) {
  pf::WalkForwardConfig wf;
  if (j.is_null()) return wf;
  pf::JsonFields f(j, "backtest: walk_forward", "bad_backtest", {"train_window", "min_train", "refit_every"});
  const double train = f.number("train_window", static_cast<double>(wf.train_window));
  const double min = f.number("min_train", static_cast<double>(wf.min_train));
  const double refit = f.number("refit_every", static_cast<double>(wf.refit_every));
  if (!f.ok()) return f.error();
  for (double v : {train, min, refit})
    if (!(v >= 1 && v <= 100000 && v == std::floor(v))) return bad("walk_forward values must be whole numbers in 1..100000");
  if (min < 2) return bad("walk_forward.min_train must be at least 2");
  wf.train_window = static_cast<std::size_t>(train);
  wf.min_train = static_cast<std::size_t>(min);
  wf.refit_every = static_cast<std::size_t>(refit);
  return wf;
}

/// The given signals: "stored" (the model's, posted through the API) or a backtest's (replay).
Result<std::optional<std::vector<pf::Signal>>> read_signals(JobContext& ctx, const json& source, const std::string& model,
                                                            std::int64_t market_id) {
  std::optional<std::vector<pf::Signal>> none;
  if (source.is_null() || source == "generate") return none;
  SignalQuery q;
  q.market_id = market_id;
  q.limit = 10'000'000;
  if (source == "stored") {
    q.model = model;
    q.api_only = true;
  } else if (source.is_object() && source.size() == 1 && source.contains("backtest_id") &&
             source["backtest_id"].is_number_integer()) {
    q.backtest_id = source["backtest_id"].get<std::int64_t>();
    auto bt = backtest_json(ctx, *q.backtest_id);
    if (!bt.ok()) return make_error("bad_backtest", "backtest: signals: " + bt.error().message);
    if ((*bt)["status"] != "done") return bad("signals: backtest " + std::to_string(*q.backtest_id) + " is not done");
  } else {
    return bad("signals must be \"generate\", \"stored\" or {\"backtest_id\": n}");
  }
  auto rows = query_signals(ctx.db(), q);
  if (!rows.ok()) return rows.error();
  std::vector<pf::Signal> out;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) out.push_back(std::move(it->signal));  // oldest first
  if (out.empty()) return bad("no stored signals to trade (model '" + model + "')");
  return std::optional<std::vector<pf::Signal>>(std::move(out));
}

}  // namespace

Result<BacktestRun> backtest_from_json(JobContext& ctx, const json& body, json& normalized) {
  pf::JsonFields f(body, "backtest", "bad_backtest",
                   {"model", "market_id", "tickers", "start", "end", "initial_capital", "fee_structure", "sizing",
                    "allow_short", "exit_after_bars", "exits", "benchmark", "walk_forward", "signals", "name", "slippage",
                    "max_participation", "margin"});
  BacktestRun run;
  pf::BacktestSpec& spec = run.spec;
  spec.model = f.text("model", "", true);
  const std::int64_t market_id = f.id("market_id", 0);  // absent: the default market
  const std::string start = f.text("start", ""), end = f.text("end", "");
  spec.initial_cash = f.number("initial_capital", 100000.0);
  spec.rules.allow_short = f.boolean("allow_short", false);
  spec.rules.max_participation = f.number("max_participation", 0.0);
  const double exit_after = f.number("exit_after_bars", 0.0);
  spec.benchmark = f.text("benchmark", "");
  run.name = f.text("name", "");
  if (!f.ok()) return f.error();
  if (!valid_model_name(spec.model)) return bad("model may use 1 to 64 of A-Z a-z 0-9 _ - . :");
  if (!(spec.initial_cash > 0.0 && spec.initial_cash <= 1e12)) return bad("initial_capital must be in (0, 1e12]");
  if (!(exit_after >= 0 && exit_after <= 100000 && exit_after == std::floor(exit_after)))
    return bad("exit_after_bars must be a whole number in 0..100000");
  spec.exit_after_bars = static_cast<std::size_t>(exit_after);
  if (run.name.size() > 100) return bad("name must have at most 100 characters");
  if (f.has("exits")) {
    auto exits = pf::risk_exits_from_json(f.member("exits"));
    if (!exits.ok()) return bad(exits.error().message);
    spec.exits = *exits;
  }
  if (f.has("slippage")) {
    auto slippage = pf::slippage_from_json(f.member("slippage"));
    if (!slippage.ok()) return slippage.error();
    spec.rules.slippage = *slippage;
  }
  auto margin = pf::margin_for(spec.rules.allow_short, f.has("margin") ? &f.member("margin") : nullptr);
  if (!margin.ok()) return margin.error();
  spec.rules.margin = *margin;

  auto market = ctx.book().market(market_id);
  if (!market.ok()) return market.error();
  const Market& m = **market;
  if (!m.has_bars()) return make_error("conflict", "the market has no bar yet");
  run.market_id = m.id;
  run.panel = m.visible;
  const pf::PricePanel& panel = *run.panel;
  auto tickers = read_tickers(f.member("tickers"), panel);
  if (!tickers.ok()) return tickers.error();
  spec.tickers = std::move(tickers).value();
  if (Status s = pf::check_slippage_market(spec.rules.slippage, panel); !s.ok()) return s.error();
  if (Status s = pf::check_participation(spec.rules.max_participation, panel); !s.ok()) return s.error();
  if (!spec.benchmark.empty() && !panel.find(spec.benchmark))
    return make_error("unknown_ticker", "unknown benchmark '" + spec.benchmark + "'");
  // The period: never past the market's clock; by default 252 bars (a year of days) after the first (to learn) to now.
  // A date that is given must be one ("" is not "the default": omit the field for that).
  if (f.has("start")) {
    spec.start = pf::parse_date(start);
    if (!spec.start) return bad("start must be " + std::string(pf::kDateForms));
  } else if (panel.bar_count() > 252) {
    spec.start = panel.date(252);
  }
  spec.end = f.has("end") ? pf::parse_date(end) : std::optional<pf::Date>(m.clock_date());
  if (!spec.end) return bad("end must be " + std::string(pf::kDateForms));
  if (pf::range_start(*spec.end) > m.clock_date())  // a day without a time may be the clock's own day
    return bad("end " + end + " is after the market's current date " + pf::format_date(m.clock_date()));
  if (spec.start && pf::range_start(*spec.start) > *spec.end) return make_error("bad_period", "start is after end");
  const std::size_t first = spec.start ? panel.bars_before(pf::range_start(*spec.start)) : 0;
  if (first >= panel.bars_through(*spec.end)) return make_error("bad_period", "the period holds no bar of the market");

  auto fees = find_fee_structure(ctx.book().fees(), f.has("fee_structure") ? f.member("fee_structure") : json("zero"),
                                 "fee_structure");
  if (!fees.ok()) return fees.error();
  spec.fees = (*fees)->schedule;
  run.fee_structure_id = (*fees)->id;
  if (f.has("sizing")) {
    auto sizing = pf::sizing_rule_from_json(f.member("sizing"));
    if (!sizing.ok()) return sizing.error();
    spec.sizing = *sizing;
  }
  auto wf = read_walk_forward(f.member("walk_forward"));
  if (!wf.ok()) return wf.error();
  spec.walk_forward = *wf;
  auto signals = read_signals(ctx, f.member("signals"), spec.model, m.id);
  if (!signals.ok()) return signals.error();
  run.signals = std::move(signals).value();
  if (!run.signals) {
    auto model = pf::make_model(spec.model, spec.model_options);
    if (!model.ok()) {
      Error e = model.error();
      if (e.code == "external_model") e.message += " (give \"signals\": \"stored\" to trade its posted signals)";
      return e;
    }
  }
  if (run.name.empty()) run.name = "Backtest " + spec.model;
  normalized = {{"model", spec.model},
                {"market_id", m.id},
                {"tickers", spec.tickers},
                {"start", spec.start ? json(pf::format_date(*spec.start)) : json(nullptr)},
                {"end", pf::format_date(*spec.end)},
                {"initial_capital", spec.initial_cash},
                {"fee_structure", (*fees)->id},
                {"sizing", pf::sizing_rule_to_json(spec.sizing)},
                {"allow_short", spec.rules.allow_short},
                {"slippage", pf::slippage_to_json(spec.rules.slippage)},
                {"max_participation", spec.rules.max_participation},
                {"margin", pf::margin_to_json(spec.rules.margin)},
                {"exit_after_bars", spec.exit_after_bars},
                {"exits", pf::risk_exits_to_json(spec.exits)},
                {"benchmark", spec.benchmark},
                {"walk_forward",
                 {{"train_window", wf->train_window}, {"min_train", wf->min_train}, {"refit_every", wf->refit_every}}},
                {"signals", f.has("signals") ? f.member("signals") : json("generate")},
                {"name", run.name}};
  if (normalized["start"].is_null()) normalized.erase("start");
  return run;
}

Status resume_backtests(JobContext& ctx) {
  auto st = ctx.db().prepare("SELECT id, spec FROM backtests WHERE status IN ('queued', 'running') ORDER BY id");
  if (!st.ok()) return st.error();
  std::vector<std::pair<std::int64_t, std::string>> queued;
  const Status each_status = st->each([&] {
    queued.emplace_back(st->integer(0), st->text(1));
  });
  if (!each_status.ok()) return each_status.error();
  for (const auto& [id, text] : queued) {
    json normalized;
    auto run = backtest_from_json(ctx, json::parse(text, nullptr, false), normalized);
    if (!run.ok()) {
      auto fail = ctx.db().prepare(
          "UPDATE backtests SET status = 'failed', error_code = ?, error_message = ?, "
          "finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
      if (!fail.ok()) return fail.error();
      fail->bind(1, run.error().code).bind(2, run.error().message).bind(3, id);
      if (Status s = fail->run(); !s.ok()) return s;
      continue;
    }
    run->id = id;
    ctx.after_commit([runner = ctx.runner(), r = std::move(run).value()]() mutable { runner->enqueue(std::move(r)); });
  }
  return {};
}

Result<json> backtest_json(JobContext& ctx, std::int64_t id) {
  auto st = ctx.db().prepare(
      "SELECT id, status, model, market_id, portfolio_id, spec, summary, error_code, error_message, created_at, "
      "finished_at FROM backtests WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return make_error("not_found", "no backtest has id " + std::to_string(id));
  std::string status = st->text(1);
  json progress = status == "done" ? 1.0 : 0.0;
  if (ctx.runner() && status == "queued")
    if (const auto p = ctx.runner()->progress(id)) {
      progress = static_cast<double>(p->done) / static_cast<double>(std::max<std::size_t>(p->total, 1));
      if (p->done > 0) status = "running";
    }
  auto optional_json = [&](int col) { return st->is_null(col) ? json(nullptr) : json::parse(st->text(col), nullptr, false); };
  return json{{"id", st->integer(0)},
              {"status", status},
              {"progress", progress},
              {"model", st->text(2)},
              {"market_id", st->integer(3)},
              {"portfolio_id", st->is_null(4) ? json(nullptr) : json(st->integer(4))},
              {"spec", optional_json(5)},
              {"summary", optional_json(6)},
              {"error", st->is_null(7) ? json(nullptr) : json{{"code", st->text(7)}, {"message", st->text(8)}}},
              {"created_at", st->text(9)},
              {"finished_at", st->is_null(10) ? json(nullptr) : json(st->text(10))}};
}

}  // namespace finsim::server
