// Markets: the list, one market, its assets with their last prices, price series, and the clock.
#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/simulation.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"
#include "banking_link.hpp"
#include "market_clock.hpp"
#include "session_registry.hpp"

namespace finsim::server::handlers {
namespace {

using nlohmann::json;

Result<Market*> path_market(ApiCall& call) {
  auto m = call.book().market(call.id());
  if (!m.ok()) return make_error("not_found", m.error().message);
  return m;
}

}  // namespace

HttpResponse list_markets(ApiCall& call) {
  auto page = page_of(call, true);
  if (!page.ok()) return error_response(page.error());
  json list = json::array();
  const auto next = page_by_id(call.book().markets(), *page, [&](const Market& m) {
    json j = market_to_json(m);
    j["default"] = m.id == call.book().default_market_id();
    list.push_back(std::move(j));
  });
  json out = {{"markets", list}, {"total", call.book().markets().size()}};
  add_cursor_paging(out, call, *page, next);
  return json_response(200, out);
}

HttpResponse get_market(ApiCall& call) {
  auto m = path_market(call);
  if (!m.ok()) return error_response(m.error());
  json j = market_to_json(**m);
  j["default"] = (*m)->id == call.book().default_market_id();
  return json_response(200, j);
}

HttpResponse list_assets(ApiCall& call) {
  auto found = path_market(call);
  if (!found.ok()) return error_response(found.error());
  const Market& m = **found;
  const pf::PricePanel& p = *m.visible;
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  json list = json::array();
  const std::vector<double> last = m.has_bars() ? pf::last_prices(p, m.clock) : std::vector<double>(p.asset_count(), std::nan(""));
  const std::vector<double> before =
      m.has_bars() && m.clock > 0 ? pf::last_prices(p, m.clock - 1) : std::vector<double>(p.asset_count(), std::nan(""));
  const std::size_t end = std::min(p.asset_count(), page->offset + page->limit);
  for (std::size_t a = std::min(page->offset, end); a < end; ++a) {
    const pf::Asset& asset = p.asset(a);
    const std::array<double, 2> pair{before[a], last[a]};
    const auto change = pf::simple_returns(pair);  // the last bar's return, the engine's way
    list.push_back({{"ticker", asset.ticker},
                    {"asset_class", pf::asset_class_name(asset.asset_class)},
                    {"sector", asset.sector},
                    {"price", pf::json_number(last[a])},
                    {"previous_price", pf::json_number(before[a])},
                    {"change", pf::json_number(change.front())},
                    {"listed", !std::isnan(last[a])}});
  }
  json out = {{"market_id", m.id},
              {"as_of", m.has_bars() ? json(pf::format_date(m.clock_date())) : json(nullptr)},
              {"assets", list},
              {"total", p.asset_count()}};
  add_offset_paging(out, call, *page, end < p.asset_count());
  return json_response(200, out);
}

HttpResponse get_prices(ApiCall& call) {
  auto found = path_market(call);
  if (!found.ok()) return error_response(found.error());
  const Market& m = **found;
  const pf::PricePanel& p = *m.visible;
  auto from = call.date("from");
  auto to = call.date("to");
  if (!from.ok()) return error_response(from.error());
  if (!to.ok()) return error_response(to.error());
  std::vector<std::string> tickers = call.list("tickers");
  if (tickers.empty())
    return error_response(make_error("bad_parameter", "name the tickers: ?tickers=A,B (at most 50)"));
  if (tickers.size() > 50) return error_response(make_error("bad_parameter", "at most 50 tickers at once"));
  std::vector<std::size_t> assets;
  for (const std::string& t : tickers) {
    const auto a = p.find(t);
    if (!a) return error_response(make_error("unknown_ticker", "unknown ticker '" + t + "'"));
    assets.push_back(*a);
  }
  const std::size_t begin = *from ? p.bars_before(pf::range_start(**from)) : 0;
  const std::size_t end = *to ? p.bars_through(**to) : p.bar_count();
  json dates = json::array(), series = json::object();
  for (std::size_t b = begin; b < end; ++b) dates.push_back(pf::format_date(p.date(b)));
  for (std::size_t i = 0; i < assets.size(); ++i) {
    json values = json::array();
    for (std::size_t b = begin; b < end; ++b) values.push_back(pf::json_number(p.close(b, assets[i])));
    series[tickers[i]] = std::move(values);
  }
  return json_response(200, {{"market_id", m.id}, {"dates", dates}, {"closes", series}});
}

HttpResponse advance_market(ApiCall& call) {
  auto found = path_market(call);
  if (!found.ok()) return error_response(found.error());
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  pf::JsonFields f(*body, "advance", "bad_request", {"bars", "stress", "jump", "banking_session"});
  const double bars = f.number("bars", 1.0);
  pf::MarketConditions c;
  c.stress = f.number("stress", 0.0);
  c.jump = f.number("jump", 0.0);
  const std::string session = f.text("banking_session", "");
  if (!f.ok()) return error_response(make_error("out_of_range", f.error().message));
  if (!(bars >= 1 && bars <= 5000 && bars == std::floor(bars)))
    return error_response(make_error("out_of_range", "bars must be a whole number in 1..5000"));
  if (!(c.stress >= 0.0 && c.stress <= 1.0)) return error_response(make_error("out_of_range", "stress must be in [0, 1]"));
  if (!(c.jump > -1.0 && c.jump < 1.0)) return error_response(make_error("out_of_range", "jump must be in (-1, 1)"));
  json link = nullptr;
  if (!session.empty()) {
    // The banking link: the live banking session's latest step sets the market's conditions.
    if (f.has("stress") || f.has("jump"))
      return error_response(make_error("bad_request", "give stress and jump, or banking_session, not both"));
    if (!call.sessions) return error_response(make_error("unknown_session", "no banking sessions here"));
    auto live = call.sessions->find(session);
    if (!live.ok()) return error_response(live.error());
    const Metrics metrics = (*live)->metrics();
    c = pf::conditions_from_banking(metrics);
    link = {{"session", session},
            {"timestep", metrics.timestep},
            {"default_rate", metrics.default_rate},
            {"liquidity", metrics.liquidity},
            {"price_change", metrics.price_change}};
  }
  auto out = server::advance_market(call.ctx, (*found)->id, static_cast<std::size_t>(bars), c);
  if (!out.ok()) return error_response(out.error());
  (*out)["conditions"] = {{"stress", c.stress}, {"jump", c.jump}, {"banking", link}};
  return json_response(200, *out);
}

HttpResponse link_market(ApiCall& call) {
  auto found = path_market(call);
  if (!found.ok()) return error_response(found.error());
  Market& m = **found;
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  if (body->size() != 1 || !body->contains("session") || !((*body)["session"].is_string() || (*body)["session"].is_null()))
    return error_response(make_error("bad_request", "the body is {\"session\": \"<banking session id>\" | null}"));
  const std::string session = (*body)["session"].is_null() ? "" : (*body)["session"].get<std::string>();
  if (!session.empty() && m.kind != "simulated")
    return error_response(make_error("conflict", "only a simulated market can follow a banking session"));
  if (!session.empty() && (!call.sessions || !call.sessions->find(session).ok()))
    return error_response(make_error("unknown_session", "no banking session '" + session + "'"));
  auto st = call.ctx.db().prepare("UPDATE markets SET linked_session = ? WHERE id = ?");
  if (!st.ok()) return error_response(st.error());
  if (session.empty()) st->bind_null(1);
  else st->bind(1, session);
  st->bind(2, m.id);
  if (Status s = st->run(); !s.ok()) return error_response(s.error());
  const std::string previous = m.linked_session;
  m.linked_session = session;
  call.ctx.after_commit([sessions = call.sessions, service = call.service, id = m.id, previous, session] {
    if (!previous.empty()) detach_banking_link(*sessions, id, previous);
    if (auto s = service.lock(); s && !session.empty()) attach_banking_link(s, *sessions, id, session);
  });
  const json out = market_to_json(m);
  call.ctx.publish("MARKET_UPDATE", {{"market", out}, {"bars", json::array()}});
  return json_response(200, out);
}

}  // namespace finsim::server::handlers
