#include "ledger.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/portfolio_json.hpp"

namespace finsim::server {
namespace {

using store::Database;

std::optional<pf::Date> date_or_none(const std::optional<std::string>& text) {
  return text ? pf::parse_date(*text) : std::nullopt;
}

// A portfolio's stored slippage model (the engine's JSON form).
Result<pf::SlippageModel> read_slippage(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return make_error("store", "its slippage model is not JSON");
  return pf::slippage_from_json(j);
}

Result<std::vector<PortfolioInfo>> load_infos(Database& db) {
  auto st = db.prepare(
      "SELECT p.id, p.name, p.kind, p.status, p.model, p.market_id, p.fee_structure_id, p.initial_capital, "
      "p.allow_short, p.fractional, p.opened_on, p.created_at, p.archived_at, "
      "(SELECT max(date) FROM nav_snapshots s WHERE s.portfolio_id = p.id), p.slippage, p.max_participation "
      "FROM portfolios p ORDER BY p.id");
  if (!st.ok()) return st.error();
  std::vector<PortfolioInfo> out;
  std::optional<Error> bad;
  const Status each_status = st->each([&] {
    if (bad) return;
    PortfolioInfo p;
    p.id = st->integer(0);
    p.name = st->text(1);
    p.kind = st->text(2);
    p.status = st->text(3);
    p.model = st->text(4);
    p.market_id = st->integer(5);
    p.fee_structure_id = st->integer(6);
    p.initial_capital = st->real(7);
    p.rules.allow_short = st->integer(8) != 0;
    p.rules.fractional = st->integer(9) != 0;
    p.opened_on = pf::parse_date(st->text(10)).value_or(pf::Date{});
    p.created_at = st->text(11);
    p.archived_at = st->optional_text(12);
    if (p.kind == "backtest") p.closed_on = date_or_none(st->optional_text(13));
    auto slippage = read_slippage(st->text(14));
    if (!slippage.ok()) {
      bad = make_error("store", "portfolio " + std::to_string(p.id) + ": " + slippage.error().message);
      return;
    }
    p.rules.slippage = *slippage;
    p.rules.max_participation = st->real(15);
    out.push_back(std::move(p));
  });
  if (!each_status.ok()) return each_status.error();
  if (bad) return *bad;
  return out;
}

Status load_fills(Database& db, Ledgers& ledgers, const std::map<std::int64_t, Market>& markets) {
  auto st = db.prepare(
      "SELECT id, portfolio_id, ticker, side, quantity, price, date, order_date, trade_value, fee, net_cash, model, "
      "signal_id, confidence, reference_price, slippage FROM fills ORDER BY id");
  if (!st.ok()) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Ledger& l = ledgers.at(st->integer(1));
    pf::Fill f;
    f.ticker = st->text(2);
    f.side = pf::parse_side(st->text(3)).value_or(pf::Side::buy);
    f.quantity = st->real(4);
    f.price = st->real(5);
    f.date = pf::parse_date(st->text(6)).value_or(pf::Date{});
    f.order_date = pf::parse_date(st->text(7)).value_or(pf::Date{});
    f.trade_value = st->real(8);
    f.fee = st->real(9);
    f.net_cash = st->real(10);
    f.model = st->text(11);
    f.signal_id = st->text(12);
    f.confidence = st->is_null(13) ? -1.0 : st->real(13);
    f.reference_price = st->is_null(14) ? f.price : st->real(14);
    f.slippage = st->real(15);
    const Market& m = markets.at(l.info.market_id);
    if (!m.panel->find(f.ticker))
      return make_error("store", "portfolio " + std::to_string(l.info.id) + ": fill of unknown ticker " + f.ticker);
    book_fill(l, m, std::move(f), st->integer(0));
  }
  return {};
}

std::string money(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

/// The stored balances and holdings must be the replay's, to the bit.
Status reconcile(Database& db, const Ledgers& ledgers, const std::map<std::int64_t, Market>& markets) {
  auto bal = db.prepare("SELECT id, cash, realized_pnl, fees_paid FROM portfolios");
  if (!bal.ok()) return bal.error();
  for (;;) {
    auto row = bal->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const Ledger& l = ledgers.at(bal->integer(0));
    const double stored[] = {bal->real(1), bal->real(2), bal->real(3)};
    const double replay[] = {l.state.cash, l.state.realized_pnl, l.state.fees_paid};
    const char* what[] = {"cash", "realized P&L", "fees paid"};
    for (int i = 0; i < 3; ++i)
      if (stored[i] != replay[i])
        return make_error("store", "portfolio " + std::to_string(l.info.id) + ": stored " + what[i] + " " +
                                       money(stored[i]) + " differs from its fills' replay " + money(replay[i]));
  }
  auto hold = db.prepare("SELECT portfolio_id, ticker, quantity, cost_basis, realized_pnl FROM holdings");
  if (!hold.ok()) return hold.error();
  std::map<std::int64_t, std::size_t> rows;
  for (;;) {
    auto row = hold->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const Ledger& l = ledgers.at(hold->integer(0));
    ++rows[l.info.id];
    const auto a = markets.at(l.info.market_id).panel->find(hold->text(1));
    const pf::Position* p = a ? &l.state.positions[*a] : nullptr;
    if (!p || p->quantity != hold->real(2) || pf::cost_basis(*p) != hold->real(3) || p->realized_pnl != hold->real(4))
      return make_error("store", "portfolio " + std::to_string(l.info.id) + ": stored holding of " + hold->text(1) +
                                     " differs from its fills' replay");
  }
  for (const auto& [id, l] : ledgers) {
    std::size_t traded = 0;
    for (const pf::Position& p : l.state.positions) traded += p.lots.empty() && p.realized_pnl == 0.0 ? 0 : 1;
    if (traded > rows[id])
      return make_error("store", "portfolio " + std::to_string(id) + ": a traded position has no holdings row");
  }
  return {};
}

}  // namespace

std::size_t Ledger::as_of(const Market& market) const {
  if (info.closed_on && market.has_bars())
    return std::max<std::size_t>(market.panel->bars_through(*info.closed_on), 1) - 1;
  return market.clock;
}

bool Ledger::holds_positions() const {
  if (state.fill_count == 0) return false;  // never traded: most portfolios of a crowded server
  return std::any_of(state.positions.begin(), state.positions.end(), [](const pf::Position& p) { return !p.lots.empty(); });
}

pf::PortfolioValuation Ledger::valuation(const Market& market) const {
  if (!market.has_bars()) return pf::value_portfolio(state, std::vector<double>(state.positions.size(), std::nan("")));
  return pf::value_portfolio(state, pf::last_prices(*market.panel, as_of(market)));
}

Result<Ledgers> load_ledgers(Database& db, const std::map<std::int64_t, Market>& markets) {
  auto infos = load_infos(db);
  if (!infos.ok()) return infos.error();
  Ledgers out;
  for (PortfolioInfo& info : *infos) {
    const auto m = markets.find(info.market_id);
    if (m == markets.end()) return make_error("store", "portfolio " + std::to_string(info.id) + ": unknown market");
    Ledger l;
    l.state = pf::open_portfolio(*m->second.panel, info.initial_capital);
    l.info = std::move(info);
    out.emplace(l.info.id, std::move(l));
  }
  if (Status s = load_fills(db, out, markets); !s.ok()) return s.error();
  if (Status s = reconcile(db, out, markets); !s.ok()) return s.error();
  return out;
}

pf::Fill book_fill(pf::PortfolioState& state, std::vector<pf::RoundTrip>& trips, const Market& market, pf::Fill fill) {
  fill.asset = *market.panel->find(fill.ticker);
  fill.bar = std::max<std::size_t>(market.panel->bars_through(fill.date), 1) - 1;
  pf::apply_fill(state, fill, &trips);
  return fill;
}

void book_fill(Ledger& ledger, const Market& market, pf::Fill fill, std::int64_t fill_id) {
  ledger.fills.push_back(book_fill(ledger.state, ledger.trips, market, std::move(fill)));
  ledger.fill_ids.push_back(fill_id);
}

Status store_balances(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& state) {
  auto st = db.prepare("UPDATE portfolios SET cash = ?, realized_pnl = ?, fees_paid = ? WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, state.cash).bind(2, state.realized_pnl).bind(3, state.fees_paid).bind(4, portfolio_id);
  return st->run();
}

Result<std::int64_t> store_fill(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& after,
                                const Market& market, const pf::Fill& f, std::optional<std::int64_t> order_id,
                                std::optional<std::int64_t> part_of) {
  auto st = db.prepare(
      "INSERT INTO fills (portfolio_id, order_id, ticker, side, quantity, price, date, order_date, trade_value, fee, "
      "net_cash, cash_after, model, signal_id, confidence, reference_price, slippage, part_of) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(18, part_of);
  st->bind(1, portfolio_id).bind(2, order_id).bind(3, f.ticker).bind(4, pf::side_name(f.side)).bind(5, f.quantity);
  st->bind(6, f.price).bind(7, pf::format_date(f.date)).bind(8, pf::format_date(f.order_date)).bind(9, f.trade_value);
  st->bind(10, f.fee).bind(11, f.net_cash).bind(12, after.cash).bind(13, f.model).bind(14, f.signal_id);
  st->bind(15, f.confidence >= 0.0 ? f.confidence : std::nan(""));
  st->bind(16, f.reference_price > 0.0 ? f.reference_price : f.price).bind(17, f.slippage);
  if (Status s = st->run(); !s.ok()) return s.error();
  const std::int64_t id = db.last_insert_rowid();
  const pf::Position& p = after.positions[f.asset];
  auto pos = db.prepare(
      "INSERT INTO holdings (portfolio_id, asset_id, ticker, quantity, cost_basis, realized_pnl, opened_on, opened_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (portfolio_id, asset_id) DO UPDATE SET quantity = excluded.quantity, "
      "cost_basis = excluded.cost_basis, realized_pnl = excluded.realized_pnl, opened_on = excluded.opened_on, "
      "opened_by = excluded.opened_by");
  if (!pos.ok()) return pos.error();
  pos->bind(1, portfolio_id).bind(2, market.asset_ids[f.asset]).bind(3, f.ticker).bind(4, p.quantity);
  pos->bind(5, pf::cost_basis(p)).bind(6, p.realized_pnl);
  if (p.lots.empty()) pos->bind_null(7).bind_null(8);
  else pos->bind(7, pf::format_date(p.lots.front().date)).bind(8, p.lots.front().model);
  if (Status s = pos->run(); !s.ok()) return s.error();
  if (Status s = store_balances(db, portfolio_id, after); !s.ok()) return s.error();
  return id;
}

Status store_snapshot(Database& db, std::int64_t portfolio_id, const pf::NavSnapshot& s,
                      const nlohmann::json& allocation) {
  auto st = db.prepare(
      "INSERT INTO nav_snapshots (portfolio_id, date, cash, holdings_value, nav, allocation) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (portfolio_id, date) DO UPDATE SET cash = excluded.cash, holdings_value = excluded.holdings_value, "
      "nav = excluded.nav, allocation = excluded.allocation");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id).bind(2, pf::format_date(s.date)).bind(3, s.cash).bind(4, s.holdings_value).bind(5, s.nav);
  st->bind(6, allocation.dump());
  return st->run();
}

Status snapshot_state(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& state, const Market& market,
                      std::size_t bar, const std::vector<double>* given) {
  const std::vector<double> prices = given ? *given : pf::last_prices(*market.panel, bar);
  const pf::NavSnapshot snap = pf::take_snapshot(state, prices, market.panel->date(bar), bar);
  const auto holdings = pf::holdings_report(state, *market.panel, prices);
  nlohmann::json allocation = pf::allocation_to_json(pf::allocation(holdings, state.cash));
  allocation.erase("nav");
  return store_snapshot(db, portfolio_id, snap, allocation);
}

nlohmann::json portfolio_summary_json(const Ledger& l, const Market& m) {
  using nlohmann::json;
  json j = {{"id", l.info.id},
            {"name", l.info.name},
            {"kind", l.info.kind},
            {"status", l.info.status},
            {"model", l.info.model},
            {"market_id", l.info.market_id},
            {"fee_structure_id", l.info.fee_structure_id},
            {"allow_short", l.info.rules.allow_short},
            {"fractional", l.info.rules.fractional},
            {"slippage", pf::slippage_to_json(l.info.rules.slippage)},
            {"max_participation", l.info.rules.max_participation},
            {"opened_on", pf::format_date(l.info.opened_on)},
            {"as_of", m.has_bars() ? json(pf::format_date(m.panel->date(l.as_of(m)))) : json(nullptr)},
            {"created_at", l.info.created_at},
            {"archived_at", l.info.archived_at ? json(*l.info.archived_at) : json(nullptr)},
            {"fills", l.fills.size()}};
  j.update(pf::valuation_to_json(l.valuation(m)));
  return j;
}

}  // namespace finsim::server
