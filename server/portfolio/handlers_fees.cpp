// Fee structures (reusable, named) and the fee preview: the UI never computes a fee.
#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"

namespace finsim::server::handlers {
namespace {

using nlohmann::json;

/// Fee structures the server keeps, presets included (docs/portfolio-api.md, "Limits").
constexpr std::size_t kMaxFeeStructures = 500;

Result<FeeStructure*> path_fee_structure(ApiCall& call) {
  auto& all = call.book().fees();
  const auto it = all.find(call.id());
  if (it == all.end()) return make_error("not_found", "no fee structure has id " + std::to_string(call.id()));
  return &it->second;
}

/// A schedule and description from a body {"name", "components", "description"?}.
Result<std::pair<pf::FeeSchedule, std::string>> read_structure(ApiCall& call) {
  auto body = call.body();
  if (!body.ok()) return body.error();
  json j = std::move(body).value();
  std::string description;
  if (j.contains("description")) {
    if (!j["description"].is_string() || j["description"].get<std::string>().size() > 500)
      return make_error("bad_fee_schedule", "description must be a string of at most 500 characters");
    description = j["description"].get<std::string>();
    j.erase("description");
  }
  auto schedule = pf::fee_schedule_from_json(j);
  if (!schedule.ok()) return schedule.error();
  if (schedule->name.empty() || schedule->name.size() > 100)
    return make_error("bad_fee_schedule", "fee schedule: name must have 1 to 100 characters");
  return std::make_pair(std::move(schedule).value(), std::move(description));
}

bool name_taken(ApiCall& call, const std::string& name, std::int64_t except) {
  for (const auto& [id, f] : call.book().fees())
    if (id != except && f.schedule.name == name) return true;
  return false;
}

/// Stores `f` (insert when its id is 0) and reads back its timestamps.
Status store_structure(ApiCall& call, FeeStructure& f) {
  auto& db = call.ctx.db();
  const std::string schedule = pf::fee_schedule_to_json(f.schedule).dump();
  auto st = f.id == 0 ? db.prepare("INSERT INTO fee_structures (name, schedule, description) VALUES (?, ?, ?) "
                                   "RETURNING id, created_at, updated_at")
                      : db.prepare("UPDATE fee_structures SET name = ?, schedule = ?, description = ?, "
                                   "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? "
                                   "RETURNING id, created_at, updated_at");
  if (!st.ok()) return st.error();
  st->bind(1, f.schedule.name).bind(2, schedule).bind(3, f.description);
  if (f.id != 0) st->bind(4, f.id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  f.id = st->integer(0);
  f.created_at = st->text(1);
  f.updated_at = st->text(2);
  return st->run();
}

}  // namespace

HttpResponse list_fee_structures(ApiCall& call) {
  auto page = page_of(call, true);
  if (!page.ok()) return error_response(page.error());
  json list = json::array();
  const auto next = page_by_id(call.book().fees(), *page, [&](const FeeStructure& f) { list.push_back(fee_structure_to_json(f)); });
  json out = {{"fee_structures", list}, {"total", call.book().fees().size()}};
  add_cursor_paging(out, call, *page, next);
  return json_response(200, out);
}

HttpResponse create_fee_structure(ApiCall& call) {
  auto read = read_structure(call);
  if (!read.ok()) return error_response(read.error());
  if (name_taken(call, read->first.name, 0))
    return error_response(make_error("conflict", "a fee structure called '" + read->first.name + "' exists already"));
  if (call.book().fees().size() >= kMaxFeeStructures)
    return error_response(make_error("too_many_fee_structures", "the server keeps at most " +
                                                                    std::to_string(kMaxFeeStructures) +
                                                                    " fee structures: delete unused ones first"));
  FeeStructure f;
  f.schedule = std::move(read->first);
  f.description = std::move(read->second);
  if (Status s = store_structure(call, f); !s.ok()) return error_response(s.error());
  const std::int64_t id = f.id;
  const json body = fee_structure_to_json(f);
  call.book().fees().emplace(id, std::move(f));
  return created(body, "/api/fee-structures/" + std::to_string(id));
}

HttpResponse get_fee_structure(ApiCall& call) {
  auto f = path_fee_structure(call);
  if (!f.ok()) return error_response(f.error());
  return json_response(200, fee_structure_to_json(**f));
}

HttpResponse replace_fee_structure(ApiCall& call) {
  auto found = path_fee_structure(call);
  if (!found.ok()) return error_response(found.error());
  if ((*found)->builtin) return error_response(make_error("conflict", "a built-in fee structure cannot be changed"));
  auto read = read_structure(call);
  if (!read.ok()) return error_response(read.error());
  if (name_taken(call, read->first.name, (*found)->id))
    return error_response(make_error("conflict", "a fee structure called '" + read->first.name + "' exists already"));
  FeeStructure f = **found;
  f.schedule = std::move(read->first);
  f.description = std::move(read->second);
  if (Status s = store_structure(call, f); !s.ok()) return error_response(s.error());
  **found = f;
  return json_response(200, fee_structure_to_json(f));
}

HttpResponse delete_fee_structure(ApiCall& call) {
  auto found = path_fee_structure(call);
  if (!found.ok()) return error_response(found.error());
  const FeeStructure& f = **found;
  if (f.builtin) return error_response(make_error("conflict", "a built-in fee structure cannot be deleted"));
  for (const auto& [id, l] : call.book().ledgers())
    if (l.info.fee_structure_id == f.id)
      return error_response(make_error("conflict", "portfolio " + std::to_string(id) + " uses fee structure " +
                                                       std::to_string(f.id) + " (archived portfolios count too)"));
  auto used = call.ctx.db().prepare("SELECT count(*) FROM orders WHERE fee_structure_id = ?");
  if (!used.ok()) return error_response(used.error());
  used->bind(1, f.id);
  if (auto row = used->step(); !row.ok()) return error_response(row.error());
  if (used->integer(0) > 0)
    return error_response(make_error("conflict", "orders name fee structure " + std::to_string(f.id)));
  auto st = call.ctx.db().prepare("DELETE FROM fee_structures WHERE id = ?");
  if (!st.ok()) return error_response(st.error());
  st->bind(1, f.id);
  if (Status s = st->run(); !s.ok()) return error_response(s.error());
  const json body = {{"deleted", f.id}};
  call.book().fees().erase(f.id);
  return json_response(200, body);
}

HttpResponse preview_fee(ApiCall& call) {
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  pf::JsonFields f(*body, "fee preview", "bad_preview",
                   {"fee_structure", "schedule", "side", "ticker", "quantity", "notional", "fractional", "price", "market_id",
                    "slippage", "portfolio_id"});
  const std::string side_text = f.text("side", "", true);
  const double size = f.number(f.has("notional") ? "notional" : "quantity", 0.0, true);
  bool fractional = f.boolean("fractional", true);
  const std::string ticker = f.text("ticker", "");
  std::int64_t market_id = f.id("market_id", 0);  // absent: the default market (or the portfolio's)
  const std::int64_t portfolio_id = f.id("portfolio_id", 0);
  double price = f.number("price", std::nan(""));
  if (!f.ok()) return error_response(f.error());
  // A portfolio named: its market, and — for one that sells short on margin — where it would stand after.
  const Ledger* portfolio = nullptr;
  if (portfolio_id > 0) {
    auto found = call.book().ledger(portfolio_id);
    if (!found.ok()) return error_response(found.error());
    portfolio = *found;
    if (!f.has("market_id")) market_id = portfolio->info.market_id;
    if (market_id != portfolio->info.market_id)
      return error_response(make_error("bad_preview", "fee preview: the portfolio trades on market " +
                                                          std::to_string(portfolio->info.market_id)));
    if (ticker.empty()) return error_response(make_error("bad_preview", "fee preview: a portfolio's preview needs the \"ticker\""));
    if (!f.has("fractional")) fractional = portfolio->info.rules.fractional;  // its own unit rule
  }
  const auto side = pf::parse_side(side_text);
  if (!side) return error_response(make_error("bad_preview", "fee preview: side must be \"buy\" or \"sell\""));
  pf::FeeSchedule schedule;
  if (f.has("quantity") && f.has("notional"))
    return error_response(make_error("bad_preview", "fee preview: give one of \"quantity\" and \"notional\", not both"));
  if (f.has("schedule") && f.has("fee_structure"))
    return error_response(make_error("bad_preview", "fee preview: give exactly one of \"fee_structure\" and \"schedule\""));
  if (!f.has("schedule") && !f.has("fee_structure") && !portfolio)
    return error_response(make_error("bad_preview", "fee preview: give exactly one of \"fee_structure\" and \"schedule\""));
  if (!f.has("schedule") && !f.has("fee_structure")) {  // the portfolio's own
    schedule = call.book().fees_of(*portfolio).schedule;
  } else if (f.has("schedule")) {
    auto inline_schedule = pf::fee_schedule_from_json(f.member("schedule"));
    if (!inline_schedule.ok()) return error_response(inline_schedule.error());
    schedule = std::move(inline_schedule).value();
  } else {
    auto stored = find_fee_structure(call.book().fees(), f.member("fee_structure"), "fee_structure");
    if (!stored.ok()) return error_response(stored.error());
    schedule = (*stored)->schedule;
  }
  std::optional<pf::SlippageModel> slippage;
  if (portfolio && !f.has("slippage") && pf::charges_slippage(portfolio->info.rules.slippage))
    slippage = portfolio->info.rules.slippage;  // a portfolio's preview is priced by its own model
  if (f.has("slippage")) {
    auto read = pf::slippage_from_json(f.member("slippage"));
    if (!read.ok()) return error_response(read.error());
    slippage = *read;
    if (ticker.empty())
      return error_response(make_error("bad_preview", "fee preview: a slippage model needs the \"ticker\" it trades"));
  }
  json as_of = nullptr;
  const Market* market = nullptr;
  std::size_t asset = 0;
  if (std::isnan(price) || slippage || portfolio) {  // the ticker on its market: its last price, its history
    if (ticker.empty()) return error_response(make_error("bad_preview", "fee preview: give a \"price\" or a \"ticker\""));
    auto found = call.book().market(market_id);
    if (!found.ok()) return error_response(found.error());
    market = *found;
    const auto index = market->visible->find(ticker);
    if (!index) return error_response(make_error("unknown_ticker", "unknown ticker '" + ticker + "'"));
    asset = *index;
  }
  if (std::isnan(price)) {
    price = pf::last_prices(*market->visible, market->clock)[asset];
    if (std::isnan(price)) return error_response(make_error("no_price", ticker + " has no price yet"));
    as_of = pf::format_date(market->clock_date());
  }
  // The execution price: the price moved by the slippage model at the market's next bar (order.hpp).
  const pf::SizeKind kind = f.has("notional") ? pf::SizeKind::notional : pf::SizeKind::quantity;
  const double reference = price;
  double rate = 0.0;
  if (slippage) {
    if (Status s = pf::check_slippage_market(*slippage, *market->visible); !s.ok()) return error_response(s.error());
    pf::PortfolioRules rules;
    rules.fractional = fractional;
    rules.slippage = *slippage;
    auto quote = pf::quote_fill(*market->visible, asset, market->clock + 1, *side, kind, size, reference, rules);
    if (!quote.ok()) return error_response(quote.error());
    price = quote->price;
    rate = quote->rate;
  }
  // A notional size becomes units by the engine's rule for orders (fractional unless told otherwise).
  auto quantity = pf::order_units(kind, size, price, fractional);
  if (!quantity.ok()) return error_response(quantity.error());
  auto preview = pf::preview_fee(schedule, *side, *quantity, price);
  if (!preview.ok()) return error_response(preview.error());
  json out = pf::fee_preview_to_json(*preview);
  out["ticker"] = ticker.empty() ? json(nullptr) : json(ticker);
  out["price_as_of"] = as_of;
  if (slippage) {
    out["slippage"] = {{"model", pf::slippage_to_json(*slippage)},
                       {"reference_price", reference},
                       {"price", price},
                       {"rate", rate},
                       {"cost", pf::slippage_cost(price, reference, *quantity)}};
  }
  if (portfolio && portfolio->info.rules.margin.any()) {
    pf::PortfolioRules rules = portfolio->info.rules;
    auto probe = pf::price_fill(portfolio->state, asset, *side, pf::SizeKind::quantity, *quantity, market->clock, price,
                                market->clock_date(), schedule, rules, {});
    out["margin_after"] = nullptr;  // a trade this portfolio cannot make at all (beyond its cash): no standing after it
    if (probe.ok()) {
      const pf::MarginRules& margin = portfolio->info.rules.margin;
      const std::vector<double> prices = pf::last_prices(*market->visible, market->clock);
      const pf::MarginStatus after = pf::margin_after(portfolio->state, *probe, prices, margin);
      const Status meets = pf::check_initial_margin(portfolio->state, *probe, prices, margin);
      out["margin_after"] = {{"cash", after.cash},
                             {"equity", pf::round_to_cents(after.equity)},
                             {"short_value", pf::round_to_cents(after.short_value)},
                             {"initial_requirement", pf::round_to_cents(after.initial_requirement)},
                             {"maintenance_requirement", pf::round_to_cents(after.maintenance_requirement)},
                             {"meets_initial", meets.ok()},
                             {"refusal", meets.ok() ? json(nullptr) : json(meets.error().message)}};
    }
  }
  return json_response(200, out);
}

}  // namespace finsim::server::handlers
