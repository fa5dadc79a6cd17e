// Portfolios: list, create, detail, update, archive, holdings, transactions, the margin's ledger entries.
#include <cmath>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/participation.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"
#include "order_records.hpp"

namespace finsim::server::handlers {
namespace {

using nlohmann::json;

Error bad(const std::string& message) { return make_error("bad_portfolio", "portfolio: " + message); }

/// The portfolio's settings from a create or update body.
struct Settings {
  std::optional<std::string> name, model;
  const FeeStructure* fees = nullptr;
};

Result<Settings> read_settings(ApiCall& call, pf::JsonFields& f, bool creating) {
  Settings s;
  if (f.has("name") || creating) {
    s.name = f.text("name", "", creating);
    if (f.ok() && (s.name->empty() || s.name->size() > 100)) return bad("name must have 1 to 100 characters");
  }
  if (f.has("model")) {
    s.model = f.text("model", "manual");
    if (f.ok() && !valid_model_name(*s.model)) return bad("model may use 1 to 64 of A-Z a-z 0-9 _ - . :");
  }
  if (!f.ok()) return f.error();
  if (f.has("fee_structure")) {
    auto fees = find_fee_structure(call.book().fees(), f.member("fee_structure"), "fee_structure");
    if (!fees.ok()) return fees.error();
    s.fees = *fees;
  }
  return s;
}

/// 429 too_many_portfolios when the server, or this client, has as many active portfolios as allowed.
Status room_for_a_portfolio(ApiCall& call) {
  const BookOptions& o = call.book().options();
  if (call.book().active_portfolios() >= o.max_portfolios)
    return make_error("too_many_portfolios", "the server has " + std::to_string(o.max_portfolios) +
                                                 " active portfolios, its maximum: archive some first");
  if (call.book().active_portfolios_of(call.request.client) >= o.max_portfolios_per_client)
    return make_error("too_many_portfolios", "this address has opened " + std::to_string(o.max_portfolios_per_client) +
                                                 " active portfolios, the maximum per client: archive some first");
  return {};
}

}  // namespace

HttpResponse list_portfolios(ApiCall& call) {
  const std::string status = call.param("status").value_or("active");
  const std::string kind = call.param("kind").value_or("all");
  if (status != "active" && status != "archived" && status != "all")
    return error_response(make_error("bad_parameter", "status must be active, archived or all"));
  if (kind != "live" && kind != "backtest" && kind != "all")
    return error_response(make_error("bad_parameter", "kind must be live, backtest or all"));
  auto page = page_of(call, true);
  if (!page.ok()) return error_response(page.error());
  json out = portfolio_page(call, *page, [&](const Ledger& l) {
    return (status == "all" || l.info.status == status) && (kind == "all" || l.info.kind == kind);
  });
  return json_response(200, out);
}

HttpResponse create_portfolio(ApiCall& call) {
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  pf::JsonFields f(*body, "portfolio", "bad_portfolio",
                   {"name", "initial_capital", "fee_structure", "model", "market_id", "allow_short", "fractional",
                    "slippage", "max_participation", "margin"});
  auto settings = read_settings(call, f, true);
  if (!settings.ok()) return error_response(settings.error());
  const double capital = f.number("initial_capital", 0.0, true);
  const bool allow_short = f.boolean("allow_short", false);
  const bool fractional = f.boolean("fractional", true);
  const double max_participation = f.number("max_participation", 0.0);
  const std::int64_t market_id = f.id("market_id", 0);  // absent: the default market
  if (!f.ok()) return error_response(f.error());
  pf::SlippageModel slippage;
  if (f.has("slippage")) {
    auto read = pf::slippage_from_json(f.member("slippage"));
    if (!read.ok()) return error_response(read.error());
    slippage = *read;
  }
  auto margin = pf::margin_for(allow_short, f.has("margin") ? &f.member("margin") : nullptr);
  if (!margin.ok()) return error_response(margin.error());
  // A portfolio without money can place no order and has no return to measure (issue 14).
  if (!(capital > 0.0 && capital <= 1e12))
    return error_response(bad("initial_capital must be above 0 and at most 1e12"));
  if (Status s = room_for_a_portfolio(call); !s.ok()) return error_response(s.error());
  auto market = call.book().market(market_id);
  if (!market.ok()) return error_response(market.error());
  const Market& m = **market;
  if (!m.has_bars()) return error_response(make_error("conflict", "the market has no bar yet"));
  if (Status s = pf::check_slippage_market(slippage, *m.panel); !s.ok()) return error_response(s.error());
  if (Status s = pf::check_participation(max_participation, *m.panel); !s.ok()) return error_response(s.error());
  const FeeStructure* fees = settings->fees;
  if (!fees) {
    auto zero = find_fee_structure(call.book().fees(), "zero", "fee_structure");
    if (!zero.ok()) return error_response(zero.error());
    fees = *zero;
  }

  Ledger l;
  l.info.name = *settings->name;
  l.info.model = settings->model.value_or("manual");
  l.info.market_id = m.id;
  l.info.fee_structure_id = fees->id;
  l.info.initial_capital = pf::round_to_cents(capital);
  l.info.rules.allow_short = allow_short;
  l.info.rules.fractional = fractional;
  l.info.rules.slippage = slippage;
  l.info.rules.max_participation = max_participation;
  l.info.rules.margin = *margin;
  l.info.opened_on = m.clock_date();
  l.state = pf::open_portfolio(*m.panel, capital);
  auto& db = call.ctx.db();
  auto st = db.prepare(
      "INSERT INTO portfolios (name, kind, market_id, fee_structure_id, model, initial_capital, cash, allow_short, "
      "fractional, opened_on, slippage, max_participation, margin) VALUES (?, 'live', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id, created_at");
  if (!st.ok()) return error_response(st.error());
  st->bind(1, l.info.name).bind(2, m.id).bind(3, fees->id).bind(4, l.info.model).bind(5, l.info.initial_capital);
  st->bind(6, l.state.cash).bind(7, allow_short).bind(8, fractional).bind(9, pf::format_date(l.info.opened_on));
  st->bind(10, pf::slippage_to_json(slippage).dump()).bind(11, max_participation);
  st->bind(12, pf::margin_to_json(*margin).dump());
  auto row = st->step();
  if (!row.ok()) return error_response(row.error());
  l.info.id = st->integer(0);
  l.info.created_at = st->text(1);
  (void)st->step();  // finish the statement
  if (Status s = snapshot_state(db, l.info.id, l.state, m, m.clock); !s.ok()) return error_response(s.error());
  const std::int64_t id = l.info.id;
  Ledger& stored = call.book().ledgers().emplace(id, std::move(l)).first->second;
  call.book().opened_by(call.request.client, id);
  auto detail = portfolio_detail_json(call, stored);
  if (!detail.ok()) return error_response(detail.error());
  call.ctx.publish("PORTFOLIO_UPDATE", {{"portfolio", portfolio_summary_json(stored, m)}}, id);
  return created(*detail, "/api/portfolios/" + std::to_string(id));
}

HttpResponse get_portfolio(ApiCall& call) {
  auto l = path_portfolio(call);
  if (!l.ok()) return error_response(l.error());
  auto detail = portfolio_detail_json(call, **l);
  if (!detail.ok()) return error_response(detail.error());
  return json_response(200, *detail);
}

HttpResponse update_portfolio(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  Ledger& l = **found;
  if (!l.active()) return error_response(make_error("conflict", "portfolio " + std::to_string(l.info.id) + " is archived"));
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  pf::JsonFields f(*body, "portfolio", "bad_portfolio", {"name", "fee_structure", "model"});
  auto s = read_settings(call, f, false);
  if (!s.ok()) return error_response(s.error());
  PortfolioInfo info = l.info;
  if (s->name) info.name = *s->name;
  if (s->model) info.model = *s->model;
  if (s->fees) info.fee_structure_id = s->fees->id;
  auto st = call.ctx.db().prepare("UPDATE portfolios SET name = ?, model = ?, fee_structure_id = ? WHERE id = ?");
  if (!st.ok()) return error_response(st.error());
  st->bind(1, info.name).bind(2, info.model).bind(3, info.fee_structure_id).bind(4, info.id);
  if (Status r = st->run(); !r.ok()) return error_response(r.error());
  l.info = std::move(info);
  call.ctx.publish("PORTFOLIO_UPDATE", {{"portfolio", portfolio_summary_json(l, call.book().market_of(l))}}, l.info.id);
  auto detail = portfolio_detail_json(call, l);
  if (!detail.ok()) return error_response(detail.error());
  return json_response(200, *detail);
}

HttpResponse archive_portfolio(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  Ledger& l = **found;
  auto& db = call.ctx.db();
  if (l.active()) {
    auto pending = pending_orders(db, l.info.id);
    if (!pending.ok()) return error_response(pending.error());
    for (OrderRecord& o : *pending) {
      if (Status s = set_order_status(db, o.id, "cancelled"); !s.ok()) return error_response(s.error());
      o.status = "cancelled";
      call.ctx.publish("ORDER_UPDATE", {{"portfolio_id", l.info.id}, {"order", order_json(o, nullptr)}}, l.info.id);
    }
    auto st = db.prepare(
        "UPDATE portfolios SET status = 'archived', archived_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? "
        "RETURNING archived_at");
    if (!st.ok()) return error_response(st.error());
    st->bind(1, l.info.id);
    auto row = st->step();
    if (!row.ok()) return error_response(row.error());
    const std::string at = st->text(0);
    (void)st->step();
    l.info.status = "archived";
    l.info.archived_at = at;
    // Its series ends here (snapshots.hpp): the snapshot of this bar, stored even if it was idle.
    const Market& m = call.book().market_of(l);
    if (l.live() && m.has_bars())
      if (Status s = snapshot_state(db, l.info.id, l.state, m, m.clock); !s.ok()) return error_response(s.error());
    call.ctx.publish("PORTFOLIO_UPDATE", {{"portfolio", portfolio_summary_json(l, call.book().market_of(l))}}, l.info.id);
  }
  auto detail = portfolio_detail_json(call, l);
  if (!detail.ok()) return error_response(detail.error());
  return json_response(200, *detail);
}

HttpResponse get_holdings(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  auto detail = portfolio_detail_json(call, **found);
  if (!detail.ok()) return error_response(detail.error());
  json& d = *detail;
  return json_response(200, {{"portfolio_id", d["id"]},
                             {"as_of", d["as_of"]},
                             {"cash", d["cash"]},
                             {"reserved_cash", d["reserved_cash"]},
                             {"available_cash", d["available_cash"]},
                             {"holdings_value", d["holdings_value"]},
                             {"nav", d["nav"]},
                             {"unrealized_pnl", d["unrealized_pnl"]},
                             {"realized_pnl", d["realized_pnl"]},
                             {"holdings", d["holdings"]},
                             {"allocation", d["allocation"]}});
}

HttpResponse list_transactions(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  auto fills = list_fills_json(call.ctx.db(), (*found)->info.id, page->limit, page->offset);
  if (!fills.ok()) return error_response(fills.error());
  const std::size_t total = (*found)->fills.size();
  json out = {{"portfolio_id", (*found)->info.id}, {"total", total}, {"transactions", *fills}};
  add_offset_paging(out, call, *page, page->offset + page->limit < total);
  return json_response(200, out);
}

HttpResponse list_ledger(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  const std::optional<std::string> kind = call.param("kind");
  const auto wanted = kind ? pf::ledger_kind_from_name(*kind) : std::nullopt;
  if (kind && !wanted)
    return error_response(make_error("bad_parameter", "kind must be borrow_fee, margin_call, call_met or liquidation"));
  const Ledger& l = **found;
  json entries = json::array();
  std::size_t total = 0;
  for (std::size_t k = l.entries.size(); k-- > 0;) {  // newest first, as the transactions
    if (wanted && l.entries[k].kind != *wanted) continue;
    if (total >= page->offset && entries.size() < page->limit) entries.push_back(ledger_entry_json(l, k));
    ++total;
  }
  json out = {{"portfolio_id", l.info.id}, {"total", total}, {"entries", entries}};
  add_offset_paging(out, call, *page, page->offset + page->limit < total);
  return json_response(200, out);
}

}  // namespace finsim::server::handlers
